# METADATA
# title: Sessions negotiate authentication and encryption that hold
# description: >-
#   Where the two ends of a session negotiate its security on the wire, the
#   capture shows what they settled on: RDP without Network Level
#   Authentication or with Standard RDP Security, SSH protocol version 1,
#   OPC UA with security mode None or a deprecated security policy
#   (Basic128Rsa15, Basic256), SNMPv3 without authentication
#   (noAuthNoPriv), and VNC with no authentication or VNC Authentication
#   (a DES challenge-response) are each a finding. The capture shows only
#   the sessions it holds, not every mode a device can be made to accept.
# scope: package
# custom:
#   id: SLATE-NET-008
#   requirements:
#     - iec62443-3-3:SR 1.1
#     - iec62443-3-3:SR 1.2
#     - iec62443-3-3:SR 1.5
#     - iec62443-3-3:SR 4.1
#     - iec62443-3-3:SR 4.3
#     - nist-800-53r5:AC-17(2)
#     - nist-800-53r5:IA-2
#     - nist-800-53r5:IA-3
#     - nist-800-53r5:IA-5(1)
#     - nist-800-53r5:SC-8
#     - nist-800-53r5:SC-13
#   severity: high
#   owner: OT
#   remediation: >-
#     Require Network Level Authentication (CredSSP) and TLS on every RDP
#     host; disable SSH protocol 1; configure OPC UA servers and clients for
#     Sign or SignAndEncrypt with Basic256Sha256, Aes128_Sha256_RsaOaep or
#     Aes256_Sha256_RsaPss and remove the None and deprecated endpoints;
#     use SNMPv3 users with authPriv; give VNC servers a security type that
#     authenticates users and encrypts the session (VeNCrypt with X.509,
#     RA2, or VNC tunnelled through SSH or TLS), or reach HMIs through a
#     remote-access gateway that does. Where a device cannot, keep the
#     service inside its zone and reach it only from a managed jump host.
#   findings:
#     - kind: rdp-no-nla
#       requirements:
#         - iec62443-3-3:SR 1.1
#         - nist-800-53r5:IA-2
#         - nist-800-53r5:AC-17(2)
#       why: >-
#         Network Level Authentication (CredSSP) authenticates the user,
#         and the server to the user, before the host starts a session;
#         without it the host starts a graphical logon session for anyone
#         who can reach the port. IEC 62443-3-3 SR 1.1 and SP 800-53r5 IA-2
#         (identification and authentication of users) expect the user
#         authenticated before access is granted, and AC-17(2) asks for
#         cryptographic protection of remote access sessions, of which the
#         mutual authentication of NLA is part.
#     - kind: rdp-standard-security
#       requirements:
#         - iec62443-3-3:SR 4.1
#         - iec62443-3-3:SR 4.3
#         - nist-800-53r5:SC-8
#         - nist-800-53r5:SC-13
#         - nist-800-53r5:AC-17(2)
#       why: >-
#         Standard RDP Security encrypts with RC4 under keys the server does
#         not prove it owns: SR 4.1 and SC-8 (confidentiality in transit) and
#         AC-17(2) (cryptographic protection of remote access) are not met,
#         and SR 4.3 and SC-13 (cryptography per recognised practice) rule
#         out RC4.
#     - kind: ssh-v1
#       requirements:
#         - iec62443-3-3:SR 4.3
#         - nist-800-53r5:SC-13
#         - nist-800-53r5:AC-17(2)
#       why: >-
#         SSH protocol version 1 has broken integrity protection (CRC-32)
#         and allows session hijacking; offering it (1.x, 1.99) lets a
#         client or an attacker in the path fall back to it. SR 4.3 and
#         SC-13 ask for cryptography per recognised practice, AC-17(2) for
#         remote access protected by it.
#     - kind: opcua-none
#       requirements:
#         - iec62443-3-3:SR 1.2
#         - nist-800-53r5:IA-3
#       why: >-
#         With security mode None neither OPC UA application presents or
#         checks an application instance certificate: IEC 62443-3-3 SR 1.2
#         (software process and device identification and authentication)
#         and SP 800-53r5 IA-3 (device identification and authentication)
#         are not met. That the messages then travel without integrity
#         protection across a conduit is SLATE-JOIN-001's finding.
#     - kind: opcua-deprecated-policy
#       requirements:
#         - iec62443-3-3:SR 4.3
#         - nist-800-53r5:SC-13
#       why: >-
#         The OPC Foundation deprecated the security policies Basic128Rsa15
#         and Basic256 (SHA-1 signatures, RSA PKCS#1 v1.5 padding): SR 4.3
#         and SC-13 ask for cryptography per recognised practice.
#     - kind: snmpv3-noauth
#       requirements:
#         - iec62443-3-3:SR 1.2
#         - iec62443-3-3:SR 4.1
#         - nist-800-53r5:IA-3
#         - nist-800-53r5:SC-8
#       why: >-
#         SNMPv3 at noAuthNoPriv names a user but neither authenticates the
#         message nor encrypts it: the managing software is not
#         authenticated (SR 1.2, IA-3) and what it reads or sets travels in
#         clear (SR 4.1, SC-8).
#     - kind: vnc-no-auth
#       requirements:
#         - iec62443-3-3:SR 1.1
#         - iec62443-3-3:SR 4.1
#         - nist-800-53r5:IA-2
#         - nist-800-53r5:AC-17(2)
#       why: >-
#         A VNC server that offers security type None gives its screen,
#         keyboard and mouse to anyone who connects: IEC 62443-3-3 SR 1.1
#         and SP 800-53r5 IA-2 (identify and authenticate every user) are
#         not met, and the session is not encrypted (SR 4.1, AC-17(2)).
#     - kind: vnc-des
#       requirements:
#         - iec62443-3-3:SR 1.5
#         - iec62443-3-3:SR 4.1
#         - iec62443-3-3:SR 4.3
#         - nist-800-53r5:IA-5(1)
#         - nist-800-53r5:SC-13
#         - nist-800-53r5:AC-17(2)
#       why: >-
#         VNC Authentication proves the password with DES over a 16-byte
#         challenge, keyed with at most 8 characters of it: a capture of the
#         challenge and response is enough to recover the password offline.
#         SR 1.5 and IA-5(1) ask that passwords be protected in transmission,
#         SR 4.3 and SC-13 for cryptography per recognised practice (DES is
#         not), and the session itself is not encrypted (SR 4.1, AC-17(2)).
package slate.checks.network.weak_session_security

