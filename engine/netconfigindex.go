package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// netconfigIndex makes input.index.netconfig: per device of the
// configuration documents, by its key in data.slate.lib.netconfig.devices
// ("<document id>|<file>"), "zones_spanned", the declared zones of its
// interfaces (netconfig.zones_spanned), and "access_ports", its
// access-mode interfaces in OT zones (breadth.access_ports). Every
// configuration check and SLATE-JOIN-001 read them, and a thousand
// 48-port switches are 48,000 interfaces to visit in each. ok is false
// when the documents or the zones do not read plainly: the policies then
// make both themselves (and fail as they would).
func netconfigIndex(evidence, assessment *ast.Term) (ast.Object, bool) {
	zoneNames, otZones, ok := zoneKinds(assessment)
	if !ok {
		return nil, false
	}
	docs, ok := listAt(termValue(evidence), "netconfig")
	if !ok || docs == nil {
		return nil, false
	}
	var spanned, access [][2]*ast.Term
	ok = eachConfiguredDevice(docs, func(key string, dev ast.Object) bool {
		ifaces, ok := listAt(dev, "interfaces")
		if !ok {
			return false
		}
		var zones, ports []*ast.Term
		for k := range docsLen(ifaces) {
			iface, ok := ifaces.Elem(k).Value.(ast.Object)
			if !ok {
				continue // i.zone is undefined
			}
			zone := iface.Get(ast.InternedTerm("zone"))
			if zone == nil {
				continue
			}
			name, ok := zone.Value.(ast.String)
			if !ok {
				continue
			}
			if zoneNames[string(name)] {
				zones = append(zones, zone)
			}
			if mode := iface.Get(ast.InternedTerm("mode")); mode != nil && mode.Value.Compare(ast.String("access")) == 0 && otZones[string(name)] {
				ports = append(ports, ifaces.Elem(k))
			}
		}
		k := ast.StringTerm(key)
		spanned = append(spanned, [2]*ast.Term{k, ast.SetTerm(zones...)})
		access = append(access, [2]*ast.Term{k, ast.ArrayTerm(ports...)})
		return true
	})
	if !ok {
		return nil, false
	}
	return ast.NewObject(
		[2]*ast.Term{ast.InternedTerm("access_ports"), ast.NewTerm(ast.NewObject(access...))},
		[2]*ast.Term{ast.InternedTerm("zones_spanned"), ast.NewTerm(ast.NewObject(spanned...))},
	), true
}

// zoneKinds are the names of the declared zones and those of the OT zones
// (data.slate.lib.breadth.ot_zones: kind "ot"); ok is false when a zone's
// name is not a string or one name has two kinds.
func zoneKinds(assessment *ast.Term) (names, ot map[string]bool, ok bool) {
	names, ot = map[string]bool{}, map[string]bool{}
	kinds := map[string]ast.Value{}
	ok = eachDeclaredZone(assessment, func(name string, z ast.Object) bool {
		kind := ast.Value(ast.String(""))
		if k := z.Get(ast.InternedTerm("kind")); k != nil {
			kind = k.Value
		}
		if prev, seen := kinds[name]; seen && prev.Compare(kind) != 0 {
			return false
		}
		kinds[name] = kind
		names[name] = true
		if kind.Compare(ast.String("ot")) == 0 {
			ot[name] = true
		}
		return true
	})
	if !ok {
		return nil, nil, false
	}
	return names, ot, true
}
