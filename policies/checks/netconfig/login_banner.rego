# METADATA
# title: Network devices show a login banner
# description: >-
#   Every switch, router and firewall shows a banner before or at login
#   that states who may use it and that use is monitored.
# scope: package
# custom:
#   id: SLATE-CFG-006
#   requirements:
#     - iec62443-3-3:SR 1.12
#     - nist-800-53r5:AC-8
#   why: >-
#     IEC 62443-3-3 SR 1.12 (system use notification) and SP 800-53r5 AC-8
#     ask that a notice of authorised use be shown before access is
#     granted; a device without a banner shows none.
#   severity: low
#   owner: CISO
#   remediation: >-
#     Configure the approved system use notification as a login banner
#     ("banner login", "set system login message", "header login").
package slate.checks.netconfig.login_banner

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

deny contains finding if {
	some dev in netconfig.devices
	not dev.banner.present
	finding := {
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s shows no login banner", [netconfig.label(dev)]),
		"evidence": [netconfig.ref(dev, 0)],
	}
}
