package pcap

import (
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/evidence"
)

// TestWireProtocols holds the collector's protocol names (its dissectors'
// and the layer-2 protocols it labels by EtherType) to evidence's list,
// the names an assessment's conduit services may use: a name the engine
// accepts that no flow ever carries would never match.
func TestWireProtocols(t *testing.T) {
	names := map[string]bool{}
	c := New()
	for _, d := range c.tcp {
		names[d.Name()] = true
	}
	for _, d := range c.frames {
		names[d.Name()] = true
	}
	for _, n := range frameNames {
		names[n] = true
	}
	got := slices.Sorted(maps.Keys(names))
	if diff := cmp.Diff(evidence.WireProtocols(), got); diff != "" {
		t.Errorf("evidence.WireProtocols (-) and the collector's protocol names (+) differ:\n%s", diff)
	}
	for alias, name := range evidence.ProtocolAliases() {
		if !names[name] {
			t.Errorf("alias %q names %q, which no dissector gives a flow", alias, name)
		}
	}
}
