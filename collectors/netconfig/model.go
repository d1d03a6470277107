package netconfig

// Data is the document data: what policies see as
// input.evidence.netconfig[_].data. doc.go describes every field.
type Data struct {
	// Devices are sorted by file.
	Devices []Device `json:"devices"`
}

// Device is the model of one configuration file. Every list is sorted and
// present (possibly empty); every fact read from the file carries Line, the
// 1-based line it came from. Line 0 marks a vendor default: the fact holds
// because the configuration does not say otherwise.
type Device struct {
	File           string `json:"file"`
	Vendor         string `json:"vendor"`
	VendorSource   string `json:"vendor_source"` // "option" or "detected"
	Hostname       string `json:"hostname"`
	HostnameLine   int    `json:"hostname_line"`
	OSVersion      string `json:"os_version"`
	OSVersionLine  int    `json:"os_version_line"`
	ConfigLines    int    `json:"config_lines"`
	UnknownLines   int    `json:"unknown_lines"`
	ManagementAddr string `json:"management_address"`
	// ManagementZone is the zone of ManagementAddr, "" when none.
	ManagementZone string `json:"management_zone"`

	Management         Management `json:"management"`
	AAA                AAA        `json:"aaa"`
	Users              []User     `json:"users"`
	EnableSecret       *Secret    `json:"enable_secret"`
	PasswordEncryption Flag       `json:"password_encryption"`
	PasswordPolicy     PwPolicy   `json:"password_policy"`
	SNMP               SNMP       `json:"snmp"`
	Logging            Logging    `json:"logging"`
	NTP                NTP        `json:"ntp"`
	Banner             Banner     `json:"banner"`
	Interfaces         []Iface    `json:"interfaces"`
	VLANs              []VLAN     `json:"vlans"`
	ACLs               []ACL      `json:"acls"`
	Routing            Routing    `json:"routing"`
	CDP                Flag       `json:"cdp"`
	LLDP               Flag       `json:"lldp"`
	DHCPSnooping       Flag       `json:"dhcp_snooping"`
	ARPInspection      Flag       `json:"arp_inspection"`
	SparePorts         SparePorts `json:"spare_ports"`
	// StoredSecrets are the other credentials the configuration stores
	// (line passwords, service and peer keys, key chains), by how they
	// are stored, never their value; sorted by line.
	StoredSecrets []StoredSecret `json:"stored_secrets"`
}

// StoredSecret is one credential the configuration stores for a line, a
// service or a peer.
type StoredSecret struct {
	// Context says what the credential is for, as the configuration
	// names it: "line vty 0 4", "ip ftp password", "key chain OSPF key
	// 1", "tacacs-server host 10.0.0.5", "snmp-server user nms",
	// "security ike proposal ... pre-shared-key".
	Context  string `json:"context"`
	Class    string `json:"class"`
	Strength string `json:"strength"`
	Line     int    `json:"line"`
}

// Flag is a feature that is on or off.
type Flag struct {
	Enabled bool `json:"enabled"`
	Line    int  `json:"line"`
}

// Service is a management service.
type Service struct {
	Enabled bool   `json:"enabled"`
	Version string `json:"version,omitempty"`
	Line    int    `json:"line"`
}

// Management is the management plane.
type Management struct {
	SSH    Service    `json:"ssh"`
	Telnet Service    `json:"telnet"`
	HTTP   Service    `json:"http"`
	HTTPS  Service    `json:"https"`
	Lines  []TermLine `json:"lines"`
}

// TermLine is a console, aux or virtual terminal line block.
type TermLine struct {
	Kind string `json:"kind"` // console, aux, vty
	Name string `json:"name"`
	// TransportInput is the protocols the line accepts, as written;
	// ["default"] when an IOS vty line names none and the platform
	// default applies. DefaultVersion is then the OS version the file
	// names ("" when it names none): the default differs by release.
	TransportInput []string `json:"transport_input"`
	DefaultVersion string   `json:"default_version"`
	AccessClass    string   `json:"access_class"`
	// ExecTimeout is in seconds; 0 means never. ExecTimeoutDefault says
	// it is the vendor default, not written in the file.
	ExecTimeout        int  `json:"exec_timeout_seconds"`
	ExecTimeoutDefault bool `json:"exec_timeout_default"`
	// Login is how the line authenticates: "none" (anyone gets in),
	// "password" (the line password), "password_missing" (login asks
	// for a line password the configuration never sets, so IOS refuses
	// every session), "local", "aaa".
	Login string `json:"login"`
	// LoginList is the AAA method list the line uses ("default" when it
	// names none), "" without AAA.
	LoginList string `json:"login_list"`
	// TelnetLogin is true when a telnet session can log in on the line:
	// its transport lets telnet in (as written, or by the platform
	// default) and its login does not refuse every session.
	TelnetLogin bool `json:"telnet_login"`
	Line        int  `json:"line"`
}

