package netconfig

import (
	"cmp"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

// builder collects the facts of one device, whatever its vendor.
type builder struct {
	d      *Device
	src    evidence.Source
	ifaces map[string]*Iface
	order  []string
	acls   map[string]*ACL
	aclOrd []string
	nameif map[string]string // ASA nameif to interface
	// asaPollers are the managers an ASA answers SNMP requests from.
	asaPollers []asaPoller
	// communities index d.SNMP.Communities by the community string, to
	// match the ASA's host lines to them; in memory only, never output.
	communities map[string]int
	// objects are the ASA/IOS-XE network and service objects and
	// object-groups by "object NAME" or "object-group NAME": their
	// literal members and the objects they include.
	objects map[string]*objectDef
	// lineAuths are the login commands of Cisco line blocks.
	lineAuths []lineAuth
}

// storeSecret records a credential of a Cisco-style configuration: args
// are the words after its keyword ("password", "key", "key-string").
func (b *builder) storeSecret(context string, args []string, line int) {
	if len(args) > 0 && (args[0] == "password" || args[0] == "clear") && len(args) > 1 {
		args = args[1:] // IOS-XR "key-string password 7 ...", "key clear ..."
	}
	if len(args) == 0 {
		return
	}
	s := ciscoSecret(b.d.Vendor, "", args, line)
	b.d.StoredSecrets = append(b.d.StoredSecrets, StoredSecret{Context: context, Class: s.Class, Strength: s.Strength, Line: line})
}

// storeClass records a credential whose class is known.
func (b *builder) storeClass(context string, s Secret) {
	b.d.StoredSecrets = append(b.d.StoredSecrets, StoredSecret{Context: context, Class: s.Class, Strength: s.Strength, Line: s.Line})
}

func newBuilder(src evidence.Source, d *Device) *builder {
	return &builder{d: d, src: src, ifaces: map[string]*Iface{}, acls: map[string]*ACL{}}
}

// community returns the fact for an SNMP community string: its class,
// its fingerprint when it has one, and whether it is a vendor default.
// The string itself goes no further.
func (b *builder) community(secret string, line int) Community {
	def := isDefaultCommunity(secret)
	return Community{
		Strength:    evidence.SecretStrength([]byte(secret), def),
		Fingerprint: evidence.Fingerprint(b.src.FingerprintKey, []byte(secret), def),
		Access:      "ro", Default: def, Line: line,
	}
}

// addCommunity appends c, the fact for the community string secret.
func (b *builder) addCommunity(secret string, c Community) {
	if b.communities == nil {
		b.communities = map[string]int{}
	}
	if _, ok := b.communities[secret]; !ok {
		b.communities[secret] = len(b.d.SNMP.Communities)
	}
	b.d.SNMP.Communities = append(b.d.SNMP.Communities, c)
}

func (b *builder) iface(name string, line int) *Iface {
	if i, ok := b.ifaces[name]; ok {
		return i
	}
	i := &Iface{Name: name, Line: line, Physical: isPhysical(name)}
	b.ifaces[name] = i
	b.order = append(b.order, name)
	return i
}

func (b *builder) acl(name, typ string, line int) *ACL {
	if a, ok := b.acls[name]; ok {
		return a
	}
	a := &ACL{Name: name, Type: typ, Line: line}
	b.acls[name] = a
	b.aclOrd = append(b.aclOrd, name)
	return a
}

var physicalRE = regexp.MustCompile(`(?i)^(ethernet|gigabitethernet|fastethernet|tengigabitethernet|tengige|fortygigabitethernet|hundredgige|twentyfivegige|gi|fa|te|et|eth|ge-|xe-|et-|fe-|ten-gigabitethernet|gigabit-ethernet)`)

func isPhysical(name string) bool {
	return physicalRE.MatchString(name) && !strings.Contains(name, ".")
}

var mgmtRE = regexp.MustCompile(`(?i)^(mgmt|management|ma\d|fxp0|me0|em0|vme|meth)`)

// addAddress records an address given as "a.b.c.d/len", or as an address
// and a dotted mask.
func (b *builder) addAddress(i *Iface, addr, mask string, line int) {
	p, ok := toPrefix(addr, mask)
	if !ok {
		return
	}
	zone := evidence.ZoneOf(b.src.Zones, p.Addr())
	i.Addresses = append(i.Addresses, Address{Prefix: p.String(), Zone: zone, Line: line})
}

func toPrefix(addr, mask string) (netip.Prefix, bool) {
	if strings.Contains(addr, "/") {
		p, err := netip.ParsePrefix(addr)
		return p, err == nil
	}
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return netip.Prefix{}, false
	}
	m, err := netip.ParseAddr(mask)
	if err != nil || !m.Is4() {
		return netip.Prefix{}, false
	}
	bits := 0
	for _, x := range m.As4() {
		for k := 7; k >= 0; k-- {
			if x&(1<<k) == 0 {
				goto done
			}
			bits++
		}
	}
done:
	return netip.PrefixFrom(a, bits), true
}

