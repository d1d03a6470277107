package traffic

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

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic/oui"
)

// Build assembles a document's data from what a collector read: its
// inputs, its flows (each with its ID set, see FlowID), the IP-to-MAC
// bindings it saw outside flows (ARP), in the order it saw them, and the
// count of flows it dropped over its bound. It sorts inputs by path and
// flows by id, and derives the assets, protocol totals and credentials
// from the flows, the same way for every traffic source.
func Build(inputs []Input, flows []Flow, bindings []Binding, dropped int) Data {
	d := Data{Inputs: inputs, Flows: flows, FlowsDropped: dropped}
	if d.Inputs == nil {
		d.Inputs = []Input{}
	}
	if d.Flows == nil {
		d.Flows = []Flow{}
	}
	SortFlows(d.Flows)
	slices.SortFunc(d.Inputs, func(a, b Input) int { return cmp.Compare(a.Path, b.Path) })
	d.Assets = Assets(d.Flows, bindings)
	d.Protocols = Protocols(d.Flows)
	d.Credentials = Credentials(d.Flows)
	return d
}

// SortFlows sorts flows by id, flows of one id in the order they came.
//
// A flow is 200 bytes and its id a string elsewhere in memory: comparing
// and swapping flows in place makes a sort of a million of them a second
// of random reads. The ids are sorted instead, as 64-bit numbers when
// every one is FlowID's ("flow:" and 16 lower-case hex digits, whose
// numeric order is their text's) or as strings when not, each with the
// index of its flow, and the flows are then moved once each to their
// places.
func SortFlows(flows []Flow) {
	if len(flows) < 2 {
		return
	}
	order := make([]int, len(flows))
	if nums, ok := idNumbers(flows); ok {
		type key struct {
			n uint64
			i int
		}
		keys := make([]key, len(flows))
		for i, n := range nums {
			keys[i] = key{n, i}
		}
		slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.i, b.i)) })
		for j, k := range keys {
			order[j] = k.i
		}
	} else {
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(flows[a].ID, flows[b].ID) })
	}
	permute(flows, order)
}

// idNumbers returns the 64 bits of each flow's FlowID id; ok is false
// when an id is of another form.
func idNumbers(flows []Flow) (nums []uint64, ok bool) {
	nums = make([]uint64, len(flows))
	for i := range flows {
		id := flows[i].ID
		if len(id) != len("flow:")+16 || id[:5] != "flow:" {
			return nil, false
		}
		var n uint64
		for j := 5; j < len(id); j++ {
			c := id[j]
			switch {
			case c >= '0' && c <= '9':
				n = n<<4 | uint64(c-'0')
			case c >= 'a' && c <= 'f':
				n = n<<4 | uint64(c-'a'+10)
			default:
				return nil, false
			}
		}
		nums[i] = n
	}
	return nums, true
}

// permute moves flows[order[j]] to flows[j] for every j, each flow once,
// following the cycles of order (which it uses up).
func permute(flows []Flow, order []int) {
	for start := range order {
		if order[start] < 0 || order[start] == start {
			continue
		}
		held := flows[start]
		at := start
		for {
			from := order[at]
			order[at] = -1
			if from == start {
				flows[at] = held
				break
			}
			flows[at] = flows[from]
			at = from
		}
	}
}

// FlowID returns the id of a flow: "flow:" and 16 hex digits of SHA-256
// over transport|client ip|client port|server ip|server port|vlan|inner
// vlan, or for a layer-2 flow over l2|ethertype (llc|sap for LLC
// frames)|client mac|server mac|vlan|inner vlan. The same conversation
// gets the same id from a capture and from a sensor's log.
func FlowID(f *Flow) string {
	var key string
	switch {
	case f.Transport == "l2" && f.LLCSAP != "":
		key = fmt.Sprintf("llc|%s|%s|%s|%d|%d", f.LLCSAP, f.Client.MAC, f.Server.MAC, f.VLAN, f.InnerVLAN)
	case f.Transport == "l2":
		key = fmt.Sprintf("l2|%s|%s|%s|%d|%d", f.EtherType, f.Client.MAC, f.Server.MAC, f.VLAN, f.InnerVLAN)
	default:
		key = fmt.Sprintf("%s|%s|%d|%s|%d|%d|%d", f.Transport, f.Client.IP, f.Client.Port, f.Server.IP, f.Server.Port, f.VLAN, f.InnerVLAN)
	}
	sum := sha256.Sum256([]byte(key))
	return "flow:" + hex.EncodeToString(sum[:8])
}