// AAA is remote authentication.
type AAA struct {
	Servers       []AAAServer `json:"servers"`
	LocalFallback bool        `json:"local_fallback"`
	LoginMethods  []string    `json:"login_methods"`
	Line          int         `json:"line"`
}

// AAAServer is a TACACS+ or RADIUS server: its address only.
type AAAServer struct {
	Protocol string `json:"protocol"` // tacacs+, radius
	Address  string `json:"address"`
	KeySet   bool   `json:"key_set"`
	Line     int    `json:"line"`
}

// Secret describes a stored credential without its value.
type Secret struct {
	Class    string `json:"class"`
	Strength string `json:"strength"` // none, weak, reversible, strong
	Line     int    `json:"line"`
}

// PwPolicy is what the device demands of a new local password: the
// strength rules it enforces when a password is set in clear (a hash
// pasted into the configuration is never checked).
type PwPolicy struct {
	// Enforced is true when the device checks new passwords at all.
	Enforced bool `json:"enforced"`
	// MinLength is the shortest password accepted; 0 when no minimum is
	// set.
	MinLength int `json:"min_length"`
	// CharClasses is how many of the four character types (upper case,
	// lower case, digits, special characters) a password must mix; 0 when
	// none is required.
	CharClasses int `json:"character_classes"`
	// Setting names the commands the policy comes from, as written, or
	// the vendor default.
	Setting string `json:"setting"`
	Line    int    `json:"line"`
}

// User is a local account.
type User struct {
	Name      string `json:"name"`
	Privilege string `json:"privilege"`
	Password  Secret `json:"password"`
	Line      int    `json:"line"`
}

// SNMP is the SNMP agent.
type SNMP struct {
	Communities []Community `json:"communities"`
	V3Users     []SNMPUser  `json:"v3_users"`
	TrapHosts   []TrapHost  `json:"trap_hosts"`
}

// Community is an SNMP v1/v2c community, by strength class and, for a
// long one on a site with a fingerprint key, fingerprint.
type Community struct {
	// Strength classes the community (evidence.SecretStrength): "empty",
	// "default", "short", "low_entropy" or "long".
	Strength string `json:"strength"`
	// Fingerprint identifies a "long" community (evidence.Fingerprint);
	// "" otherwise.
	Fingerprint string `json:"fingerprint"`
	Access      string `json:"access"` // ro, rw
	ACL         string `json:"acl"`
	Default     bool   `json:"default"`
	// Restricted is true when only some managers may use the community:
	// an ACL the configuration defines, a Junos client list, or, on an
	// ASA, the hosts that snmp-server host lets poll.
	Restricted bool `json:"restricted"`
	// Hosts are, on an ASA, the managers snmp-server host lets poll with
	// the community (addresses or host-group objects); empty elsewhere.
	Hosts []string `json:"hosts"`
	Line  int      `json:"line"`
}

// SNMPUser is an SNMPv3 user.
type SNMPUser struct {
	Name  string `json:"name"`
	Level string `json:"level"` // noauth, auth, priv
	Line  int    `json:"line"`
}

// TrapHost is a notification receiver.
type TrapHost struct {
	Address string `json:"address"`
	Version string `json:"version"`
	Line    int    `json:"line"`
}

// Logging is where the device sends its log.
type Logging struct {
	Hosts     []Host `json:"hosts"`
	Buffered  Flag   `json:"buffered"`
	TrapLevel string `json:"trap_level"`
	// TrapSeverity is the least severe level the device sends to its
	// remote servers, as a syslog severity (0 emergencies ... 6
	// informational, 7 debugging), or -1 when it sends them nothing.
	// TrapSeverityKnown is false for vendors whose levels the collector
	// does not read; TrapSeverityLine 0 marks the vendor default.
	TrapSeverity      int  `json:"trap_severity"`
	TrapSeverityKnown bool `json:"trap_severity_known"`
	TrapSeverityLine  int  `json:"trap_severity_line"`
	Timestamps        Flag `json:"timestamps"`
}

