package engine

import (
	"encoding/json"
	"errors"
	"hash/maphash"
	"maps"
	"net/netip"
	"runtime"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"golang.org/x/sync/errgroup"

	"github.com/slate-ot/slate/evidence/traffic"
)

// Most of the evidence of a large site is the flows of its captures: a
// million flows are 600 MB of JSON and, as Rego values, about 4 GB. The
// built-in checks need a few of them: the flows that cross a zone
// boundary, that speak a protocol they judge, that reach an address no
// zone declares. So the engine reads the flows of every capture document
// from the input text without making them Rego values, selects those the
// checks need, and gives policies the selections (input.index.pcap, read
// through data.slate.lib.network):
//
//	"index": {"pcap": {
//	    "crossing":    flows whose two ends are in different zones,
//	    "insecure":    flows of telnet, FTP, HTTP, SNMP and SMB,
//	    "tls":         TLS flows,
//	    "negotiated":  flows of OPC UA, RDP, SSH and VNC, whose two ends
//	                   negotiate their security on the wire,
//	    "external":    flows with an end at an address outside every
//	                   network the assessment declares,
//	    "identity":    flows of the protocols that identify a device
//	                   (traffic.IdentityProtocols: Modbus, EtherNet/IP,
//	                   S7comm, BACnet, and the banners of SNMP, HTTP, SSH
//	                   and TLS) on which a dissector recorded one of the
//	                   attributes that do (traffic.IdentityAttrs),
//	    "operations":  flows on which a dissector recorded an operation
//	                   that changes a device (class write, control or
//	                   program), whatever their zones,
//	    "zones":       zones named at the two ends of some flow,
//	    "inner_zones": zones in which some flow starts and ends,
//	    "vlans":       VLAN ids (other than 0) on some flow,
//	    "wire_assets": the devices the captures saw (data.assets), each
//	                   with "document",
//	    "scope":       per capture document with flows, in document
//	                   order, what says which zones it saw inside:
//	                   {"document", "inner_zones", "vlans",
//	                   "device_vlans"}, its own inner_zones and vlans as
//	                   above, and the VLANs of the devices it saw,
//	    "weak_sessions": the flows of negotiated (and of SNMP in
//	                   insecure) whose attributes show a weakness
//	                   SLATE-NET-008 judges (flowindex_sessions.go)}}
//
// Each selection is a list of conversations, in the order each was first
// seen: the flows that differ only in what belongs to one connection (see
// conversationKeys), as their first flow with "flows", the list of them.
// Checks judge a conversation once and read its flows only for what
// belongs to one connection. Every flow carries "document", the id of its
// document, as the elements of data.slate.lib.network.flows do. The
// selections are supersets: a flow whose zones, protocol or addresses are
// not plain strings is selected too, and the policies apply their own
// conditions to what they get. policies/lib/flowindex.rego computes the
// same index in Rego when the input has none (opa test, opa eval on a
// saved input); TestFlowIndexMatchesRego holds the two to the same index
// and the same findings.
//
// A selection of crossing, external, identity, insecure, negotiated,
// operations and tls that no check of the set reads
// (PolicySet.UnreadSelections) is left out, and the flows only it would
// hold are never made values; crossing and external are always made, for
// the engine's joined and advisory facts (goReadSelections), and every
// selection is made when weak_sessions cannot be (selections).
//
// The flows themselves (input.evidence.pcap[_].data.flows) are in the
// value only when some check reads them (PolicySet.ReadsFlows): the
// built-in checks read the index. When a capture document does not have
// the shape of the collector's (data.flows a list of objects), every flow
// is kept and the index is left out, and the policies select from every
// flow themselves.

// The protocols index.pcap.insecure, negotiated and identity select, and
// the attributes that identify a device, are evidence/traffic's (which
// policies/lib/traffic.rego holds for the Rego index too).
var (
	insecureProtocols   = traffic.InsecureProtocols()
	negotiatedProtocols = traffic.NegotiatedProtocols()
	identityProtocols   = traffic.IdentityProtocols()
	identityAttrs       = traffic.IdentityAttrs()
)

// errIrregular stops a conversion that met capture evidence not shaped as
// the collector writes it: the input is converted again, whole.
var errIrregular = errors.New("capture evidence of an unexpected shape")

// inputPlan says what prepareInput keeps of the flows.
type inputPlan struct {
	// allFlows keeps every flow in input.evidence.pcap[_].data.flows.
	allFlows bool
	// allLists keeps the lists the index holds besides the flows in their
	// documents: input.evidence.assets[_].data.assets (the inventory's
	// records) and input.evidence.pcap[_].data.assets (the devices seen).
	// Without it they are left out of a kind's documents whenever the
	// index of that kind was made.
	allLists bool
	// noIndex leaves input.index.pcap out (tests of the Rego index).
	noIndex bool
	// strict checks every traffic document against the typed model and
	// makes one the index cannot read an error (strictTraffic).
	strict bool
	// dropFlowFields are the fields the flows of the index leave out:
	// the counters no policy names (unnamedFlowCounters).
	dropFlowFields []string
	// skipSelections are the selections of index.pcap left out: those
	// no policy reads (UnreadSelections) and the engine's own indexes do
	// not either (goReadSelections).
	skipSelections []string
	// inside, when set, tells the addresses in the assessment's declared
	// networks (declaredNetworks): a flow's ends are tested as it is read,
	// while its text is at hand, rather than when it is selected.
	inside func(ip []byte) bool
}

// plan is what the set's checks need kept of the lists the index holds.
func (ps *PolicySet) plan() inputPlan {
	var skip []string
	for _, name := range ps.UnreadSelections() {
		if !slices.Contains(goReadSelections, name) {
			skip = append(skip, name)
		}
	}
	return inputPlan{allFlows: len(ps.ReadsFlows()) > 0, allLists: len(ps.ReadsAssetLists()) > 0, strict: strictTraffic,
		dropFlowFields: ps.unnamedFlowCounters(), skipSelections: skip}
}

// goReadSelections are the selections the engine's own indexes read
// (input.index.joined and input.index.advisories): always made.
var goReadSelections = []string{"crossing", "external"}

// Flow selection bits.
const (
	selCrossing = 1 << iota
	selInsecure
	selTLS
	selIdentity
	selOperations
	selNegotiated
	selExternal // only in a capDoc's need
)

// selectionBits are the selections of index.pcap a flow's sel says it
// belongs to, by name; "external" is decided with the declared networks
// (selectFlows).
var selectionBits = []struct {
	bit  int
	name string
}{{selCrossing, "crossing"}, {selInsecure, "insecure"}, {selTLS, "tls"}, {selIdentity, "identity"}, {selOperations, "operations"}, {selNegotiated, "negotiated"}, {selExternal, "external"}}

