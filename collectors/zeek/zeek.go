package zeek

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

const (
	// Kind is the evidence kind, the first label of a `source "zeek"` block.
	Kind = "zeek"
	// Version is the collector version recorded in provenance.
	Version = "1.0.0"
	// DefaultMaxFlows bounds the flows kept per source.
	DefaultMaxFlows = 1_000_000
)

// Options are the attributes a source block of this kind may set besides
// files: max_flows (conversations kept; past it new ones are counted,
// not stored), sensor (one sensor name for every file, instead of the
// directory each sits in), and two the engine reads, not the collector:
// zones and min_observation, as for captures.
var Options = []string{"max_flows", "min_observation", "sensor", "zones"}

// LogFile is how one log file was read.
type LogFile struct {
	Path    string
	SHA256  string
	Sensor  string
	Format  string
	Gzip    bool
	Records int
	// Logs counts the records of each log the collector reads; Skipped
	// those of logs it does not.
	Logs    map[string]int
	Skipped map[string]int
}

// Collector reads Zeek logs. One value may collect several sources at once.
type Collector struct{}

// New returns a Zeek log collector.
func New() *Collector { return &Collector{} }

type options struct {
	maxFlows int
	sensor   string
}

func parseOptions(in map[string]any) (options, error) {
	o, err := traffic.ParseSourceOptions(in, DefaultMaxFlows, true)
	return options{maxFlows: o.MaxFlows, sensor: o.Sensor}, err
}

// Collect reads every log file of src, several at a time, and joins the
// protocol logs to the conversations of conn.log.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	opts, err := parseOptions(src.Options)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	// Sorted, so that the result does not depend on the order the files
	// were named in.
	files := slices.Compact(slices.Sorted(slices.Values(src.Files)))
	rels := make([]string, len(files))
	for i, f := range files {
		rels[i] = evidence.RelPath(src.Dir, f)
	}
	open := openFiles(rels, opts.sensor, src.Name)
	// Each worker reads a run of consecutive files into one aggregate,
	// so that a conversation costs one map entry per worker, not one
	// per file; the aggregates are then merged in file order. The merge
	// rules are associative, so the result does not depend on the number
	// of workers or on scheduling.
	runs := splitRuns(files, runtime.GOMAXPROCS(0))
	results := make([]*fileResult, len(files))
	aggs := make([]*aggregate, len(runs))
	var wg sync.WaitGroup
	for w, run := range runs {
		wg.Go(func() {
			agg := newAggregate(src.FingerprintKey)
			for i := run[0]; i < run[1]; i++ {
				results[i] = c.readFile(ctx, src, files[i], opts, open[rels[i]], agg, i)
				if ctx.Err() != nil {
					break
				}
			}
			aggs[w] = agg
		})
	}
	wg.Wait()
	prov := evidence.Provenance{Collector: Kind, CollectorVersion: Version}
	m := newMerger(src, opts)
	var (
		bad   evidence.InputErrors
		fatal error
	)
	for _, r := range results {
		if r == nil {
			continue // not read: the context was cancelled
		}
		if r.err != nil {
			if _, ok := errors.AsType[*evidence.InputError](r.err); !ok {
				if fatal == nil {
					fatal = r.err
				}
				continue
			}
			bad.Add(r.err) // every bad log at once, in file order
			continue
		}
		prov.Files = append(prov.Files, r.file)
		prov.Warnings = append(prov.Warnings, r.warnings...)
		prov.RecordsRead += r.log.Records
		for _, name := range slices.Sorted(maps.Keys(r.log.Skipped)) {
			n := r.log.Skipped[name]
			prov.RecordsSkipped += n
			prov.RecordsRead -= n
			prov.Warnings = append(prov.Warnings, evidence.Warning{File: r.log.Path,
				Message: fmt.Sprintf("log %q is not one slate reads: %d records skipped", name, n)})
		}
		if r.cut {
			prov.Incomplete = true
		}
		m.addFile(r)
	}
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	if fatal != nil {
		return evidence.Document{}, fatal
	}
	if err := bad.Err(); err != nil {
		return evidence.Document{}, err
	}
	for i, a := range aggs {
		m.addAggregate(a)
		aggs[i] = nil // released
	}
	m.fold()
	m.bound()
	// The workers' aggregates are gone, merged into m: a collection now
	// sets the heap's next goal from what is live (the conversations
	// once) rather than from a moment when both were held, as reading
	// left it; the flows are built from here. Not worth it for a few.
	if len(m.convs) >= manyConvs {
		runtime.GC()
	}
	// The flows are built and written a batch at a time, each let go
	// once written.
	raw, err := m.data()
	prov.ObservedFrom, prov.ObservedTo, prov.EvidenceDate = m.window()
	if m.dropped > 0 {
		prov.Warnings = append(prov.Warnings, evidence.Warning{
			File:    rels[0],
			Message: fmt.Sprintf("%d conversations over max_flows (%d) were counted but not stored", m.dropped, opts.maxFlows),
		})
		prov.Incomplete = true
	}
	if err != nil {
		return evidence.Document{}, fmt.Errorf("encode %s/%s evidence: %w", src.Kind, src.Name, err)
	}
	return evidence.NewDocumentJSON(src, prov, raw), nil
}

