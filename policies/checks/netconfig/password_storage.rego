# METADATA
# title: Network device passwords are stored as strong hashes under a strength policy
# description: >-
#   Local accounts and the enable secret of switches, routers and firewalls
#   are stored with a salted slow hash (Cisco type 8/9, SHA-512 crypt,
#   PBKDF2), not in clear text, as a reversible type-7 or $9$ string, or as
#   a fast MD5 hash, and no local account is without a password. The keys
#   and passwords the device keeps for itself and its peers (line
#   passwords, AAA, routing and IKE keys, key chains, SNMPv3 passphrases)
#   are not in clear or reversible either. A device
#   with local passwords also enforces a strength policy for new ones: at
#   least 8 characters mixing at least two character types. The policy is
#   read for Cisco IOS, ASA and NX-OS and for Junos; it binds passwords
#   set in clear, not hashes pasted into the configuration.
# scope: package
# custom:
#   id: SLATE-CFG-003
#   requirements:
#     - iec62443-3-3:SR 1.1
#     - iec62443-3-3:SR 1.5
#     - iec62443-3-3:SR 1.7
#     - nist-800-53r5:IA-2
#     - nist-800-53r5:IA-5(1)
#   findings:
#     - kind: stored-weak
#       requirements: [SR 1.5, IA-5(1)]
#       why: >-
#         A password kept in clear, reversibly (Cisco type 7, Junos $9$)
#         or as a fast hash can be read or cracked by anyone who sees the
#         configuration or a backup of it. IEC 62443-3-3 SR 1.5
#         (authenticator management) asks that authenticators be protected
#         from disclosure when stored, and SP 800-53r5 IA-5(1) that
#         passwords be stored only in salted, one-way cryptographic form.
#         How strong the password itself is (SR 1.7) is not what this
#         finding shows.
#     - kind: readable-secret
#       requirements: [SR 1.5, IA-5(1)]
#       why: >-
#         Keys and passwords the device keeps for itself and its peers
#         (console and vty line passwords, TACACS+/RADIUS and routing keys,
#         IKE pre-shared keys, key chains, SNMPv3 passphrases, FTP and HTTP
#         client passwords) are written in clear or in a reversible form
#         (Cisco type 7, Junos $9$) that anyone holding the configuration
#         or a backup of it can turn back into the secret. IEC 62443-3-3
#         SR 1.5 (authenticator management) asks that authenticators be
#         protected from unauthorized disclosure when stored, and SP
#         800-53r5 IA-5(1)(c) that passwords be stored and transmitted
#         only in cryptographically-protected form.
#       remediation: >-
#         Change how the keys are stored, not the keys themselves, so no
#         peer, AAA server or routing neighbour of the running cell notices:
#         take a configuration backup first, then turn on the device's
#         master-key encryption, which re-encrypts the existing keys in
#         place without touching traffic ("key config-key password-encrypt"
#         and "password encryption aes" on IOS/IOS-XE for type 6; "key
#         config-key password-encryption" and "password encryption aes" on
#         ASA; "key config-key ascii" and "feature password encryption aes"
#         on NX-OS; "set system master-password" on Junos, which stores
#         $8$ instead of $9$). Keep the master key in the plant's password
#         vault: a configuration restored without it loses its keys.
#         Replace line passwords ("line vty", "line con") with AAA login or
#         local users holding scrypt/SHA-512 secrets, tested from a second
#         session before the first is closed. Rotate any key that was in
#         clear in a file that left the device, at the next maintenance
#         window and together with its peers.
#     - kind: no-password
#       requirements: [SR 1.1, IA-2]
#       why: >-
#         A local account without a password lets anyone who knows its
#         name in: IEC 62443-3-3 SR 1.1 (human user identification and
#         authentication) and SP 800-53r5 IA-2 ask that every user be
#         authenticated on every interface.
#     - kind: no-policy
#       requirements: [SR 1.7, IA-5(1)]
#       why: >-
#         The device accepts any new password, however short: IEC
#         62443-3-3 SR 1.7 (strength of password-based authentication)
#         asks for the capability to enforce a configurable strength based
#         on minimum length and variety of character types, and SP
#         800-53r5 IA-5(1) for a minimum password complexity.
#     - kind: weak-policy
#       requirements: [SR 1.7, IA-5(1)]
#       why: >-
#         The device enforces a policy weaker than 8 characters of at least
#         two character types: IEC 62443-3-3 SR 1.7 (minimum length and
#         variety of character types) and SP 800-53r5 IA-5(1).
#   severity: high
#   owner: OT
#   remediation: >-
#     Re-enter the passwords with a strong algorithm ("username X algorithm-type
#     scrypt secret ...", "enable algorithm-type scrypt secret ...", SHA-512
#     on Junos and EOS), remove "password 7" and plain passwords, and give
#     every local account a password or remove it. Enforce a strength policy
#     for new passwords: "security passwords min-length 12" or an "aaa
#     common-criteria policy" bound to the users (IOS), "password-policy
#     minimum-length 12" with minimum-uppercase/-numeric (ASA), "password
#     strength-check" (NX-OS), "set system login password minimum-length 12"
#     with "change-type character-sets" and "minimum-changes 3" (Junos).
package slate.checks.netconfig.password_storage

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

