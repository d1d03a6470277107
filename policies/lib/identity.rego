# Helpers over identity (MFA) evidence (input.evidence.mfa), shared by the
# identity checks. No findings here.
#
# Zones. Identity evidence describes the identity provider, which is
# site-wide: a user who can sign in to the OT remote-access path reaches
# every OT zone unless the assessment ties the access group to zones
# (ot_access_groups = { "OT-Remote" = ["control"] }). So:
#   - a finding about a user whose OT access is tied to declared zones
#     (user.ot_zones) names each of those zones;
#   - any other finding names "" (the whole site; it fails every zone).
# A check assesses only the zones its source speaks for: those its
# ot_access_groups tie groups to (doc_zones). An export without such zones
# assesses no zone; its findings stay facts about the whole site. Within
# that scope a check assesses a zone only when the evidence settles the
# question for it; a user whose MFA enforcement cannot be resolved from the export (a
# policy scoped to groups or roles the export does not list), or whose OT
# access is unknown, keeps the zones they may reach not assessed (fail
# closed).
package slate.lib.identity

# documents are the identity documents of the assessment, [] when none.
documents := object.get(input, ["evidence", "mfa"], [])

present if count(documents) > 0

zone_names := {zone.name | some zone in input.assessment.zones}

# users are every user record with the id of its document.
users := [object.union(user, {"document": doc.id}) |
	some doc in documents
	some user in doc.data.users
]

policies := [object.union(policy, {"document": doc.id}) |
	some doc in documents
	some policy in doc.data.policies
]

# ot_mapped is true when some source names the groups, apps or VPN
# profiles that grant access to OT.
ot_mapped if {
	some doc in documents
	doc.data.ot_mapping.configured
}

ot_user(user) if user.ot_access == "yes"

# ot_resolved is true when the OT mapping is configured and resolved for at
# least one user: an export without group membership (a ScubaGear export
# lists only privileged users) cannot say who reaches OT.
ot_resolved if {
	ot_mapped
	some user in users
	user.ot_access in {"yes", "no"}
}

# user_zones are the declared zones a user's OT access is tied to.
user_zones(user) := {z | some z in object.get(user, "ot_zones", []); z in zone_names}

# finding_zones are the zones a finding about user names: its tied zones,
# else "" for the whole site.
finding_zones(user) := user_zones(user) if count(user_zones(user)) > 0

finding_zones(user) := {""} if count(user_zones(user)) == 0

# doc_zones are, by document id, the declared zones the document's
# ot_access_groups tie groups to: the zones the document speaks for.
doc_zones := {doc.id: zones |
	some doc in documents
	zones := {z |
		some zs in object.get(doc, ["data", "ot_mapping", "group_zones"], {})
		some z in zs
		z in zone_names
	}
}

# ot_scope are the zones some identity source speaks for.
ot_scope := {z | some zones in doc_zones; some z in zones}

# undecided(user) is true when the evidence cannot say whether MFA is
# enforced for the user.
undecided(user) if user.enforcement in {"unresolved", "unknown"}

# blocked_zones are the zones a user the evidence cannot settle may reach;
# "*" when the user is not tied to zones.
blocked_zones(user) := user_zones(user) if count(user_zones(user)) > 0

blocked_zones(user) := zone_names if count(user_zones(user)) == 0

label(user) := user.upn if object.get(user, "upn", "") != ""

label(user) := user.name if {
	object.get(user, "upn", "") == ""
	object.get(user, "name", "") != ""
}

label(user) := user.id if {
	object.get(user, "upn", "") == ""
	object.get(user, "name", "") == ""
}

subject(user) := sprintf("user:%s", [user.id])

ref(user) := {"document": user.document, "record": user.id, "file": user.file, "line": user.line} if user.line > 0

ref(user) := {"document": user.document, "record": user.id, "file": user.file} if object.get(user, "line", 0) == 0

