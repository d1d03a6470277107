package traffic

import (
	"bytes"
	"cmp"
	"fmt"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/slate-ot/slate/evidence"
)

// Encode returns evidence.Canonical(d), the document's data, writing the
// flows (most of a large document) one at a time into the output instead
// of encoding the document whole and then making a canonical copy of it,
// which holds it in memory three times over with the flows themselves.
// It leaves d without its flows: each is cleared once written, so that
// its memory can go while the rest is written. Canonical JSON orders an
// object's members by key whatever their values, so the flows written in
// place of the null an empty d gives are the same bytes.
func Encode(d *Data) ([]byte, error) {
	flows := d.Flows
	if flows == nil {
		return evidence.Canonical(d) // null, not []
	}
	d.Flows = nil
	head, at, err := splitHead(d)
	if err != nil {
		return nil, err
	}
	if at < 0 {
		d.Flows = flows
		raw, err := evidence.Canonical(d)
		d.Flows = nil
		return raw, err
	}
	var e flowEncoder
	if err := e.write(flows); err != nil {
		return nil, err
	}
	return e.join(head, at), nil
}

// splitHead returns evidence.Canonical(d) of d without flows and where
// its `,"flows":null` is, -1 when that is not one place: in canonical
// order "flows" comes after "credentials" and before "flows_dropped",
// and a nested member of the same names would make the place ambiguous.
func splitHead(d *Data) ([]byte, int, error) {
	head, err := evidence.Canonical(d)
	if err != nil {
		return nil, 0, err
	}
	marker := []byte(`,"flows":null,"flows_dropped":`)
	at := bytes.Index(head, marker)
	if at < 0 || bytes.Count(head, marker) != 1 {
		return head, -1, nil
	}
	return head, at, nil
}

// flowEncoder writes flows' canonical JSON, comma-separated, into chunks.
// Batches of flows are made canonical side by side, one per core, and
// copied in order into chunks of a fixed size, filled to the brim; the
// output is made once all are written, of exactly its size, from the
// chunks. Until then the memory held is the flows not yet written and
// the bytes of those written, never both whole at once: an output sized
// up front would be held with all the flows, and one grown by doubling
// would keep up to half of it unused.
type flowEncoder struct {
	c    chunks
	n    int // flows written
	bufs [][]byte
	fws  []flowWriter
}

// write writes flows after those written before, clearing each once
// written.
func (e *flowEncoder) write(flows []Flow) error {
	const batch = 512
	workers := runtime.GOMAXPROCS(0)
	if len(e.bufs) != workers {
		e.bufs, e.fws = make([][]byte, workers), make([]flowWriter, workers)
	}
	for first := 0; first < len(flows); first += workers * batch {
		var g errgroup.Group
		for w := range workers {
			lo := first + w*batch
			if lo >= len(flows) {
				break
			}
			hi := min(lo+batch, len(flows))
			g.Go(func() error {
				b := e.bufs[w][:0]
				for i := lo; i < hi; i++ {
					if e.n+i > 0 {
						b = append(b, ',')
					}
					var err error
					if b, err = e.fws[w].appendFlow(b, &flows[i]); err != nil {
						return err
					}
					flows[i] = Flow{}
				}
				e.bufs[w] = b
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		for w := range e.bufs {
			if first+w*batch < len(flows) {
				e.c.write(e.bufs[w])
			}
		}
	}
	e.n += len(flows)
	return nil
}

// join returns head with the flows written in place of the null of its
// flows at at (splitHead), letting the chunks go as they are copied.
func (e *flowEncoder) join(head []byte, at int) []byte {
	const open, null = `,"flows":[`, `,"flows":null`
	out := make([]byte, 0, at+len(open)+e.c.n+1+len(head)-at-len(null))
	out = append(out, head[:at]...)
	out = append(out, open...)
	out = e.c.appendTo(out)
	out = append(out, ']')
	out = append(out, head[at+len(null):]...)
	e.bufs, e.fws = nil, nil
	return out
}

// chunkSize is the size of the chunks Encode writes into.
const chunkSize = 1 << 20

// chunks are bytes written into chunks of chunkSize, each full but the
// last.
type chunks struct {
	full [][]byte
	last []byte
	n    int
}

func (c *chunks) write(p []byte) {
	c.n += len(p)
	for len(p) > 0 {
		if len(c.last) == cap(c.last) {
			if c.last != nil {
				c.full = append(c.full, c.last)
			}
			c.last = make([]byte, 0, chunkSize)
		}
		k := min(len(p), cap(c.last)-len(c.last))
		c.last = append(c.last, p[:k]...)
		p = p[k:]
	}
}

// appendTo appends the bytes written to out, letting each chunk go once
// copied.
func (c *chunks) appendTo(out []byte) []byte {
	for i, b := range c.full {
		out = append(out, b...)
		c.full[i] = nil
	}
	out = append(out, c.last...)
	c.full, c.last, c.n = nil, nil, 0
	return out
}

// Writer writes the data of a traffic document from its flows, given a
// batch at a time in id order and let go once written: what Build and
// then Encode give for the same flows, without all of them (their
// strings, their facts) held at once, only the bytes of those written
// and what the devices, protocol totals and credentials need.
type Writer struct {
	assets *assetSet
	protos map[string]*Protocol
	creds  []Credential
	last   string // the id of the last flow added
	enc    flowEncoder
}

// NewWriter returns a Writer with no flows.
func NewWriter() *Writer {
	return &Writer{assets: newAssetSet(), protos: map[string]*Protocol{}, creds: []Credential{}}
}

// Add writes flows, sorted by id, all after those added before, and
// clears each once written.
func (w *Writer) Add(flows []Flow) error {
	for i := range flows {
		f := &flows[i]
		if w.enc.n+i > 0 && f.ID < w.last {
			return fmt.Errorf("traffic writer: flow %q after %q: flows are added in id order", f.ID, w.last)
		}
		w.last = f.ID
		w.assets.flow(f)
		addProtocol(w.protos, f)
		w.creds = appendCredentials(w.creds, f)
	}
	return w.enc.write(flows)
}

// Data returns the data of the document of inputs, the flows added,
// bindings and dropped, as Encode(Build(inputs, flows, bindings,
// dropped)) gives it (Build's order of flows of the same id aside: they
// are as added).
func (w *Writer) Data(inputs []Input, bindings []Binding, dropped int) ([]byte, error) {
	d := Data{Inputs: inputs, FlowsDropped: dropped}
	if d.Inputs == nil {
		d.Inputs = []Input{}
	}
	slices.SortFunc(d.Inputs, func(a, b Input) int { return cmp.Compare(a.Path, b.Path) })
	d.Assets = w.assets.assets(bindings)
	d.Protocols = protocols(w.protos)
	d.Credentials = w.creds
	w.assets, w.protos, w.creds = nil, nil, nil
	head, at, err := splitHead(&d)
	if err != nil {
		return nil, err
	}
	if at < 0 {
		return nil, fmt.Errorf("traffic writer: the document's flows have no one place in %d bytes", len(head))
	}
	return w.enc.join(head, at), nil
}
