package xlsx

import (
	"bytes"
	"compress/flate"
	"io"
	"runtime"
	"sync"
)

// segmentSize is how much of a big part one deflate segment takes.
const segmentSize = 1 << 20

// segmentDeflater deflates a stream as pigz does: cut into segments of
// segmentSize bytes, each deflated on its own goroutine, up to one a
// core, the segments ended by a sync flush (the last by the final block)
// and written out in order. The cuts depend on the byte count alone, so
// equal content gives equal bytes whatever the timing; at the fastest
// level deflate keeps no dictionary across a writer's start anyway, and a
// segment starting afresh costs a few hundred bytes of a megabyte.
type segmentDeflater struct {
	out   io.Writer
	level int
	buf   []byte
	// queue holds the segments being deflated, in order; sem bounds how
	// many run at once.
	queue []chan *bytes.Buffer
	sem   chan struct{}
	// free are segment buffers to reuse.
	free chan []byte
	err  error
}

func newSegmentDeflater(out io.Writer, level int) *segmentDeflater {
	n := runtime.GOMAXPROCS(0)
	d := &segmentDeflater{out: out, level: level, sem: make(chan struct{}, n), free: make(chan []byte, 2*n+1)}
	d.buf = d.segment()
	return d
}

// deflated are the outputs of segments, and writers the flate writers at
// bigLevel, reused.
var (
	deflated = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	writers  sync.Pool
)

// segment returns an empty segment buffer.
func (d *segmentDeflater) segment() []byte {
	select {
	case b := <-d.free:
		return b[:0]
	default:
		return make([]byte, 0, segmentSize)
	}
}

func (d *segmentDeflater) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		if d.err != nil {
			return 0, d.err
		}
		k := min(len(b), segmentSize-len(d.buf))
		d.buf = append(d.buf, b[:k]...)
		b = b[k:]
		if len(d.buf) == segmentSize {
			d.start(d.buf, false)
			d.buf = d.segment()
		}
	}
	return n, d.err
}

// Close deflates what is left as the last segment and writes every
// segment out.
func (d *segmentDeflater) Close() error {
	d.start(d.buf, true)
	d.buf = nil
	for len(d.queue) > 0 {
		d.writeFirst()
	}
	return d.err
}

// start deflates seg on a goroutine of its own, once one of the cores is
// free; with several cores' worth of segments waiting, the first is
// written out first.
func (d *segmentDeflater) start(seg []byte, last bool) {
	for len(d.queue) >= 2*cap(d.sem) {
		d.writeFirst()
	}
	done := make(chan *bytes.Buffer, 1)
	d.queue = append(d.queue, done)
	d.sem <- struct{}{}
	go func() {
		defer func() { <-d.sem }()
		done <- deflateSegment(seg, d.level, last)
		select {
		case d.free <- seg:
		default:
		}
	}()
}

// writeFirst waits for the first segment in the queue and writes it out.
func (d *segmentDeflater) writeFirst() {
	out := <-d.queue[0]
	d.queue = d.queue[1:]
	if d.err == nil {
		_, d.err = out.WriteTo(d.out)
	}
	out.Reset()
	deflated.Put(out)
}

// deflateSegment deflates seg at level, ended by a sync flush, or by the
// final block when it is the last.
func deflateSegment(seg []byte, level int, last bool) *bytes.Buffer {
	out := deflated.Get().(*bytes.Buffer)
	fw, _ := writers.Get().(*flate.Writer)
	if fw == nil || level != bigLevel {
		// Only bigLevel writers are pooled; NewWriter fails only on a
		// level out of range.
		fw, _ = flate.NewWriter(out, level)
	} else {
		fw.Reset(out)
	}
	// Writing to a bytes.Buffer does not fail.
	_, _ = fw.Write(seg)
	if last {
		_ = fw.Close()
	} else {
		_ = fw.Flush()
	}
	if level == bigLevel {
		writers.Put(fw)
	}
	return out
}