// vlanZone is the zone that declares VLAN id, "" when none.
func (b *builder) vlanZone(id int) string {
	for _, z := range b.src.Zones {
		if slices.Contains(z.VLANs, id) {
			return z.Name
		}
	}
	return ""
}

// vlanList expands "10,20-22" and "10 to 13" into ids (at most 4094).
func vlanList(words []string) []int {
	var out []int
	s := strings.Join(words, ",")
	s = strings.ReplaceAll(s, ",to,", "-")
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 1 || a > 4094 {
			continue
		}
		z := a
		if isRange {
			if z, err = strconv.Atoi(hi); err != nil || z < a || z > 4094 {
				continue
			}
		}
		for v := a; v <= z; v++ {
			out = append(out, v)
		}
	}
	return out
}

// finish sorts everything and derives zones, spare ports and the
// management address.
func (b *builder) finish() {
	d := b.d
	vlanNames := map[int]string{}
	for _, v := range d.VLANs {
		vlanNames[v.ID] = v.Name
	}
	for _, name := range b.order {
		i := b.ifaces[name]
		slices.SortFunc(i.Addresses, func(x, y Address) int { return cmp.Compare(x.Line, y.Line) })
		for _, a := range i.Addresses {
			if a.Zone != "" {
				i.Zone, i.ZoneSource = a.Zone, "address"
				break
			}
		}
		if i.Zone == "" && i.AccessVLAN > 0 {
			if z := b.vlanZone(i.AccessVLAN); z != "" {
				i.Zone, i.ZoneSource = z, "vlan"
			}
		}
		if i.Mode == "" && len(i.Addresses) > 0 {
			i.Mode = "routed"
		}
		if i.Physical && i.Mode == "access" {
			i.Spare = unusedText(i.Description) ||
				i.Description == "" && (i.AccessVLAN <= 1 || unusedText(vlanNames[i.AccessVLAN]))
		}
		if i.Addresses == nil {
			i.Addresses = []Address{}
		}
		if d.ManagementAddr == "" && mgmtRE.MatchString(name) && len(i.Addresses) > 0 {
			d.ManagementAddr = i.Addresses[0].Prefix
			d.ManagementZone = i.Addresses[0].Zone
		}
		d.Interfaces = append(d.Interfaces, *i)
	}
	slices.SortFunc(d.Interfaces, func(x, y Iface) int { return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Name, y.Name)) })
	d.SparePorts.Open = []string{}
	for _, i := range d.Interfaces {
		if i.Spare {
			d.SparePorts.Total++
			if !i.Shutdown {
				d.SparePorts.Open = append(d.SparePorts.Open, i.Name)
			}
		}
	}
	for _, i := range d.Interfaces {
		if a, ok := b.acls[i.ACLIn]; ok && i.ACLIn != "" {
			a.AppliedTo = append(a.AppliedTo, i.Name+" in")
		}
		if a, ok := b.acls[i.ACLOut]; ok && i.ACLOut != "" {
			a.AppliedTo = append(a.AppliedTo, i.Name+" out")
		}
	}
	for _, l := range d.Management.Lines {
		if a, ok := b.acls[l.AccessClass]; ok && l.AccessClass != "" {
			a.AppliedTo = append(a.AppliedTo, "line "+l.Name)
		}
	}
	for _, name := range b.aclOrd {
		a := b.acls[name]
		slices.Sort(a.AppliedTo)
		a.AppliedTo = orEmpty(slices.Compact(a.AppliedTo))
		if a.Entries == nil {
			a.Entries = []Entry{}
		}
		for k := range a.Entries {
			e := &a.Entries[k]
			e.SrcMembers, e.DstMembers, e.DstPortMembers = orEmpty(e.SrcMembers), orEmpty(e.DstMembers), orEmpty(e.DstPortMembers)
			e.ProtocolMembers = orEmpty(e.ProtocolMembers)
		}
		a.EndsInDeny = endsInDeny(a)
		d.ACLs = append(d.ACLs, *a)
	}
	slices.SortFunc(d.ACLs, func(x, y ACL) int { return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.Line, y.Line)) })
	for i := range d.VLANs {
		d.VLANs[i].Zone = b.vlanZone(d.VLANs[i].ID)
	}
	slices.SortFunc(d.VLANs, func(x, y VLAN) int { return cmp.Compare(x.ID, y.ID) })
	d.VLANs = slices.CompactFunc(d.VLANs, func(x, y VLAN) bool { return x.ID == y.ID })
	slices.SortStableFunc(d.Users, func(x, y User) int { return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.Line, y.Line)) })
	slices.SortFunc(d.Management.Lines, func(x, y TermLine) int { return cmp.Compare(x.Line, y.Line) })
	slices.SortFunc(d.AAA.Servers, func(x, y AAAServer) int {
		return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Address, y.Address))
	})
	slices.SortFunc(d.SNMP.Communities, func(x, y Community) int { return cmp.Compare(x.Line, y.Line) })
	for k := range d.SNMP.Communities {
		c := &d.SNMP.Communities[k]
		// An ACL the configuration does not define restricts nothing
		// (IOS accepts the community from any address then); a Junos
		// client list is always restricted.
		if c.ACL != "" && d.Vendor != VendorJunos && d.Vendor != VendorASA {
			_, c.Restricted = b.acls[c.ACL]
		}
		slices.Sort(c.Hosts)
		c.Hosts = orEmpty(c.Hosts)
	}
	slices.SortFunc(d.SNMP.V3Users, func(x, y SNMPUser) int { return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Name, y.Name)) })
	slices.SortFunc(d.SNMP.TrapHosts, func(x, y TrapHost) int { return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Address, y.Address)) })
	slices.SortFunc(d.Logging.Hosts, func(x, y Host) int { return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Address, y.Address)) })
	slices.SortFunc(d.NTP.Servers, func(x, y NTPServer) int {
		return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Address, y.Address))
	})
	slices.SortFunc(d.Routing.Protocols, func(x, y Protocol) int { return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Name, y.Name)) })
	slices.SortStableFunc(d.StoredSecrets, func(x, y StoredSecret) int {
		return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Context, y.Context))
	})
	if d.StoredSecrets == nil {
		d.StoredSecrets = []StoredSecret{}
	}
	d.AAA.LoginMethods = orEmpty(d.AAA.LoginMethods)
	for i := range d.Management.Lines {
		d.Management.Lines[i].TransportInput = orEmpty(d.Management.Lines[i].TransportInput)
	}
	if d.Users == nil {
		d.Users = []User{}
	}
	if d.Management.Lines == nil {
		d.Management.Lines = []TermLine{}
	}
	if d.AAA.Servers == nil {
		d.AAA.Servers = []AAAServer{}
	}
	if d.SNMP.Communities == nil {
		d.SNMP.Communities = []Community{}
	}
	if d.SNMP.V3Users == nil {
		d.SNMP.V3Users = []SNMPUser{}
	}
	if d.SNMP.TrapHosts == nil {
		d.SNMP.TrapHosts = []TrapHost{}
	}
	if d.Logging.Hosts == nil {
		d.Logging.Hosts = []Host{}
	}
	if d.NTP.Servers == nil {
		d.NTP.Servers = []NTPServer{}
	}
	if d.Interfaces == nil {
		d.Interfaces = []Iface{}
	}
	if d.VLANs == nil {
		d.VLANs = []VLAN{}
	}
	if d.ACLs == nil {
		d.ACLs = []ACL{}
	}
	if d.Routing.Protocols == nil {
		d.Routing.Protocols = []Protocol{}
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// endsInDeny says whether the last rule of a denies everything left.
func endsInDeny(a *ACL) bool {
	for k := len(a.Entries) - 1; k >= 0; k-- {
		e := a.Entries[k]
		if e.Action == "remark" {
			continue
		}
		if e.Action != "deny" {
			return false
		}
		anyAddr := func(s string) bool { return s == "any" || s == "any4" || s == "0.0.0.0/0" || s == "" }
		anyProto := e.Protocol == "" || e.Protocol == "ip" || e.Protocol == "ipv4" || e.Protocol == "ipv6" || e.Protocol == "any"
		return anyProto && anyAddr(e.Src) && anyAddr(e.Dst) && e.SrcPorts == "" && e.DstPorts == ""
	}
	return false
}

// parseEntry reads a Cisco-style ACL rule: words start at the action
// ("permit tcp any host 10.0.0.1 eq 22"). standard rules have only a
// source.
func parseEntry(words []string, standard bool, line int) Entry {
	e := Entry{Line: line}
	if len(words) == 0 {
		return e
	}
	e.Action = strings.ToLower(words[0])
	if e.Action != "permit" && e.Action != "deny" {
		if e.Action != "remark" {
			e.Action = "other"
		}
		return e
	}
	w := words[1:]
	if standard {
		e.Protocol = "ip"
		e.Src, _ = addrSpec(w)
		e.Dst = "any"
		return e
	}
	if len(w) == 0 {
		return e
	}
	e.Protocol = strings.ToLower(w[0])
	w = w[1:]
	if e.Protocol == "object-group" || e.Protocol == "object" {
		if len(w) > 0 {
			e.Protocol += " " + w[0]
			w = w[1:]
		}
	}
	// ASA names the interface-independent source after an optional user
	// or security group; skip what is not an address.
	var n int
	e.Src, n = addrSpec(w)
	w = w[n:]
	e.SrcPorts, n = portSpec(w)
	w = w[n:]
	e.Dst, n = addrSpec(w)
	w = w[n:]
	e.DstPorts, _ = portSpec(w)
	if e.Dst == "" && (strings.HasPrefix(e.SrcPorts, "object ") || strings.HasPrefix(e.SrcPorts, "object-group ")) {
		// "permit tcp any object SERVER eq 22": no address follows, so
		// the object is the destination, not source ports.
		e.Dst, e.SrcPorts = e.SrcPorts, ""
	}
	return e
}

// addrSpec reads an address operand and returns it with the number of
// words it took.
func addrSpec(w []string) (string, int) {
	if len(w) == 0 {
		return "", 0
	}
	switch strings.ToLower(w[0]) {
	case "any", "any4", "any6":
		return "any", 1
	case "host":
		if len(w) > 1 {
			return w[1] + "/32", 2
		}
		return "host", 1
	case "object-group", "object", "addrgroup", "interface":
		if len(w) > 1 {
			return w[0] + " " + w[1], 2
		}
		return w[0], 1
	}
	if strings.Contains(w[0], "/") {
		return w[0], 1
	}
	if a, err := netip.ParseAddr(w[0]); err == nil {
		if len(w) > 1 {
			if m, err := netip.ParseAddr(w[1]); err == nil && m.Is4() {
				return a.String() + " " + m.String(), 2
			}
		}
		return a.String() + "/32", 1
	}
	return "", 0
}

func portSpec(w []string) (string, int) {
	if len(w) == 0 {
		return "", 0
	}
	switch strings.ToLower(w[0]) {
	case "eq", "gt", "lt", "neq":
		if len(w) > 1 {
			return w[0] + " " + w[1], 2
		}
	case "range":
		if len(w) > 2 {
			return "range " + w[1] + " " + w[2], 3
		}
	case "object-group", "object", "portgroup":
		if len(w) > 1 {
			return w[0] + " " + w[1], 2
		}
	}
	return "", 0
}

// unusedText says whether a description or VLAN name marks a port as not
// in use ("unused", "spare", "parking", "blackhole", ...).
func unusedText(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"unused", "spare", "not in use", "not used", "parking", "blackhole", "black-hole", "dead"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
