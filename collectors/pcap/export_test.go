package pcap

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// TestWorker exposes the per-packet path to the fuzz and benchmark tests.
type TestWorker struct{ w *worker }

func NewTestWorker(c *Collector) *TestWorker {
	res := &fileResult{capture: traffic.Input{LinkTypes: []string{}}}
	return &TestWorker{newWorker(c, evidence.Source{FingerprintKey: []byte("0123456789abcdef0123456789abcdef")}, options{maxFlows: 1 << 20}, res)}
}

func (t *TestWorker) Packet(data []byte, ci gopacket.CaptureInfo) {
	t.w.packet(layers.LinkTypeEthernet, data, ci)
}

func (t *TestWorker) Flows() int { return len(t.w.t.flows) }

// SetMaxARP lowers the bound on a table's address bindings until restore
// is called.
func SetMaxARP(n int) (restore func()) {
	old := maxARP
	maxARP = n
	return func() { maxARP = old }
}
