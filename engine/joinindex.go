package engine

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"golang.org/x/sync/errgroup"
)

// input.index.joined holds what the joined checks would otherwise compute
// per flow or per record in Rego, made here once:
//
//	"acl_verdicts": the ACL walks of SLATE-JOIN-001 (aclindex.go);
//	"crossing_flows": the flows of the crossing conversations counted
//	                per pair of zones, made with the walks;
//	"drift":        the matching of the devices on the wire with the
//	                inventory's records for SLATE-JOIN-003 (driftFacts);
//	"acl_devices":  the devices that apply an ACL, by position
//	                (aclDevices), whose interfaces data.slate.lib.joined
//	                reads for its ACL applications.
//
// Either is left out when the evidence does not read plainly;
// data.slate.lib.joined then takes policies/lib/flowindex.rego's copy,
// which TestFlowIndexMatchesRego holds to the same values.

// joinedIndex makes input.index.joined from the other indexes; nil when
// it has nothing.
func joinedIndex(evidence, assessment *ast.Term, pcap, assets ast.Object) ast.Object {
	if pcap == nil {
		return nil
	}
	zoneNames, ok := declaredZoneNames(assessment)
	if !ok {
		return nil
	}
	var verdicts, pairFlows, drift, aclDevs *ast.Term
	var g errgroup.Group
	g.Go(func() error {
		if d, ok := aclDevices(evidence, zoneNames); ok {
			aclDevs = d
		}
		return nil
	})
	g.Go(func() error {
		if v, p, ok := aclVerdicts(pcap.Get(ast.InternedTerm("crossing")), evidence, zoneNames); ok {
			verdicts, pairFlows = v, p
		}
		return nil
	})
	g.Go(func() error {
		if assets != nil {
			if d, ok := driftFacts(pcap.Get(ast.InternedTerm("wire_assets")), assets); ok {
				drift = d
			}
		}
		return nil
	})
	var wireRoles *ast.Term
	g.Go(func() error {
		if r, ok := wireByRole(pcap.Get(ast.InternedTerm("wire_assets"))); ok {
			wireRoles = r
		}
		return nil
	})
	_ = g.Wait()
	index := ast.NewObject()
	if wireRoles != nil {
		index.Insert(ast.InternedTerm("wire_by_role"), wireRoles)
	}
	if verdicts != nil {
		index.Insert(ast.InternedTerm("acl_verdicts"), verdicts)
		index.Insert(ast.InternedTerm("crossing_flows"), pairFlows)
	}
	if drift != nil {
		index.Insert(ast.InternedTerm("drift"), drift)
	}
	if aclDevs != nil {
		index.Insert(ast.InternedTerm("acl_devices"), aclDevs)
	}
	if index.Len() == 0 {
		return nil
	}
	return index
}

// declaredZoneNames are the names of input.assessment.zones.
func declaredZoneNames(assessment *ast.Term) (map[string]bool, bool) {
	names := map[string]bool{}
	ok := eachDeclaredZone(assessment, func(name string, _ ast.Object) bool {
		names[name] = true
		return true
	})
	if !ok {
		return nil, false
	}
	return names, true
}

// eachDeclaredZone calls f with each zone of input.assessment.zones and
// its name, in order. It returns false, having stopped, when the zones are
// not a list of objects with a string name, or when f returns false.
func eachDeclaredZone(assessment *ast.Term, f func(name string, z ast.Object) bool) bool {
	zones, ok := listAt(termValue(assessment), "zones")
	if !ok {
		return false
	}
	for i := range docsLen(zones) {
		z, ok := zones.Elem(i).Value.(ast.Object)
		if !ok {
			return false
		}
		name, ok := termValue(z.Get(ast.InternedTerm("name"))).(ast.String)
		if !ok || !f(string(name), z) {
			return false
		}
	}
	return true
}

