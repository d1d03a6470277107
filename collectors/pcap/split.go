package pcap

import (
	"cmp"
	"math/bits"
	"slices"
	"sync"

	"github.com/gopacket/gopacket/layers"

	"github.com/slate-ot/slate/evidence"
)

// joinTables makes one capture's flow table of the tables of the workers
// that read it side by side, the same table one worker reading every
// packet in order would have made. A conversation's packets all went to
// one worker (route), so the tables hold different flows: they are put
// back in the order their first packets had in the capture, and the limits
// one table keeps (maxFlows flows, maxARP bindings) are applied again to
// the whole. A worker's table has every flow the whole one would keep, as
// each flow a worker dropped started when that worker alone already held
// maxFlows earlier ones; the flows it kept past the whole's limit were
// dropped by the one worker, with every packet of theirs counted.
func joinTables(parts []*table, maxFlows int) *table {
	t := newTable()
	n := 0
	for _, p := range parts {
		n += len(p.order)
		t.dropped += p.dropped
	}
	t.order = make([]*flow, 0, n)
	for _, p := range parts {
		t.order = append(t.order, p.order...)
	}
	slices.SortFunc(t.order, func(a, b *flow) int { return cmp.Compare(a.seq, b.seq) })
	if len(t.order) > maxFlows {
		for _, f := range t.order[maxFlows:] {
			t.dropped += int(f.pkts[0] + f.pkts[1])
		}
		clear(t.order[maxFlows:])
		t.order = t.order[:maxFlows]
	}
	// The joined table is merged, never looked up: it is not indexed.
	// A binding may have been seen by several workers (its frames need not
	// be of one conversation): it counts from its first packet in the
	// capture.
	type binding struct {
		k   arpKey
		seq int64
	}
	var all []binding
	for _, p := range parts {
		for i, k := range p.arpList {
			all = append(all, binding{k, p.arpSeq[i]})
		}
	}
	slices.SortFunc(all, func(a, b binding) int { return cmp.Compare(a.seq, b.seq) })
	for _, b := range all {
		if _, ok := t.arps[b.k]; ok || len(t.arps) >= maxARP {
			continue
		}
		t.arps[b.k] = struct{}{}
		t.arpList = append(t.arpList, b.k)
		t.arpSeq = append(t.arpSeq, b.seq)
	}
	return t
}

// A batch is packets of one capture on their way from the reader to one
// worker: their bytes back to back in data, and where each ends.
type batch struct {
	data []byte
	pkts []batchPacket
}

type batchPacket struct {
	seq, ts int64
	end     int // of its bytes in data; it starts where the one before ends
	length  int // on the wire
	lt      layers.LinkType
}

const (
	batchBytes   = 256 << 10
	batchPackets = 2048
	// batchQueue is how many full batches may wait for each worker.
	batchQueue = 4
)

// fanout spreads the packets of one capture over workers by conversation
// (route), so that each flow is read, reassembled and dissected in capture
// order by one worker. Batches are recycled through free; at most
// workers×(batchQueue+2) exist, so memory is bounded whatever the capture.
type fanout struct {
	workers []*worker
	in      []chan *batch
	cur     []*batch
	free    chan *batch
	made    int
	limit   int
	wg      sync.WaitGroup
	closed  bool
}

func newFanout(c *Collector, src evidence.Source, opts options, n int) *fanout {
	f := &fanout{workers: make([]*worker, n), in: make([]chan *batch, n), cur: make([]*batch, n), limit: n * (batchQueue + 2)}
	f.free = make(chan *batch, f.limit)
	f.wg.Add(n)
	for i := range n {
		w := newWorker(c, src, opts, nil)
		in := make(chan *batch, batchQueue)
		f.workers[i], f.in[i] = w, in
		go func() {
			defer f.wg.Done()
			for b := range in {
				start := 0
				for _, p := range b.pkts {
					w.decode(p.lt, b.data[start:p.end:p.end], p.ts, p.length, p.seq)
					start = p.end
				}
				b.data, b.pkts = b.data[:0], b.pkts[:0]
				if cap(b.data) > 4*batchBytes {
					// It grew for one large record: not kept.
					b.data = make([]byte, 0, batchBytes)
				}
				f.free <- b
			}
		}()
	}
	return f
}

// get returns an empty batch, waiting for a worker to give one back when
// all there may be are in use.
func (f *fanout) get() *batch {
	select {
	case b := <-f.free:
		return b
	default:
	}
	if f.made < f.limit {
		f.made++
		return &batch{data: make([]byte, 0, batchBytes), pkts: make([]batchPacket, 0, batchPackets)}
	}
	return <-f.free
}

// add queues one packet (its bytes are copied) for the worker of its
// conversation.
func (f *fanout) add(lt layers.LinkType, data []byte, ts int64, length int, seq int64) {
	hi, _ := bits.Mul64(route(lt, data), uint64(len(f.in)))
	b := f.cur[hi]
	if b == nil {
		b = f.get()
		f.cur[hi] = b
	} else if len(b.pkts) == batchPackets || len(b.data)+len(data) > cap(b.data) {
		f.in[hi] <- b
		b = f.get()
		f.cur[hi] = b
	}
	b.data = append(b.data, data...)
	b.pkts = append(b.pkts, batchPacket{seq: seq, ts: ts, end: len(b.data), length: length, lt: lt})
}

// close sends what is left and waits for the workers.
func (f *fanout) close() {
	if f.closed {
		return
	}
	f.closed = true
	for i, b := range f.cur {
		if b != nil && len(b.pkts) > 0 {
			f.in[i] <- b
		}
		close(f.in[i])
	}
	f.wg.Wait()
}

// join waits for the workers and makes the capture's flow table of
// theirs; the malformed packets they counted go to res.
func (f *fanout) join(res *fileResult, maxFlows int) *table {
	f.close()
	parts := make([]*table, len(f.workers))
	for i, w := range f.workers {
		w.finish(res)
		parts[i] = w.t
	}
	return joinTables(parts, maxFlows)
}
