package engine

import "github.com/open-policy-agent/opa/v1/ast"

// valueFields are the record fields input.index.assets lists the
// inventory's records by ("by_zone", "by_end_of_support",
// "by_last_patched"): a check that judges records by one of them visits
// the few distinct values and the records of those that matter, not every
// record (data.slate.lib.inventory).
var valueFields = []string{"zone", "end_of_support", "last_patched"} // not traffic evidence: the inventory's records

// blankFields are the record fields input.index.assets.blank lists the
// records without (absent or ""): a record missing one is rare, and the
// check that reports it visits those alone.
var blankFields = []string{"firmware", "ip", "mac", "model", "name", "vendor"} // not traffic evidence: the inventory's records

// assetFields are the records of the inventory by the value of each of
// valueFields and, for each of blankFields, the records without it: the
// lists data.slate.lib.inventory makes as by_<field> and blank when the
// input has none.
type assetFields struct {
	byValue [3]termLists // by valueFields
	plain   [3]bool      // false once a record's value is not a string
	blank   [6][]*ast.Term
}

func newAssetFields() *assetFields {
	return &assetFields{plain: [3]bool{true, true, true}}
}

// add files the record t (rec with its document) under the value of each
// field, as object.get(a, field, "") reads it, and under each field it
// lacks.
func (f *assetFields) add(rec ast.Object, t *ast.Term) {
	for i, name := range valueFields {
		if !f.plain[i] {
			continue
		}
		v := ast.String("")
		if x := rec.Get(ast.InternedTerm(name)); x != nil {
			v, f.plain[i] = x.Value.(ast.String)
		}
		if f.plain[i] {
			f.byValue[i].add(string(v), t)
		}
	}
	for i, name := range blankFields {
		if x := rec.Get(ast.InternedTerm(name)); x == nil || x.Value.Compare(ast.String("")) == 0 {
			f.blank[i] = append(f.blank[i], t)
		}
	}
}

// members are the index's entries: "blank" always, and "by_<field>" for
// each field whose values are all strings (otherwise the policies make
// it, and read it as they would the records).
func (f *assetFields) members() [][2]*ast.Term {
	blank := make([][2]*ast.Term, len(blankFields))
	for i, name := range blankFields {
		blank[i] = [2]*ast.Term{ast.InternedTerm(name), ast.ArrayTerm(f.blank[i]...)}
	}
	members := [][2]*ast.Term{{ast.InternedTerm("blank"), ast.NewTerm(ast.NewObject(blank...))}}
	for i, name := range valueFields {
		if f.plain[i] {
			members = append(members, [2]*ast.Term{ast.StringTerm("by_" + name), f.byValue[i].term()})
		}
	}
	return members
}

// misplaced are the records of all whose "zone" is not the zone of their
// "ip" in addressZones (input.index.assets.address_zones), in record
// order, as data.slate.lib.inventory.misplaced reads them: a record
// without either, or whose address lies in no zone, is one.
func misplaced(all []*ast.Term, addressZones *ast.Term) *ast.Term {
	zones, _ := addressZones.Value.(ast.Object)
	var out []*ast.Term
	for _, t := range all {
		rec := t.Value.(ast.Object)
		zone, ip := rec.Get(ast.InternedTerm("zone")), rec.Get(ast.InternedTerm("ip"))
		if zone != nil && ip != nil && zones != nil {
			if z := zones.Get(ip); z != nil && z.Value.Compare(zone.Value) == 0 {
				continue
			}
		}
		out = append(out, t)
	}
	return ast.ArrayTerm(out...)
}
