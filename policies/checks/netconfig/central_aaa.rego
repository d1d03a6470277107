# METADATA
# title: Network devices authenticate administrators against central AAA
# description: >-
#   Switches, routers and firewalls check administrator logins against
#   central TACACS+ or RADIUS servers, each configured with a shared key,
#   and their login method list asks those servers first: local accounts
#   are kept only as the fallback for when the servers cannot be reached,
#   and no login is let in without authentication. Accounts are then
#   created, reviewed and removed in one place, and every login is tied to
#   a person. HP/H3C Comware schemes are not read by the collector, so
#   those devices are not judged; for Cisco ASA, whose per-service
#   authentication lists the collector does not record, only the servers
#   and their keys are.
# scope: package
# custom:
#   id: SLATE-CFG-010
#   requirements:
#     - iec62443-3-3:SR 1.1
#     - iec62443-3-3:SR 1.3 RE 1
#     - iec62443-3-3:SR 1.5
#     - nist-800-53r5:AC-2
#     - nist-800-53r5:IA-2
#     - nist-800-53r5:IA-5(1)
#   findings:
#     - kind: no-central-aaa
#       requirements: [SR 1.3 RE 1, AC-2]
#       why: >-
#         Administrator accounts live on each device and are created,
#         reviewed and removed device by device: IEC 62443-3-3 SR 1.3 RE 1
#         (unified account management) asks that accounts be managed in
#         one place, and SP 800-53r5 AC-2 (account management) that they be
#         managed as a whole. Local accounts still identify and
#         authenticate (SR 1.1) and the device still enforces what they may
#         do (SR 2.1), so neither is failed by this finding.
#     - kind: servers-unused
#       requirements: [SR 1.3 RE 1, AC-2]
#       why: >-
#         The AAA servers are configured but logins do not go to them
#         first: the local accounts stay the ones in use, and IEC 62443-3-3
#         SR 1.3 RE 1 (unified account management) and SP 800-53r5 AC-2
#         are not met.
#     - kind: server-without-key
#       requirements: [SR 1.5, IA-5(1)]
#       why: >-
#         Without a shared key the device cannot hide the password in
#         the TACACS+ or RADIUS exchange nor tell the real server from
#         another: IEC 62443-3-3 SR 1.5 (authenticator management) asks
#         that authenticators be protected in transmission, and SP
#         800-53r5 IA-5(1) that passwords travel only over protected
#         channels.
#     - kind: unauthenticated-fallback
#       requirements: [SR 1.1, IA-2]
#       why: >-
#         The method list ends in "none": when the servers do not answer,
#         anyone gets in without authentication. IEC 62443-3-3 SR 1.1
#         (human user identification and authentication) and SP 800-53r5
#         IA-2.
#   severity: medium
#   owner: IT
#   remediation: >-
#     Configure TACACS+ or RADIUS servers with a shared key ("tacacs server
#     ...", "key ...") and make them the first login method
#     ("aaa authentication login default group tacacs+ local", "set system
#     authentication-order [ tacplus password ]"); keep one local emergency
#     account, stored as a strong hash, for when the servers are down.
package slate.checks.netconfig.central_aaa

import data.slate.lib.netconfig

# judged are the devices whose AAA configuration the collector reads.
judged := [dev | some dev in netconfig.devices; dev.vendor != "hp_comware"]

assessed := {zone | some dev in judged; zone := netconfig.zone(dev); zone != ""}

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

protocol_names := {"tacacs+": "TACACS+", "radius": "RADIUS"}

# central are the login methods that ask a server: a named server group
# ("group tacacs+", "group ISE") or the protocol itself.
central := {"group", "tacacs+", "radius", "tacplus"}

# methods(dev) is the default login method list, lower case, without the
# brackets of a Junos list.
methods(dev) := [m |
	some w in object.get(dev, ["aaa", "login_methods"], [])
	m := lower(trim(w, "[]"))
	m != ""
]

uses_central(ms) if {
	some m in ms
	m in central
}

# methods_known is false for a Cisco ASA without a login list: its
# per-service "aaa authentication ssh console" lists are not recorded.
methods_known(dev) if count(methods(dev)) > 0

methods_known(dev) if dev.vendor != "cisco_asa"

aaa_ref(dev) := netconfig.ref(dev, object.get(dev, ["aaa", "line"], 0))

deny contains finding if {
	some dev in judged
	count(dev.aaa.servers) == 0
	finding := {
		"kind": "no-central-aaa",
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s does not authenticate administrators against central AAA: no TACACS+ or RADIUS server is configured", [netconfig.label(dev)]),
		"evidence": array.concat([aaa_ref(dev)], [netconfig.ref(dev, u.line) | some u in dev.users]),
	}
}

deny contains finding if {
	some dev in judged
	some srv in dev.aaa.servers
	not srv.key_set
	finding := {
		"kind": "server-without-key",
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s: %s server %s has no shared key", [
			netconfig.label(dev), object.get(protocol_names, srv.protocol, srv.protocol), srv.address,
		]),
		"evidence": [netconfig.ref(dev, srv.line)],
	}
}

deny contains finding if {
	some dev in judged
	count(dev.aaa.servers) > 0
	methods_known(dev)
	some [kind, problem] in problems(methods(dev))
	finding := {
		"kind": kind,
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s %s", [netconfig.label(dev), problem]),
		"evidence": [aaa_ref(dev)],
	}
}

listed(ms) := concat(" ", ms)

# problems(ms) name what is wrong with the login method list of a device
# that has AAA servers; a list can have two problems.
problems(ms) := {[kinds[kind], text] | some kind in ["unused", "local_first", "no_auth"]; text := problem(kind, ms)}

kinds := {"unused": "servers-unused", "local_first": "servers-unused", "no_auth": "unauthenticated-fallback"}

problem("unused", ms) := "does not use its AAA servers for administrator logins (no login method list)" if count(ms) == 0

problem("unused", ms) := sprintf("does not use its AAA servers for administrator logins (login methods: %s)", [listed(ms)]) if {
	count(ms) > 0
	not uses_central(ms)
}

problem("local_first", ms) := sprintf("tries %s before its AAA servers (login methods: %s)", [ms[0], listed(ms)]) if {
	uses_central(ms)
	not ms[0] in central
}

problem("no_auth", ms) := sprintf("lets administrators in without authentication when its AAA servers do not answer (login methods: %s)", [listed(ms)]) if {
	uses_central(ms)
	"none" in ms
}
