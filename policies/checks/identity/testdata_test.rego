# Shared fixtures for the identity check tests.
package slate.checks.identity.fixtures_test

zones := [
	{"name": "control", "kind": "ot", "networks": ["10.30.0.0/24"], "sl_target": {"FR1": 3}},
	{"name": "dmz", "kind": "dmz", "networks": ["10.20.0.0/24"], "sl_target": {"FR1": 2}},
]

user(fields) := object.union(
	{
		"provider": "csv", "file": "users.csv", "guest": false, "privileged": false, "roles": [], "groups": [],
		"remote_access": [], "ot_access": "no", "ot_access_via": [], "ot_zones": [], "shared": false,
		"methods": [], "strength": "none", "weak_methods": false, "mfa_enforced": false,
		"enforcement": "not_covered", "enforced_by": [], "report_only_by": [], "excluded_by": [], "unresolved_by": [],
		"files": ["users.csv"],
	},
	fields,
)

policy(fields) := object.union(
	{
		"provider": "entra", "type": "conditional_access", "file": "ca.json", "state": "enabled", "enforcing": true,
		"requires_mfa": true, "blocks": false, "blocks_legacy": false, "all_users": true, "all_apps": true, "gaps": [],
	},
	fields,
)

# mapping ties the OT group to both zones: the export speaks for them.
mapping := {"configured": true, "groups": ["OT-VPN-Users"], "group_zones": {"OT-VPN-Users": ["control", "dmz"]}, "remote_access_apps": ["OT-VPN"], "privileged_roles": []}

doc(users, policies, legacy) := {
	"id": "mfa/idp", "kind": "mfa", "source": "idp",
	"data": {
		"users": users, "policies": policies, "methods": [],
		"summary": {"providers": ["entra"], "policies_known": count(policies) > 0, "legacy_auth": legacy},
		"ot_mapping": mapping, "files": [], "secret_columns": [],
	},
}

input_with(users, policies, legacy) := {
	"assessment": {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": []},
	"evidence": {"mfa": [doc(users, policies, legacy)]},
}

# compliant: a remote OT engineer and an admin, both with enforced
# phishing-resistant MFA; legacy authentication blocked.
good_engineer := user({
	"id": "eng1", "upn": "eng1@plant.example", "line": 2, "remote_access": ["OT-VPN"], "ot_access": "yes",
	"ot_access_via": ["remote:OT-VPN"], "mfa_enforced": true, "enforcement": "enforced",
	"enforced_by": ["Require MFA"], "methods": ["fido2"], "strength": "phishing_resistant", "weakest_allowed": "phishing_resistant",
})

good_admin := user({
	"id": "adm1", "upn": "adm1@plant.example", "line": 3, "privileged": true, "mfa_enforced": true,
	"enforcement": "enforced", "enforced_by": ["Require MFA"], "weakest_allowed": "phishing_resistant",
})

compliant := input_with([good_engineer, good_admin], [policy({"id": "p1", "name": "Require MFA"})], "blocked")

no_identity := {
	"assessment": {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": []},
	"evidence": {"mfa": []},
}
