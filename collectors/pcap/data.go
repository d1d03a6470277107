package pcap

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"slices"
	"strings"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/collectors/pcap/oui"
	"github.com/slate-ot/slate/evidence"
)

// Data is the document data: what policies see as
// input.evidence.pcap[_].data. Every field is documented in doc.go.
type Data struct {
	Captures     []Capture    `json:"captures"`
	Flows        []Flow       `json:"flows"`
	Assets       []Asset      `json:"assets"`
	Protocols    []Protocol   `json:"protocols"`
	Credentials  []Credential `json:"credentials"`
	FlowsDropped int          `json:"flows_dropped"`
}

// Capture says how one input file was read.
type Capture struct {
	Path      string   `json:"path"`
	Format    string   `json:"format"`
	Gzip      bool     `json:"gzip"`
	LinkTypes []string `json:"link_types"`
	Packets   int64    `json:"packets"`
	Bytes     int64    `json:"bytes"`
	// FirstSeen and LastSeen are the times of the file's first and last
	// packet (RFC 3339 with nanoseconds, UTC), omitted when it has none:
	// with those of the source's other files they make its observation
	// window (provenance observed_from and observed_to).
	FirstSeen   string `json:"first_seen,omitempty"`
	LastSeen    string `json:"last_seen,omitempty"`
	Malformed   int    `json:"malformed"`
	Truncated   bool   `json:"truncated"`
	TruncatedAt int64  `json:"truncated_at,omitempty"`

	first, last int64
}

// Endpoint is one end of a flow.
type Endpoint struct {
	IP   string `json:"ip,omitempty"`
	Port int    `json:"port,omitempty"`
	MAC  string `json:"mac,omitempty"`
	Zone string `json:"zone"`
	// Group is set when packets to this end went to a broadcast or
	// multicast MAC: it is a group address, not one device.
	Group bool `json:"group,omitempty"`
}

// Flow is one conversation.
type Flow struct {
	ID        string `json:"id"`
	Transport string `json:"transport"`
	VLAN      int    `json:"vlan,omitempty"`
	InnerVLAN int    `json:"inner_vlan,omitempty"`
	// PriorityTagged is set when frames of the flow carried an 802.1Q
	// tag with VLAN id 0 (802.1p priority only, as PROFINET RT frames
	// do): the flow is on the port's native VLAN, with a priority.
	PriorityTagged bool   `json:"priority_tagged,omitempty"`
	EtherType      string `json:"ethertype,omitempty"`
	// LLCSAP is the service access point of a layer-2 flow carried in
	// IEEE 802.2 LLC frames, which have no EtherType ("0x82", BACnet).
	LLCSAP       string         `json:"llc_sap,omitempty"`
	Client       Endpoint       `json:"client"`
	Server       Endpoint       `json:"server"`
	Protocol     string         `json:"protocol"`
	IdentifiedBy string         `json:"identified_by"`
	PacketsToSrv int64          `json:"packets_to_server"`
	PacketsToCli int64          `json:"packets_to_client"`
	BytesToSrv   int64          `json:"bytes_to_server"`
	BytesToCli   int64          `json:"bytes_to_client"`
	FirstSeen    string         `json:"first_seen"`
	LastSeen     string         `json:"last_seen"`
	Handshake    bool           `json:"handshake"`
	Gaps         int            `json:"gaps,omitempty"`
	Skipped      int            `json:"skipped,omitempty"`
	Facts        *dissect.Facts `json:"facts,omitempty"`
}

// Asset is a device observed on the wire.
type Asset struct {
	ID         string   `json:"id"`
	MAC        string   `json:"mac,omitempty"`
	IPs        []string `json:"ips"`
	VLANs      []int    `json:"vlans"`
	Vendor     string   `json:"vendor,omitempty"`
	Zone       string   `json:"zone"`
	Serves     []string `json:"serves"`
	Uses       []string `json:"uses"`
	Role       string   `json:"role,omitempty"`
	RoleReason string   `json:"role_reason,omitempty"`
}