import data.slate.lib.network

assessed contains zone if some zone in network.evidence_zones

deprecated_opcua_policies := {"Basic128Rsa15", "Basic256"}

# problems are the weaknesses the flows' negotiations show, each
# {"kind", "severity", "text", "i", "ref"}: text follows "<client> ", i is
# the conversation's index in conversations, ref the flow's.
problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "rdp-no-nla", "severity": "high",
	"text": sprintf("opens an RDP session on %s without Network Level Authentication (security selected: %s): the host starts a logon session before the user is authenticated", [network.endpoint(flow.server), selected(flow)]),
} if {
	some i, c in conversations
	c.protocol == "rdp"
	some flow in c.flows
	flow.protocol == "rdp"
	network.attr(flow, "nla") == "false"
}

problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "rdp-standard-security", "severity": "high",
	"text": sprintf("opens an RDP session on %s with Standard RDP Security (RC4, server not authenticated)", [network.endpoint(flow.server)]),
} if {
	some i, c in conversations
	c.protocol == "rdp"
	some flow in c.flows
	flow.protocol == "rdp"
	network.attr_has(flow, "selected", "rdp")
}

problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "ssh-v1", "severity": "high",
	"text": sprintf("speaks SSH with %s, where SSH protocol version 1 is offered (versions %s)", [network.endpoint(flow.server), concat(", ", split(network.attr(flow, "version"), "|"))]),
} if {
	some i, c in conversations
	c.protocol == "ssh"
	some flow in c.flows
	flow.protocol == "ssh"
	network.attr(flow, "ssh1") == "true"
}

problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "opcua-none", "severity": "medium",
	"text": sprintf("talks OPC UA to %s with security mode None: neither application is authenticated", [network.endpoint(flow.server)]),
} if {
	some i, c in conversations
	c.protocol == "opcua"
	some flow in c.flows
	flow.protocol == "opcua"
	network.attr_has(flow, "security_mode", "None")
}

problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "opcua-deprecated-policy", "severity": "medium",
	"text": sprintf("talks OPC UA to %s with the deprecated security policy %s", [network.endpoint(flow.server), p]),
} if {
	some i, c in conversations
	c.protocol == "opcua"
	some flow in c.flows
	flow.protocol == "opcua"
	some p in deprecated_opcua_policies
	network.attr_has(flow, "security_policy", p)
}

problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "snmpv3-noauth", "severity": "medium",
	"text": sprintf("sends SNMPv3 to %s at noAuthNoPriv: the messages are neither authenticated nor encrypted", [network.endpoint(flow.server)]),
} if {
	some i, c in conversations
	c.protocol == "snmp"
	some flow in c.flows
	flow.protocol == "snmp"
	network.attr_has(flow, "security_level", "noAuthNoPriv")
}

problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "vnc-no-auth", "severity": "critical",
	"text": sprintf("opens a VNC session on %s without authentication (security type None)", [network.endpoint(flow.server)]),
} if {
	some i, c in conversations
	c.protocol == "vnc"
	some flow in c.flows
	flow.protocol == "vnc"
	network.attr_has(flow, "security_type", "none")
}

problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "vnc-no-auth", "severity": "critical",
	"text": sprintf("is offered VNC sessions without authentication by %s (security type None among %s)", [network.endpoint(flow.server), concat(", ", split(network.attr(flow, "security_types"), "|"))]),
} if {
	some i, c in conversations
	c.protocol == "vnc"
	some flow in c.flows
	flow.protocol == "vnc"
	network.attr_has(flow, "security_types", "none")
	not network.attr_has(flow, "security_type", "none")
}

problems contains {
	"i": i, "ref": network.ref(flow),
	"kind": "vnc-des", "severity": "high",
	"text": sprintf("opens a VNC session on %s with VNC Authentication: a DES challenge-response that gives away the password to whoever captures it, and an unencrypted session", [network.endpoint(flow.server)]),
} if {
	some i, c in conversations
	c.protocol == "vnc"
	some flow in c.flows
	flow.protocol == "vnc"
	network.attr_has(flow, "security_type", "vnc_auth")
}

selected(flow) := concat(", ", split(network.attr(flow, "selected"), "|")) if network.attr(flow, "selected") != ""

selected(flow) := "unknown" if network.attr(flow, "selected") == ""

# conversations are those of the protocols judged here: SNMP's from the
# insecure selection, the others' from the negotiated one. The flows of a
# conversation share its protocol: each rule above tests the
# conversation's before it visits the flows.
conversations := array.concat(
	network.negotiated_conversations,
	[c | some c in network.selection("insecure"); c.protocol == "snmp"],
)

# One finding per conversation and weakness, citing the flows that show
# it; what differs between the flows goes into separate findings.
deny contains finding if {
	some w in problems
	c := conversations[w.i]
	finding := {
		"kind": w.kind,
		"severity": w.severity,
		"subject": network.subject(c),
		"zone": network.target_zone(c),
		"message": sprintf("%s %s", [c.client.ip, w.text]),
		"evidence": [w.ref],
		"exposure": network.flow_exposure(c),
	}
}
