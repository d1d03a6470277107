package named

import "testing"

type entry struct{ n string }

func TestLookup(t *testing.T) {
	table := []entry{{"json"}, {"md"}}
	name := func(e entry) string { return e.n }
	if got := Names(table, name); len(got) != 2 || got[0] != "json" || got[1] != "md" {
		t.Errorf("Names = %v", got)
	}
	if e, err := Lookup(table, name, "md", "test format"); err != nil || e.n != "md" {
		t.Errorf("Lookup(md) = %v, %v", e, err)
	}
	_, err := Lookup(table, name, "xml", "test format")
	if err == nil || err.Error() != `unknown test format "xml" (formats: json, md)` {
		t.Errorf("Lookup(xml) error = %v", err)
	}
}