// Protocol totals one application protocol.
type Protocol struct {
	Name    string `json:"name"`
	Flows   int    `json:"flows"`
	Packets int64  `json:"packets"`
	Bytes   int64  `json:"bytes"`
}

// Credential is a cleartext credential seen on a flow: the fact, never the
// secret.
type Credential struct {
	Flow     string `json:"flow"`
	Protocol string `json:"protocol"`
	Kind     string `json:"kind"`
	ClientIP string `json:"client_ip"`
	ServerIP string `json:"server_ip"`
	User     string `json:"user,omitempty"`
	// Strength classes the secret: "empty", "default", "short",
	// "low_entropy" or "long" (evidence.SecretStrength).
	Strength string `json:"strength"`
	// Fingerprint identifies a "long" secret under the site's fingerprint
	// key; "" otherwise (evidence.Fingerprint).
	Fingerprint string `json:"fingerprint"`
	Default     bool   `json:"default"`
}

// merged is one flow across files.
type merged struct {
	f     flow
	facts *dissect.Facts
}

type merger struct {
	src      evidence.Source
	opts     options
	captures []Capture
	flows    map[flowKey]*merged
	order    []*merged
	dropped  int
	arps     []arpKey
	arpSeen  map[arpKey]bool
}

func newMerger(src evidence.Source, opts options) *merger {
	return &merger{src: src, opts: opts, flows: map[flowKey]*merged{}, arpSeen: map[arpKey]bool{}}
}

func (m *merger) add(r *fileResult) {
	c := r.capture
	if c.Packets > 0 {
		c.FirstSeen, c.LastSeen = stamp(c.first), stamp(c.last)
	}
	m.captures = append(m.captures, c)
	t := r.table
	if t == nil {
		return
	}
	m.dropped += t.dropped
	for _, k := range t.arpList {
		if !m.arpSeen[k] {
			m.arpSeen[k] = true
			m.arps = append(m.arps, k)
		}
	}
	for _, f := range t.order {
		var facts *dissect.Facts
		if f.rec != nil {
			fs := f.rec.Facts()
			facts = &fs
		}
		g := m.flows[f.key]
		if g == nil {
			if len(m.flows) >= m.opts.maxFlows {
				m.dropped++
				continue
			}
			g = &merged{f: *f, facts: facts}
			g.f.rec, g.f.streams = nil, [2]stream{}
			m.flows[f.key] = g
			m.order = append(m.order, g)
			continue
		}
		// The same conversation in another file: add it up, oriented
		// as first seen.
		i, j := 0, 1
		if f.clientIsA != g.f.clientIsA {
			i, j = 1, 0
		}
		g.f.pkts[0] += f.pkts[i]
		g.f.pkts[1] += f.pkts[j]
		g.f.bytes[0] += f.bytes[i]
		g.f.bytes[1] += f.bytes[j]
		g.f.first, g.f.last = min(g.f.first, f.first), max(g.f.last, f.last)
		if f.hs == 7 {
			g.f.hs = 7
		}
		g.f.prioTag = g.f.prioTag || f.prioTag
		g.f.gaps += f.gaps
		g.f.skipped += f.skipped
		if g.f.by != byPayload && f.by == byPayload || g.f.by == byNone {
			g.f.by, g.f.name = f.by, f.name
		}
		g.facts = mergeFacts(g.facts, facts)
	}
}

