# METADATA
# title: Network device passwords are stored as strong hashes
# description: >-
#   Local accounts and the enable secret of switches, routers and firewalls
#   are stored with a salted slow hash (Cisco type 8/9, SHA-512 crypt,
#   PBKDF2), not in clear text, as a reversible type-7 or $9$ string, or as
#   a fast MD5 hash, and no local account is without a password.
# scope: package
# custom:
#   id: SLATE-CFG-003
#   requirements:
#     - iec62443-3-3:SR 1.5
#     - iec62443-3-3:SR 1.7
#     - nist-800-53r5:IA-5(1)
#   severity: high
#   owner: OT
#   remediation: >-
#     Re-enter the passwords with a strong algorithm ("username X algorithm-type
#     scrypt secret ...", "enable algorithm-type scrypt secret ...", SHA-512
#     on Junos and EOS), remove "password 7" and plain passwords, and give
#     every local account a password or remove it.
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

deny contains finding if {
	some dev in netconfig.devices
	some u in dev.users
	text := problem[u.password.strength]
	finding := {
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
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s: the enable secret is %s (%s)", [netconfig.label(dev), text, s.class]),
		"evidence": [netconfig.ref(dev, s.line)],
	}
}
