package suricata

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/netip"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/collectors/pcap/it"
	"github.com/slate-ot/slate/collectors/pcap/ot"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

const (
	// Kind is the evidence kind, the first label of a `source "suricata"`
	// block.
	Kind = "suricata"
	// Version is the collector version recorded in provenance.
	Version = "1.0.0"
	// DefaultMaxFlows bounds the flows kept per source.
	DefaultMaxFlows = 1_000_000
)

// Data is the document data: what policies see as
// input.evidence.suricata[_].data, the traffic model (evidence/traffic)
// with its alerts.
type Data = traffic.Data

// Options are the attributes a source block of this kind may set besides
// files: max_flows (flows kept; past it new ones are counted, not
// stored), sensor (one sensor name for every file, instead of the EVE
// host field or the directory each file sits in), and two the engine
// reads, not the collector: zones and min_observation, as for captures.
var Options = []string{"max_flows", "min_observation", "sensor", "zones"}

// Collector reads Suricata EVE JSON logs. One value may collect several
// sources at once.
type Collector struct{}

// New returns a Suricata EVE collector.
func New() *Collector { return &Collector{} }

type options struct {
	maxFlows int
	sensor   string
}

func parseOptions(in map[string]any) (options, error) {
	o, err := traffic.ParseSourceOptions(in, DefaultMaxFlows, true)
	return options{maxFlows: o.MaxFlows, sensor: o.Sensor}, err
}