// mergeFacts combines the facts of one flow read from two files.
func mergeFacts(a, b *dissect.Facts) *dissect.Facts {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	out := *a
	ops := slices.Clone(a.Ops)
	for _, op := range b.Ops {
		i := slices.IndexFunc(ops, func(o dissect.Op) bool { return o.Class == op.Class && o.Name == op.Name && o.Code == op.Code })
		if i >= 0 {
			ops[i].Count += op.Count
			ops[i].FirstSeen = earlier(ops[i].FirstSeen, op.FirstSeen)
			ops[i].LastSeen = max(ops[i].LastSeen, op.LastSeen)
		} else {
			ops = append(ops, op)
		}
	}
	slices.SortFunc(ops, func(x, y dissect.Op) int {
		return cmp.Or(cmp.Compare(x.Class, y.Class), cmp.Compare(x.Code, y.Code), cmp.Compare(x.Name, y.Name))
	})
	out.Ops = ops
	if len(b.Attrs) > 0 {
		attrs := maps.Clone(a.Attrs)
		if attrs == nil {
			attrs = map[string]string{}
		}
		for k, v := range b.Attrs {
			if old, ok := attrs[k]; ok && old != v {
				vals := append(strings.Split(old, "|"), strings.Split(v, "|")...)
				slices.Sort(vals)
				attrs[k] = strings.Join(slices.Compact(vals), "|")
			} else {
				attrs[k] = v
			}
		}
		out.Attrs = attrs
	}
	out.Events = append(slices.Clone(a.Events), b.Events...)
	if len(out.Events) > dissect.MaxEvents {
		out.Dropped += len(out.Events) - dissect.MaxEvents
		out.Events = out.Events[:dissect.MaxEvents]
	}
	creds := slices.Clone(a.Credentials)
	for _, c := range b.Credentials {
		if !slices.Contains(creds, c) {
			creds = append(creds, c)
		}
	}
	slices.SortFunc(creds, func(x, y dissect.Credential) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.User, y.User), cmp.Compare(x.Strength, y.Strength), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
	out.Credentials = creds
	out.Dropped += b.Dropped
	out.Malformed += b.Malformed
	return &out
}

// earlier is the earlier of two dissect.Stamp times, "" when neither is
// set: the stamps are of fixed width and compare as strings.
func earlier(a, b string) string {
	if a == "" || b != "" && b < a {
		return b
	}
	return a
}

func stamp(ns int64) string { return dissect.Stamp(ns) }

func ipString(b [16]byte) (string, netip.Addr) {
	a := netip.AddrFrom16(b).Unmap()
	return a.String(), a
}

func macString(b [6]byte) string { return net.HardwareAddr(b[:]).String() }

// zoneFor places an address, or failing that a VLAN, in a declared zone.
func (m *merger) zoneFor(a netip.Addr, ok bool, vlan [2]uint16) string {
	if ok {
		if z := evidence.ZoneOf(m.src.Zones, a); z != "" {
			return z
		}
	}
	for _, v := range vlan {
		if v == 0 {
			continue
		}
		for _, z := range m.src.Zones {
			if slices.Contains(z.VLANs, int(v)) {
				return z.Name
			}
		}
	}
	return ""
}

