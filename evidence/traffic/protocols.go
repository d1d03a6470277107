package traffic

import "slices"

// The selections below are read by Go (the engine's flow index) and by
// Rego (the engine passes Selections as data.slate.traffic, which
// policies/lib/network.rego and flowindex.rego read): each list lives
// here only.
var (
	// otProtocols are the industrial protocols: a device serving one is
	// guessed to be a controller, one using one an HMI or engineering
	// station.
	otProtocols = []string{"ads", "bacnet", "c37118", "dnp3", "enip", "goose", "iec104", "modbus", "opcua", "profinet", "s7comm"}
	// insecureProtocols carry credentials and commands in cleartext.
	insecureProtocols = []string{"ftp", "http", "smb", "snmp", "telnet"}
	// negotiatedProtocols are those whose two ends negotiate their
	// security (a mode, a cipher, a version) in a way the facts show.
	negotiatedProtocols = []string{"opcua", "rdp", "ssh", "vnc"}
	// identityProtocols are those whose replies or banners can identify
	// a device, by the attributes identityAttrs (identitySources).
	identityProtocols, identityAttrs = identityLists()
	// changeClasses are the operation classes that change a device's
	// data, state or logic (Timed).
	changeClasses = []string{ClassControl, ClassProgram, ClassWrite}
	// opClasses are every operation class.
	opClasses = []string{ClassControl, ClassDiagnostic, ClassError, ClassProgram, ClassRead, ClassResponse, ClassSession, ClassWrite}
)

// IsOT reports whether protocol is an industrial protocol.
func IsOT(protocol string) bool {
	_, ok := slices.BinarySearch(otProtocols, protocol)
	return ok
}

// OTProtocols returns the industrial protocols, sorted.
func OTProtocols() []string { return slices.Clone(otProtocols) }

// InsecureProtocols returns the cleartext protocols, sorted.
func InsecureProtocols() []string { return slices.Clone(insecureProtocols) }

// NegotiatedProtocols returns the protocols whose facts show a negotiated
// security, sorted.
func NegotiatedProtocols() []string { return slices.Clone(negotiatedProtocols) }

// IdentityProtocols returns the protocols whose replies identify a
// device, sorted.
func IdentityProtocols() []string { return slices.Clone(identityProtocols) }

// IdentityAttrs returns the fact attributes that identify a device,
// sorted.
func IdentityAttrs() []string { return slices.Clone(identityAttrs) }

// ChangeClasses returns the operation classes that change a device,
// sorted.
func ChangeClasses() []string { return slices.Clone(changeClasses) }

// OpClasses returns every operation class, sorted.
func OpClasses() []string { return slices.Clone(opClasses) }

// Selections returns the lists above as one JSON-ready value, keyed as
// policies read them under data.slate.traffic.
func Selections() map[string]any {
	return map[string]any{
		"ot_protocols":         OTProtocols(),
		"insecure_protocols":   InsecureProtocols(),
		"negotiated_protocols": NegotiatedProtocols(),
		"identity_protocols":   IdentityProtocols(),
		"identity_attrs":       IdentityAttrs(),
		"change_classes":       ChangeClasses(),
		"op_classes":           OpClasses(),
	}
}