// splitRuns splits files into at most n runs of consecutive files of
// about the same size in bytes, as [start, end) indexes.
func splitRuns(files []string, n int) [][2]int {
	sizes := make([]int64, len(files))
	var total int64
	for i, f := range files {
		if fi, err := os.Stat(f); err == nil {
			sizes[i] = fi.Size()
		}
		sizes[i]++ // an empty or unreadable file still costs an open
		total += sizes[i]
	}
	n = max(1, min(n, len(files)))
	runs := make([][2]int, 0, n)
	start := 0
	var sum int64
	for i, sz := range sizes {
		sum += sz
		// Close the run once it holds its share of the bytes, leaving
		// at least one file for each run still to come.
		if len(runs) < n-1 && sum*int64(n) >= total*int64(len(runs)+1) && len(files)-(i+1) >= n-1-len(runs) {
			runs = append(runs, [2]int{start, i + 1})
			start = i + 1
		}
	}
	if start < len(files) {
		runs = append(runs, [2]int{start, len(files)})
	}
	return runs
}

// merger joins the workers' aggregates.
type merger struct {
	src    evidence.Source
	opts   options
	inputs []traffic.Input
	convs  map[convID]*conv
	// apps are the protocol facts of every connection id and log
	// family, merged across files in first-seen order (file, then
	// key), so that they are held once per conversation, not per file.
	apps    map[appKey]*mergedApp
	appSeq  []*mergedApp
	dropped int
	// sorted are the conversations in key order, as fold sorted them
	// (some since folded or dropped).
	sorted []*conv
	// sensors are the first and last record times of each sensor.
	sensors map[string][2]int64
}

func newMerger(src evidence.Source, opts options) *merger {
	return &merger{src: src, opts: opts, apps: map[appKey]*mergedApp{}, sensors: map[string][2]int64{}}
}

// addFile records what one file was: its input and its sensor's span.
func (m *merger) addFile(r *fileResult) {
	lf := r.log
	in := traffic.Input{Path: lf.Path, Format: strings.Join(slices.Sorted(maps.Keys(lf.Logs)), ","), Gzip: lf.Gzip,
		LinkTypes: []string{}, Sensor: lf.Sensor, Records: int64(lf.Records), Truncated: r.cut,
		Packets: r.packets, Bytes: r.bytes}
	if r.timed {
		in.FirstSeen, in.LastSeen = traffic.Stamp(r.first), traffic.Stamp(r.last)
		w, ok := m.sensors[lf.Sensor]
		if !ok {
			w = [2]int64{r.first, r.last}
		}
		m.sensors[lf.Sensor] = [2]int64{min(w[0], r.first), max(w[1], r.last)}
	}
	m.inputs = append(m.inputs, in)
}

