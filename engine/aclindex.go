package engine

import (
	"cmp"
	"maps"
	"net"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// SLATE-JOIN-001 holds the flows that cross zones against the ACLs on
// their way: for every conversation group (the crossing conversations
// with the same zones, addresses, transport, server port and protocol),
// the verdict of every ACL application the traffic meets. A walk is a few
// comparisons per rule in Go and about 100 µs in Rego, and a large site
// has thousands of groups and several ACLs on each way, so the engine
// walks them here and gives the verdicts to the check
// (input.index.joined.acl_verdicts):
//
//	[{"key": the group key, "flows": its flows, "op_classes": the classes
//	  of their operations (a set), "results": [{"at": the number of the
//	  ACL application in data.slate.lib.joined.applied, "result":
//	  {"verdict": "permit" | "deny" | "unknown" | "open", "rule": the
//	  deciding entry, when one decides}}]}]
//
// one element per group with at least one result, in the order of the
// group keys. data.slate.lib.joined reads the ACL model, the group keys
// and the walk exactly as this file does, and policies/lib/flowindex.rego
// computes the same list when the input has none (TestFlowIndexMatchesRego
// holds the two together). Whatever this file would have to read in
// another way than the policies (a field that is not a string, an address
// net.ParseIP does not read, two ACLs of one name on one device) leaves
// the list out: the policies then walk the ACLs themselves, and fail where
// they fail.

// aclStatus is a rule's match of one part of a flow: "no", "maybe" or
// "yes"; combining statuses takes the least.
type aclStatus int8

const (
	statusNo aclStatus = iota
	statusMaybe
	statusYes
)

func yesNo(b bool) aclStatus {
	if b {
		return statusYes
	}
	return statusNo
}

// aclApp is one ACL application of data.slate.lib.joined.applied.
type aclApp struct {
	dev     *aclDevice
	zone    string
	out     bool
	acl     ast.Object // nil when the configuration does not define it
	aclType *ast.Term
	rules   []aclRule
}

type aclDevice struct {
	pos               int // in data.slate.lib.netconfig.devices
	spanned           map[string]bool
	filteredIn, fOut  map[string]bool
	wildcard, applies bool
}

// aclRule is one compiled rule (data.slate.lib.joined.compile_acl).
type aclRule struct {
	entry             *ast.Term
	action            string // "" when not a string
	protoMaybe        bool
	tcp, udp          bool
	src, dst          addrMatcher
	srcPorts          aclStatus
	portKind          int // portAny, portMaybe, portRanges
	ranges            [][2]int
	negate, partial   bool
	hasAction, permit bool
}

const (
	portAny = iota
	portMaybe
	portRanges
)

type addrMatcher struct {
	kind       int // addrAny, addrMaybe, addrMask, addrPrefixes
	base, care uint64
	prefixes   []*net.IPNet
}

const (
	addrAny = iota
	addrMaybe
	addrMask
	addrPrefixes
)

var (
	anyProtocols = []string{"", "ip", "ipv4", "ipv6", "any"} // not traffic evidence: an ACL rule's protocols
	anyAddresses = []string{"", "any", "any4", "any6", "0.0.0.0/0", "::/0", "0.0.0.0 0.0.0.0"}
	ipv4Text     = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`)
	portDigits   = regexp.MustCompile(`^[0-9]{1,5}$`)
)

// portNames are data.slate.lib.joined.port_names.
var portNames = map[string]int{
	"bgp": 179, "bootpc": 68, "bootps": 67, "chargen": 19, "cmd": 514, "daytime": 13,
	"discard": 9, "dns": 53, "domain": 53, "echo": 7, "exec": 512, "finger": 79, "ftp": 21,
	"ftp-data": 20, "gopher": 70, "h323": 1720, "hostname": 101, "http": 80, "https": 443,
	"ident": 113, "imap": 143, "imap4": 143, "irc": 194, "isakmp": 500, "kerberos": 88,
	"klogin": 543, "kshell": 544, "ldap": 389, "ldaps": 636, "login": 513, "lpd": 515,
	"netbios-dgm": 138, "netbios-ns": 137, "netbios-ss": 139, "netbios-ssn": 139,
	"nntp": 119, "ntp": 123, "pop2": 109, "pop3": 110, "pptp": 1723, "rip": 520,
	"rtsp": 554, "sip": 5060, "smtp": 25, "snmp": 161, "snmptrap": 162, "sqlnet": 1521,
	"ssh": 22, "sunrpc": 111, "syslog": 514, "tacacs": 49, "talk": 517, "telnet": 23,
	"tftp": 69, "time": 37, "uucp": 540, "who": 513, "whois": 43, "www": 80, "xdmcp": 177,
}

// aclApplications reads data.slate.lib.joined.applied from the netconfig
// documents, in its order; ok is false when anything reads otherwise.
func aclApplications(evidence *ast.Term, zoneNames map[string]bool) (apps []*aclApp, ok bool) {
	docs, ok := listAt(termValue(evidence), "netconfig")
	if !ok {
		return nil, false
	}
	pos := 0
	ok = eachConfiguredDevice(docs, func(_ string, dev ast.Object) bool {
		devApps, ok := deviceApplications(dev, zoneNames)
		if !ok {
			return false
		}
		for _, app := range devApps {
			app.dev.pos = pos
		}
		pos++
		apps = append(apps, devApps...)
		return true
	})
	if !ok {
		return nil, false
	}
	return apps, true
}

// eachConfiguredDevice calls f with each device of the configuration
// documents docs (input.evidence.netconfig), in order, and its key in
// data.slate.lib.netconfig.devices ("<document id>|<file>"). It returns
// false, having stopped, when a document or device does not read plainly,
// when a device has no key, when two devices have one key (an error the
// policies report), or when f returns false.
func eachConfiguredDevice(docs *ast.Array, f func(key string, dev ast.Object) bool) bool {
	keys := map[string]bool{}
	for i := range docsLen(docs) {
		doc, ok := docs.Elem(i).Value.(ast.Object)
		if !ok {
			return false
		}
		id, idOK := termValue(doc.Get(ast.InternedTerm("id"))).(ast.String)
		data := doc.Get(ast.InternedTerm("data"))
		if data == nil {
			continue
		}
		devs, ok := listAt(data.Value, "devices")
		if !ok {
			return false
		}
		for j := range docsLen(devs) {
			dev, ok := devs.Elem(j).Value.(ast.Object)
			if !ok {
				return false
			}
			file, fileOK := termValue(dev.Get(ast.InternedTerm("file"))).(ast.String)
			if !idOK || !fileOK {
				return false
			}
			key := string(id) + "|" + string(file)
			if keys[key] {
				return false
			}
			keys[key] = true
			if !f(key, dev) {
				return false
			}
		}
	}
	return true
}

// aclDevices makes input.index.joined.acl_devices: the positions in
// data.slate.lib.netconfig.devices of the devices that apply an ACL on an
// interface, so that the policies list the ACL applications from their
// interfaces alone rather than from every interface of every device (a
// large site's access switches have tens of thousands); ok is false when
// the policies must find them themselves.
func aclDevices(evidence *ast.Term, zoneNames map[string]bool) (*ast.Term, bool) {
	apps, ok := aclApplications(evidence, zoneNames)
	if !ok {
		return nil, false
	}
	var out []*ast.Term
	last := -1
	for _, app := range apps {
		if app.dev.pos != last {
			last = app.dev.pos
			out = append(out, ast.InternedTerm(last))
		}
	}
	return ast.ArrayTerm(out...), true
}

func docsLen(a *ast.Array) int {
	if a == nil {
		return 0
	}
	return a.Len()
}

// deviceApplications are the ACL applications of one device.
func deviceApplications(dev ast.Object, zoneNames map[string]bool) ([]*aclApp, bool) {
	d := &aclDevice{spanned: map[string]bool{}, filteredIn: map[string]bool{}, fOut: map[string]bool{}}
	vendor, _ := termValue(dev.Get(ast.InternedTerm("vendor"))).(ast.String)
	d.wildcard = vendor != "cisco_asa"
	acls := map[string]ast.Object{}
	list, ok := listAt(dev, "acls")
	if !ok {
		return nil, false
	}
	for i := range docsLen(list) {
		acl, ok := list.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, false
		}
		name, ok := termValue(acl.Get(ast.InternedTerm("name"))).(ast.String)
		if !ok {
			return nil, false
		}
		if prev, dup := acls[string(name)]; dup && prev.Compare(acl) != 0 {
			return nil, false // two definitions: an error in the policies
		}
		acls[string(name)] = acl
	}
	ifaces, ok := listAt(dev, "interfaces")
	if !ok {
		return nil, false
	}
	var apps []*aclApp
	for i := range docsLen(ifaces) {
		iface, ok := ifaces.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, false
		}
		zt := iface.Get(ast.InternedTerm("zone"))
		if zt == nil {
			continue
		}
		zone, ok := zt.Value.(ast.String)
		if !ok {
			return nil, false
		}
		if !zoneNames[string(zone)] {
			continue
		}
		d.spanned[string(zone)] = true
		if s := iface.Get(ast.InternedTerm("shutdown")); s != nil && !s.Equal(ast.InternedTerm(false)) {
			continue
		}
		for _, dir := range []string{"acl_in", "acl_out"} {
			nt := iface.Get(ast.InternedTerm(dir))
			if nt == nil {
				continue
			}
			name, ok := nt.Value.(ast.String)
			if !ok {
				return nil, false
			}
			if name == "" {
				continue
			}
			app := &aclApp{dev: d, zone: string(zone), out: dir == "acl_out"}
			if app.out {
				d.fOut[app.zone] = true
			} else {
				d.filteredIn[app.zone] = true
			}
			if acl, ok := acls[string(name)]; ok {
				app.acl = acl
				app.aclType = acl.Get(ast.InternedTerm("type"))
				if app.rules, ok = compileACL(acl, d.wildcard); !ok {
					return nil, false
				}
			}
			apps = append(apps, app)
		}
	}
	return apps, true
}

// boundary is data.slate.lib.joined.boundary.
func (d *aclDevice) boundary(a, b string) bool {
	return d.filteredIn[a] || d.fOut[b] || d.spanned[a] && d.spanned[b]
}

// meets is data.slate.lib.joined.meets.
func (app *aclApp) meets(a, b string) bool {
	if app.out {
		return app.zone == b
	}
	return app.zone == a
}

// familyApplies is data.slate.lib.joined.family_applies.
func (app *aclApp) familyApplies(ip string) bool {
	t, ok := termValue(app.aclType).(ast.String)
	if !ok {
		return false
	}
	v6 := strings.Contains(ip, ":")
	switch t {
	case "standard", "extended", "":
		return !v6
	case "ipv6":
		return v6
	case "filter":
		return true
	}
	return false
}

// compileACL is data.slate.lib.joined.compile_acl.
func compileACL(acl ast.Object, wildcard bool) ([]aclRule, bool) {
	var rules []aclRule
	et := acl.Get(ast.InternedTerm("entries"))
	if et == nil {
		return nil, true
	}
	entries, ok := et.Value.(*ast.Array)
	if !ok {
		return nil, false
	}
	for i := range entries.Len() {
		e, ok := entries.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, false
		}
		r := aclRule{entry: entries.Elem(i)}
		if at := e.Get(ast.InternedTerm("action")); at != nil {
			s, ok := at.Value.(ast.String)
			if !ok {
				return nil, false
			}
			r.action, r.hasAction = string(s), true
		}
		if r.action == "remark" {
			continue
		}
		var fields [5]string
		for j, name := range []string{"protocol", "src", "dst", "src_ports", "dst_ports"} { // not traffic evidence: an ACL rule's
			if t := e.Get(ast.InternedTerm(name)); t != nil {
				s, ok := t.Value.(ast.String)
				if !ok {
					return nil, false
				}
				fields[j] = string(s)
			}
		}
		r.compileProtocol(fields[0])
		if r.src, ok = compileAddress(fields[1], wildcard); !ok {
			return nil, false
		}
		if r.dst, ok = compileAddress(fields[2], wildcard); !ok {
			return nil, false
		}
		r.srcPorts = statusYes
		if fields[3] != "" {
			r.srcPorts = statusMaybe
		}
		if !r.compilePorts(fields[4]) {
			return nil, false
		}
		rules = append(rules, r)
	}
	return rules, true
}

// compileProtocol is protocol_matcher.
func (r *aclRule) compileProtocol(p string) {
	lp := strings.ToLower(p)
	switch {
	case slices.Contains(anyProtocols, lp), lp == "tcp-udp", lp == "tcpudp":
		r.tcp, r.udp = true, true
	case lp == "tcp", p == "6":
		r.tcp = true
	case lp == "udp", p == "17":
		r.udp = true
	case strings.HasPrefix(p, "object"), strings.HasPrefix(p, "match:"):
		r.protoMaybe = true
	}
}

// compileAddress is address_matcher.
func compileAddress(spec string, wildcard bool) (addrMatcher, bool) {
	if slices.Contains(anyAddresses, spec) {
		return addrMatcher{kind: addrAny}, true
	}
	words := strings.Split(spec, " ")
	if len(words) == 2 && isIPv4(words[0]) && (isIPv4(words[1]) || words[1] == "0") {
		m := addrMatcher{kind: addrMask, base: ipInt(words[0]), care: 4294967295}
		if words[1] != "0" {
			m.care = ipInt(words[1])
			if wildcard {
				m.care = 4294967295 - m.care
			}
		}
		return m, true
	}
	m := addrMatcher{kind: addrPrefixes}
	for _, w := range words {
		p := w
		switch {
		case strings.Contains(w, "/"):
		case strings.Contains(w, ":"):
			p += "/128"
		default:
			p += "/32"
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return addrMatcher{kind: addrMaybe}, true
		}
		m.prefixes = append(m.prefixes, n)
	}
	return m, true
}

// isIPv4 is data.slate.lib.joined.ipv4.
func isIPv4(s string) bool {
	if !ipv4Text.MatchString(s) {
		return false
	}
	_, _, err := net.ParseCIDR(s + "/32")
	return err == nil
}

// ipInt is ip_int of an address isIPv4 accepts.
func ipInt(s string) uint64 {
	var n uint64
	for _, part := range strings.Split(s, ".") {
		var x uint64
		for _, c := range part {
			x = x*10 + uint64(c-'0')
		}
		n = n<<8 | x
	}
	return n
}

// compilePorts is port_matcher; false when a port reads two ways (an
// error in the policies).
func (r *aclRule) compilePorts(spec string) bool {
	if spec == "" {
		r.portKind = portAny
		return true
	}
	words := strings.Split(spec, " ")
	switch words[0] {
	case "object-group", "object", "portgroup":
		r.portKind = portMaybe
		return true
	case "eq", "neq", "lt", "gt", "range":
		args := words[1:]
		var ns []int
		for _, a := range args {
			n, ok := portNumber(a)
			if !ok {
				break
			}
			ns = append(ns, n)
		}
		if len(args) == 0 || len(ns) < len(args) || words[0] == "range" && len(args) != 2 {
			r.portKind = portMaybe
			return true
		}
		r.portKind = portRanges
		switch words[0] {
		case "eq", "neq":
			for _, n := range ns {
				r.ranges = append(r.ranges, [2]int{n, n})
			}
			r.negate = words[0] == "neq"
		case "lt":
			r.ranges = [][2]int{{0, ns[0] - 1}}
		case "gt":
			r.ranges = [][2]int{{ns[0] + 1, 65535}}
		case "range":
			r.ranges = [][2]int{{ns[0], ns[1]}}
		}
		return true
	}
	r.portKind = portRanges
	for _, w := range words {
		n, single := portNumber(w)
		var lo, hi int
		bounds := strings.Split(w, "-")
		double := len(bounds) == 2
		if double {
			var ok1, ok2 bool
			lo, ok1 = portNumber(bounds[0])
			hi, ok2 = portNumber(bounds[1])
			double = ok1 && ok2
		}
		switch {
		case single && double && (lo != n || hi != n):
			return false
		case single:
			r.ranges = append(r.ranges, [2]int{n, n})
		case double:
			r.ranges = append(r.ranges, [2]int{lo, hi})
		}
	}
	r.partial = len(r.ranges) < len(words)
	return true
}

// portNumber is port_number.
func portNumber(w string) (int, bool) {
	if portDigits.MatchString(w) {
		n := 0
		for _, c := range w {
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	n, ok := portNames[strings.ToLower(w)]
	return n, ok
}

// portStatus is port_match.
func (r *aclRule) portStatus(port int) aclStatus {
	switch r.portKind {
	case portAny:
		return statusYes
	case portMaybe:
		return statusMaybe
	}
	hit := false
	for _, rg := range r.ranges {
		if rg[0] <= port && port <= rg[1] {
			hit = true
			break
		}
	}
	if r.partial {
		if hit {
			return statusYes
		}
		return statusMaybe
	}
	return yesNo(hit != r.negate)
}

// protocolStatus is protocol_match.
func (r *aclRule) protocolStatus(transport string) aclStatus {
	if r.protoMaybe {
		return statusMaybe
	}
	return yesNo(transport == "tcp" && r.tcp || transport == "udp" && r.udp)
}

// match is address_match; ip is an address net.ParseIP reads.
func (m *addrMatcher) match(ip string, parsed net.IP) aclStatus {
	switch m.kind {
	case addrAny:
		return statusYes
	case addrMaybe:
		return statusMaybe
	case addrMask:
		if !isIPv4(ip) {
			return statusNo
		}
		return yesNo((ipInt(ip)^m.base)&m.care == 0)
	}
	for _, p := range m.prefixes {
		if p.Contains(parsed) {
			return statusYes
		}
	}
	return statusNo
}

// aclGroupKey is what a walk reads of a group key.
type aclGroupKey struct {
	czone, szone, cip, sip, transport string
	cIP, sIP                          net.IP
	port                              int
}

// walk is data.slate.lib.joined.walk: the verdict and the deciding
// entry (nil when none decides).
func (app *aclApp) walk(k *aclGroupKey) (string, *ast.Term) {
	if len(app.rules) == 0 {
		return "open", nil
	}
	for i := range app.rules {
		r := &app.rules[i]
		st := min(r.protocolStatus(k.transport), r.srcPorts, r.portStatus(k.port))
		if st == statusNo {
			continue
		}
		src := r.src.match(k.cip, k.cIP)
		if src == statusNo {
			continue
		}
		st = min(st, src, r.dst.match(k.sip, k.sIP))
		if st == statusNo {
			continue
		}
		if st == statusYes && r.hasAction && (r.action == "permit" || r.action == "deny") {
			return r.action, r.entry
		}
		return "unknown", r.entry
	}
	return "deny", nil
}

// aclGroup is one group of crossing conversations.
type aclGroup struct {
	key     *ast.Term
	k       aclGroupKey
	flows   []*ast.Term
	classes []*ast.Term
}

// aclVerdicts makes input.index.joined.acl_verdicts from the crossing
// conversations of the flow index, and crossing_flows
// (data.slate.lib.joined.crossing_flows: per pair of zones of those
// conversations, the number of their flows, sorted by pair); ok is false
// when the policies must walk the ACLs and count themselves.
func aclVerdicts(crossing *ast.Term, evidence *ast.Term, zoneNames map[string]bool) (verdicts, pairFlows *ast.Term, ok bool) {
	convs, ok := termValue(crossing).(*ast.Array)
	if !ok {
		return nil, nil, false
	}
	apps, ok := aclApplications(evidence, zoneNames)
	if !ok {
		return nil, nil, false
	}
	groups := map[string]*aclGroup{}
	var order []*aclGroup
	flowsBetween := map[[2]string]int{}
	for i := range convs.Len() {
		c, ok := convs.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, nil, false
		}
		g, skip, ok := groupOf(c, zoneNames)
		if !ok {
			return nil, nil, false
		}
		if skip {
			continue
		}
		id := g.key.String()
		if prev, seen := groups[id]; seen {
			g = prev
		} else {
			groups[id] = g
			order = append(order, g)
		}
		fs, ok := termValue(c.Get(ast.InternedTerm("flows"))).(*ast.Array)
		if !ok {
			return nil, nil, false
		}
		fs.Foreach(func(f *ast.Term) { g.flows = append(g.flows, f) })
		flowsBetween[[2]string{g.k.czone, g.k.szone}] += fs.Len()
		cs, ok := termValue(c.Get(ast.InternedTerm("op_classes"))).(*ast.Array)
		if !ok {
			return nil, nil, false
		}
		cs.Foreach(func(t *ast.Term) { g.classes = append(g.classes, t) })
	}
	slices.SortFunc(order, func(a, b *aclGroup) int { return a.key.Value.Compare(b.key.Value) })
	var out []*ast.Term
	for _, g := range order {
		var results []*ast.Term
		var j judgement
		for id, app := range apps {
			if app.acl == nil || !app.dev.boundary(g.k.czone, g.k.szone) || !app.meets(g.k.czone, g.k.szone) || !app.familyApplies(g.k.cip) {
				continue
			}
			verdict, rule := app.walk(&g.k)
			result := [][2]*ast.Term{{ast.InternedTerm("verdict"), ast.StringTerm(verdict)}}
			if rule != nil {
				result = append(result, [2]*ast.Term{ast.InternedTerm("rule"), rule})
			}
			r := ast.ObjectTerm(
				[2]*ast.Term{ast.InternedTerm("at"), ast.InternedTerm(id)},
				[2]*ast.Term{ast.InternedTerm("result"), ast.ObjectTerm(result...)})
			results = append(results, r)
			j.add(r, verdict, rule)
		}
		if len(results) == 0 {
			continue
		}
		out = append(out, ast.ObjectTerm(append([][2]*ast.Term{
			{ast.InternedTerm("key"), g.key},
			{ast.InternedTerm("flows"), ast.ArrayTerm(g.flows...)},
			{ast.InternedTerm("op_classes"), ast.SetTerm(g.classes...)},
			{ast.InternedTerm("results"), ast.ArrayTerm(results...)}},
			j.members(g.flows)...)...))
	}
	pairs := slices.SortedFunc(maps.Keys(flowsBetween), func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	counts := make([]*ast.Term, len(pairs))
	for i, p := range pairs {
		counts[i] = ast.ObjectTerm(
			[2]*ast.Term{ast.InternedTerm("flows"), ast.InternedTerm(flowsBetween[p])},
			[2]*ast.Term{ast.InternedTerm("pair"), ast.ArrayTerm(ast.StringTerm(p[0]), ast.StringTerm(p[1]))})
	}
	return ast.ArrayTerm(out...), ast.ArrayTerm(counts...), true
}

// groupOf is the group of a crossing conversation (data.slate.lib.joined
// key and crossing); skip is true when crossing leaves it out, ok false
// when a field the walk reads is not of the type it needs.
func groupOf(c ast.Object, zoneNames map[string]bool) (g *aclGroup, skip, ok bool) {
	client, _ := termValue(c.Get(ast.InternedTerm("client"))).(ast.Object)
	server, _ := termValue(c.Get(ast.InternedTerm("server"))).(ast.Object)
	if client == nil || server == nil {
		return nil, false, false
	}
	at := func(o ast.Object, key string) *ast.Term { return o.Get(ast.InternedTerm(key)) }
	fields := []struct {
		name string
		t    *ast.Term
	}{
		{"czone", at(client, "zone")}, {"szone", at(server, "zone")},
		{"cip", at(client, "ip")}, {"sip", at(server, "ip")},
		{"transport", at(c, "transport")}, {"port", at(server, "port")}, {"protocol", at(c, "protocol")},
	}
	members := make([][2]*ast.Term, 0, len(fields))
	for _, f := range fields {
		if f.t == nil {
			return nil, true, true // key(flow) is undefined
		}
		members = append(members, [2]*ast.Term{ast.InternedTerm(f.name), f.t})
	}
	transport, _ := fields[4].t.Value.(ast.String)
	if transport != "tcp" && transport != "udp" {
		return nil, true, true
	}
	czone, ok1 := fields[0].t.Value.(ast.String)
	szone, ok2 := fields[1].t.Value.(ast.String)
	if !ok1 || !ok2 || !zoneNames[string(czone)] || !zoneNames[string(szone)] || czone == szone {
		return nil, true, true
	}
	cip, ok1 := fields[2].t.Value.(ast.String)
	sip, ok2 := fields[3].t.Value.(ast.String)
	port, ok3 := fields[5].t.Value.(ast.Number)
	if !ok1 || !ok2 || !ok3 {
		return nil, false, false
	}
	p, isInt := port.Int()
	cIP, sIP := net.ParseIP(string(cip)), net.ParseIP(string(sip))
	if !isInt || cIP == nil || sIP == nil {
		return nil, false, false
	}
	return &aclGroup{
		key: ast.NewTerm(objectOf(members)),
		k: aclGroupKey{czone: string(czone), szone: string(szone), cip: string(cip), sip: string(sip),
			transport: string(transport), cIP: cIP, sIP: sIP, port: p},
	}, false, true
}