// Place returns the declared zone of an address: the zone whose networks
// hold ip (the most specific), else the first zone whose VLANs hold one of
// vlans (zero ids are passed over), else "". An invalid ip places by VLAN
// only.
func Place(zones []evidence.Zone, ip netip.Addr, vlans ...int) string {
	if ip.IsValid() {
		if z := evidence.ZoneOf(zones, ip); z != "" {
			return z
		}
	}
	for _, v := range vlans {
		if v == 0 {
			continue
		}
		for _, z := range zones {
			if slices.Contains(z.VLANs, v) {
				return z.Name
			}
		}
	}
	return ""
}

// MergeFlow adds src, the same conversation seen in another input, into
// dst, keeping dst's orientation (src's client may be dst's server): the
// counters are added up, the times widened, the facts merged (MergeFacts),
// and a protocol identified by payload is preferred to one by port.
func MergeFlow(dst *Flow, src Flow) {
	if src.Client.IP != dst.Client.IP || src.Client.Port != dst.Client.Port || src.Client.MAC != dst.Client.MAC {
		src.Client, src.Server = src.Server, src.Client
		src.PacketsToSrv, src.PacketsToCli = src.PacketsToCli, src.PacketsToSrv
		src.BytesToSrv, src.BytesToCli = src.BytesToCli, src.BytesToSrv
	}
	dst.PacketsToSrv += src.PacketsToSrv
	dst.PacketsToCli += src.PacketsToCli
	dst.BytesToSrv += src.BytesToSrv
	dst.BytesToCli += src.BytesToCli
	dst.FirstSeen = Earlier(dst.FirstSeen, src.FirstSeen)
	dst.LastSeen = max(dst.LastSeen, src.LastSeen)
	dst.Handshake = dst.Handshake || src.Handshake
	dst.PriorityTagged = dst.PriorityTagged || src.PriorityTagged
	dst.Gaps += src.Gaps
	dst.Skipped += src.Skipped
	if dst.IdentifiedBy != "payload" && src.IdentifiedBy == "payload" || dst.Protocol == "" && src.Protocol != "" {
		dst.Protocol, dst.IdentifiedBy = src.Protocol, src.IdentifiedBy
	}
	dst.Client.Group = dst.Client.Group || src.Client.Group
	dst.Server.Group = dst.Server.Group || src.Server.Group
	dst.Facts = MergeFacts(dst.Facts, src.Facts)
}

// Protocols totals the flows of each application protocol, sorted by name.
func Protocols(flows []Flow) []Protocol {
	by := map[string]*Protocol{}
	for i := range flows {
		addProtocol(by, &flows[i])
	}
	return protocols(by)
}

