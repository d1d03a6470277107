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

# The flows' negotiations are read once for every test of the check, in
# network.weak_sessions (the engine makes them in Go): each weakness
# below judges only the flows that show one.

# text says, after "<client> ", what the weakness w of a flow is.
text(w) := sprintf("opens an RDP session on %s without Network Level Authentication (security selected: %s): the host starts a logon session before the user is authenticated", [network.endpoint(w.flow.server), selected(w.flow)]) if w.kind == "rdp-no-nla"

text(w) := sprintf("opens an RDP session on %s with Standard RDP Security (RC4, server not authenticated)", [network.endpoint(w.flow.server)]) if w.kind == "rdp-standard-security"

text(w) := sprintf("speaks SSH with %s, where SSH protocol version 1 is offered (versions %s)", [network.endpoint(w.flow.server), concat(", ", split(network.attr(w.flow, "version"), "|"))]) if w.kind == "ssh-v1"

text(w) := sprintf("talks OPC UA to %s with security mode None: neither application is authenticated", [network.endpoint(w.flow.server)]) if w.kind == "opcua-none"

text(w) := sprintf("talks OPC UA to %s with the deprecated security policy %s", [network.endpoint(w.flow.server), w.value]) if w.kind == "opcua-deprecated-policy"

text(w) := sprintf("sends SNMPv3 to %s at noAuthNoPriv: the messages are neither authenticated nor encrypted", [network.endpoint(w.flow.server)]) if w.kind == "snmpv3-noauth"

text(w) := sprintf("opens a VNC session on %s without authentication (security type None)", [network.endpoint(w.flow.server)]) if {
	w.kind == "vnc-no-auth"
	w.attr == "security_type"
}

# A server that offers None among its security types is a finding when
# the session did not settle on None (which is the finding above).
text(w) := sprintf("is offered VNC sessions without authentication by %s (security type None among %s)", [network.endpoint(w.flow.server), concat(", ", split(network.attr(w.flow, "security_types"), "|"))]) if {
	w.kind == "vnc-no-auth"
	w.attr == "security_types"
	not network.attr_has(w.flow, "security_type", "none")
}

text(w) := sprintf("opens a VNC session on %s with VNC Authentication: a DES challenge-response that gives away the password to whoever captures it, and an unencrypted session", [network.endpoint(w.flow.server)]) if w.kind == "vnc-des"

# severity is a weakness's: what it exposes, by its kind.
severity(kind) := "critical" if kind == "vnc-no-auth"

severity(kind) := "high" if kind in {"rdp-no-nla", "rdp-standard-security", "ssh-v1", "vnc-des"}

severity(kind) := "medium" if kind in {"opcua-none", "opcua-deprecated-policy", "snmpv3-noauth"}

selected(flow) := concat(", ", split(network.attr(flow, "selected"), "|")) if network.attr(flow, "selected") != ""

selected(flow) := "unknown" if network.attr(flow, "selected") == ""

# One finding per conversation and weakness, citing the flows that show
# it; what differs between the flows goes into separate findings.
deny contains finding if {
	some w in network.weak_sessions
	c := w.conversation
	finding := {
		"kind": w.kind,
		"severity": severity(w.kind),
		"subject": network.subject(c),
		"zone": network.target_zone(c),
		"message": sprintf("%s %s", [c.client.ip, text(w)]),
		"evidence": [network.ref(w.flow)],
		"exposure": network.flow_exposure(c),
	}
}
