package traffic

// Data is the data of a traffic evidence document: what policies see as
// input.evidence.<kind>[_].data for every kind that produces traffic
// evidence (a capture, a sensor's logs). Every field is documented in
// doc.go.
type Data struct {
	Inputs       []Input      `json:"captures"`
	Flows        []Flow       `json:"flows"`
	Assets       []Asset      `json:"assets"`
	Protocols    []Protocol   `json:"protocols"`
	Credentials  []Credential `json:"credentials"`
	FlowsDropped int          `json:"flows_dropped"`
	// Alerts are the alerts an intrusion-detection sensor raised on the
	// traffic (Suricata's), one per signature and flow; absent for
	// sources that raise none (captures).
	Alerts []Alert `json:"alerts,omitempty"`
	// AlertsDropped counts alerts of signatures over the per-flow bound,
	// counted but not stored.
	AlertsDropped int `json:"alerts_dropped,omitempty"`
}

// Alert is the alerts of one signature a sensor raised on one flow (or,
// for packets of no flow the model holds, between two addresses): what
// checks and reports cite, with where it was read.
type Alert struct {
	// Flow is the id of the flow (FlowID); "" for packets of no flow.
	Flow      string `json:"flow"`
	Transport string `json:"transport"`
	ClientIP  string `json:"client_ip"`
	// ClientPort and ServerPort are absent for transports without ports.
	ClientPort int    `json:"client_port,omitempty"`
	ServerIP   string `json:"server_ip"`
	ServerPort int    `json:"server_port,omitempty"`
	// Signature, SignatureID, GID and Rev identify the rule; Category is
	// its classification and Severity its priority (1 the most severe).
	Signature   string `json:"signature"`
	SignatureID int64  `json:"signature_id"`
	GID         int64  `json:"gid"`
	Rev         int64  `json:"rev"`
	Category    string `json:"category"`
	Severity    int64  `json:"severity"`
	// Action is what the sensor did: "allowed", or "blocked" in IPS mode.
	Action string `json:"action"`
	// Count is how many times it fired; FirstSeen and LastSeen (as
	// Stamp writes them) the first and last time.
	Count     int    `json:"count"`
	FirstSeen string `json:"first_seen"`
	LastSeen  string `json:"last_seen"`
	// Sensor names the sensor; SensorFlowID is the sensor's own id of
	// the flow (Suricata's flow_id, as a decimal string); Source is
	// "file:line" of the first alert (the file's digest is in the
	// provenance).
	Sensor       string `json:"sensor,omitempty"`
	SensorFlowID string `json:"sensor_flow_id,omitempty"`
	Source       string `json:"source"`
}

// Input says how one input file was read: a capture, or a sensor's log.
// With the source's other inputs, its first and last times make the
// observation window (provenance observed_from and observed_to).
type Input struct {
	Path string `json:"path"`
	// Format is how the file was read: "pcap" or "pcapng" for captures,
	// the log's own name for a sensor's logs.
	Format string `json:"format"`
	Gzip   bool   `json:"gzip"`
	// LinkTypes are the capture's link-layer types ("ethernet",
	// "linux_sll"...); [] for inputs that are no capture.
	LinkTypes []string `json:"link_types"`
	// Packets and Bytes are the packets read and their original (wire)
	// length, for a capture; for a log, those its records account for.
	Packets int64 `json:"packets"`
	Bytes   int64 `json:"bytes"`
	// FirstSeen and LastSeen are the times of the input's first and last
	// packet or record (RFC 3339 with nanoseconds, UTC, as Stamp writes
	// them), omitted when it has none.
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
	// Malformed counts packets or records that could not be parsed.
	Malformed int  `json:"malformed"`
	Truncated bool `json:"truncated"`
	// TruncatedAt is the byte offset of the first record not read, in
	// the file as it is on disk (compressed, for a gzip file).
	TruncatedAt int64 `json:"truncated_at,omitempty"`
	// Sensor names the sensor (or cluster worker) that wrote a log,
	// omitted for captures and when the log does not say.
	Sensor string `json:"sensor,omitempty"`
	// Records counts the log records read; omitted for captures, whose
	// records are their packets.
	Records int64 `json:"records,omitempty"`
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
	// ID is FlowID of the flow: stable across runs and across sources.
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
	LLCSAP       string   `json:"llc_sap,omitempty"`
	Client       Endpoint `json:"client"`
	Server       Endpoint `json:"server"`
	Protocol     string   `json:"protocol"`
	IdentifiedBy string   `json:"identified_by"`
	PacketsToSrv int64    `json:"packets_to_server"`
	PacketsToCli int64    `json:"packets_to_client"`
	BytesToSrv   int64    `json:"bytes_to_server"`
	BytesToCli   int64    `json:"bytes_to_client"`
	FirstSeen    string   `json:"first_seen"`
	LastSeen     string   `json:"last_seen"`
	Handshake    bool     `json:"handshake"`
	Gaps         int      `json:"gaps,omitempty"`
	Skipped      int      `json:"skipped,omitempty"`
	Facts        *Facts   `json:"facts,omitempty"`
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