// addProtocol adds a flow to the totals of its protocol.
func addProtocol(by map[string]*Protocol, f *Flow) {
	if f.Protocol == "" {
		return
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

// protocols lists the totals, sorted by name.
func protocols(by map[string]*Protocol) []Protocol {
	out := make([]Protocol, 0, len(by))
	for _, name := range slices.Sorted(maps.Keys(by)) {
		out = append(out, *by[name])
	}
	return out
}

// Credentials lists the credentials of the flows' facts, in flow order.
func Credentials(flows []Flow) []Credential {
	out := []Credential{}
	for i := range flows {
		out = appendCredentials(out, &flows[i])
	}
	return out
}

// appendCredentials appends the credentials of a flow's facts.
func appendCredentials(out []Credential, f *Flow) []Credential {
	if f.Facts == nil {
		return out
	}
	for _, c := range f.Facts.Credentials {
		out = append(out, Credential{Flow: f.ID, Protocol: f.Protocol, Kind: c.Kind, ClientIP: f.Client.IP,
			ServerIP: f.Server.IP, User: c.User, Strength: c.Strength, Fingerprint: c.Fingerprint, Default: c.Default})
	}
	return out
}

// Binding is an IP address seen with the MAC that answered for it outside
// any flow (an ARP reply or announcement), with its outer VLAN id and the
// zone it was placed in.
type Binding struct {
	IP   netip.Addr
	MAC  [6]byte
	VLAN int
	Zone string
}

// assetAcc accumulates one asset.
type assetAcc struct {
	mac    string
	ips    map[string]bool
	vlans  map[int]bool
	serves map[string]string
	uses   map[string]bool
	zone   string
}

func newAcc() *assetAcc {
	return &assetAcc{ips: map[string]bool{}, vlans: map[int]bool{}, serves: map[string]string{}, uses: map[string]bool{}}
}

// Assets builds the observed devices of flows (sorted by id) and
// bindings: one per IP address (with the MAC its frames came from), and
// one per MAC seen only at layer 2; group, broadcast and unspecified
// addresses are no device. Each gets its vendor from the MAC's OUI and a
// role guessed from what it serves and uses. Sorted by mac, then ips.
func Assets(flows []Flow, bindings []Binding) []Asset {
	as := newAssetSet()
	for i := range flows {
		as.flow(&flows[i])
	}
	return as.assets(bindings)
}

// assetSet accumulates the devices of flows given one at a time, in id
// order (Assets, Writer).
type assetSet struct {
	byIP, byMAC map[string]*assetAcc
}

func newAssetSet() *assetSet {
	return &assetSet{byIP: map[string]*assetAcc{}, byMAC: map[string]*assetAcc{}}
}

func (as *assetSet) get(ip, mac string, vlan int) *assetAcc {
	var a *assetAcc
	if ip != "" {
		a = as.byIP[ip]
		if a == nil {
			a = newAcc()
			a.ips[ip] = true
			as.byIP[ip] = a
		}
	} else {
		a = as.byMAC[mac]
		if a == nil {
			a = newAcc()
			as.byMAC[mac] = a
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

// device returns the accumulator of a flow end, or a scratch one for
// group and broadcast addresses, which are no device.
func (as *assetSet) device(e Endpoint, vlan int) *assetAcc {
	if e.Group {
		return newAcc()
	}
	if e.IP != "" {
		if a, err := netip.ParseAddr(e.IP); err != nil || !unicast(a) {
			return newAcc()
		}
	} else if hw, err := net.ParseMAC(e.MAC); err != nil || hw[0]&1 != 0 {
		return newAcc()
	}
	return as.get(e.IP, e.MAC, vlan)
}

// flow adds the two ends of a flow.
func (as *assetSet) flow(fp *Flow) {
	f := *fp
	c := as.device(f.Client, f.VLAN)
	s := as.device(f.Server, f.VLAN)
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

// assets adds the bindings and returns the devices, sorted.
func (as *assetSet) assets(bindings []Binding) []Asset {
	byIP, byMAC, get := as.byIP, as.byMAC, as.get
	for _, b := range bindings {
		ip := b.IP.Unmap()
		if !unicast(ip) || b.MAC[0]&1 != 0 {
			continue
		}
		a := get(ip.String(), net.HardwareAddr(b.MAC[:]).String(), b.VLAN)
		if a.zone == "" {
			a.zone = b.Zone
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

func role(a *assetAcc) (string, string) {
	// OT services first, in name order, then IT ones.
	serves := slices.Sorted(maps.Keys(a.serves))
	slices.SortStableFunc(serves, func(x, y string) int {
		return cmp.Compare(boolInt(!IsOT(x)), boolInt(!IsOT(y)))
	})
	for _, s := range serves {
		if r, ok := serverRoles[s]; ok {
			return r, fmt.Sprintf("serves %s: probably a %s", a.serves[s], r)
		}
	}
	for _, u := range slices.Sorted(maps.Keys(a.uses)) {
		if IsOT(u) {
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
