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

func (t *TestWorker) Flows() int { return len(t.w.t.order) }

// SetMaxARP lowers the bound on a table's address bindings until restore
// is called.
func SetMaxARP(n int) (restore func()) {
	old := maxARP
	maxARP = n
	return func() { maxARP = old }
}

// SetStreamChunk sets the size of the chunks a capture file is read in
// until restore is called.
func SetStreamChunk(n int) (restore func()) {
	old := streamChunk
	streamChunk = n
	return func() { streamChunk = old }
}

// Records reads every record of a classic pcap capture with the
// collector's reader over the file's chunks, and returns each record's
// bytes, time and length and the error that ended the reading; Header is
// the error of the file header.
func Records(path string) (recs []Record, header, end error) {
	f, fs, err := openStream(path, nil)
	if err != nil {
		return nil, err, nil
	}
	defer f.Close()
	defer fs.finish("", path, false)
	r, err := newPcapRecords(fs)
	if err != nil {
		return nil, err, nil
	}
	for {
		data, lt, sec, ns, length, err := r.next()
		if err != nil {
			return recs, nil, err
		}
		recs = append(recs, Record{Data: append([]byte{}, data...), Link: int(lt), Sec: sec, Nano: ns, Length: length})
	}
}

// Record is one record Records read.
type Record struct {
	Data      []byte
	Link      int
	Sec, Nano int64
	Length    int
}