// selectionMask is the bits of the selections not in skip.
func selectionMask(skip []string) int {
	need := 0
	for _, s := range selectionBits {
		if !slices.Contains(skip, s.name) {
			need |= s.bit
		}
	}
	return need
}

// changeClasses are the operation classes index.pcap.operations selects:
// those that change a device's data, state or logic
// (traffic.ChangeClasses).
var changeClasses = func() opClassSet {
	var c opClassSet
	for _, class := range traffic.ChangeClasses() {
		c.add(class)
	}
	return c
}()

// capFlow is what the index needs to know of one flow. It holds no
// pointers, so that the collector never reads the million of them a
// large site has: its conversation's key, the classes of its operations
// other than opClasses and its value in data.flows are its document's
// (capDoc.convKey, classesOf, kept).
type capFlow struct {
	from, to int // its text
	sel      int
	conv     int32  // its conversation: cd.convs[conv]
	classes  uint16 // of its operations, as opClassSet.bits
	// weak says the flow may meet one of sessionTests, or its facts do
	// not read plainly: its conversation goes into index.pcap.weak_sessions
	// or makes it fail (weakSessions). No flow without it does either.
	weak     bool
	selected bool // some selection holds it (cd.selected)
	tested   bool // its ends were tested as it was read (selExternal set then)
	// The addresses at its ends, as where their text lies: read only
	// when the flow's selections are decided (selectFlows), so that the
	// millions of addresses of a large capture are neither copied nor
	// looked up while it is read.
	ips [2]ipSpan
}

// capDoc is one capture document's part of the index.
type capDoc struct {
	id       *ast.Term
	flows    []capFlow
	hasFlows bool
	zones    map[string]bool
	inner    map[string]bool
	vlans    ast.Set
	assets   *ast.Term        // data.assets, the devices seen
	sc       *jsonScanner     // the document's, for its strings
	key      []byte           // scratch for conversation keys
	convs    []string         // the conversation keys made so far
	keys     map[uint64]int32 // where in convs, by the key's hash
	collided map[string]int32 // where in convs, of a key whose hash another key has
	others   map[int][]string // by flow, the classes of operations beyond opClasses
	kept     []*ast.Term      // with plan.allFlows, by flow, its value in data.flows
	selected []selectedFlow
	chosen   bool     // selected holds the document's selected flows
	drop     []string // the fields the selected flows leave out
	need     int      // the bits of the selections made (selectionMask)
	inside   func(ip []byte) bool
}

// convKey is the key of flow f's conversation.
func (cd *capDoc) convKey(f *capFlow) string { return cd.convs[f.conv] }

// classesOf is the classes of the operations of the i-th flow.
func (cd *capDoc) classesOf(i int) opClassSet {
	return opClassSet{bits: cd.flows[i].classes, other: cd.others[i]}
}

// newCapDoc begins the index's part of the capture document sc reads.
func newCapDoc(sc *jsonScanner, plan inputPlan) *capDoc {
	return &capDoc{sc: sc, drop: plan.dropFlowFields, need: selectionMask(plan.skipSelections), inside: plan.inside}
}

// selectedFlow is a flow some selection holds: its value, with its
// document, and what decides where it goes.
type selectedFlow struct {
	term *ast.Term
	flow *capFlow
	i    int // its place in the document's flows
}

