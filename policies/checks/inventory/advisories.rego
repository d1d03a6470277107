# METADATA
# title: No component runs a version a security advisory names as affected
# description: >-
#   The engine matches the site's security advisories (CSAF 2.0, published
#   on or before the assessment date) against the inventory and the device
#   identities read off the wire (input.index.advisories). An affected
#   component with a vendor fix not applied fails; one with only
#   mitigations fails at medium severity, with the mitigations to apply.
#   A match the engine cannot confirm (no firmware recorded, a range that
#   cannot place the version, a match on the product name only) is listed
#   in the zone's notes for review and fails nothing. Zones are assessed
#   when advisories were collected and the zone has components.
# scope: package
# custom:
#   id: SLATE-INV-004
#   requirements:
#     - nist-800-53r5:SI-2
#     - nist-800-53r5:RA-5
#     - nist-800-53r5:SI-5
#   findings:
#     - kind: fix-not-applied
#       requirements:
#         - nist-800-53r5:SI-2
#         - nist-800-53r5:RA-5
#       why: >-
#         SP 800-53r5 SI-2 (flaw remediation): the vendor has released a
#         security update for a flaw the component has and it is not
#         installed; RA-5 (vulnerability monitoring and scanning): a known
#         vulnerability of the component is not remediated. Installing
#         security updates is IEC 62443-2-3 (patch management in the IACS
#         environment) and the asset owner's programme under IEC 62443-2-1;
#         IEC 62443-3-3 has no system requirement for it, so none is listed.
#     - kind: mitigations-only
#       requirements:
#         - nist-800-53r5:RA-5
#         - nist-800-53r5:SI-5
#       why: >-
#         SP 800-53r5 RA-5 (vulnerability monitoring and scanning): the
#         component has a known vulnerability; SI-5 (security alerts,
#         advisories and directives): the advisory's mitigations are the
#         directive to implement while no fix exists. Not SI-2: there is no
#         update to install. IEC 62443-2-3 covers the handling of such
#         advisories; no IEC 62443-3-3 system requirement is listed.
#   severity: high
#   owner: OT
#   remediation: >-
#     Install the vendor's fixed version (named in the finding) in the next
#     maintenance window, after testing it as IEC 62443-2-3 describes;
#     where no fix exists, apply the advisory's mitigations and restrict
#     the component's network exposure, and record both.
package slate.checks.inventory.advisories

import data.slate.lib.inventory

index := input.index.advisories

matches := object.get(index, "matches", [])

# The zones assessed: every declared zone with a component in the
# inventory or among the matches, once advisories were collected.
assessed contains zone if {
	index
	some asset in inventory.assets
	zone := inventory.declared_zone(asset)
	zone != ""
}

assessed contains zone if {
	some m in matches
	zone := m.subject.zone
	zone in inventory.zone_names
}

zone_of(m) := m.subject.zone if m.subject.zone in inventory.zone_names

default zone_of(_) := ""

# reachable_from_other_zone: flows to the asset come from another zone or
# from outside every declared network.
reachable_from_other_zone(m) if {
	some z in object.get(m, "reachable_from", [])
	z != m.subject.zone
}

exploited(m) if count(object.get(m, "kev", [])) > 0

critical(m) if {
	exploited(m)
	reachable_from_other_zone(m)
}

critical(m) if {
	m.cvss >= 9
	reachable_from_other_zone(m)
}

severity(m) := "critical" if critical(m)

default severity(_) := "high"

label(m) := m.subject.name if m.subject.name != ""

label(m) := trim_prefix(m.subject.ref, "ip:") if m.subject.name == ""

what(m) := sprintf("%s (%s %s, firmware %s seen %s)", [label(m), m.subject.vendor, model(m), m.subject.firmware, seen(m)])

model(m) := m.subject.model if m.subject.model != ""

model(m) := object.get(m.subject, "order_number", "") if m.subject.model == ""