func (m *merger) flowRecord(g *merged) Flow {
	f := &g.f
	k := f.key
	cli, srv := 0, 1 // index into ends
	if !f.clientIsA {
		cli, srv = 1, 0
	}
	ends := [2][16]byte{k.a, k.b}
	ports := [2]uint16{k.pa, k.pb}
	out := Flow{
		VLAN: int(k.vlan[0]), InnerVLAN: int(k.vlan[1]),
		Protocol: f.name, FirstSeen: stamp(f.first), LastSeen: stamp(f.last),
		PacketsToSrv: f.pkts[0], PacketsToCli: f.pkts[1], BytesToSrv: f.bytes[0], BytesToCli: f.bytes[1],
		Handshake: f.hs == 7, Gaps: f.gaps, Skipped: f.skipped, Facts: g.facts, PriorityTagged: f.prioTag,
	}
	switch f.by {
	case byPayload:
		out.IdentifiedBy = "payload"
	case byPort:
		if f.name != "" {
			out.IdentifiedBy = "port"
		}
	case byEtherType:
		out.IdentifiedBy = "ethertype"
	}
	var idKey string
	switch k.proto {
	case 0:
		out.Transport = "l2"
		out.EtherType = fmt.Sprintf("0x%04x", k.pa)
		if k.pa < 0x600 { // an LLC flow, keyed by its SAP
			out.EtherType, out.LLCSAP = "", fmt.Sprintf("0x%02x", k.pa)
		}
		var cm, sm [6]byte
		copy(cm[:], ends[cli][:6])
		copy(sm[:], ends[srv][:6])
		out.Client = Endpoint{MAC: macString(cm), Zone: m.zoneFor(netip.Addr{}, false, k.vlan)}
		out.Server = Endpoint{MAC: macString(sm), Zone: m.zoneFor(netip.Addr{}, false, k.vlan)}
		idKey = fmt.Sprintf("l2|%s|%s|%s|%d|%d", out.EtherType, macString(cm), macString(sm), k.vlan[0], k.vlan[1])
		if out.LLCSAP != "" {
			idKey = fmt.Sprintf("llc|%s|%s|%s|%d|%d", out.LLCSAP, macString(cm), macString(sm), k.vlan[0], k.vlan[1])
		}
	default:
		out.Transport = "udp"
		if k.proto == 6 {
			out.Transport = "tcp"
		}
		cs, ca := ipString(ends[cli])
		ss, sa := ipString(ends[srv])
		out.Client = Endpoint{IP: cs, Port: int(ports[cli]), Zone: m.zoneFor(ca, true, k.vlan)}
		out.Server = Endpoint{IP: ss, Port: int(ports[srv]), Zone: m.zoneFor(sa, true, k.vlan)}
		out.Client.Group, out.Server.Group = f.group[0], f.group[1]
		if f.haveMAC[0] {
			out.Client.MAC = macString(f.mac[0])
		}
		if f.haveMAC[1] {
			out.Server.MAC = macString(f.mac[1])
		}
		idKey = fmt.Sprintf("%s|%s|%d|%s|%d|%d|%d", out.Transport, cs, ports[cli], ss, ports[srv], k.vlan[0], k.vlan[1])
	}
	sum := sha256.Sum256([]byte(idKey))
	out.ID = "flow:" + hex.EncodeToString(sum[:8])
	return out
}