// captureDocument converts one capture document (sc at its start), reading
// its flows as plan says.
func captureDocument(sc *jsonScanner, depth int, plan inputPlan) (*ast.Term, *capDoc, error) {
	if !sc.peek('{') {
		return nil, nil, errIrregular
	}
	cd := newCapDoc(sc, plan)
	var members [][2]*ast.Term
	err := sc.object(depth, func(key string) error {
		var t *ast.Term
		var err error
		switch key {
		case "data":
			t, err = captureData(sc, depth+1, plan, cd)
		default:
			t, err = sc.term(depth + 1)
		}
		if key == "id" {
			cd.id = t
		}
		members = append(members, [2]*ast.Term{sc.intern(key), t})
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return ast.NewTerm(objectOf(members)), cd, nil
}

// captureData converts a capture document's data: the flows as plan says,
// the rest whole.
func captureData(sc *jsonScanner, depth int, plan inputPlan, cd *capDoc) (_ *ast.Term, err error) {
	// Of two "data" keys the later is the document's.
	cd.flows, cd.hasFlows, cd.assets = nil, false, nil
	cd.zones, cd.inner, cd.vlans = map[string]bool{}, map[string]bool{}, ast.NewSet()
	if plan.strict {
		from := sc.i
		defer func() {
			if err == nil {
				err = checkTraffic(sc.src[from:sc.i])
			}
		}()
	}
	if !sc.peek('{') {
		return sc.term(depth)
	}
	var members [][2]*ast.Term
	err = sc.object(depth, func(key string) error {
		if key == trafficKeys.assets {
			// The devices seen share the lists that repeat from one to
			// the next (the protocols a device serves and uses, its
			// VLANs); the records themselves are copied with "document"
			// for the index, never changed.
			sc.values, sc.shareBelow = map[string]*ast.Term{}, depth+2
			t, err := sc.term(depth + 1)
			sc.values = nil
			members = append(members, [2]*ast.Term{sc.intern(key), t})
			cd.assets = t
			return err
		}
		if key != trafficKeys.flows {
			t, err := sc.term(depth + 1)
			members = append(members, [2]*ast.Term{sc.intern(key), t})
			return err
		}
		if !sc.peek('[') {
			return errIrregular
		}
		cd.flows, cd.hasFlows, cd.kept = cd.flows[:0], true, nil
		clear(cd.others)
		clear(cd.zones)
		clear(cd.inner)
		cd.vlans = ast.NewSet()
		var kept []*ast.Term
		start := sc.i
		err := sc.array(depth+1, func() error {
			f, err := cd.skimFlow(sc, depth+2)
			if err != nil {
				return err
			}
			if len(cd.flows) == flowsSampled {
				cd.flows = slices.Grow(cd.flows, estimateFlows(sc, start))
			}
			if plan.allFlows {
				t, err := sc.at(f.from, f.to).term(depth + 2)
				if err != nil {
					return err
				}
				kept = append(kept, t)
			}
			cd.flows = append(cd.flows, f)
			return nil
		})
		if plan.allFlows {
			cd.kept = kept
			members = append(members, [2]*ast.Term{sc.intern(key), ast.ArrayTerm(kept...)})
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(objectOf(members)), nil
}

// flowsSampled is how many flows are read before the list of flows is
// made as large as the rest of the document would fill.
const flowsSampled = 1024

// estimateFlows is how many more flows the text after sc holds at most,
// if the flows read since start are of the usual size, and the rest of
// the document flows: the list of flows grows once to that, rather than
// doubling (and copying) its way up to a million flows.
func estimateFlows(sc *jsonScanner, start int) int {
	read := sc.i - start
	if read <= 0 {
		return 0
	}
	return (len(sc.src) - sc.i) / (read/flowsSampled + 1)
}

// at returns a scanner over src[from:to] sharing sc's strings.
func (sc *jsonScanner) at(from, to int) *jsonScanner {
	if sc.strings == nil {
		sc.strings = map[string]*ast.Term{}
	}
	if sc.seen == nil {
		sc.seen = map[string]string{}
	}
	if sc.numbers == nil {
		sc.numbers = map[string]*ast.Term{}
	}
	if sc.names == nil {
		sc.names = map[string]*ast.Term{}
	}
	if sc.times == nil {
		sc.times = map[string]*ast.Term{}
	}
	return &jsonScanner{src: sc.src[:to], i: from, strings: sc.strings, names: sc.names, times: sc.times, numbers: sc.numbers, seen: sc.seen, values: sc.values, shareBelow: sc.shareBelow, stack: sc.stacked()}
}

// endpoint is what the index reads of one end of a flow.
type endpoint struct {
	zone               string
	zoneSet, zonePlain bool
	ip                 ipSpan
}

// ipSpan is where the address of a flow's end lies in its document's
// text: the string's text between the quotes, src[from:to]. set is false
// when the end has no ip, plain false when the ip is not a string, escaped
// true when its text has escapes (or is not UTF-8) and must be decoded.
type ipSpan struct {
	from, to            int
	set, plain, escaped bool
}

// text is the address s holds in src; ok is false when s holds none
// (no ip, or not a string).
func (s ipSpan) text(src []byte) (ip []byte, ok bool) {
	if !s.set || !s.plain {
		return nil, false
	}
	if !s.escaped {
		return src[s.from:s.to], true
	}
	var v string
	if err := json.Unmarshal(src[s.from-1:s.to+1], &v); err != nil {
		return nil, false
	}
	return []byte(v), true
}

// skimFlow reads one flow (sc at its start) for the index, checking its
// text and making no values but its VLAN ids.
func (cd *capDoc) skimFlow(sc *jsonScanner, depth int) (capFlow, error) {
	f := capFlow{from: sc.i}
	if !sc.peek('{') {
		return f, errIrregular
	}
	f.from = sc.i
	var ends [2]endpoint
	var proto string
	var protoPlain bool
	var vlans [2]*ast.Term
	identity := false
	var tests uint32 // the sessionTests the flow's attributes may meet
	key := cd.key[:0]
	err := sc.objectRaw(depth, func(name []byte) error {
		from := sc.i
		var err error
		switch string(name) {
		case trafficKeys.client, trafficKeys.server:
			server := string(name) == trafficKeys.server
			e, code := &ends[0], byte(keyClient)
			if server {
				e, code = &ends[1], keyServer
			}
			*e = endpoint{}
			key = append(key, code, '{')
			key, err = sc.skimEndpoint(depth+1, e, server, key)
			return err
		case trafficKeys.protocol:
			proto, protoPlain, err = sc.skimString(depth + 1)
		case trafficKeys.vlan:
			vlans[0], err = sc.term(depth + 1)
		case trafficKeys.innerVLAN:
			vlans[1], err = sc.term(depth + 1)
		case trafficKeys.facts:
			var classes opClassSet
			identity, classes, tests, err = sc.skimFacts(depth + 1)
			f.classes = classes.bits
			if len(classes.other) > 0 {
				if cd.others == nil {
					cd.others = map[int][]string{}
				}
				cd.others[len(cd.flows)] = classes.other
			}
			return err
		default:
			err = sc.skip(depth + 1)
		}
		if i := indexOf(name, trafficKeys.conversation); i >= 0 {
			key = appendKey(key, keyConversation+byte(i), sc.src[from:sc.i])
		}
		return err
	})
	if err != nil {
		return f, err
	}
	f.to = sc.i
	f.conv = cd.conversationKey(key)
	cd.key = key
	cz, sz := ends[0], ends[1]
	// [client.zone, server.zone] is undefined when either is.
	if cz.zoneSet && sz.zoneSet {
		if cz.zonePlain {
			cd.zones[cz.zone] = true
		}
		if sz.zonePlain {
			cd.zones[sz.zone] = true
		}
	}
	if cz.zonePlain && sz.zonePlain && cz.zone == sz.zone {
		cd.inner[cz.zone] = true
	} else {
		f.sel |= selCrossing
	}
	if !protoPlain || slices.Contains(insecureProtocols, proto) {
		f.sel |= selInsecure
	}
	if !protoPlain || proto == "tls" {
		f.sel |= selTLS
	}
	if !protoPlain || slices.Contains(negotiatedProtocols, proto) {
		f.sel |= selNegotiated
	}
	if identity && (!protoPlain || slices.Contains(identityProtocols, proto)) {
		f.sel |= selIdentity
	}
	if f.classes&changeClasses.bits != 0 {
		f.sel |= selOperations
	}
	if protoPlain && tests != 0 {
		for i, t := range sessionTests {
			if tests&(1<<i) != 0 && t.protocol == proto {
				f.weak = true
			}
		}
	}
	f.ips = [2]ipSpan{ends[0].ip, ends[1].ip}
	if cd.inside != nil {
		f.tested = true
		if external(f.ips, sc.src, cd.inside) {
			f.sel |= selExternal
		}
	}
	for _, v := range vlans {
		if v != nil && !v.Equal(ast.InternedTerm(0)) {
			cd.vlans.Add(v)
		}
	}
	return f, nil
}

// keySeed seeds the hashes of conversation keys, which only find a key
// made before (conversationKey) and never reach the input.
var keySeed = maphash.MakeSeed()

// conversationKey is the place in cd.convs of key, which the document
// keeps once: a conversation has many flows. A key (about 135 bytes) is
// found by its 64-bit hash and compared once, rather than hashed and
// compared as a string in a map of strings; a key whose hash another key
// has is found by its text.
func (cd *capDoc) conversationKey(key []byte) int32 {
	h := maphash.Bytes(keySeed, key)
	i, ok := cd.keys[h]
	if ok && cd.convs[i] == string(key) {
		return i
	}
	if ok {
		if i, ok := cd.collided[string(key)]; ok {
			return i
		}
		if cd.collided == nil {
			cd.collided = map[string]int32{}
		}
		i = cd.add(key)
		cd.collided[cd.convs[i]] = i
		return i
	}
	if cd.keys == nil {
		cd.keys = map[uint64]int32{}
	}
	i = cd.add(key)
	cd.keys[h] = i
	return i
}

// add adds a conversation key to cd.convs.
func (cd *capDoc) add(key []byte) int32 {
	cd.convs = append(cd.convs, string(key))
	return int32(len(cd.convs) - 1)
}

// skimEndpoint reads the zone and address of a flow's end, and appends
// the members that name the end (all but a client's port) to key.
func (sc *jsonScanner) skimEndpoint(depth int, e *endpoint, server bool, key []byte) ([]byte, error) {
	from := sc.i
	if !sc.peek('{') {
		err := sc.skip(depth)
		return appendKey(key, keyWhole, sc.src[from:sc.i]), err
	}
	err := sc.objectRaw(depth, func(name []byte) error {
		from := sc.i
		var err error
		switch string(name) {
		case trafficKeys.zone:
			e.zoneSet = true
			e.zone, e.zonePlain, err = sc.skimString(depth + 1)
		case trafficKeys.ip:
			e.ip, err = sc.skimIP(depth + 1)
		default:
			err = sc.skip(depth + 1)
		}
		if i := indexOf(name, trafficKeys.endpoint); i >= 0 {
			key = appendKey(key, keyEndpoint+byte(i), sc.src[from:sc.i])
		} else if server && string(name) == trafficKeys.port {
			key = appendKey(key, keyPort, sc.src[from:sc.i])
		}
		return err
	})
	return append(key, '}'), err
}

// A conversation is the flows that differ only in what belongs to one
// connection: the client's port, the counters and times, the facts a
// dissector recorded. trafficKeys.conversation and trafficKeys.endpoint
// are the members that name it: two flows with the same text for each
// are one conversation.
//
// A conversation key holds, in the order of the flow's text, each such
// member as one byte that names it and its text, ended by a 0 (which
// JSON text never holds), and each end as one byte that names it
// between '{' and '}'.
const (
	keyConversation = 0x01 // + the member's place in trafficKeys.conversation
	keyEndpoint     = 0x10 // + the member's place in trafficKeys.endpoint
	keyPort         = 0x1e // the server's port
	keyWhole        = 0x1f // an end that is not an object, whole
	keyClient       = 0x20 // the client's end
	keyServer       = 0x21 // the server's end
)

// indexOf is the place of name in names, or -1.
func indexOf(name []byte, names []string) int {
	for i, n := range names {
		if string(name) == n {
			return i
		}
	}
	return -1
}

// isOneOf reports whether name is one of names.
func isOneOf(name []byte, names []string) bool { return indexOf(name, names) >= 0 }

// appendKey appends one member, named by code, to a conversation key.
func appendKey(key []byte, code byte, raw []byte) []byte {
	key = append(key, code)
	key = append(key, raw...)
	return append(key, 0)
}

// skimString reads a value that should be a string; plain is false when
// it is not one.
func (sc *jsonScanner) skimString(depth int) (s string, plain bool, err error) {
	if !sc.peek('"') {
		return "", false, sc.skip(depth)
	}
	s, err = sc.cachedStr()
	return s, true, err
}

// skimIP reads the value of an end's ip where it lies.
func (sc *jsonScanner) skimIP(depth int) (ipSpan, error) {
	s := ipSpan{set: true}
	if !sc.peek('"') {
		return s, sc.skip(depth)
	}
	raw, plain, err := sc.rawText()
	s.plain, s.from, s.to = true, sc.i-1-len(raw), sc.i-1
	s.escaped = mustDecode(raw, plain)
	return s, err
}

// skimFacts reads a flow's facts: identity reports whether they may hold
// a device's identity (an attribute of identityAttrs, or facts of another
// shape than the dissectors'), classes the classes of its operations,
// tests the sessionTests (as bits) its attributes may meet or make fail
// (facts or attributes of another shape, a value split reads that is not
// a string).
func (sc *jsonScanner) skimFacts(depth int) (identity bool, classes opClassSet, tests uint32, err error) {
	if !sc.peek('{') {
		return true, allOpClasses(), allSessionTests, sc.skip(depth)
	}
	err = sc.objectRaw(depth, func(key []byte) error {
		switch string(key) {
		case trafficKeys.attrs:
			if !sc.peek('{') {
				identity = true
				tests = allSessionTests
				return sc.skip(depth + 1)
			}
			return sc.objectRaw(depth+1, func(attr []byte) error {
				if isOneOf(attr, identityAttrs) {
					identity = true
				}
				if !isOneOf(attr, sessionAttrs) {
					return sc.skip(depth + 2)
				}
				v, plain, err := sc.skimString(depth + 2)
				for i, t := range sessionTests {
					if t.attr != string(attr) {
						continue
					}
					if plain && (t.equals && v == t.value || !t.equals && hasValue(v, t.value)) || !plain && !t.equals {
						tests |= 1 << i
					}
				}
				return err
			})
		case trafficKeys.ops:
			var err error
			classes, err = sc.skimOps(depth + 1)
			return err
		}
		return sc.skip(depth + 1)
	})
	return identity, classes, tests, err
}

// skimOps reads a flow's operations for their classes; when they are not
// a list of objects with a string class, every class is taken.
func (sc *jsonScanner) skimOps(depth int) (opClassSet, error) {
	var set opClassSet
	if !sc.peek('[') {
		return allOpClasses(), sc.skip(depth)
	}
	err := sc.array(depth, func() error {
		if !sc.peek('{') {
			set = allOpClasses()
			return sc.skip(depth + 1)
		}
		return sc.objectRaw(depth+1, func(key []byte) error {
			if string(key) != trafficKeys.class {
				return sc.skip(depth + 2)
			}
			if !sc.peek('"') {
				set = allOpClasses()
				return sc.skip(depth + 2)
			}
			class, err := sc.cachedStr()
			set.add(class)
			return err
		})
	})
	return set, err
}

// opClasses are the classes of operations traffic evidence records
// (traffic.OpClasses).
var opClasses = traffic.OpClasses()

// opClassSet is a set of operation classes: the known ones as bits, any
// other by name.
type opClassSet struct {
	bits  uint16
	other []string
}

func allOpClasses() opClassSet { return opClassSet{bits: 1<<len(opClasses) - 1} }

func (c *opClassSet) add(class string) {
	if i := slices.Index(opClasses, class); i >= 0 {
		c.bits |= 1 << i
	} else if !slices.Contains(c.other, class) {
		c.other = append(c.other, class)
	}
}

func (c *opClassSet) union(d opClassSet) {
	c.bits |= d.bits
	for _, o := range d.other {
		c.add(o)
	}
}

// term is the set as a sorted list of names.
func (c opClassSet) term() *ast.Term {
	var names []string
	for i, name := range opClasses {
		if c.bits&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	names = append(names, c.other...)
	slices.Sort(names)
	terms := make([]*ast.Term, len(names))
	for i, n := range names {
		terms[i] = ast.StringTerm(n)
	}
	return ast.ArrayTerm(terms...)
}

// buildFlowIndex makes input.index.pcap from the capture documents, given
// the assessment (for its declared networks). With inPlace, the documents'
// lists of devices leave the input (withIndex): each device gets its
// "document" where it is rather than in a copy.
func buildFlowIndex(docs []*capDoc, assessment *ast.Term, inPlace bool, skip []string) (ast.Object, error) {
	inside := declaredNetworks(assessment)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, cd := range docs {
		if cd.id == nil || !cd.hasFlows {
			// network.flows has no flows of this document either.
			continue
		}
		g.Go(func() error { return cd.selectOnce(inside) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	zones, inner := map[string]bool{}, map[string]bool{}
	vlans := ast.NewSet()
	var wire, scope []*ast.Term
	// The VLANs of the devices seen, by document id, for scope.
	deviceVLANs := map[string]ast.Set{}
	names := func(set map[string]bool) *ast.Term {
		terms := make([]*ast.Term, 0, len(set))
		for _, z := range slices.Sorted(maps.Keys(set)) {
			terms = append(terms, ast.StringTerm(z))
		}
		return ast.ArrayTerm(terms...)
	}
	for _, cd := range docs {
		if cd.id == nil {
			continue
		}
		if cd.assets != nil {
			devices, ok := cd.assets.Value.(*ast.Array)
			if !ok {
				return nil, errIrregular
			}
			for i := range devices.Len() {
				d, ok := devices.Elem(i).Value.(ast.Object)
				if !ok {
					return nil, errIrregular
				}
				addDeviceVLANs(deviceVLANs, cd.id, d)
				if inPlace {
					d.Insert(ast.InternedTerm("document"), cd.id)
					wire = append(wire, devices.Elem(i))
				} else {
					wire = append(wire, withDocument(d, cd.id))
				}
			}
		}
		if !cd.hasFlows {
			continue
		}
		maps.Copy(zones, cd.zones)
		maps.Copy(inner, cd.inner)
		vlans = vlans.Union(cd.vlans)
	}
	for _, cd := range docs {
		if cd.id == nil || !cd.hasFlows {
			continue
		}
		dv, ok := deviceVLANs[cd.id.String()]
		if !ok {
			dv = ast.NewSet()
		}
		scope = append(scope, ast.ObjectTerm(
			[2]*ast.Term{ast.InternedTerm("device_vlans"), ast.NewTerm(dv.Sorted())},
			[2]*ast.Term{ast.InternedTerm("document"), cd.id},
			[2]*ast.Term{ast.InternedTerm("inner_zones"), names(cd.inner)},
			[2]*ast.Term{ast.InternedTerm("vlans"), ast.NewTerm(cd.vlans.Sorted())}))
	}
	members := [][2]*ast.Term{
		{ast.InternedTerm("zones"), names(zones)},
		{ast.InternedTerm("inner_zones"), names(inner)},
		{ast.InternedTerm("vlans"), ast.NewTerm(vlans.Sorted())},
		{ast.InternedTerm("wire_assets"), ast.ArrayTerm(wire...)},
		{ast.InternedTerm("scope"), ast.ArrayTerm(scope...)},
	}
	terms, weak, err := selections(docs, skip)
	if err != nil {
		return nil, err
	}
	for _, name := range selectionNames {
		if t, ok := terms[name]; ok {
			members = append(members, [2]*ast.Term{ast.InternedTerm(name), t})
		}
	}
	if weak != nil {
		members = append(members, [2]*ast.Term{ast.InternedTerm("weak_sessions"), weak})
	}
	return ast.NewObject(members...), nil
}

// selections makes the selections of index.pcap but those of skip, and
// weak_sessions, from the flows the documents selected (selectFlows).
// weak_sessions reads the conversations of negotiated and insecure
// that hold a flow with a weakness: when either selection is skipped,
// the flows of those conversations are made all the same (selectMore).
// When weak_sessions cannot be made (weakSessions), the policies make it
// from negotiated and insecure: then no selection is skipped, so that
// what UnreadSelections finds holds (a rule that applies only without
// index.pcap.weak_sessions reads no selection).
func selections(docs []*capDoc, skip []string) (map[string]*ast.Term, *ast.Term, error) {
	docs = slices.DeleteFunc(slices.Clone(docs), func(cd *capDoc) bool { return cd.id == nil || !cd.hasFlows })
	const sessions = selNegotiated | selInsecure
	need := selectionMask(skip)
	if need&sessions != sessions {
		weakKeys := map[string]bool{}
		for _, cd := range docs {
			for i := range cd.flows {
				if f := &cd.flows[i]; f.weak && f.sel&sessions != 0 {
					weakKeys[cd.convKey(f)] = true
				}
			}
		}
		if len(weakKeys) > 0 {
			for _, cd := range docs {
				if err := cd.selectMore(func(f *capFlow) bool { return f.sel&sessions != 0 && weakKeys[cd.convKey(f)] }); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	lists := selectionLists(docs)
	weak, ok := weakSessions(lists["negotiated"].term(), lists["insecure"].term())
	if !ok {
		weak = nil
		if len(skip) > 0 {
			for _, cd := range docs {
				if err := cd.selectMore(func(f *capFlow) bool { return f.sel != 0 }); err != nil {
					return nil, nil, err
				}
			}
			lists, skip = selectionLists(docs), nil
		}
	}
	terms := map[string]*ast.Term{}
	for _, name := range selectionNames {
		if !slices.Contains(skip, name) {
			terms[name] = lists[name].term()
		}
	}
	return terms, weak, nil
}

// selectionLists groups the documents' selected flows into the
// selections each belongs to, by conversation.
func selectionLists(docs []*capDoc) map[string]*conversations {
	lists := map[string]*conversations{}
	for _, s := range selectionBits {
		lists[s.name] = &conversations{at: map[string]int{}}
	}
	for _, cd := range docs {
		for _, x := range cd.selected {
			for _, s := range selectionBits {
				if x.flow.sel&s.bit != 0 {
					lists[s.name].add(cd.convKey(x.flow), x.term, cd.classesOf(x.i))
				}
			}
		}
	}
	return lists
}

// selectionNames name the selections of index.pcap.
var selectionNames = []string{"crossing", "external", "identity", "insecure", "negotiated", "operations", "tls"}

// conversations groups the flows of a selection by conversation, in the
// order each conversation was first seen.
type conversations struct {
	at      map[string]int // index in flows by key
	flows   [][]*ast.Term
	classes []opClassSet
}

func (c *conversations) add(key string, flow *ast.Term, classes opClassSet) {
	i, ok := c.at[key]
	if !ok {
		i = len(c.flows)
		c.at[key] = i
		c.flows = append(c.flows, nil)
		c.classes = append(c.classes, opClassSet{})
	}
	c.flows[i] = append(c.flows[i], flow)
	c.classes[i].union(classes)
}

// term is the selection: per conversation, its first flow with "flows",
// the list of its flows, and "op_classes", the classes of the operations
// recorded on them, sorted.
func (c *conversations) term() *ast.Term {
	out := make([]*ast.Term, len(c.flows))
	for i, fs := range c.flows {
		first := fs[0].Value.(ast.Object)
		members := make([][2]*ast.Term, 0, first.Len()+1)
		first.Foreach(func(k, v *ast.Term) { members = append(members, [2]*ast.Term{k, v}) })
		out[i] = ast.NewTerm(objectOf(append(members,
			[2]*ast.Term{ast.InternedTerm("flows"), ast.ArrayTerm(fs...)},
			[2]*ast.Term{ast.InternedTerm("op_classes"), c.classes[i].term()})))
	}
	return ast.ArrayTerm(out...)
}

// selectOnce is selectFlows unless it ran already: the engine selects a
// capture's flows as soon as it has read it (convertBundle), or with the
// index. Nothing is selected from a document without id or flows, of which
// the index holds no flow.
func (cd *capDoc) selectOnce(inside func([]byte) bool) error {
	if cd.chosen || cd.id == nil || !cd.hasFlows {
		return nil
	}
	if err := cd.selectFlows(inside); err != nil {
		return err
	}
	cd.chosen = true
	return nil
}

// external reports whether a flow with these ends belongs in
// index.pcap.external: an end has an address that is not a string, or
// is outside every declared network.
func external(ips [2]ipSpan, src []byte, inside func([]byte) bool) bool {
	for _, e := range ips {
		ip, ok := e.text(src)
		if e.set && (!ok || !inside(ip)) {
			return true
		}
	}
	return false
}

// flowDepth is the depth of a flow in a capture document's data.
const flowDepth = 3

// selectFlows makes the value of every flow some selection holds, with
// its document's id.
func (cd *capDoc) selectFlows(inside func([]byte) bool) error {
	// The objects and lists inside a flow repeat from flow to flow (the
	// operations recorded, the server's end, the attributes): each is
	// made once per document and shared. The flow itself is not: it gets
	// "document" below.
	cd.sc.values, cd.sc.shareBelow = map[string]*ast.Term{}, flowDepth
	defer func() { cd.sc.values = nil }()
	for i := range cd.flows {
		f := &cd.flows[i]
		if !f.tested && external(f.ips, cd.sc.src, inside) {
			f.sel |= selExternal
		}
		if f.sel&cd.need == 0 {
			// No selection made holds it; buildFlowIndex may still
			// want it for weak_sessions (selectMore).
			continue
		}
		if err := cd.choose(i); err != nil {
			return err
		}
	}
	return nil
}

// choose makes the value of the i-th flow, with its document's id, and
// adds it to the document's selected flows.
func (cd *capDoc) choose(i int) error {
	f := &cd.flows[i]
	var selected *ast.Term
	if cd.kept != nil {
		// The flow is in data.flows too, as it is: add "document"
		// to a copy.
		flow, ok := cd.kept[i].Value.(ast.Object)
		if !ok {
			return errIrregular
		}
		selected = withDocument(flow, cd.id)
	} else {
		// Made here for the index alone, with "document".
		t, err := cd.sc.at(f.from, f.to).indexFlow(cd.id, cd.drop)
		if err != nil {
			return err
		}
		selected = t
	}
	f.selected = true
	cd.selected = append(cd.selected, selectedFlow{term: selected, flow: f, i: i})
	return nil
}

// selectMore adds to the document's selected flows those that want
// says a selection should hold and none does yet, in the order of the
// document's flows.
func (cd *capDoc) selectMore(want func(*capFlow) bool) error {
	added := false
	cd.sc.values, cd.sc.shareBelow = map[string]*ast.Term{}, flowDepth
	defer func() { cd.sc.values = nil }()
	for i := range cd.flows {
		f := &cd.flows[i]
		if f.selected || !want(f) {
			continue
		}
		if err := cd.choose(i); err != nil {
			return err
		}
		added = true
	}
	if added {
		slices.SortFunc(cd.selected, func(a, b selectedFlow) int { return a.flow.from - b.flow.from })
	}
	return nil
}

// indexFlow makes the flow at sc (a capture document's flow) for the
// index alone: without the fields of drop, and with "document": id (which
// replaces one the flow has, as object.union does). The members are
// gathered first, so that the object is made at its size at once.
func (sc *jsonScanner) indexFlow(id *ast.Term, drop []string) (*ast.Term, error) {
	sc.space()
	if sc.i >= len(sc.src) || sc.src[sc.i] != '{' {
		return nil, errIrregular
	}
	members := make([][2]*ast.Term, 0, 20)
	err := sc.objectRaw(flowDepth, func(key []byte) error {
		if isOneOf(key, drop) {
			return sc.skip(flowDepth + 1)
		}
		k := sc.name(key)
		var v *ast.Term
		var err error
		switch {
		case isOneOf(key, connectionMembers):
			v, err = sc.apart(flowDepth+1, nil)
		case isOneOf(key, timeMembers):
			v, err = sc.apart(flowDepth+1, sc.times)
		default:
			v, err = sc.term(flowDepth + 1)
		}
		members = append(members, [2]*ast.Term{k, v})
		return err
	})
	if err != nil {
		return nil, err
	}
	members = append(members, [2]*ast.Term{ast.InternedTerm("document"), id})
	return ast.NewTerm(objectOf(members)), nil
}

// connectionMembers are the members of a flow whose values differ from
// one connection to the next: its id, its client's end (with the client's
// port). The values of a selected flow's other members repeat from flow
// to flow, and each is made once per document and found again by its
// text (selectFlows); these are made for every flow without being looked
// up or remembered, which would only grow the scanner's tables by an
// entry or two per flow, and make every lookup in them slower.
var connectionMembers = []string{jsonName[traffic.Flow]("ID"), jsonName[traffic.Flow]("Client")}

// timeMembers are the members of a flow that hold its times: they
// differ from one connection to the next, but many flows start or end
// in one second, so each is kept once, in a table of times apart from
// the other strings.
var timeMembers = []string{jsonName[traffic.Flow]("FirstSeen"), jsonName[traffic.Flow]("LastSeen")}

// apart is term for a value that is not shared: a string is the one of
// its text in table when table is not nil, and made as it is when it is;
// an object or array is made from its parts (which are shared as term
// shares them).
func (sc *jsonScanner) apart(depth int, table map[string]*ast.Term) (*ast.Term, error) {
	sc.space()
	if sc.i >= len(sc.src) {
		return nil, sc.errorf("unexpected end of input")
	}
	if c := sc.src[sc.i]; c != '"' {
		return sc.value(depth, c)
	}
	start := sc.i
	raw, plain, err := sc.rawText()
	if err != nil {
		return nil, err
	}
	if t, ok := table[string(raw)]; ok && plain {
		return t, nil
	}
	var s string
	if plain {
		s = string(raw)
	} else {
		sc.i = start
		if s, err = sc.str(); err != nil {
			return nil, err
		}
	}
	t := ast.StringTerm(s)
	if table != nil && plain {
		table[s] = t
	}
	return t, nil
}

// addDeviceVLANs adds the VLANs of device d, seen by the document id, to
// byDoc: what `some v in object.get(d, "vlans", [])` iterates (the
// elements of a list or set, the values of an object, nothing of a
// scalar).
func addDeviceVLANs(byDoc map[string]ast.Set, id *ast.Term, d ast.Object) {
	t := d.Get(ast.InternedTerm("vlans"))
	if t == nil {
		return
	}
	key := id.String()
	set, ok := byDoc[key]
	if !ok {
		set = ast.NewSet()
		byDoc[key] = set
	}
	switch v := t.Value.(type) {
	case *ast.Array:
		v.Foreach(set.Add)
	case ast.Set:
		v.Foreach(set.Add)
	case ast.Object:
		v.Foreach(func(_, x *ast.Term) { set.Add(x) })
	}
}

// declaredNetworks returns a test of whether an address lies in a network
// of input.assessment.zones. When the networks cannot all be read, no
// address is inside: every flow with an address is selected.
func declaredNetworks(assessment *ast.Term) func(ip []byte) bool {
	networks, ok := zoneNetworks(assessment)
	if !ok {
		return func([]byte) bool { return false }
	}
	return func(ip []byte) bool {
		addr, ok := parseIPv4(ip)
		if !ok {
			var err error
			addr, err = netip.ParseAddr(string(ip))
			if err != nil || addr.Zone() != "" {
				return false
			}
		}
		for _, n := range networks {
			if n.prefix.Contains(addr) {
				return true
			}
		}
		return false
	}
}

// parseIPv4 is netip.ParseAddr for the dotted quads of IPv4 (four
// decimal fields of at most 255, without leading zeros), read from bytes
// without copying them; ok is false for any other text, which ParseAddr
// then reads.
func parseIPv4(b []byte) (addr netip.Addr, ok bool) {
	var ip [4]byte
	field, digits, v := 0, 0, 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			if digits == 1 && v == 0 {
				return netip.Addr{}, false // a leading zero
			}
			v = v*10 + int(c-'0')
			digits++
			if v > 255 {
				return netip.Addr{}, false
			}
		case c == '.' && digits > 0 && field < 3:
			ip[field] = byte(v)
			field, digits, v = field+1, 0, 0
		default:
			return netip.Addr{}, false
		}
	}
	if field != 3 || digits == 0 {
		return netip.Addr{}, false
	}
	ip[3] = byte(v)
	return netip.AddrFrom4(ip), true
}

// zoneNetwork is one network of a declared zone.
type zoneNetwork struct {
	prefix netip.Prefix
	zone   string
}

// zoneNetworks reads the networks of input.assessment.zones; ok is false
// when they cannot all be read, or a zone has no name.
func zoneNetworks(assessment *ast.Term) (networks []zoneNetwork, ok bool) {
	zones, ok := listAt(termValue(assessment), "zones")
	if !ok || zones == nil {
		return nil, false
	}
	for i := range zones.Len() {
		z, ok := zones.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, false
		}
		name, ok := termValue(z.Get(ast.InternedTerm("name"))).(ast.String)
		if !ok || name == "" {
			return nil, false
		}
		nets, ok := listAt(z, "networks")
		if !ok {
			return nil, false
		}
		if nets == nil {
			continue
		}
		for j := range nets.Len() {
			s, ok := nets.Elem(j).Value.(ast.String)
			if !ok {
				return nil, false
			}
			p, err := netip.ParsePrefix(string(s))
			if err != nil {
				return nil, false
			}
			networks = append(networks, zoneNetwork{p.Masked(), string(name)})
		}
	}
	return networks, true
}

// addressZones is data.slate.lib.inventory.address_zones: the zone whose
// networks contain each address, for the given addresses. ok is false
// when the policies might see it otherwise: an address or a network that
// does not read plainly (an IPv4-mapped or scoped IPv6 address, which
// net.cidr_contains_matches reads its own way), or one address in the
// networks of two zones (an error there).
func addressZones(ips []string, networks []zoneNetwork) (*ast.Term, bool) {
	members := make([][2]*ast.Term, 0, len(ips))
	for _, ip := range ips {
		addr, err := netip.ParseAddr(ip)
		if err != nil || addr.Zone() != "" || addr.Is4In6() {
			return nil, false
		}
		zone := ""
		for _, n := range networks {
			if !n.prefix.Contains(addr) {
				continue
			}
			if zone != "" && zone != n.zone {
				return nil, false
			}
			zone = n.zone
		}
		if zone != "" {
			members = append(members, [2]*ast.Term{ast.StringTerm(ip), ast.StringTerm(zone)})
		}
	}
	return ast.NewTerm(ast.NewObject(members...)), true
}

// listAt is the array that is member key of the object v: nil when v has
// no such member; ok is false when v is not an object or the member is not
// an array.
func listAt(v ast.Value, key string) (list *ast.Array, ok bool) {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, false
	}
	t := obj.Get(ast.InternedTerm(key))
	if t == nil {
		return nil, true
	}
	list, ok = t.Value.(*ast.Array)
	return list, ok
}

func termValue(t *ast.Term) ast.Value {
	if t == nil {
		return nil
	}
	return t.Value
}

// inventoryIndex makes input.index.assets: {"assets": every record of the
// inventory documents, each with "document", the id of its document}, the
// list data.slate.lib.inventory.assets would otherwise make in every check
// that reads it, the records by address and by MAC ("by_address",
// "by_mac"), and those assetfields.go lists (by zone and lifecycle date,
// without a property, outside their address's zone). ok is false when the
// documents do not have the shape of
// the collector's (data.assets a list of objects): the policies then make
// the list themselves.
//
// With inPlace, the documents' lists of records leave the input
// (withIndex): once every document reads plainly, each record gets its
// "document" where it is rather than in a copy.
func inventoryIndex(evidence, assessment *ast.Term, inPlace bool) (ast.Object, bool) {
	docs, ok := listAt(termValue(evidence), "assets")
	if !ok || docs == nil {
		return nil, false
	}
	type record struct {
		t, id *ast.Term
	}
	var records []record
	for i := range docs.Len() {
		doc, ok := docs.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, false
		}
		id := doc.Get(ast.InternedTerm("id"))
		data, _ := termValue(doc.Get(ast.InternedTerm("data"))).(ast.Object)
		if data == nil {
			continue // no records: data.assets is undefined
		}
		recs, ok := listAt(data, "assets")
		if !ok {
			return nil, false
		}
		if recs == nil {
			continue
		}
		if id == nil {
			continue // object.union(asset, {"document": doc.id}) is undefined
		}
		for j := range recs.Len() {
			if _, ok := recs.Elem(j).Value.(ast.Object); !ok {
				return nil, false
			}
			records = append(records, record{recs.Elem(j), id})
		}
	}
	all := make([]*ast.Term, len(records))
	lookups := &assetLookups{plain: true, rolesPlain: true}
	fields := newAssetFields()
	for i, r := range records {
		rec := r.t.Value.(ast.Object)
		if inPlace {
			rec.Insert(ast.InternedTerm("document"), r.id)
			all[i] = r.t
		} else {
			all[i] = withDocument(rec, r.id)
		}
		lookups.add(rec, all[i])
		fields.add(rec, all[i])
	}
	members := append([][2]*ast.Term{{ast.InternedTerm("assets"), ast.ArrayTerm(all...)}}, fields.members()...)
	if lookups.plain {
		members = append(members,
			[2]*ast.Term{ast.InternedTerm("by_address"), lookups.byAddress.term()},
			[2]*ast.Term{ast.InternedTerm("by_mac"), lookups.byMAC.term()})
		if lookups.rolesPlain {
			members = append(members, [2]*ast.Term{ast.InternedTerm("by_role"), lookups.byRole.term()})
		}
		networks, ok := zoneNetworks(assessment)
		if ok {
			if zones, ok := addressZones(slices.Sorted(maps.Keys(lookups.ips)), networks); ok {
				members = append(members, [2]*ast.Term{ast.InternedTerm("address_zones"), zones},
					[2]*ast.Term{ast.InternedTerm("misplaced"), misplaced(all, zones)})
			}
		}
	}
	return ast.NewObject(members...), true
}

// assetLookups are data.slate.lib.inventory.by_address, by_mac and
// by_role. plain is false when a record's ip, ips or mac is not made of
// strings, rolesPlain when its role is not a string: the policies then
// make them (and fail as they would).
type assetLookups struct {
	plain, rolesPlain        bool
	byAddress, byMAC, byRole termLists
	ips                      map[string]bool // the records' "ip", for address_zones
}

// termLists are lists of terms by key, keys in first-seen order.
type termLists struct {
	keys  []string
	lists map[string][]*ast.Term
}

func (l *termLists) add(key string, t *ast.Term) {
	if l.lists == nil {
		l.lists = map[string][]*ast.Term{}
	}
	if _, ok := l.lists[key]; !ok {
		l.keys = append(l.keys, key)
	}
	l.lists[key] = append(l.lists[key], t)
}

func (l *termLists) term() *ast.Term {
	members := make([][2]*ast.Term, len(l.keys))
	for i, k := range l.keys {
		members[i] = [2]*ast.Term{ast.StringTerm(k), ast.ArrayTerm(l.lists[k]...)}
	}
	return ast.NewTerm(ast.NewObject(members...))
}

// add files the record t (rec with its document) under its addresses and
// its MAC, as the policies' addresses(a) and lower(a.mac) read them.
func (l *assetLookups) add(rec ast.Object, t *ast.Term) {
	if l.rolesPlain {
		// object.get(a, "role", ""): the records without one are under "".
		role := ast.String("")
		if r := rec.Get(ast.InternedTerm("role")); r != nil {
			role, l.rolesPlain = r.Value.(ast.String)
		}
		if l.rolesPlain {
			l.byRole.add(string(role), t)
		}
	}
	if !l.plain {
		return
	}
	var addrs []string
	if ip := rec.Get(ast.InternedTerm("ip")); ip != nil {
		s, ok := ip.Value.(ast.String)
		if !ok {
			l.plain = false
			return
		}
		addrs = append(addrs, string(s))
		if s != "" {
			if l.ips == nil {
				l.ips = map[string]bool{}
			}
			l.ips[string(s)] = true
		}
	}
	if ips := rec.Get(ast.InternedTerm("ips")); ips != nil {
		list, ok := ips.Value.(*ast.Array)
		if !ok {
			l.plain = false
			return
		}
		for i := range list.Len() {
			s, ok := list.Elem(i).Value.(ast.String)
			if !ok {
				l.plain = false
				return
			}
			addrs = append(addrs, string(s))
		}
	}
	slices.Sort(addrs)
	for _, a := range slices.Compact(addrs) {
		if a != "" {
			l.byAddress.add(a, t)
		}
	}
	if mac := rec.Get(ast.InternedTerm("mac")); mac != nil {
		s, ok := mac.Value.(ast.String)
		if !ok {
			l.plain = false
			return
		}
		if s != "" {
			l.byMAC.add(strings.ToLower(string(s)), t)
		}
	}
}

// withDocument is the record with "document": id added (replacing one it
// has, as object.union does), its values shared, not copied.
func withDocument(rec ast.Object, id *ast.Term) *ast.Term {
	members := make([][2]*ast.Term, 0, rec.Len()+1)
	rec.Foreach(func(k, v *ast.Term) { members = append(members, [2]*ast.Term{k, v}) })
	return ast.NewTerm(objectOf(append(members, [2]*ast.Term{ast.InternedTerm("document"), id})))
}
