package traffic

import (
	"bytes"
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
	// appended in order. The output is sized once from the first batches,
	// so that it is not grown by doubling (which would leave up to half of
	// it unused, and kept with the document).
	const batch = 512
	workers := runtime.GOMAXPROCS(0)
	bufs := make([][]byte, workers)
	out := append(make([]byte, 0, len(head)+min(len(flows), workers*batch)*1024), head[:at]...)
	out = append(out, `,"flows":[`...)
	for first := 0; first < len(flows); first += workers * batch {
		var g errgroup.Group
		for w := range workers {
			lo := first + w*batch
			if lo >= len(flows) {
				break
			}
			hi := min(lo+batch, len(flows))
			g.Go(func() error {
				var scratch bytes.Buffer
				b := bufs[w][:0]
				for i := lo; i < hi; i++ {
					if i > 0 {
						b = append(b, ',')
					}
					var err error
					if b, err = evidence.AppendCanonical(b, &scratch, &flows[i]); err != nil {
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
				out = append(out, bufs[w]...)
			}
		}
		if first == 0 && len(flows) > workers*batch {
			done := min(len(flows), workers*batch)
			per := (len(out) - at) / done
			out = slices.Grow(out, (len(flows)-done)*per*17/16+len(head)-at)
		}
	}
	out = append(out, ']')
	out = append(out, head[at+len(`,"flows":null`):]...)
	if cap(out)-len(out) > len(out)/8 {
		out = slices.Clip(bytes.Clone(out)) // the estimate was far off
	}
	return out, nil
}
