# METADATA
# title: Components are vendor-supported and patched
# description: >-
#   No inventoried component is past its vendor's end of support, and each
#   was patched within the last year. Patch age is only a proxy for known
#   vulnerabilities: a component some security advisory matched is judged
#   by SLATE-INV-004 instead, and for the others an old patch is a
#   low-severity finding that says so. Zones whose inventory carries no
#   lifecycle data (end of support, last patched) are not assessed.
# scope: package
# custom:
#   id: SLATE-INV-003
#   requirements:
#     - nist-800-53r5:SA-22
#     - nist-800-53r5:SI-2
#   findings:
#     - kind: past-support
#       requirements:
#         - nist-800-53r5:SA-22
#         - nist-800-53r5:SI-2
#       why: >-
#         SP 800-53r5 SA-22 (unsupported system components): the vendor no
#         longer supports the component; SI-2 (flaw remediation): no
#         security updates come for it. IEC 62443-3-3 has no system
#         requirement for patching (IEC 62443-2-3 covers it), so none is
#         listed.
#     - kind: patch-overdue
#       requirements:
#         - nist-800-53r5:SI-2
#       why: >-
#         SP 800-53r5 SI-2 (flaw remediation): security updates are
#         installed within a set time; the last patch is older than the
#         window. The vendor still supports the component, so not SA-22.
#         Raised only for components no advisory matched (SLATE-INV-004
#         judges the others against the advisories themselves), at low
#         severity: an old patch date shows no known vulnerability.
#   severity: high
#   owner: OT
#   remediation: >-
#     Replace or upgrade components past end of support, or isolate them
#     behind compensating controls under a waiver; patch components during
#     the next maintenance window and record the date in the inventory.
package slate.checks.inventory.lifecycle

import data.slate.lib.inventory

# patch_window_years is how old a last patch may be.
patch_window_years := 1

# The zones of records that say something of their lifecycle (an
# end_of_support or a last_patched, inventory.has read from the record
# directly; a zone inventory.declared_zone gives). A zone's records are
# read until one says something (inventory.by_zone).
assessed contains zone if {
	some zone in inventory.zone_names
	tells_lifecycle(inventory.by_zone[zone])
}

tells_lifecycle(records) if {
	some asset in records
	asset.end_of_support != ""
}

tells_lifecycle(records) if {
	some asset in records
	asset.last_patched != ""
}

# cutoff is the day a last patch must not be older than.
cutoff := inventory.date_before(input.assessment.as_of, patch_window_years, 0, 0)

# The records are visited by their dates (inventory.by_end_of_support,
# by_last_patched): the dates that matter first, then their records.
deny contains finding if {
	some day, records in inventory.by_end_of_support
	day != ""
	day < input.assessment.as_of
	some asset in records
	finding := {
		"kind": "past-support",
		"subject": inventory.subject(asset),
		"zone": inventory.declared_zone(asset),
		"message": sprintf("%s (%s %s) is past vendor support since %s", [inventory.label(asset), object.get(asset, "vendor", "?"), object.get(asset, "model", "?"), asset.end_of_support]),
		"evidence": [inventory.ref(asset)],
	}
}

# advised are the inventory records and subjects some security advisory
# matched (input.index.advisories, SLATE-INV-004): their patch state is
# judged against the advisories, not by the age of the last patch.
advised contains m.subject.record if some m in input.index.advisories.matches

advised contains m.subject.ref if some m in input.index.advisories.matches

deny contains finding if {
	some day, records in inventory.by_last_patched
	day != ""
	day < cutoff
	some asset in records
	not asset.id in advised
	not inventory.subject(asset) in advised
	finding := {
		"kind": "patch-overdue",
		"subject": inventory.subject(asset),
		"zone": inventory.declared_zone(asset),
		"severity": "low",
		"message": sprintf("%s was last patched on %s, more than %d year(s) before %s; %s", [inventory.label(asset), asset.last_patched, patch_window_years, input.assessment.as_of, proxy_reason]),
		"evidence": [inventory.ref(asset)],
	}
}

proxy_reason := "no security advisory matched it, so patch age stands in for known vulnerabilities" if input.index.advisories

default proxy_reason := "no security advisories were collected, so patch age stands in for known vulnerabilities"