// addAggregate merges a worker's aggregate, the next in file order.
func (m *merger) addAggregate(a *aggregate) {
	if m.convs == nil {
		m.convs = a.convs // the first: taken as it is
	} else {
		for k, c := range a.convs {
			g := m.convs[k]
			if g == nil {
				m.convs[k] = c
				continue
			}
			mergeConv(g, c)
		}
	}
	for _, ap := range a.seq {
		g := m.apps[ap.key]
		if g == nil {
			m.apps[ap.key] = ap
			m.appSeq = append(m.appSeq, ap)
			continue
		}
		// The merger's facts are its own (each made by a fold for one
		// worker): merged into in place, not copied.
		if g.facts == nil {
			g.facts = ap.facts
		} else {
			traffic.MergeFactsInto(g.facts, ap.facts)
		}
		g.first, g.last = min(g.first, ap.first), max(g.last, ap.last)
	}
}

// mergeConv merges into g the conversation c of later files.
func mergeConv(g, c *conv) {
	for i := range 2 {
		g.pkts[i] += c.pkts[i]
		g.bytes[i] += c.bytes[i]
	}
	g.first, g.last = min(g.first, c.first), max(g.last, c.last)
	g.handshake = g.handshake || c.handshake
	g.conns += c.conns
	if g.protocol == "" || g.identifiedBy == "port" && c.identifiedBy == "payload" {
		g.protocol, g.identifiedBy = c.protocol, c.identifiedBy
	}
	for s := range strings.SplitSeq(c.service, ",") {
		if s != "" && !hasService(g.service, s) {
			g.service = strings.TrimPrefix(g.service+","+s, ",")
		}
	}
	for i, mac := range c.macs {
		if g.macs[i] == "" {
			g.macs[i] = mac
		}
	}
}

// reverse is the connection id seen from the other end.
func (t tuple) reverse() tuple { return tuple{orig: t.resp, resp: t.orig, op: t.rp, rp: t.op} }

// fold joins each conversation whose originator and responder are the
// other way round from another's to that one, since the capture collector
// keeps one flow for both directions of a transport, VLAN and pair of
// endpoints: Zeek starts a new conn record with the first packet after a
// connection expired, whichever end sent it (a UDP request answered after
// the inactivity timeout is two conn records, one each way). The earlier
// conversation keeps its orientation (on a tie, the lower key); the
// other's counts change sides. Done on the merged conversations, so the
// result does not depend on how the files were split between workers.
func (m *merger) fold() {
	all := slices.SortedFunc(maps.Values(m.convs), func(x, y *conv) int { return compareConvKey(x.key, y.key) })
	m.sorted = all
	for _, c := range all {
		k := c.key
		if m.convs[k.id()] != c {
			continue // folded into its reverse already
		}
		rk := k
		rk.tuple = k.tuple.reverse()
		r, ok := m.convs[rk.id()]
		if !ok || rk == k {
			continue
		}
		keep, gone := c, r
		if r.first < c.first {
			keep, gone = r, c
		}
		gone.pkts[0], gone.pkts[1] = gone.pkts[1], gone.pkts[0]
		gone.bytes[0], gone.bytes[1] = gone.bytes[1], gone.bytes[0]
		gone.macs[0], gone.macs[1] = gone.macs[1], gone.macs[0]
		keep.file = min(keep.file, gone.file)
		mergeConv(keep, gone)
		delete(m.convs, gone.key.id())
	}
}