problem := {
	"none": "no password",
	"plaintext": "a password stored in clear text",
	"reversible": "a password stored reversibly",
	"weak": "a password stored as a weak hash",
}

kind_of(strength) := "no-password" if strength == "none"

kind_of(strength) := "stored-weak" if strength != "none"

deny contains finding if {
	some dev in netconfig.devices
	some u in dev.users
	text := problem[u.password.strength]
	finding := {
		"kind": kind_of(u.password.strength),
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s: local user %s has %s (%s)", [netconfig.label(dev), u.name, text, u.password.class]),
		"evidence": [netconfig.ref(dev, u.password.line)],
	}
}

deny contains finding if {
	some dev in netconfig.devices
	s := dev.enable_secret
	s != null
	text := problem[s.strength]
	finding := {
		"kind": kind_of(s.strength),
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s: the enable secret is %s (%s)", [netconfig.label(dev), text, s.class]),
		"evidence": [netconfig.ref(dev, s.line)],
	}
}

# --- keys and passwords the device keeps for itself and its peers ------

# readable are the strengths of a stored secret that the configuration
# gives away.
readable := {"plaintext", "reversible"}

deny contains finding if {
	some dev in netconfig.devices
	secrets := [s |
		some s in object.get(dev, "stored_secrets", [])
		s.strength in readable
	]
	count(secrets) > 0
	finding := {
		"kind": "readable-secret",
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s: %s", [netconfig.label(dev), readable_text(secrets)]),
		"evidence": [netconfig.ref(dev, line) | some line in sort({s.line | some s in secrets})],
	}
}

readable_text(secrets) := sprintf("1 stored key or password can be read from the configuration: %s", [secret_list(secrets)]) if {
	count(secrets) == 1
}

readable_text(secrets) := sprintf("%d stored keys or passwords can be read from the configuration: %s", [count(secrets), secret_list(secrets)]) if {
	count(secrets) > 1
}

secret_list(secrets) := concat("; ", sort([sprintf("%s (%s, line %d)", [s.context, s.class, s.line]) | some s in secrets]))

# --- strength policy ----------------------------------------------------

# policy_vendors are the vendors whose password policy the collector reads.
policy_vendors := {"cisco_ios", "cisco_asa", "cisco_nxos", "juniper_junos"}

# min_length and min_classes are the weakest policy accepted.
min_length := 8

min_classes := 2

# has_local_passwords(dev) is true when the device has password-based
# local credentials: what a strength policy protects.
has_local_passwords(dev) if {
	some u in dev.users
	not u.password.class in {"none", "ssh_key"}
}

has_local_passwords(dev) if {
	s := dev.enable_secret
	s != null
	s.strength != "none"
}

policy(dev) := object.get(dev, "password_policy", null)

deny contains finding if {
	some dev in netconfig.devices
	dev.vendor in policy_vendors
	p := policy(dev)
	p != null
	has_local_passwords(dev)
	[kind, text] := policy_gap(p)
	finding := {
		"kind": kind,
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s %s", [netconfig.label(dev), text]),
		"evidence": [netconfig.ref(dev, p.line)],
		"severity": "medium",
	}
}

policy_gap(p) := ["no-policy", "enforces no strength for new passwords (no minimum length or character types)"] if {
	not p.enforced
}

policy_gap(p) := ["weak-policy", sprintf("accepts new passwords of %s%s (%s)", [length_text(p), classes_text(p), p.setting])] if {
	p.enforced
	weak(p)
}

weak(p) if p.min_length < min_length

weak(p) if p.character_classes < min_classes

length_text(p) := "any length" if p.min_length == 0

length_text(p) := sprintf("%d characters", [p.min_length]) if p.min_length > 0

classes_text(p) := " of a single character type" if p.character_classes < 2

classes_text(p) := sprintf(" mixing %d character types", [p.character_classes]) if p.character_classes >= 2
