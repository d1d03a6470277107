# METADATA
# title: No deprecated cryptography on the wire
# description: >-
#   Captured traffic involving a host of a declared zone shows no TLS
#   session that negotiates SSL 3.0, TLS 1.0 or TLS 1.1 or a broken cipher
#   suite (RC4, DES, 3DES, NULL, export or anonymous suites), no SMB
#   version 1, and no HTTP Basic authentication sent in cleartext: each
#   leaves what it carries readable or its credentials recoverable. The
#   capture shows only the sessions it holds, not every algorithm a
#   device can be made to use.
# scope: package
# custom:
#   id: SLATE-NET-004
#   requirements:
#     - iec62443-3-3:SR 4.3
#     - iec62443-3-3:SR 3.1
#     - iec62443-3-3:SR 4.1
#     - nist-800-53r5:SC-8
#     - nist-800-53r5:SC-13
#   severity: medium
#   owner: OT
#   why: >-
#     SSL 3.0, TLS 1.0/1.1, broken cipher suites and SMB v1 use
#     cryptography that no longer protects: IEC 62443-3-3 SR 4.3 (use of
#     cryptography, per accepted practice) and SP 800-53r5 SC-13
#     (cryptographic protection); what they carry is then not protected in
#     transit, failing SR 4.1 (information confidentiality) and SR 3.1
#     (communication integrity), with SC-8 as the NIST counterpart. HTTP
#     Basic in clear is the same failure of SR 4.1 / SC-8.
#   remediation: >-
#     Configure servers and clients for TLS 1.2 or later with AEAD cipher
#     suites (and disable SSL 3.0, TLS 1.0/1.1, RC4 and 3DES), disable SMB
#     version 1 and require SMB 3 with signing or encryption, and replace
#     HTTP Basic authentication over plain HTTP with HTTPS; replace devices
#     that cannot do so or isolate them behind a protecting conduit.
package slate.checks.network.deprecated_crypto

import data.slate.lib.breadth
import data.slate.lib.network

assessed contains zone if some zone in network.evidence_zones

deprecated_versions := {"SSL3.0", "TLS1.0", "TLS1.1"}

# weak_ciphers are the broken suites (RC4, DES, 3DES, NULL, export and
# anonymous) by the names the dissector reports: the IANA name for the
# suites it knows, "0x%04x" for the others.
weak_ciphers := {
	"TLS_RSA_WITH_RC4_128_MD5": "TLS_RSA_WITH_RC4_128_MD5",
	"TLS_RSA_WITH_RC4_128_SHA": "TLS_RSA_WITH_RC4_128_SHA",
	"TLS_ECDHE_RSA_WITH_RC4_128_SHA": "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
	"TLS_ECDHE_ECDSA_WITH_RC4_128_SHA": "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
	"TLS_RSA_WITH_3DES_EDE_CBC_SHA": "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
	"TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA": "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
	"TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA": "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
	"TLS_NULL_WITH_NULL_NULL": "TLS_NULL_WITH_NULL_NULL",
	"TLS_RSA_WITH_NULL_MD5": "TLS_RSA_WITH_NULL_MD5",
	"TLS_RSA_WITH_NULL_SHA": "TLS_RSA_WITH_NULL_SHA",
	"TLS_RSA_WITH_NULL_SHA256": "TLS_RSA_WITH_NULL_SHA256",
	"TLS_RSA_WITH_DES_CBC_SHA": "TLS_RSA_WITH_DES_CBC_SHA",
	"0x0000": "TLS_NULL_WITH_NULL_NULL",
	"0x0001": "TLS_RSA_WITH_NULL_MD5",
	"0x0002": "TLS_RSA_WITH_NULL_SHA",
	"0x0003": "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
	"0x0004": "TLS_RSA_WITH_RC4_128_MD5",
	"0x0005": "TLS_RSA_WITH_RC4_128_SHA",
	"0x0006": "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",
	"0x0008": "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",
	"0x0009": "TLS_RSA_WITH_DES_CBC_SHA",
	"0x000a": "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
	"0x0016": "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
	"0x0018": "TLS_DH_anon_WITH_RC4_128_MD5",
	"0x001b": "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA",
	"0x003b": "TLS_RSA_WITH_NULL_SHA256",
	"0xc007": "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
	"0xc011": "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
	"0xc012": "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
}

tls_flows := network.protocol_flows("tls")

# problems are the deprecated uses seen, each {"flow", "text", "smb1"}.
# Each rule reads the one attribute it needs first, from the flow's
# attributes directly (network.attr is a call per flow, and a missing
# attribute, "" to it, shows nothing here either), so that a flow with
# nothing deprecated costs a lookup or two.
problems contains {"flow": flow, "text": sprintf("negotiates %s, a deprecated protocol version, with", [v]), "smb1": false} if {
	some flow in tls_flows
	versions := flow.facts.attrs.deprecated_version
	versions != ""
	some v in split(versions, "|")
}

# A ClientHello without a ServerHello still shows a client that cannot
# offer anything better than a deprecated version.
problems contains {"flow": flow, "text": sprintf("offers at most %s, a deprecated protocol version, to", [v]), "smb1": false} if {
	some flow in tls_flows
	offered := flow.facts.attrs.client_version
	object.get(flow.facts.attrs, "version", "") == ""
	some v in split(offered, "|")
	v in deprecated_versions
}

problems contains {"flow": flow, "text": sprintf("uses the broken cipher suite %s with", [name]), "smb1": false} if {
	some flow in tls_flows
	some c in split(flow.facts.attrs.cipher, "|")
	name := weak_ciphers[c]
}

problems contains {"flow": flow, "text": "speaks SMB version 1 with", "smb1": true} if {
	some flow in network.protocol_flows("smb")
	"true" in split(flow.facts.attrs.smb1, "|") # network.attr_has, read in place
}

problems contains {"flow": flow, "text": "sends HTTP Basic credentials in cleartext to", "smb1": false} if {
	some flow in network.protocol_flows("http")
	basic_auth(flow)
}

basic_auth(flow) if "basic" in split(flow.facts.attrs.auth, "|") # network.attr_has, read in place

basic_auth(flow) if {
	some c in object.get(flow, ["facts", "credentials"], [])
	c.kind == "http_basic"
}

# zone is the zone a finding belongs to: an OT end's, else the server's,
# else the client's; "" when neither end is in a declared zone.
zone(flow) := flow.server.zone if {
	flow.server.zone in breadth.ot_zones
} else := flow.client.zone if {
	flow.client.zone in breadth.ot_zones
} else := flow.server.zone if {
	flow.server.zone in object.keys(breadth.zone_kinds)
} else := flow.client.zone if {
	flow.client.zone in object.keys(breadth.zone_kinds)
} else := ""

severity(p, zone) := "high" if {
	p.smb1
	zone in breadth.ot_zones
} else := "medium"

deny contains finding if {
	some p in problems
	z := zone(p.flow)
	z != ""
	finding := {
		"subject": network.subject(p.flow),
		"zone": z,
		"message": sprintf("%s %s %s (zone %s)", [network.host(p.flow.client), p.text, network.endpoint(p.flow.server), z]),
		"severity": severity(p, z),
		"owner": breadth.owner(z),
		"evidence": [network.ref(p.flow)],
		"exposure": network.flow_exposure(p.flow),
	}
}