// bound keeps max_flows conversations: those first seen in the earliest
// files, in key order within a file; the rest are counted as dropped.
func (m *merger) bound() {
	if len(m.convs) <= m.opts.maxFlows {
		return
	}
	all := slices.SortedFunc(maps.Values(m.convs), func(x, y *conv) int {
		return cmp.Or(cmp.Compare(x.file, y.file), compareConvKey(x.key, y.key))
	})
	for _, c := range all[m.opts.maxFlows:] {
		delete(m.convs, c.key.id())
	}
	m.dropped += len(all) - m.opts.maxFlows
}

func compareTuple(a, b tuple) int {
	return cmp.Or(a.orig.Compare(b.orig), cmp.Compare(a.op, b.op), a.resp.Compare(b.resp), cmp.Compare(a.rp, b.rp))
}

func compareConvKey(a, b convKey) int {
	return cmp.Or(compareTuple(a.tuple, b.tuple), cmp.Compare(a.proto, b.proto), cmp.Compare(a.vlan, b.vlan), cmp.Compare(a.inner, b.inner))
}

func compareAppKey(a, b appKey) int {
	return cmp.Or(compareTuple(a.tuple, b.tuple), cmp.Compare(a.protocol, b.protocol), cmp.Compare(a.tier, b.tier))
}

// mergedApp is the facts of one connection id and log family over every
// file.
type mergedApp struct {
	key         appKey
	facts       *traffic.Facts
	first, last int64
	cite        Citation
}

// transports are the transports a protocol log's conversation may use,
// the likely one first, for joining a log record to a conversation that
// conn.log does not have.
var transports = map[string]string{
	"bacnet": "udp", "dns": "udp", "ntp": "udp", "snmp": "udp", "profinet": "udp",
}

// manyConvs is how many conversations make the collector collect its
// garbage between its phases (Collect, data): enough that the heap's
// size matters and a collection costs little beside reading them.
const manyConvs = 1 << 15

// joined is one flow being built.
type joined struct {
	c     *conv
	facts *traffic.Facts
	// protoLog and uid cite the first protocol record joined and, for a
	// flow conn.log does not have, its uid.
	protoLog, uid string
	id            string // the flow's id (traffic.FlowID)
}

