package traffic

import (
	"bytes"
	"runtime"

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
	head, err := evidence.Canonical(d)
	if err != nil {
		return nil, err
	}
	// In canonical order "flows" comes after "credentials" and before
	// "flows_dropped"; a nested member of the same names would make the
	// place ambiguous: then the long way.
	marker := []byte(`,"flows":null,"flows_dropped":`)
	at := bytes.Index(head, marker)
	if at < 0 || bytes.Count(head, marker) != 1 {
		d.Flows = flows
		raw, err := evidence.Canonical(d)
		d.Flows = nil
		return raw, err
	}
	// Batches of flows are made canonical side by side, one per core, and
	// copied in order into chunks of a fixed size, filled to the brim; the
	// output is made once all are written, of exactly its size, from the
	// chunks. Until then the memory held is the flows not yet written and
	// the bytes of those written, never both whole at once: an output
	// sized up front would be held with all the flows, and one grown by
	// doubling would keep up to half of it unused.
	const batch = 512
	workers := runtime.GOMAXPROCS(0)
	bufs := make([][]byte, workers)
	var c chunks
	c.write(head[:at])
	c.write([]byte(`,"flows":[`))
	for first := 0; first < len(flows); first += workers * batch {
		var g errgroup.Group
		for w := range workers {
			lo := first + w*batch
			if lo >= len(flows) {
				break
			}
			hi := min(lo+batch, len(flows))
			g.Go(func() error {
				var fw flowWriter
				b := bufs[w][:0]
				for i := lo; i < hi; i++ {
					if i > 0 {
						b = append(b, ',')
					}
					var err error
					if b, err = fw.appendFlow(b, &flows[i]); err != nil {
						return err
					}
					flows[i] = Flow{}
				}
				bufs[w] = b
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return nil, err
		}
		for w := range bufs {
			if first+w*batch < len(flows) {
				c.write(bufs[w])
			}
		}
	}
	flows, bufs = nil, nil
	c.write([]byte{']'})
	c.write(head[at+len(`,"flows":null`):])
	return c.join(), nil
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

// join returns the bytes written, of exactly their size, letting each
// chunk go once copied.
func (c *chunks) join() []byte {
	out := make([]byte, 0, c.n)
	for i, b := range c.full {
		out = append(out, b...)
		c.full[i] = nil
	}
	out = append(out, c.last...)
	c.full, c.last = nil, nil
	return out
}
