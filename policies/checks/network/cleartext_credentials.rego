# METADATA
# title: No credentials cross the wire in clear
# description: >-
#   Captured traffic shows no password or community string sent in clear
#   text: no telnet login, FTP USER/PASS, HTTP Basic authorization or SNMP
#   v1/v2c community in use. Anyone who can read the network can replay
#   such a credential. One the collector recognises as a factory default
#   (admin/admin, root/root, the community "public", ...) is reported as
#   such. The collector records that a credential was seen, its user name
#   and the secret's strength class (a long one also by a keyed
#   fingerprint), never the secret.
# scope: package
# custom:
#   id: SLATE-NET-007
#   requirements:
#     - iec62443-3-3:SR 1.5
#     - iec62443-3-3:SR 4.1
#     - nist-800-53r5:IA-5
#     - nist-800-53r5:IA-5(1)
#     - nist-800-53r5:SC-8
#   severity: high
#   owner: OT
#   remediation: >-
#     Change every password and community seen on the wire, factory
#     defaults first. Then move the service to one that protects its
#     credentials: SSH instead of telnet, SFTP or FTPS instead of FTP, HTTPS
#     instead of HTTP Basic over plain HTTP, SNMPv3 with authPriv instead of
#     v1/v2c communities. Where a device cannot, reach it only from a
#     management host over a protected path (a jump host, an IPsec or TLS
#     tunnel) and restrict who may talk to it.
#   findings:
#     - kind: cleartext-password
#       requirements:
#         - iec62443-3-3:SR 1.5
#         - iec62443-3-3:SR 4.1
#         - nist-800-53r5:IA-5(1)
#         - nist-800-53r5:SC-8
#       why: >-
#         IEC 62443-3-3 SR 1.5 (authenticator management) asks that
#         authenticators be protected from unauthorized disclosure when
#         transmitted, and SR 4.1 (information confidentiality) that
#         information be protected in transit; SP 800-53r5 IA-5(1)
#         (password-based authentication) allows passwords to be transmitted
#         only over cryptographically protected channels, and SC-8
#         (transmission confidentiality and integrity) asks the same of the
#         channel. A password seen on the wire fails all four.
#     - kind: cleartext-community
#       requirements:
#         - iec62443-3-3:SR 1.5
#         - iec62443-3-3:SR 4.1
#         - nist-800-53r5:IA-5(1)
#         - nist-800-53r5:SC-8
#       why: >-
#         An SNMP v1/v2c community is a shared password that every request
#         carries in clear: SR 1.5 and IA-5(1) for an authenticator sent
#         unprotected, SR 4.1 and SC-8 for a transport without
#         confidentiality.
#     - kind: default-credential
#       requirements:
#         - iec62443-3-3:SR 1.5
#         - iec62443-3-3:SR 4.1
#         - nist-800-53r5:IA-5
#         - nist-800-53r5:IA-5(1)
#         - nist-800-53r5:SC-8
#       why: >-
#         IEC 62443-3-3 SR 1.5 asks that default authenticators be changed
#         when the system is installed, and SP 800-53r5 IA-5 that default
#         authenticators be changed before first use: a factory-default
#         password or community in use fails both, and crosses the wire in
#         clear as well (SR 4.1, IA-5(1), SC-8).
package slate.checks.network.cleartext_credentials

import data.slate.lib.network

assessed contains zone if some zone in network.evidence_zones

# credential_protocols are the protocols whose dissectors record
# credentials seen in clear (all in the "insecure" selection).
credential_protocols := {"ftp", "http", "snmp", "telnet"}

# logins say how each kind of login credential crossed the wire.
logins := {
	"telnet_login": "over telnet",
	"ftp_login": "over FTP",
	"http_basic": "with HTTP Basic authorization",
}

conversations := [c | some c in network.selection("insecure"); c.protocol in credential_protocols]

credentials(flow) := object.get(flow, ["facts", "credentials"], [])

# groups are, per conversation, the [kind, default] pairs of the
# credentials seen on it: one finding each.
groups(c) := {[cred.kind, object.get(cred, "default", false) == true] |
	some flow in c.flows
	some cred in credentials(flow)
}

# users are the account names of a group's credentials, sorted.
users(c, kind, dflt) := sort({cred.user |
	some flow in c.flows
	some cred in credentials(flow)
	cred.kind == kind
	object.get(cred, "default", false) == true == dflt
	object.get(cred, "user", "") != ""
})

as_users(us) := "" if count(us) == 0

as_users(us) := sprintf(" as %s", [concat(", ", us)]) if count(us) > 0

group_flows(c, kind, dflt) := [flow |
	some flow in c.flows
	some cred in credentials(flow)
	cred.kind == kind
	object.get(cred, "default", false) == true == dflt
]

# snmp_versions names the community-based versions seen: "v2c", "v1/v2c".
snmp_versions(c) := concat("/", [sprintf("v%s", [v]) |
	some v in ["1", "2c"]
	some flow in c.flows
	network.attr_has(flow, "version", v)
])

community_label(c) := sprintf("SNMP %s community", [snmp_versions(c)]) if snmp_versions(c) != ""

community_label(c) := "SNMP community" if snmp_versions(c) == ""

# what(c, kind, dflt) is {kind of finding, severity, message tail}.
what(c, kind, false) := {
	"kind": "cleartext-password", "severity": "high",
	"text": sprintf("logs in to %s %s%s: the password crosses the wire in clear", [network.endpoint(c.server), logins[kind], as_users(users(c, kind, false))]),
}

what(c, kind, true) := {
	"kind": "default-credential", "severity": "critical",
	"text": sprintf("logs in to %s %s%s with a factory-default password, in clear", [network.endpoint(c.server), logins[kind], as_users(users(c, kind, true))]),
}

what(c, "snmp_community", false) := {
	"kind": "cleartext-community", "severity": "high",
	"text": sprintf("sends an %s to %s in clear", [community_label(c), network.endpoint(c.server)]),
}

what(c, "snmp_community", true) := {
	"kind": "default-credential", "severity": "high",
	"text": sprintf("sends a factory-default %s to %s in clear", [community_label(c), network.endpoint(c.server)]),
}

# A credential kind the checks do not know yet is still a credential in
# clear.
what(c, kind, dflt) := {
	"kind": object.get({true: "default-credential"}, dflt, "cleartext-password"), "severity": "high",
	"text": sprintf("sends a %s credential%s to %s in clear", [kind, as_users(users(c, kind, dflt)), network.endpoint(c.server)]),
} if {
	not logins[kind]
	kind != "snmp_community"
}

deny contains finding if {
	some c in conversations
	some [kind, dflt] in groups(c)
	w := what(c, kind, dflt)
	finding := {
		"kind": w.kind,
		"severity": w.severity,
		"subject": network.subject(c),
		"zone": network.target_zone(c),
		"message": sprintf("%s %s", [c.client.ip, w.text]),
		"evidence": [network.ref(f) | some f in group_flows(c, kind, dflt)],
		"exposure": network.flow_exposure(c),
	}
}