// data joins the conversations and protocol facts into flows and returns
// the document's data, the flows built and written a batch at a time in
// id order (traffic.Writer), each let go once written, with the merge
// state they are made of: the flows are never all held at once.
func (m *merger) data() ([]byte, error) {
	byTuple := map[tuple][]*joined{}
	// The conversations in key order: those fold sorted that are still
	// kept (not folded into their reverse, not over max_flows).
	order := m.sorted
	m.sorted = nil
	if order == nil {
		order = slices.SortedFunc(maps.Values(m.convs), func(x, y *conv) int { return compareConvKey(x.key, y.key) })
	}
	all := make([]*joined, 0, len(m.convs))
	for _, c := range order {
		if m.convs[c.key.id()] != c {
			continue
		}
		j := &joined{c: c}
		all = append(all, j)
		byTuple[c.key.tuple] = append(byTuple[c.key.tuple], j)
		byTuple[c.key.tuple.reverse()] = append(byTuple[c.key.tuple.reverse()], j)
	}
	// The conversations are reached through all and byTuple from here,
	// the protocol facts through appSeq: their maps go.
	m.convs, m.apps = nil, nil
	// For each connection id and protocol, the lowest tier of facts
	// speaks for the operations (tier 9, detail logs, always joins).
	best := map[appKey]int{}
	for _, ap := range m.appSeq {
		if ap.key.tier == 9 {
			continue
		}
		k := appKey{tuple: ap.key.tuple, protocol: ap.key.protocol}
		if t, ok := best[k]; !ok || ap.key.tier < t {
			best[k] = ap.key.tier
		}
	}
	for _, ap := range m.appSeq {
		k := appKey{tuple: ap.key.tuple, protocol: ap.key.protocol}
		if ap.key.tier != 9 && best[k] != ap.key.tier {
			continue
		}
		j := m.pick(byTuple[ap.key.tuple], ap.key.protocol)
		if j == nil {
			if len(all) >= m.opts.maxFlows {
				m.dropped++
				continue
			}
			proto := cmp.Or(transports[ap.key.protocol], "tcp")
			c := &conv{key: convKey{tuple: ap.key.tuple, proto: proto}, first: ap.first, last: ap.last, cite: ap.cite}
			j = &joined{c: c}
			all = append(all, j)
			byTuple[ap.key.tuple] = append(byTuple[ap.key.tuple], j)
			byTuple[ap.key.tuple.reverse()] = append(byTuple[ap.key.tuple.reverse()], j)
		}
		if ap.key.protocol != "" && (j.c.protocol == "" || j.c.identifiedBy == "port" && j.c.protocol != ap.key.protocol) {
			j.c.protocol, j.c.identifiedBy = ap.key.protocol, "payload"
		}
		j.facts = traffic.MergeFacts(j.facts, ap.facts)
		if ap.key.protocol != "" && j.protoLog == "" {
			j.protoLog = cite(ap.cite)
		}
		if j.uid == "" && ap.cite.UID != "" && j.c.conns == 0 {
			j.uid = ap.cite.UID
		}
	}
	// The merge state is not needed past here: it goes as the flows are
	// built, side by side, one run of each batch per core, in the order
	// of their ids (traffic.Build's, by the same sort of the same order).
	m.appSeq = nil
	workers := runtime.GOMAXPROCS(0)
	parallel := func(n int, fn func(i int)) {
		chunk := max(1, (n+workers-1)/workers)
		var wg sync.WaitGroup
		for lo := 0; lo < n; lo += chunk {
			hi := min(lo+chunk, n)
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					fn(i)
				}
			})
		}
		wg.Wait()
	}
	parallel(len(all), func(i int) { all[i].id = m.flowID(all[i].c) })
	slices.SortFunc(all, func(a, b *joined) int { return cmp.Compare(a.id, b.id) })
	const batch = 8192
	w := traffic.NewWriter()
	flows := make([]traffic.Flow, min(batch, len(all)))
	for lo := 0; lo < len(all); lo += batch {
		js := all[lo:min(lo+batch, len(all))]
		parallel(len(js), func(i int) {
			flows[i] = m.flow(js[i])
			js[i] = nil
		})
		if err := w.Add(flows[:len(js)]); err != nil {
			return nil, err
		}
	}
	// The merge state is all garbage now and the written flows' bytes
	// are about to be copied into the document, as large again: its
	// memory goes back to the system first, so that the copy is made
	// of it rather than of more.
	if len(all) >= manyConvs {
		debug.FreeOSMemory()
	}
	return w.Data(m.inputs, nil, m.dropped)
}

// pick chooses the conversation a protocol record joins among those with
// its connection id: one already speaking the protocol, else one on the
// protocol's likely transport, else the first.
func (m *merger) pick(cands []*joined, protocol string) *joined {
	if len(cands) == 0 {
		return nil
	}
	for _, j := range cands {
		if j.c.protocol == protocol {
			return j
		}
	}
	want := cmp.Or(transports[protocol], "tcp")
	for _, j := range cands {
		if j.c.key.proto == want {
			return j
		}
	}
	return cands[0]
}

func cite(c Citation) string {
	s := c.File + ":" + strconv.Itoa(c.Line)
	return s
}

// flowID is the id of the flow of c: traffic.FlowID of what it is made
// of.
func (m *merger) flowID(c *conv) string {
	k := c.key
	return traffic.FlowID(&traffic.Flow{Transport: k.proto, VLAN: k.vlan, InnerVLAN: k.inner,
		Client: traffic.Endpoint{IP: k.orig.String(), Port: int(k.op)}, Server: traffic.Endpoint{IP: k.resp.String(), Port: int(k.rp)}})
}

