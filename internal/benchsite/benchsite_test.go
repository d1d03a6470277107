package benchsite

import "testing"

// TestShape: every size places all its hosts by weight, each address once,
// and the conduits and spans name declared zones.
func TestShape(t *testing.T) {
	for name, size := range Sizes {
		hosts := Hosts(size)
		seen := map[string]bool{}
		for zi, hs := range hosts {
			want := size.Assets / TotalWeight() * Zones[zi].Weight
			if len(hs) < want {
				t.Errorf("%s: zone %s has %d hosts, want at least %d", name, Zones[zi].Name, len(hs), want)
			}
			for _, h := range hs {
				if seen[h] {
					t.Errorf("%s: address %s twice", name, h)
				}
				seen[h] = true
			}
		}
		if len(seen) != size.Assets {
			t.Errorf("%s: %d hosts, want %d", name, len(seen), size.Assets)
		}
	}
	for _, c := range Conduits {
		if ZoneIndex(c.From) < 0 || ZoneIndex(c.To) < 0 {
			t.Errorf("conduit %s-%s names an undeclared zone", c.From, c.To)
		}
	}
	if len(Zones) != 12 || len(Conduits) != 17 {
		t.Errorf("%d zones and %d conduits, want 12 and 17", len(Zones), len(Conduits))
	}
	for _, z := range Zones {
		if s := SpanOf(z.Name); s < 0 || s >= len(Spans) {
			t.Errorf("zone %s: span %d", z.Name, s)
		}
	}
	if Mix(1, 0) == Mix(1, 1) || Mix(1, 0) != Mix(1, 0) {
		t.Error("Mix is not a deterministic function of its salt")
	}
}