// Host is a remote server.
type Host struct {
	Address string `json:"address"`
	Line    int    `json:"line"`
}

// NTP is time synchronisation.
type NTP struct {
	Servers        []NTPServer `json:"servers"`
	Authentication Flag        `json:"authentication"`
}

// NTPServer is an NTP server or peer.
type NTPServer struct {
	Address string `json:"address"`
	Key     bool   `json:"key"`
	Line    int    `json:"line"`
}

// Banner is the login banner.
type Banner struct {
	Present bool   `json:"present"`
	Kind    string `json:"kind"`
	Line    int    `json:"line"`
}

// Iface is an interface.
type Iface struct {
	Name         string    `json:"name"`
	Description  string    `json:"description"`
	Shutdown     bool      `json:"shutdown"`
	Mode         string    `json:"mode"` // access, trunk, routed, ""
	AccessVLAN   int       `json:"access_vlan"`
	NativeVLAN   int       `json:"native_vlan"`
	AllowedVLANs string    `json:"allowed_vlans"`
	Addresses    []Address `json:"addresses"`
	ACLIn        string    `json:"acl_in"`
	ACLOut       string    `json:"acl_out"`
	PortSecurity bool      `json:"port_security"`
	BPDUGuard    bool      `json:"bpdu_guard"`
	Dot1X        bool      `json:"dot1x"`
	Physical     bool      `json:"physical"`
	Spare        bool      `json:"spare"`
	// Zone is the zone of the first address that has one, else that of
	// the access VLAN; ZoneSource says which ("address", "vlan", "").
	Zone       string `json:"zone"`
	ZoneSource string `json:"zone_source"`
	Line       int    `json:"line"`
}

// Address is an interface address with its prefix length.
type Address struct {
	Prefix string `json:"prefix"` // "10.0.0.1/24"
	Zone   string `json:"zone"`
	Line   int    `json:"line"`
}

// VLAN is a declared VLAN.
type VLAN struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	Zone string `json:"zone"`
	Line int    `json:"line"`
}

// ACL is an access list or firewall filter.
type ACL struct {
	Name       string  `json:"name"`
	Type       string  `json:"type"` // standard, extended, ipv6, filter
	Entries    []Entry `json:"entries"`
	EndsInDeny bool    `json:"ends_in_deny"`
	// AppliedTo says where the ACL is used: "<interface> in|out" and
	// "line <name>" for an access class, sorted.
	AppliedTo []string `json:"applied_to"`
	Line      int      `json:"line"`
}

// Entry is one rule of an ACL, in order.
type Entry struct {
	Action   string `json:"action"` // permit, deny, remark
	Protocol string `json:"protocol"`
	Src      string `json:"src"`
	SrcPorts string `json:"src_ports"`
	Dst      string `json:"dst"`
	DstPorts string `json:"dst_ports"`
	// SrcMembers and DstMembers are what an "object-group" or "object"
	// operand stands for (ASA, IOS-XE): its addresses, nested groups
	// flattened, sorted; empty for a literal operand or an object the
	// file does not define. DstPortMembers are the destination ports
	// ("eq 502") of a service object-group, whether it is the port operand
	// or the rule's protocol ("permit object-group SVC any any"), and the
	// ICMP types ("echo") of an icmp-type group or of a service group's
	// ICMP entries, likewise.
	// ProtocolMembers are the protocols ("tcp", "udp") of a protocol or
	// service group given as the rule's protocol.
	SrcMembers      []string `json:"src_members"`
	DstMembers      []string `json:"dst_members"`
	DstPortMembers  []string `json:"dst_port_members"`
	ProtocolMembers []string `json:"protocol_members"`
	Line            int      `json:"line"`
}

// Routing is what routing the device does.
type Routing struct {
	StaticRoutes int        `json:"static_routes"`
	Protocols    []Protocol `json:"protocols"`
}

// Protocol is a dynamic routing process.
type Protocol struct {
	Name string `json:"name"`
	Line int    `json:"line"`
}

// SparePorts counts unused access ports.
type SparePorts struct {
	Total int      `json:"total"`
	Open  []string `json:"open"`
}