func (m *merger) flow(j *joined) traffic.Flow {
	c := j.c
	k := c.key
	f := traffic.Flow{
		Transport: k.proto, VLAN: k.vlan, InnerVLAN: k.inner,
		Client:       traffic.Endpoint{IP: k.orig.String(), Port: int(k.op), MAC: c.macs[0], Zone: traffic.Place(m.src.Zones, k.orig, k.vlan, k.inner)},
		Server:       traffic.Endpoint{IP: k.resp.String(), Port: int(k.rp), MAC: c.macs[1], Zone: traffic.Place(m.src.Zones, k.resp, k.vlan, k.inner)},
		Protocol:     c.protocol,
		IdentifiedBy: c.identifiedBy,
		PacketsToSrv: c.pkts[0], PacketsToCli: c.pkts[1], BytesToSrv: c.bytes[0], BytesToCli: c.bytes[1],
		FirstSeen: traffic.Stamp(c.first), LastSeen: traffic.Stamp(c.last), Handshake: c.handshake,
	}
	f.Server.Group = group(k.resp)
	// Where each flow came from: the conn record (file:line, uid) and
	// the first protocol record; the files' digests are in provenance.
	// They join the flow's facts as attributes; the facts are the flow's
	// own (merged for it in data), so they are added in place, by the
	// rule traffic.MergeFacts joins attributes by.
	var own [4][2]string
	n := 0
	if c.conns > 0 {
		own[n] = [2]string{"zeek_conn_log", cite(c.cite)}
		n++
		if c.cite.UID != "" {
			own[n] = [2]string{"zeek_uid", c.cite.UID}
			n++
		}
	} else if j.uid != "" {
		own[n] = [2]string{"zeek_uid", j.uid}
		n++
	}
	if j.protoLog != "" {
		own[n] = [2]string{"zeek_protocol_log", j.protoLog}
		n++
	}
	if c.service != "" && serviceProtocol(strings.Split(c.service, ",")[0]) == "" {
		own[n] = [2]string{"zeek_service", c.service}
		n++
	}
	facts := j.facts
	if n > 0 {
		if facts == nil {
			facts = &traffic.Facts{}
		}
		if facts.Attrs == nil {
			facts.Attrs = make(map[string]string, n)
		}
		for _, kv := range own[:n] {
			if old, ok := facts.Attrs[kv[0]]; ok && old != kv[1] {
				vals := append(strings.Split(old, "|"), strings.Split(kv[1], "|")...)
				slices.Sort(vals)
				facts.Attrs[kv[0]] = strings.Join(slices.Compact(vals), "|")
			} else {
				facts.Attrs[kv[0]] = kv[1]
			}
		}
	}
	f.Facts = facts
	f.ID = j.id
	return f
}

// group reports whether a responder address is a group: multicast, the
// limited broadcast, or (IPv4) an address ending in .255, the directed
// broadcast of the /24 networks plants mostly use. Zeek logs no MAC by
// default, so the capture collector's test (a group MAC) is not at hand.
func group(a netip.Addr) bool {
	if a.IsMulticast() {
		return true
	}
	if a.Is4() {
		b := a.As4()
		return b[3] == 255
	}
	return false
}

// window is the observation window over every sensor (first record to
// last), and the evidence date: the day of the last record of the sensor
// that stopped first, so that a max_age holds for every sensor.
func (m *merger) window() (from, to, date string) {
	if len(m.sensors) == 0 {
		return "", "", ""
	}
	var first, last, oldest int64
	i := 0
	for _, name := range slices.Sorted(maps.Keys(m.sensors)) {
		w := m.sensors[name]
		if i == 0 || w[0] < first {
			first = w[0]
		}
		if i == 0 || w[1] > last {
			last = w[1]
		}
		if i == 0 || w[1] < oldest {
			oldest = w[1]
		}
		i++
	}
	return traffic.Stamp(first), traffic.Stamp(last), time.Unix(0, oldest).UTC().Format(time.DateOnly)
}

// Data is the document data: traffic evidence, as for captures.
type Data = traffic.Data