policy_ref(policy) := {"document": policy.document, "record": policy.id, "file": policy.file}

# why_not explains a user's enforcement for a message.
why_not(user) := "no enforcing MFA policy covers the account" if user.enforcement == "not_covered"

why_not(user) := sprintf("the account is excluded from %s", [concat(", ", user.excluded_by)]) if user.enforcement == "excluded"

why_not(user) := sprintf("the MFA policy %s is report-only", [concat(", ", user.report_only_by)]) if user.enforcement == "report_only"

# fr1_target is a zone's SL-T for FR1 (identification and authentication
# control), 0 when not given.
fr1_target(zone) := object.get(zone, ["sl_target", "FR1"], 0)

# --- shared accounts ----------------------------------------------------
#
# The collector marks an account shared when the export says so or its
# account name is made of generic words (operator1, svc_hmi). An export
# often says it in words instead: a display name "Operations admin
# (shared)" or "Service Desk", a description "generic account for the
# night shift". Display names of people are their names, so a display name
# counts only when it uses a word no personal name does (shared, generic,
# non-personal) or names a desk or team account; a description counts only
# when it calls the account shared or names the kind of account ("team
# account", "shared by", "used by all operators"): "manages shared
# folders" or "Service desk analyst" describe a person.

# shared_display matches a display name that says shared.
shared_display := `(^|[^a-z])(shared|generic|non-?personal|impersonal|service ?desk|help ?desk)([^a-z]|$)|(team|group|common|pool|pooled|functional|department|shift|station) (account|login|user)`

# shared_description matches a description that says shared.
shared_description := `\(shared\)|(^|[^a-z])(shared|generic|team|group|common|pooled|functional|departmental|department|shift|non-?personal|impersonal) (account|login|logon|user ?id|user|credentials?)([^a-z]|$)|(^|[^a-z])shared (by|between|among)([^a-z]|$)|(^|[^a-z])used by (all|several|multiple|the whole|every)([^a-z]|$)`

# shared(user) is true for an account the export marks shared, names
# generically, or describes as shared.
shared(user) if user.shared

shared(user) if {
	not user.shared
	regex.match(shared_display, lower(object.get(user, "name", "")))
}

shared(user) if {
	not user.shared
	regex.match(shared_description, lower(object.get(user, "description", "")))
}

# shared_reason says why an account counts as shared, for a message.
shared_reason(user) := object.get(user, "shared_reason", "marked shared") if user.shared

shared_reason(user) := sprintf("display name %q says shared", [user.name]) if {
	not user.shared
	regex.match(shared_display, lower(object.get(user, "name", "")))
}

shared_reason(user) := sprintf("description %q says shared", [user.description]) if {
	not user.shared
	not regex.match(shared_display, lower(object.get(user, "name", "")))
	regex.match(shared_description, lower(object.get(user, "description", "")))
}

# --- authentication methods ----------------------------------------------

# weak_method(user) is true when the user can satisfy MFA with SMS, voice
# or e-mail codes: the enforcing policies accept them, or such a method is
# registered and no policy is known to require a stronger one.
weak_method(user) if user.weakest_allowed == "sms_voice"

weak_method(user) if {
	user.weak_methods
	not object.get(user, "weakest_allowed", "") in {"app_or_otp", "phishing_resistant"}
}

# fr1_of is a declared zone's FR1 SL-T by name; for "" (the whole site),
# the highest of every zone.
fr1_of(name) := fr1_target(zone) if {
	some zone in input.assessment.zones
	zone.name == name
}

fr1_of("") := max({fr1_target(zone) | some zone in input.assessment.zones} | {0})

# ia2(user) is the SP 800-53r5 IA-2 enhancement for the user's accounts:
# IA-2(1) for privileged, IA-2(2) for non-privileged accounts.
ia2(user) := "nist-800-53r5:IA-2(1)" if user.privileged

ia2(user) := "nist-800-53r5:IA-2(2)" if not user.privileged