// Collect reads every EVE file of src, several at a time, joins each
// sensor's events to their flows and merges the flows of every sensor.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	opts, err := parseOptions(src.Options)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	files := src.UniqueFiles()
	rels := make([]string, len(files))
	for i, f := range files {
		rels[i] = evidence.RelPath(src.Dir, f)
	}
	live := liveFiles(rels)
	results := make([]*fileResult, len(files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range files {
		g.Go(func() error {
			results[i] = readFile(ctx, src, p, rels[i], live[rels[i]])
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	var bad evidence.InputErrors
	for _, r := range results {
		if err := bad.Keep(r.err); err != nil { // every bad file at once, in file order
			return evidence.Document{}, err
		}
	}
	if err := bad.Err(); err != nil {
		return evidence.Document{}, err
	}
	prov := evidence.Provenance{Collector: Kind, CollectorVersion: Version}
	m := newMerger(src, opts)
	for _, r := range results {
		prov.Files = append(prov.Files, r.file)
		prov.Warnings = append(prov.Warnings, r.warnings...)
		a := r.agg
		for _, n := range a.counts {
			prov.RecordsRead += n
		}
		for _, name := range slices.Sorted(maps.Keys(a.skipped)) {
			n := a.skipped[name]
			prov.RecordsSkipped += n
			prov.Warnings = append(prov.Warnings, evidence.Warning{File: r.file.Path,
				Message: fmt.Sprintf("event type %q is not one slate reads: %d records skipped", name, n)})
		}
		if r.cut > 0 {
			prov.Incomplete = true
		}
		m.add(r, sensorOf(opts.sensor, a.host, r.file.Path, src.Name))
	}
	data := m.data()
	prov.ObservedFrom, prov.ObservedTo, prov.EvidenceDate = m.window()
	if data.FlowsDropped > 0 {
		prov.Warnings = append(prov.Warnings, evidence.Warning{File: rels[0],
			Message: fmt.Sprintf("%d flows over max_flows (%d) were counted but not stored", data.FlowsDropped, opts.maxFlows)})
		prov.Incomplete = true
	}
	// The flows are written one at a time, each let go once written.
	raw, err := traffic.Encode(&data)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("encode %s/%s evidence: %w", src.Kind, src.Name, err)
	}
	return evidence.NewDocumentJSON(src, prov, raw), nil
}

// merged is one flow of one sensor across its files.
type merged struct {
	sensor string
	acc    *flowAcc
	facts  *traffic.Facts
	alerts map[alertKey]*alertAcc
	drop   int
	cites  []string
}

type sensorKey struct {
	sensor string
	key    flowKey
}

type merger struct {
	src      evidence.Source
	opts     options
	inputs   []traffic.Input
	flows    map[sensorKey]*merged
	order    []*merged
	dropped  int
	bindings []traffic.Binding
	loose    []traffic.Alert
	sensors  map[string][2]int64
}

func newMerger(src evidence.Source, opts options) *merger {
	return &merger{src: src, opts: opts, flows: map[sensorKey]*merged{}, sensors: map[string][2]int64{}}
}

func (m *merger) add(r *fileResult, sensor string) {
	a := r.agg
	in := traffic.Input{Path: r.file.Path, Format: "eve", Gzip: r.gzip, LinkTypes: []string{}, Sensor: sensor,
		Truncated: r.cut > 0}
	for _, n := range a.counts {
		in.Records += int64(n)
	}
	if a.timed {
		in.FirstSeen, in.LastSeen = traffic.Stamp(a.first), traffic.Stamp(a.last)
		w, ok := m.sensors[sensor]
		if !ok {
			w = [2]int64{a.first, a.last}
		}
		m.sensors[sensor] = [2]int64{min(w[0], a.first), max(w[1], a.last)}
	}
	keys := slices.SortedFunc(maps.Keys(a.flows), func(x, y flowKey) int {
		return cmp.Or(cmp.Compare(x.id, y.id), compareTuple(x.tuple, y.tuple))
	})
	for _, k := range keys {
		f := a.flows[k]
		in.Packets += f.pkts[0] + f.pkts[1]
		in.Bytes += f.bytes[0] + f.bytes[1]
		fs := f.rec.Facts()
		f.rec = nil
		sk := sensorKey{sensor, k}
		g := m.flows[sk]
		if g == nil {
			if len(m.flows) >= m.opts.maxFlows {
				m.dropped++
				continue
			}
			g = &merged{sensor: sensor, acc: f, facts: &fs, alerts: f.alerts, drop: f.alertsDrop}
			if g.alerts == nil {
				g.alerts = map[alertKey]*alertAcc{}
			}
			m.flows[sk] = g
			m.order = append(m.order, g)
			continue
		}
		// The same flow in another file of the sensor (a rotated log):
		// join what each file said of it.
		d := g.acc
		if f.orient > d.orient {
			d.t, d.orient = f.t, f.orient
		}
		if f.hasFlow {
			i, j := 0, 1
			if f.t.src != d.t.src || f.t.sp != d.t.sp {
				i, j = 1, 0
			}
			d.pkts[0] += f.pkts[i]
			d.pkts[1] += f.pkts[j]
			d.bytes[0] += f.bytes[i]
			d.bytes[1] += f.bytes[j]
			if d.hasFlow {
				d.start, d.end = min(d.start, f.start), max(d.end, f.end)
			} else {
				d.start, d.end = f.start, f.end
				d.cite, d.flowCite = f.cite, true
			}
			d.hasFlow = true
			d.state = cmp.Or(f.state, d.state)
			d.synAck = d.synAck || f.synAck
		}
		for i := range 2 {
			d.nfPkts[i] += f.nfPkts[i]
			d.nfBytes[i] += f.nfBytes[i]
		}
		d.first, d.last = min(d.first, f.first), max(d.last, f.last)
		if d.appProto == "" || d.appProto == "failed" {
			d.appProto = f.appProto
		}
		for i := range d.macs {
			d.macs[i] = cmp.Or(d.macs[i], f.macs[i])
		}
		d.events += f.events
		g.facts = traffic.MergeFacts(g.facts, &fs)
		for k, al := range f.alerts {
			old := g.alerts[k]
			if old == nil {
				if len(g.alerts) >= MaxAlerts {
					g.drop += al.count
					continue
				}
				g.alerts[k] = al
				continue
			}
			old.count += al.count
			old.first, old.last = min(old.first, al.first), max(old.last, al.last)
		}
		g.drop += f.alertsDrop
	}
	for _, b := range a.bindings {
		m.bindings = append(m.bindings, traffic.Binding{IP: b.ip, MAC: b.mac, VLAN: b.vlan,
			Zone: traffic.Place(m.src.Zones, b.ip, b.vlan)})
	}
	lk := slices.SortedFunc(maps.Keys(a.loose), func(x, y looseKey) int {
		return cmp.Or(cmp.Compare(x.proto, y.proto), cmp.Compare(x.src, y.src), cmp.Compare(x.dst, y.dst), compareAlertKey(x.alert, y.alert))
	})
	for _, k := range lk {
		al := a.loose[k]
		m.loose = append(m.loose, alertRecord(al, "", k.proto, k.src, 0, k.dst, 0, sensor, ""))
	}
	m.inputs = append(m.inputs, in)
}

func compareAlertKey(a, b alertKey) int {
	return cmp.Or(cmp.Compare(a.gid, b.gid), cmp.Compare(a.sid, b.sid), cmp.Compare(a.rev, b.rev), cmp.Compare(a.action, b.action))
}

func alertRecord(al *alertAcc, flow, transport, cip string, cport int, sip string, sport int, sensor, sensorFlow string) traffic.Alert {
	return traffic.Alert{Flow: flow, Transport: transport, ClientIP: cip, ClientPort: cport, ServerIP: sip, ServerPort: sport,
		Signature: al.signature, SignatureID: al.key.sid, GID: al.key.gid, Rev: al.key.rev, Category: al.category,
		Severity: al.severity, Action: al.key.action, Count: al.count, FirstSeen: traffic.Stamp(al.first),
		LastSeen: traffic.Stamp(al.last), Sensor: sensor, SensorFlowID: sensorFlow, Source: al.cite.String()}
}

func (m *merger) data() traffic.Data {
	byID := map[string]int{}
	var flows []traffic.Flow
	var alerts []traffic.Alert
	alertsDropped := 0
	for _, g := range m.order {
		f := m.flow(g)
		sensorFlow := ""
		if g.acc.key.id != 0 {
			sensorFlow = strconv.FormatUint(g.acc.key.id, 10)
		}
		for _, k := range slices.SortedFunc(maps.Keys(g.alerts), compareAlertKey) {
			alerts = append(alerts, alertRecord(g.alerts[k], f.ID, f.Transport, f.Client.IP, f.Client.Port,
				f.Server.IP, f.Server.Port, g.sensor, sensorFlow))
		}
		alertsDropped += g.drop
		if i, ok := byID[f.ID]; ok {
			// One conversation seen by two sensors, or given two ids by
			// one: one flow, as two captures of it give one.
			traffic.MergeFlow(&flows[i], f)
			continue
		}
		byID[f.ID] = len(flows)
		flows = append(flows, f)
	}
	d := traffic.Build(m.inputs, flows, m.bindings, m.dropped)
	alerts = append(alerts, m.loose...)
	slices.SortStableFunc(alerts, func(a, b traffic.Alert) int {
		return cmp.Or(cmp.Compare(a.Flow, b.Flow), cmp.Compare(a.GID, b.GID), cmp.Compare(a.SignatureID, b.SignatureID),
			cmp.Compare(a.Rev, b.Rev), cmp.Compare(a.Action, b.Action), cmp.Compare(a.Sensor, b.Sensor),
			cmp.Compare(a.ClientIP, b.ClientIP), cmp.Compare(a.ServerIP, b.ServerIP), cmp.Compare(a.Source, b.Source))
	})
	d.Alerts, d.AlertsDropped = alerts, alertsDropped
	return d
}

var (
	portsOnce sync.Once
	portIndex map[dissect.Port]string
)

// portProtocol is the protocol of a dissector that registers a port, as
// the capture collector labels flows by port.
func portProtocol(transport string, port uint16) string {
	portsOnce.Do(func() {
		portIndex = map[dissect.Port]string{}
		ds := append(ot.Dissectors(), it.Dissectors()...)
		slices.SortFunc(ds, func(a, b dissect.Dissector) int { return cmp.Compare(a.Name(), b.Name()) })
		for _, d := range ds {
			for _, p := range d.Ports() {
				if _, ok := portIndex[p]; !ok {
					portIndex[p] = d.Name()
				}
			}
		}
	})
	tr := dissect.TCP
	if transport == "udp" {
		tr = dissect.UDP
	}
	return portIndex[dissect.Port{Transport: tr, Number: port}]
}

// orient settles which end of a flow that only alerts without direction
// named is the server: the alert's destination, unless only its source
// is on a server's port (one a dissector registers, or below 1024).
func orient(t tuple) tuple {
	server := func(p uint16) bool { return p < 1024 || portProtocol(t.proto, p) != "" }
	if server(t.sp) && !server(t.dp) {
		return t.flipped()
	}
	return t
}

func (m *merger) flow(g *merged) traffic.Flow {
	a := g.acc
	if !a.hasFlow {
		a.pkts, a.bytes = a.nfPkts, a.nfBytes
	}
	t := a.t
	if a.orient == orientGuess {
		t = orient(t)
	}
	f := traffic.Flow{
		Transport: t.proto, VLAN: t.vlan, InnerVLAN: t.inner,
		Client:       traffic.Endpoint{IP: t.src.String(), Port: int(t.sp), Zone: traffic.Place(m.src.Zones, t.src, t.vlan, t.inner)},
		Server:       traffic.Endpoint{IP: t.dst.String(), Port: int(t.dp), Zone: traffic.Place(m.src.Zones, t.dst, t.vlan, t.inner)},
		PacketsToSrv: a.pkts[0], PacketsToCli: a.pkts[1], BytesToSrv: a.bytes[0], BytesToCli: a.bytes[1],
	}
	if t.src != a.t.src || t.sp != a.t.sp {
		f.PacketsToSrv, f.PacketsToCli, f.BytesToSrv, f.BytesToCli = a.pkts[1], a.pkts[0], a.bytes[1], a.bytes[0]
		a.macs[0], a.macs[1] = a.macs[1], a.macs[0]
	}
	f.Client.MAC, f.Server.MAC = a.macs[0], a.macs[1]
	f.Server.Group = group(t.dst, a.macs[1])
	first, last := a.first, a.last
	if a.hasFlow {
		first, last = a.start, max(a.end, a.start)
	}
	f.FirstSeen, f.LastSeen = traffic.Stamp(first), traffic.Stamp(last)
	// Suricata logs a TCP flow's state; established and closed flows had
	// their handshake (it tracks the three-way handshake to get there).
	f.Handshake = t.proto == "tcp" && (a.state == "established" || a.state == "closed" || a.synAck)
	if p, ok := protocolOf[a.appProto]; ok {
		f.Protocol, f.IdentifiedBy = p, "payload"
	} else if a.appProto == "failed" || t.proto == "udp" && a.pkts[0]+a.pkts[1] > 0 {
		if p := portProtocol(t.proto, t.dp); p != "" {
			f.Protocol, f.IdentifiedBy = p, "port"
		} else if p := portProtocol(t.proto, t.sp); p != "" {
			f.Protocol, f.IdentifiedBy = p, "port"
		}
	}
	// Where the flow was read: its flow event (else its first event) as
	// file:line, and Suricata's flow id; the digests are in provenance.
	r := dissect.NewRecorder(nil)
	key := "suricata_event"
	if a.flowCite {
		key = "suricata_flow_event"
	}
	r.Attr(key, a.cite.String())
	if a.key.id != 0 {
		r.Attr("suricata_flow_id", strconv.FormatUint(a.key.id, 10))
	}
	if a.appProto != "" && f.Protocol != a.appProto {
		r.Attr("app_proto", clip(a.appProto, 32))
	}
	own := r.Facts()
	f.Facts = traffic.MergeFacts(&own, g.facts)
	if f.Facts != nil && len(f.Facts.Ops) == 0 && len(f.Facts.Attrs) == 0 && len(f.Facts.Events) == 0 &&
		len(f.Facts.Credentials) == 0 && f.Facts.Dropped == 0 && f.Facts.Malformed == 0 {
		f.Facts = nil
	}
	if f.Facts != nil {
		f.Facts.Ops = slices.Clone(f.Facts.Ops)
		traffic.SortOps(f.Facts.Ops)
	}
	f.ID = traffic.FlowID(&f)
	return f
}

// group reports whether a server address is a group: multicast, the
// limited broadcast, or sent to a group MAC.
func group(a netip.Addr, mac string) bool {
	if a.IsMulticast() || a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return true
	}
	if hw, ok := parseMAC(mac); ok && hw[0]&1 != 0 {
		return true
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
	for i, name := range slices.Sorted(maps.Keys(m.sensors)) {
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
	}
	return traffic.Stamp(first), traffic.Stamp(last), time.Unix(0, oldest).UTC().Format(time.DateOnly)
}
