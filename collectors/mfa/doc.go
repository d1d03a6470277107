// Package mfa reads identity-provider exports — Microsoft Entra ID (Graph
// and ScubaGear), Okta (management API) and generic CSV user lists from VPN
// appliances, jump hosts or local OT accounts — into one evidence document
// of kind "mfa" that answers, per user: can they reach OT, are they
// privileged, is multifactor authentication enforced on them and how
// strong is it.
//
// Source block:
//
//	source "mfa" "corp-idp" {
//	  files              = ["identity/*.json", "identity/vpn-users.csv"]
//	  format             = "entra"          # or "okta", "csv"; detected when omitted
//	  ot_access_groups   = ["OT-Remote"]    # or { "OT-Remote" = ["control"] } to tie groups to zones
//	  remote_access_apps = ["OT-VPN"]       # apps / VPN profiles that reach OT
//	  privileged_roles   = ["OT Admins"]    # roles or groups that count as privileged
//	  columns            = { user = "Account" }  # CSV only: field = header text
//	  delimiter          = ";"              # CSV only; sniffed when omitted
//	}
//
// All files of one source are one identity provider: users from several
// files (registration details, privileged users, factors, CSV rows) are
// merged by id (case-insensitive), and every policy of the source is
// applied to every user of the same provider.
//
// # Reading
//
// Text is read by collectors/internal/textin, as asset inventories and
// attestations are: UTF-8 with or without a BOM, or UTF-16LE/BE with a BOM
// (as Entra's PowerShell exports are) or without one (recognised by its
// zero bytes); LF, CRLF or CR-only line ends. A CSV export that is not
// UTF-8 but holds no control bytes is read as Windows-1252 with a warning;
// JSON never is. Other bytes are an *evidence.InputError naming the line
// and column (or the byte offset of binary content); the collector reads
// on past a bad file, and when several are bad every one is reported (an
// *evidence.InputErrors). The CSV delimiter,
// unless the delimiter option sets it, is the one of comma, semicolon,
// tab and pipe under which the first row names the most columns.
// A known schema with fields missing is read, not rejected: a
// conditional-access policy without state is "unknown", one without
// conditions covers no one the export can name, a record without an id is
// skipped; each such gap is a provenance warning naming the file and the
// JSON path. Only a file that is none of the schemas below is rejected.
// JSON syntax errors name the line and column; a value of the wrong shape
// names the JSON path expected ("$.value[0].conditions.users: expected an
// object, found an array"); unknown fields are ignored. Field names match
// without regard to case, so Graph's camelCase and ScubaGear's PascalCase
// read alike. The content of a JSON file is detected from its members:
// conditionalAccessPolicy objects (one per file, an array or a Graph list
// {"value": [...]}), userRegistrationDetails, an authentication methods
// policy (Graph authenticationMethodConfigurations or ScubaGear
// authentication_method_feature_settings), an authorizationPolicy, a whole
// ScubaGear ProviderSettingsExport (privileged_users, privileged_roles,
// conditional_access_policies, authentication_method), Okta users,
// factors, authenticators, a user's authenticator enrollments, groups,
// policies and policy rules. Okta users may carry their groups as
// "groups" or _embedded.groups; an access-policy rule's
// verificationMethod.constraints may be one object (as Okta's management
// API specification writes it) or an array of them. Files that do not
// start with { or [ are CSV.
//
// Secrets never reach the evidence: Okta factor profiles and activation
// data (shared TOTP secrets) are not read, and CSV columns named like
// password, secret, hash, pin, seed or token are dropped and listed by
// header in secret_columns.
//
// # Document data (input.evidence.mfa[_].data)
//
// users: one object per identity, sorted by id:
//   - id: the provider's object id (Entra GUID, Okta id) or the CSV user
//   - name, upn: display name and user principal name / login, when given
//   - description: the account's description, note or comment in a CSV
//     export (the Active Directory Description attribute), when given;
//     the identity checks read "shared account" and the like there
//   - provider: "entra", "okta" or "csv"
//   - enabled: false for disabled accounts; absent when the export does not say
//   - guest: an external or guest account
//   - privileged: an admin (isAdmin, a ScubaGear privileged user, a CSV
//     privileged column, a CSV role containing "admin", a directory role in
//     a Graph /users memberOf, or a role or group
//     named in privileged_roles)
//   - roles, groups: role and group names or ids the export gives (sorted)
//   - remote_access: the remote-access paths of the user: CSV remote-access
//     values (VPN profiles, jump hosts) and groups matching remote_access_apps
//   - ot_access: "yes" (a member of an ot_access_groups group, on a
//     remote_access_apps path, or marked in a CSV OT column), "no" (the
//     mapping is configured and the user's groups or CSV row are known but
//     match nothing), or "unknown" (the export gives no group membership, or
//     no mapping is configured)
//   - ot_access_via: how: "group:<name>", "remote:<app>", "export:ot_access"
//   - ot_zones: zones the user's OT access is tied to (ot_access_groups as
//     a map, or a CSV zone column)
//   - shared, shared_reason: a shared or generic account, marked so in a CSV
//     or named like admin, operator1, hmi, vendor, svc, test
//   - mfa_registered: whether MFA methods are registered; absent when unknown
//   - methods: registered or enrolled (active) methods as the export names them
//   - strength: class of the strongest registered method: "phishing_resistant"
//     (FIDO2, passkeys, Windows Hello, certificates), "app_or_otp"
//     (authenticator push, TOTP, hardware OATH, Okta Verify, TAP),
//     "sms_voice" (SMS, voice, phone, e-mail codes) or "none"
//   - weak_methods: an SMS, voice or e-mail method is registered
//   - mfa_enforced: an enabled policy that requires MFA or an authentication
//     strength covers the user (all apps or a remote_access_apps app, modern
//     clients, not conditional on risk), and the user is not excluded; or a
//     CSV "MFA enforced" column says yes
//   - enforcement: "enforced"; "report_only" (covered only by report-only
//     policies); "excluded" (excluded by user, group or role); "not_covered"
//     (no MFA policy includes the user); "unresolved" (a policy includes or
//     excludes groups or roles the export does not list for the user, or a
//     policy that includes the user has no state in the export, so the
//     answer cannot be concluded from the export); "unknown" (the source
//     holds no policies, e.g. registration details or a CSV without an MFA
//     column)
//   - enforced_by, report_only_by, excluded_by, unresolved_by: policy names
//     (for CSV, enforced_by is ["export:<file>"])
//   - weakest_allowed: for an enforced user, the weakest method class the
//     enforcing policies accept: the authentication strength's weakest
//     allowed combination (a combination counts as its strongest factor),
//     plain "mfa" counted as sms_voice, both raised to the weakest method
//     class the tenant's methods policy enables when it is known; for CSV,
//     the weakest listed method
//   - last_sign_in: as written in the export
//   - file, line: the first file naming the user (line for CSV); files: all
//
// policies: conditional-access policies and Okta policies and rules, sorted
// by provider, file and id: id, name, provider, type
// ("conditional_access", "okta_sign_on", "okta_sign_on_rule",
// "okta_mfa_enroll", "okta_password", ...), state ("enabled", "report_only",
// "disabled", or "unknown" when the export leaves it out), enforcing (state
// is enabled), requires_mfa (the grant controls leave no way round MFA:
// builtInControls holds mfa or an authentication strength requires MFA —
// its requirementsSatisfied is "mfa" or, when not exported, every allowed
// combination is multifactor — and, with operator OR, no other control
// could be satisfied instead; Okta requireFactor or 2FA factor mode),
// mfa_alternatives (with operator OR, the other controls that grant access
// without MFA: built-in controls, "custom:<id>", "terms_of_use:<id>",
// "strength:<name>" of a strength that is not multifactor; then
// requires_mfa is false), auth_strength (its display name), strength_class ("phishing_resistant",
// "app_or_otp", "sms_voice" or "mfa" when the strength is not spelt out),
// blocks (grant block / access DENY), blocks_legacy (blocks Exchange
// ActiveSync and other clients unconditionally), all_users, all_apps,
// include_users/exclude_users/include_groups/exclude_groups/include_roles/
// exclude_roles (ids as exported; "GuestsOrExternalUsers" in include_users
// or exclude_users for a guest inclusion or exclusion), applications, exclude_applications,
// client_app_types, locations, exclude_locations, conditions (risk levels
// "user_risk:high", "sign_in_risk:…", and other conditions present:
// "insider_risk:…", authenticationFlows, platforms, devices, …; a policy with conditions does
// not count as enforcing MFA on all sign-ins. Exports write unused
// sub-objects with every field null: a null or empty sub-object, or one
// whose members are all null or empty, is absent), gaps ("report_only",
// "disabled", "state_unknown", "mfa_optional" (MFA or another control),
// "excludes_users", "excludes_groups", "excludes_roles",
// "excludes_applications", "excludes_locations", "conditional_mfa",
// "legacy_clients_not_covered"), file.
//
// methods: the authentication methods policy: name, provider, enabled,
// class (as for strength), targets (group ids or "all_users"), file.
//
// summary: providers (of the files read), policies_known (any policy was
// read), legacy_auth ("blocked" when an enabled policy blocks legacy
// clients for all users and apps, "not_blocked" when Entra policies were
// read and none does, "unknown" otherwise), legacy_blocked_by,
// mfa_policies, enforcing_mfa_policies, report_only_mfa_policies (names),
// weak_methods_enabled (SMS/voice/e-mail methods the tenant enables),
// unresolved_users (count), notes (what the export cannot tell).
//
// ot_mapping: configured (ot_access_groups or remote_access_apps given),
// groups, group_zones (group -> zones, when given as a map),
// remote_access_apps, privileged_roles.
//
// files: path, format ("entra", "okta", "csv"), content (what was detected,
// e.g. "conditional_access_policies", "scubagear_export", "factors",
// "authenticator_enrollments" (one user's enrolled authenticators, read as
// that user's methods, not the tenant's), "groups" (Okta groups; members
// listed in _embedded.users, users or members join the group, by id and
// name), "users"), encoding ("utf-8", "utf-8-bom", "utf-16le", "utf-16be",
// "windows-1252"), records.
//
// secret_columns: CSV headers whose values were dropped.
//
// It describes what the exports say and never decides compliance.
// From this project it imports only the evidence package and textin.
package mfa