func (m *merger) data() Data {
	d := Data{Captures: m.captures, FlowsDropped: m.dropped}
	d.Flows = make([]Flow, 0, len(m.order))
	for _, g := range m.order {
		d.Flows = append(d.Flows, m.flowRecord(g))
	}
	slices.SortFunc(d.Flows, func(a, b Flow) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(d.Captures, func(a, b Capture) int { return cmp.Compare(a.Path, b.Path) })
	d.Assets = m.assets(d.Flows)
	d.Protocols = protocols(d.Flows)
	d.Credentials = credentials(d.Flows)
	return d
}

func protocols(flows []Flow) []Protocol {
	by := map[string]*Protocol{}
	for _, f := range flows {
		if f.Protocol == "" {
			continue
		}
		p := by[f.Protocol]
		if p == nil {
			p = &Protocol{Name: f.Protocol}
			by[f.Protocol] = p
		}
		p.Flows++
		p.Packets += f.PacketsToSrv + f.PacketsToCli
		p.Bytes += f.BytesToSrv + f.BytesToCli
	}
	out := make([]Protocol, 0, len(by))
	for _, name := range slices.Sorted(maps.Keys(by)) {
		out = append(out, *by[name])
	}
	return out
}

func credentials(flows []Flow) []Credential {
	out := []Credential{}
	for _, f := range flows {
		if f.Facts == nil {
			continue
		}
		for _, c := range f.Facts.Credentials {
			out = append(out, Credential{Flow: f.ID, Protocol: f.Protocol, Kind: c.Kind, ClientIP: f.Client.IP,
				ServerIP: f.Server.IP, User: c.User, Strength: c.Strength, Fingerprint: c.Fingerprint, Default: c.Default})
		}
	}
	return out
}

// assetAcc accumulates one asset.
type assetAcc struct {
	mac    string
	macRaw [6]byte
	ips    map[string]bool
	vlans  map[int]bool
	serves map[string]string
	uses   map[string]bool
	zone   string
}

// assets builds the observed devices: one per IP address (with the MAC its
// frames came from), and one per MAC seen only at layer 2.
func (m *merger) assets(flows []Flow) []Asset {
	byIP := map[string]*assetAcc{}
	byMAC := map[string]*assetAcc{}
	get := func(ip, mac string, vlan int) *assetAcc {
		var a *assetAcc
		if ip != "" {
			a = byIP[ip]
			if a == nil {
				a = &assetAcc{ips: map[string]bool{ip: true}, vlans: map[int]bool{}, serves: map[string]string{}, uses: map[string]bool{}}
				byIP[ip] = a
			}
		} else {
			a = byMAC[mac]
			if a == nil {
				a = &assetAcc{ips: map[string]bool{}, vlans: map[int]bool{}, serves: map[string]string{}, uses: map[string]bool{}}
				byMAC[mac] = a
			}
		}
		if a.mac == "" && mac != "" {
			a.mac = mac
		}
		if vlan != 0 {
			a.vlans[vlan] = true
		}
		return a
	}
	scratch := func() *assetAcc {
		return &assetAcc{ips: map[string]bool{}, vlans: map[int]bool{}, serves: map[string]string{}, uses: map[string]bool{}}
	}
	// device returns the accumulator of a flow end, or a scratch one for
	// group and broadcast addresses, which are no device.
	device := func(e Endpoint, vlan int) *assetAcc {
		if e.Group {
			return scratch()
		}
		if e.IP != "" {
			if a, err := netip.ParseAddr(e.IP); err != nil || !unicast(a) {
				return scratch()
			}
		} else if hw, err := net.ParseMAC(e.MAC); err != nil || hw[0]&1 != 0 {
			return scratch()
		}
		return get(e.IP, e.MAC, vlan)
	}
	for _, f := range flows {
		c := device(f.Client, f.VLAN)
		s := device(f.Server, f.VLAN)
		if f.Protocol == "profinet" && f.Facts != nil && f.Facts.Attrs["io_device_end"] == "client" {
			// The IO device sent the flow's first packet (an answer, or
			// its ApplicationReady call to the controller): it serves.
			c, s = s, c
			f.Client, f.Server = f.Server, f.Client
		}
		if c.zone == "" {
			c.zone = f.Client.Zone
		}
		if s.zone == "" {
			s.zone = f.Server.Zone
		}
		if f.Protocol != "" {
			if _, ok := s.serves[f.Protocol]; !ok {
				svc := f.Protocol
				if f.Transport != "l2" && f.Server.Port != 0 {
					svc = fmt.Sprintf("%s on %s/%d", f.Protocol, f.Transport, f.Server.Port)
				}
				s.serves[f.Protocol] = svc
			}
			c.uses[f.Protocol] = true
		}
	}
	for _, k := range m.arps {
		ip, addr := ipString(k.ip)
		if !unicast(addr) || k.mac[0]&1 != 0 {
			continue
		}
		a := get(ip, macString(k.mac), int(k.vlan[0]))
		if a.zone == "" {
			a.zone = m.zoneFor(addr, true, k.vlan)
		}
	}
	// A MAC seen only at layer 2 that also carries exactly the IP assets
	// already listed needs no record of its own.
	ipMACs := map[string][]*assetAcc{}
	for _, ip := range slices.Sorted(maps.Keys(byIP)) {
		if a := byIP[ip]; a.mac != "" {
			ipMACs[a.mac] = append(ipMACs[a.mac], a)
		}
	}
	// A MAC seen at layer 2 that carries exactly one IP asset is that
	// device: its layer-2 protocols join the IP asset's record.
	for mac, l2 := range byMAC {
		if owners := ipMACs[mac]; len(owners) == 1 {
			a := owners[0]
			maps.Copy(a.uses, l2.uses)
			maps.Copy(a.vlans, l2.vlans)
			for k, v := range l2.serves {
				if _, ok := a.serves[k]; !ok {
					a.serves[k] = v
				}
			}
			delete(byMAC, mac)
		}
	}
	var out []Asset
	emit := func(id string, a *assetAcc) {
		as := Asset{ID: id, MAC: a.mac, IPs: sorted(a.ips), VLANs: sortedInts(a.vlans),
			Zone: a.zone, Serves: sorted(a.serves), Uses: sorted(a.uses)}
		if hw, err := net.ParseMAC(a.mac); err == nil && len(hw) == 6 {
			as.Vendor = oui.Vendor([6]byte(hw))
		}
		as.Role, as.RoleReason = role(a)
		out = append(out, as)
	}
	for ip, a := range byIP {
		emit(ip, a)
	}
	for mac, a := range byMAC {
		if len(ipMACs[mac]) > 0 && len(a.serves) == 0 && len(a.uses) == 0 {
			continue
		}
		if mac == "" {
			continue
		}
		emit(mac, a)
	}
	slices.SortFunc(out, func(a, b Asset) int {
		return cmp.Or(cmp.Compare(a.MAC, b.MAC), cmp.Compare(strings.Join(a.IPs, ","), strings.Join(b.IPs, ",")), cmp.Compare(a.ID, b.ID))
	})
	if out == nil {
		out = []Asset{}
	}
	return out
}

// serverRoles guess a device's role from a protocol it serves.
var serverRoles = map[string]string{
	"modbus": "PLC or gateway", "s7comm": "PLC", "enip": "PLC or I/O adapter", "dnp3": "outstation (RTU or IED)",
	"iec104": "outstation (RTU or substation controller)", "bacnet": "building controller", "opcua": "OPC UA server (SCADA or PLC)",
	"ads": "Beckhoff controller", "c37118": "PMU or PDC", "profinet": "PROFINET device", "goose": "IED",
	"telnet": "managed device with a telnet console", "ftp": "file server or device with FTP", "http": "web server or device web interface",
	"snmp": "managed network device", "rdp": "Windows host", "smb": "Windows file server", "ssh": "managed host",
	"tls": "TLS server", "dns": "DNS server", "ntp": "time server",
}

var otProtocols = map[string]bool{"modbus": true, "s7comm": true, "enip": true, "dnp3": true, "iec104": true, "bacnet": true,
	"opcua": true, "ads": true, "c37118": true, "profinet": true, "goose": true}

func role(a *assetAcc) (string, string) {
	// OT services first, in name order, then IT ones.
	serves := slices.Sorted(maps.Keys(a.serves))
	slices.SortStableFunc(serves, func(x, y string) int {
		return cmp.Compare(boolInt(!otProtocols[x]), boolInt(!otProtocols[y]))
	})
	for _, s := range serves {
		if r, ok := serverRoles[s]; ok {
			return r, fmt.Sprintf("serves %s: probably a %s", a.serves[s], r)
		}
	}
	for _, u := range slices.Sorted(maps.Keys(a.uses)) {
		if otProtocols[u] {
			return "OT client", fmt.Sprintf("uses %s as a client: probably an HMI, SCADA server or engineering station", u)
		}
	}
	return "", ""
}

// unicast reports whether a is a device's own address: not unspecified,
// multicast or the limited broadcast.
func unicast(a netip.Addr) bool {
	return a.IsValid() && !a.IsUnspecified() && !a.IsMulticast() && a != netip.AddrFrom4([4]byte{255, 255, 255, 255})
}

func sorted[V any](m map[string]V) []string {
	out := slices.Sorted(maps.Keys(m))
	if out == nil {
		out = []string{}
	}
	return out
}

func sortedInts(m map[int]bool) []int {
	out := slices.Sorted(maps.Keys(m))
	if out == nil {
		out = []int{}
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