seen(m) := "on the wire" if m.subject.source == "wire"

default seen(_) := "in the inventory"

cves(m) := concat(", ", m.cves)

kev_text(m) := sprintf("; in CISA KEV: %s", [concat(", ", m.kev)]) if exploited(m)

default kev_text(_) := ""

exposure_text(m) := sprintf("; reachable from %s", [concat(", ", m.reachable_from)]) if reachable_from_other_zone(m)

default exposure_text(_) := ""

fixed_text(m) := sprintf("update to %s or later", [m.fixed_version]) if m.fixed_version != ""

default fixed_text(_) := "install the vendor fix"

mitigations(m) := [r.details |
	some r in m.remediations
	r.category in {"mitigation", "workaround"}
]

# first_mitigations are the first two mitigations, each cut short.
first_mitigations(m) := concat(" / ", [short |
	some i, text in mitigations(m)
	i < 2
	short := cut(text)
])

cut(text) := sprintf("%s…", [substring(t, 0, 160)]) if {
	t := trim_space(replace(text, "\n", " "))
	count(t) > 160
}

cut(text) := t if {
	t := trim_space(replace(text, "\n", " "))
	count(t) <= 160
}

# exposure says how the asset is reached when flows come to it from other
# zones: from the most exposed of them (outside every declared network,
# then IT, DMZ, OT zones), for the risk score.
exposure(m) := {"crosses_boundary": true, "from": origin} if {
	reachable_from_other_zone(m)
	kinds := {kind_of(z) | some z in m.reachable_from; z != m.subject.zone}
	origin := [k | some k in ["external", "it", "dmz", "ot"]; k in kinds][0]
}

default exposure(_) := {"crosses_boundary": false}

kind_of("external") := "external"

kind_of(z) := zone.kind if {
	some zone in input.assessment.zones
	zone.name == z
	zone.kind in {"it", "dmz", "ot"}
}

# refs cite the component's record (with its file and line when it is an
# inventory row) and the advisory's file.
refs(m) := [
	object.union({"document": m.subject.document, "record": m.subject.record}, object.filter(m.subject, ["file", "line"])),
	{"document": m.document, "record": m.advisory, "file": m.file},
]

deny contains finding if {
	some m in matches
	m.status == "affected"
	m.fix_available
	finding := {
		"kind": "fix-not-applied",
		"subject": m.subject.ref,
		"exposure": exposure(m),
		"zone": zone_of(m),
		"severity": severity(m),
		"message": sprintf("%s is affected by %s (%s, CVSS %v%s%s): %s", [what(m), m.advisory, cves(m), m.cvss, kev_text(m), exposure_text(m), fixed_text(m)]),
		"evidence": refs(m),
	}
}

deny contains finding if {
	some m in matches
	m.status == "affected"
	not m.fix_available
	finding := {
		"kind": "mitigations-only",
		"subject": m.subject.ref,
		"exposure": exposure(m),
		"zone": zone_of(m),
		"severity": "medium",
		"message": sprintf("%s is affected by %s (%s, CVSS %v%s%s) and no fix is available; mitigations: %s", [what(m), m.advisory, cves(m), m.cvss, kev_text(m), exposure_text(m), first_mitigations(m)]),
		"evidence": refs(m),
	}
}

# Possible matches are listed for review in the zone's notes; they fail
# nothing.
notes contains {"zone": zone, "note": note} if {
	some m in matches
	m.status == "possible"
	zone := object.get({true: m.subject.zone}, m.subject.zone in inventory.zone_names, "*")
	note := sprintf("to review: %s may be affected by %s (%s): %s", [label(m), m.advisory, cves(m), m.why[count(m.why) - 1]])
}

# Advisories left out because they are newer than the assessment date.
notes contains {"zone": "*", "note": sprintf("advisory %s (%s) ignored: %s", [i.advisory, i.file, i.reason])} if {
	some i in object.get(index, "ignored", [])
}