// SLATE-JOIN-003 matches every device the captures saw with the
// inventory's records, by address and else by MAC, and every record with
// the wire; on a large site both are 100,000 long. driftFacts makes the
// matches (input.index.joined.drift), and the check judges them:
//
//	"unknown_devices": the devices seen that match no record, by address
//	                   or (unless a router's, seen at several addresses)
//	                   by MAC;
//	"unseen_records":  the records with an "ip" that no device seen has
//	                   at any of the record's addresses or its MAC;
//	"mac_matches":     [{"wire", "asset"}] a device matched by MAC only;
//	"mac_differs":     the same for a device matched by address whose MAC
//	                   the record gives otherwise;
//	"vendor_pairs":    [{"vendors": [record's, wire's], "pairs": [...]}]
//	                   the devices matched by address where both name a
//	                   vendor and the MACs agree, by the two vendor names
//	                   (sorted), so that each two names are compared once;
//	"wire_by_address": the devices seen by address.
//
// Lists follow the order of the devices seen and the records.
// data.slate.lib.flowindex.drift computes the same from the lists when
// the input has no index. ok is false when a field is not of the type the
// matching reads (the policies then match themselves, and fail where they
// fail).
func driftFacts(wireList *ast.Term, assets ast.Object) (*ast.Term, bool) {
	wire, ok := termValue(wireList).(*ast.Array)
	if !ok {
		return nil, false
	}
	byAddress, ok1 := termValue(assets.Get(ast.InternedTerm("by_address"))).(ast.Object)
	byMAC, ok2 := termValue(assets.Get(ast.InternedTerm("by_mac"))).(ast.Object)
	records, ok3 := termValue(assets.Get(ast.InternedTerm("assets"))).(*ast.Array)
	if !ok1 || !ok2 || !ok3 {
		return nil, false
	}
	type device struct {
		t         *ast.Term
		ips       []string
		mac       string
		hasMAC    bool
		vendor    string
		hasVendor bool
	}
	devices := make([]device, wire.Len())
	wireIPs, wireMACs := map[string]bool{}, map[string]bool{}
	macIPs := map[string]map[string]bool{}
	wireByAddress := termLists{}
	for i := range wire.Len() {
		w, ok := wire.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, false
		}
		d := device{t: wire.Elem(i)}
		ips, ok := termValue(w.Get(ast.InternedTerm("ips"))).(*ast.Array)
		if !ok {
			return nil, false
		}
		for j := range ips.Len() {
			s, ok := ips.Elem(j).Value.(ast.String)
			if !ok {
				return nil, false
			}
			d.ips = append(d.ips, string(s))
		}
		if d.mac, d.hasMAC, ok = optionalString(w, "mac"); !ok {
			return nil, false
		}
		if d.vendor, d.hasVendor, ok = optionalString(w, "vendor"); !ok {
			return nil, false
		}
		for _, ip := range d.ips {
			wireIPs[ip] = true
			wireByAddress.add(ip, d.t)
		}
		if d.mac != "" {
			wireMACs[strings.ToLower(d.mac)] = true
			if macIPs[d.mac] == nil {
				macIPs[d.mac] = map[string]bool{}
			}
			for _, ip := range d.ips {
				macIPs[d.mac][ip] = true
			}
		}
		devices[i] = d
	}
	type record struct {
		t                 *ast.Term
		mac, vendor       string
		hasMAC, hasVendor bool
	}
	readRecord := func(t *ast.Term) (record, bool) {
		a, ok := t.Value.(ast.Object)
		if !ok {
			return record{}, false
		}
		r := record{t: t}
		var ok1, ok2 bool
		r.mac, r.hasMAC, ok1 = optionalString(a, "mac")
		r.vendor, r.hasVendor, ok2 = optionalString(a, "vendor")
		return r, ok1 && ok2
	}
	pair := func(w, a *ast.Term) *ast.Term {
		return ast.ObjectTerm([2]*ast.Term{ast.InternedTerm("wire"), w}, [2]*ast.Term{ast.InternedTerm("asset"), a})
	}
	var unknown, macMatches, macDiffers []*ast.Term
	vendorPairs := map[[2]string][]*ast.Term{}
	for _, d := range devices {
		var byIP []*ast.Term
		for _, ip := range d.ips {
			t := byAddress.Get(ast.StringTerm(ip))
			if t == nil {
				continue
			}
			l, ok := t.Value.(*ast.Array)
			if !ok {
				return nil, false
			}
			l.Foreach(func(a *ast.Term) { byIP = append(byIP, a) })
		}
		var byMACList []*ast.Term
		if len(byIP) == 0 && d.mac != "" && len(macIPs[d.mac]) < 2 {
			if t := byMAC.Get(ast.StringTerm(strings.ToLower(d.mac))); t != nil {
				l, ok := t.Value.(*ast.Array)
				if !ok {
					return nil, false
				}
				l.Foreach(func(a *ast.Term) { byMACList = append(byMACList, a) })
			}
		}
		if len(byIP) == 0 && len(byMACList) == 0 {
			unknown = append(unknown, d.t)
		}
		for _, a := range byMACList {
			macMatches = append(macMatches, pair(d.t, a))
		}
		for _, t := range byIP {
			r, ok := readRecord(t)
			if !ok {
				return nil, false
			}
			if r.mac != "" && d.hasMAC && strings.ToLower(r.mac) != strings.ToLower(d.mac) {
				macDiffers = append(macDiffers, pair(d.t, t))
			}
			recordMAC := d.mac
			if r.hasMAC {
				recordMAC = r.mac
			}
			if d.vendor != "" && r.vendor != "" && d.hasMAC && strings.ToLower(recordMAC) == strings.ToLower(d.mac) {
				k := [2]string{r.vendor, d.vendor}
				vendorPairs[k] = append(vendorPairs[k], pair(d.t, t))
			}
		}
	}
	var unseen []*ast.Term
	for i := range records.Len() {
		t := records.Elem(i)
		a, ok := t.Value.(ast.Object)
		if !ok {
			return nil, false
		}
		ip, _, ok := optionalString(a, "ip")
		if !ok {
			return nil, false
		}
		if ip == "" || wireIPs[ip] {
			continue
		}
		seen := false
		if ips, ok := termValue(a.Get(ast.InternedTerm("ips"))).(*ast.Array); ok {
			ips.Foreach(func(x *ast.Term) {
				if s, ok := x.Value.(ast.String); ok && s != "" && wireIPs[string(s)] {
					seen = true
				}
			})
		}
		r, ok := readRecord(t)
		if !ok {
			return nil, false
		}
		if r.hasMAC && wireMACs[strings.ToLower(r.mac)] {
			seen = true
		}
		if !seen {
			unseen = append(unseen, t)
		}
	}
	vendorKeys := make([][2]string, 0, len(vendorPairs))
	for k := range vendorPairs {
		vendorKeys = append(vendorKeys, k)
	}
	slices.SortFunc(vendorKeys, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	groups := make([]*ast.Term, len(vendorKeys))
	for i, k := range vendorKeys {
		groups[i] = ast.ObjectTerm(
			[2]*ast.Term{ast.InternedTerm("vendors"), ast.ArrayTerm(ast.StringTerm(k[0]), ast.StringTerm(k[1]))},
			[2]*ast.Term{ast.InternedTerm("pairs"), ast.ArrayTerm(vendorPairs[k]...)})
	}
	return ast.ObjectTerm(
		[2]*ast.Term{ast.InternedTerm("unknown_devices"), ast.ArrayTerm(unknown...)},
		[2]*ast.Term{ast.InternedTerm("unseen_records"), ast.ArrayTerm(unseen...)},
		[2]*ast.Term{ast.InternedTerm("mac_matches"), ast.ArrayTerm(macMatches...)},
		[2]*ast.Term{ast.InternedTerm("mac_differs"), ast.ArrayTerm(macDiffers...)},
		[2]*ast.Term{ast.InternedTerm("vendor_pairs"), ast.ArrayTerm(groups...)},
		[2]*ast.Term{ast.InternedTerm("wire_by_address"), wireByAddress.term()},
	), true
}

// optionalString reads the member key of o: has is false when there is
// none, ok false when it is not a string.
func optionalString(o ast.Object, key string) (s string, has, ok bool) {
	t := o.Get(ast.InternedTerm(key))
	if t == nil {
		return "", false, true
	}
	v, ok := t.Value.(ast.String)
	return string(v), true, ok
}

// wireByRole makes input.index.joined.wire_by_role: the devices the
// captures saw (input.index.pcap.wire_assets) by their "role" ("" for
// none), each list in their order, as data.slate.lib.network.wire_by_role
// reads them; ok is false when a role is not a string.
func wireByRole(wire *ast.Term) (*ast.Term, bool) {
	list, ok := termValue(wire).(*ast.Array)
	if !ok {
		return nil, false
	}
	var byRole termLists
	for i := range list.Len() {
		w, ok := list.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, false
		}
		role := ast.String("")
		if r := w.Get(ast.InternedTerm("role")); r != nil {
			if role, ok = r.Value.(ast.String); !ok {
				return nil, false
			}
		}
		byRole.add(string(role), list.Elem(i))
	}
	return byRole.term(), true
}
