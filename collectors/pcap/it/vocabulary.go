package it

// DefaultLogin reports whether user and secret are a vendor default or a
// well-known login, as the dissectors judge cleartext logins, so that
// readers of other evidence of the same traffic (Zeek's ftp and http
// logs) class them alike.
func DefaultLogin(user string, secret []byte) bool { return isDefaultLogin(user, secret) }

// DefaultCommunity reports whether an SNMP community is a vendor default.
func DefaultCommunity(community string) bool { return snmpDefaultCommunities[community] }

// The functions below give the attribute values the dissectors write, so
// that readers of other evidence of the same traffic (Zeek and Suricata
// logs) write the same values and policies match them alike.

// Printable is an attribute value as the dissectors keep text: trimmed,
// cut to n bytes, each byte outside printable ASCII and each '|' (the
// separator of multi-valued facts) replaced by '?'.
func Printable(s string, n int) string { return printable([]byte(s), n) }

// TLSVersion names a TLS protocol version code (0x0303 is "TLS1.2"), ""
// for codes the dissector does not name.
func TLSVersion(code int) string { return tlsVersion(code) }

// TLSDeprecated reports whether the dissector marks a version name as
// deprecated (SSL 3.0 to TLS 1.1).
func TLSDeprecated(version string) bool {
	switch version {
	case "SSL3.0", "TLS1.0", "TLS1.1":
		return true
	}
	return false
}

// TLSCipher names a cipher suite as the dissector does: its IANA name for
// the suites it knows, "0x%04x" for the others.
func TLSCipher(code int) string { return tlsCipher(code) }

// TLSCipherCode is the code of a cipher suite named by its IANA name, for
// the suites TLSCipher names.
func TLSCipherCode(name string) (int, bool) {
	for c, n := range tlsCiphers {
		if n == name {
			return c, true
		}
	}
	return 0, false
}

// SSHBanner splits an identification string ("SSH-2.0-OpenSSH_8.9p1
// Ubuntu-3") into the protocol version and software as the dissector
// records them ("2.0", "OpenSSH_8.9p1"); ok is false when it is no banner
// the dissector reads.
func SSHBanner(banner string) (proto, software string, ok bool) {
	p, sw, ok := sshBanner([]byte(banner))
	if !ok {
		return "", "", false
	}
	return string(p), printable(sw, 64), true
}

// RDPProtocols names a set of RDP security protocol flags (RDP_NEG_REQ,
// RDP_NEG_RSP) as the dissector does: "rdp", "tls", "credssp",
// "credssp_early_auth", comma-joined.
func RDPProtocols(flags uint32) string { return rdpProtocols(flags) }

// RDPNLA reports whether selected RDP security flags authenticate the
// user before the session (CredSSP, with or without early user
// authorisation): the dissector's "nla" attribute.
func RDPNLA(flags uint32) bool { return flags&(2|8) != 0 }

// RDPFailure names an RDP negotiation failure code as the dissector
// does ("hybrid_required_by_server"); "other" for unknown codes.
func RDPFailure(code int) string {
	if code > 0 && code < len(rdpFailures) {
		return rdpFailures[code]
	}
	return "other"
}

// NTPMode is the operation (class and name) the dissector records for an
// NTP mode; ok is false for modes it records none for.
func NTPMode(mode int) (class, name string, ok bool) {
	if mode <= 0 || mode >= len(ntpModes) {
		return "", "", false
	}
	m := ntpModes[mode]
	return m.class, m.name, true
}

// SNMPPDU is the operation (class and name) the dissector records for an
// SNMP PDU tag (0 GetRequest ... 8 Report); ok is false for others.
func SNMPPDU(tag int) (class, name string, ok bool) {
	if tag < 0 || tag >= len(snmpPDUs) {
		return "", "", false
	}
	p := snmpPDUs[tag]
	return p.class, p.name, true
}
