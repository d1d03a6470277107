package pcap

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/collectors/pcap/it"
	"github.com/slate-ot/slate/collectors/pcap/ot"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

const (
	// Kind is the evidence kind, the first label of a `source "pcap"` block.
	Kind = "pcap"
	// Version is the collector version recorded in provenance.
	Version = "1.0.0"
	// DefaultMaxFlows bounds the flows kept per source.
	DefaultMaxFlows = 1_000_000
)

// Options are the attributes a source block of this kind may set besides
// files: max_flows (flows kept; past it new flows are counted, not
// stored), and two the engine reads, not the collector: zones (the zones
// the capture speaks for besides those it saw inside) and min_observation
// (the window below which absence from the wire is not judged).
var Options = []string{"max_flows", "min_observation", "zones"}

// Collector reads pcap and pcapng captures. One value may collect several
// sources at once.
type Collector struct {
	progress func(read, total int64)
	tcp      []dissect.Dissector
	frames   []dissect.FrameDissector
}

// Option configures a Collector.
type Option func(*Collector)

// WithProgress makes Collect report the bytes of input read so far and the
// total size of the source's files to fn, every few megabytes and at the
// end. Calls are serialised; a nil fn is never called.
func WithProgress(fn func(read, total int64)) Option {
	return func(c *Collector) { c.progress = fn }
}

// WithDissectors replaces the registered dissectors (for tests and
// benchmarks).
func WithDissectors(ds []dissect.Dissector, fs []dissect.FrameDissector) Option {
	return func(c *Collector) { c.tcp, c.frames = ds, fs }
}

// New returns a capture collector with every dissector of packages ot and it.
func New(opts ...Option) *Collector {
	c := &Collector{}
	c.tcp = append(append(c.tcp, ot.Dissectors()...), it.Dissectors()...)
	c.frames = ot.FrameDissectors()
	for _, o := range opts {
		o(c)
	}
	slices.SortFunc(c.tcp, func(a, b dissect.Dissector) int { return cmp.Compare(a.Name(), b.Name()) })
	return c
}

type options struct {
	maxFlows int
}

func parseOptions(in map[string]any) (options, error) {
	o, err := traffic.ParseSourceOptions(in, DefaultMaxFlows, false)
	return options{maxFlows: o.MaxFlows}, err
}

// Collect reads every capture of src, several files at a time, and merges
// them in file order.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	opts, err := parseOptions(src.Options)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	files := src.UniqueFiles()
	var total int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			total += st.Size()
		}
	}
	prog := &progress{fn: c.progress, total: total}
	results := make([]*fileResult, len(files))
	// Each file's flow table is merged as soon as it and every file
	// before it are read, and then released: memory holds the merged
	// table and the tables of the files being read or waiting for an
	// earlier one, never every file's table. Files start at most window
	// ahead of the next one to merge, so that a long first file does not
	// leave the tables of all the others waiting.
	m := newMerger(src, opts)
	workers := runtime.GOMAXPROCS(0)
	window := 2 * workers
	// Files are read side by side, each by as many workers as the cores
	// left to it: a source of one capture uses every core on it.
	perFile := max(1, workers/max(1, len(files)))
	var mu sync.Mutex
	ready := sync.NewCond(&mu)
	next := 0
	var g errgroup.Group
	g.SetLimit(workers)
	for i, path := range files {
		mu.Lock()
		for i >= next+window {
			ready.Wait()
		}
		mu.Unlock()
		g.Go(func() error {
			r := c.readFile(ctx, src, path, opts, perFile, prog)
			mu.Lock()
			defer mu.Unlock()
			results[i] = r
			for next < len(results) && results[next] != nil {
				if r := results[next]; r.err == nil {
					m.add(r)
				}
				results[next].table = nil
				next++
			}
			ready.Broadcast()
			return nil
		})
	}
	_ = g.Wait()
	prog.done()
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	var bad evidence.InputErrors
	for _, r := range results {
		if err := bad.Keep(r.err); err != nil { // every bad capture at once, in file order
			return evidence.Document{}, err
		}
	}
	if err := bad.Err(); err != nil {
		return evidence.Document{}, err
	}
	var prov evidence.Provenance
	prov.Collector, prov.CollectorVersion = Kind, Version
	for _, r := range results {
		prov.Files = append(prov.Files, r.file)
		prov.Warnings = append(prov.Warnings, r.warnings...)
		prov.RecordsRead += int(min(r.capture.Packets, 1<<31-1))
		prov.RecordsSkipped += r.capture.Malformed
		if r.capture.Truncated {
			prov.Incomplete = true
		}
	}
	prov.EvidenceDate = evidenceDate(results)
	prov.ObservedFrom, prov.ObservedTo = observed(results)
	data := m.data()
	if data.FlowsDropped > 0 {
		prov.Warnings = append(prov.Warnings, evidence.Warning{
			File:    evidence.RelPath(src.Dir, files[0]),
			Message: fmt.Sprintf("%d flows over max_flows (%d) were counted but not stored", data.FlowsDropped, opts.maxFlows),
		})
		prov.Incomplete = true
	}
	// The flows are most of a large capture's document: written one at a
	// time into its canonical JSON, not encoded whole and made canonical
	// after (traffic.Encode, as the log collectors write theirs).
	raw, err := traffic.Encode(&data)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("encode %s/%s evidence: %w", src.Kind, src.Name, err)
	}
	return evidence.NewDocumentJSON(src, prov, raw), nil
}

// evidenceDate is the day of the last packet of the capture that ended
// first: a source of several captures is only as current as its oldest
// one, so that a max_age on the source holds for every file. Captures
// without packets say nothing and are passed over; "" when none has any.
func evidenceDate(results []*fileResult) string {
	var oldest int64
	found := false
	for _, r := range results {
		if r.capture.Packets == 0 {
			continue
		}
		if !found || r.last < oldest {
			oldest, found = r.last, true
		}
	}
	if !found {
		return ""
	}
	return time.Unix(0, oldest).UTC().Format(time.DateOnly)
}

// observed is the observation window of the captures: the first packet
// of any file to the last of any file; "" when no file has a packet.
func observed(results []*fileResult) (from, to string) {
	var first, last int64
	found := false
	for _, r := range results {
		if r.capture.Packets == 0 {
			continue
		}
		if !found || r.first < first {
			first = r.first
		}
		if !found || r.last > last {
			last = r.last
		}
		found = true
	}
	if !found {
		return "", ""
	}
	return stamp(first), stamp(last)
}

// progress serialises reports of bytes read across the file workers.
type progress struct {
	fn    func(read, total int64)
	total int64
	read  atomic.Int64
	mu    sync.Mutex
}

func (p *progress) add(n int64) {
	if p == nil || p.fn == nil {
		return
	}
	r := p.read.Add(n)
	p.mu.Lock()
	p.fn(min(r, p.total), p.total)
	p.mu.Unlock()
}

func (p *progress) done() {
	if p == nil || p.fn == nil {
		return
	}
	p.mu.Lock()
	p.fn(p.total, p.total)
	p.mu.Unlock()
}

// Protocols returns the names of the registered dissectors, sorted.
func (c *Collector) Protocols() []string {
	var out []string
	for _, d := range c.tcp {
		out = append(out, d.Name())
	}
	for _, d := range c.frames {
		out = append(out, d.Name())
	}
	slices.Sort(out)
	return slices.Compact(out)
}
