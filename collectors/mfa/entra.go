package mfa

import (
	"cmp"
	"slices"
	"strings"
)

// wellKnownRoles names the Entra built-in role template ids policies use
// most; a ScubaGear export adds the rest from privileged_roles.
var wellKnownRoles = map[string]string{
	"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
	"966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
	"3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
}

// detect names the provider and content of a decoded JSON file.
func detect(j jv) (format, content string) {
	if j.isObject() {
		switch {
		case j.has("conditional_access_policies") || j.has("privileged_users") || j.has("authentication_method") || j.has("cap_table_data"):
			return "entra", "scubagear_export"
		case j.has("authenticationMethodConfigurations"):
			return "entra", "authentication_methods_policy"
		}
	}
	items := listOf(j)
	if len(items) == 0 {
		if j.isArray() || (j.isObject() && j.field("value").isArray()) {
			return "empty", "empty_list"
		}
		return "", ""
	}
	e := items[0]
	switch {
	case e.has("authentication_method_feature_settings") || e.has("authenticationMethodConfigurations"):
		return "entra", "authentication_methods_policy"
	case caMembers(e) >= 2 && !e.has("type") && !e.has("actions"):
		// Two of the four members of a conditionalAccessPolicy: a sparse
		// export is still one, and is read with warnings.
		return "entra", "conditional_access_policies"
	case e.has("userPrincipalName") && (e.has("isMfaRegistered") || e.has("methodsRegistered")):
		return "entra", "user_registration_details"
	case e.has("userPrincipalName") && (e.has("accountEnabled") || e.has("signInActivity") || e.has("memberOf")):
		return "entra", "users"
	case e.has("defaultUserRolePermissions") || e.has("allowInvitesFrom"):
		return "entra", "authorization_policy"
	case e.has("factorType"):
		return "okta", "factors"
	case e.has("key") && e.has("type") && e.has("status") && !e.has("conditions") &&
		(e.has("nickname") || e.field("_links").has("user")) && !e.has("settings"):
		// One user's enrollments, not the tenant's authenticators.
		return "okta", "authenticator_enrollments"
	case e.has("key") && e.has("type") && e.has("status") && !e.has("conditions"):
		return "okta", "authenticators"
	case e.has("objectClass") && e.has("profile") && e.has("type") && !e.field("profile").has("login"):
		return "okta", "groups"
	case e.has("actions") && e.has("conditions") && e.has("type"):
		return "okta", "policy_rules"
	case e.has("conditions") && e.has("type") && e.has("status"):
		return "okta", "policies"
	case e.has("profile") && e.has("status") && (e.field("profile").has("login") || e.field("profile").has("email")):
		return "okta", "users"
	}
	return "", ""
}

func (r *run) entra(s *shape, file, content string, j jv) int {
	switch content {
	case "scubagear_export":
		n := 0
		for _, e := range s.array(j.field("privileged_roles")) {
			id, name := s.str(e.field("RoleTemplateId")), s.str(e.field("DisplayName"))
			if id != "" && name != "" {
				r.roleNames[strings.ToLower(id)] = name
			}
		}
		if pu := j.field("privileged_users"); s.object(pu) {
			m := pu.v.(map[string]any)
			for _, id := range slices.Sorted(mapsKeys(m)) {
				e := pu.field(id)
				if !s.object(e) {
					continue
				}
				u := r.user(id, "entra", file)
				if name := s.str(e.field("DisplayName")); name != "" {
					u.Name = name
				}
				u.Roles = append(u.Roles, s.strs(e.field("roles"))...)
				u.Privileged = true
				n++
			}
		}
		if ca := j.field("conditional_access_policies"); ca.isObject() {
			// PowerShell writes a one-item collection as the item itself.
			n += r.caPolicies(s, file, []jv{ca})
		} else if !ca.null() {
			n += r.caPolicies(s, file, s.array(ca))
		}
		if am := j.field("authentication_method"); !am.null() {
			n += r.authMethods(s, file, am)
		}
		r.notes["ScubaGear export: privileged users are listed with their roles; users without a privileged role and group memberships are not in the export"] = true
		return n
	case "conditional_access_policies":
		return r.caPolicies(s, file, listOf(j))
	case "user_registration_details":
		items := listOf(j)
		for _, e := range items {
			r.registration(s, file, e)
		}
		return len(items)
	case "users":
		items := listOf(j)
		for _, e := range items {
			r.registration(s, file, e)
		}
		return len(items)
	case "authentication_methods_policy":
		return r.authMethods(s, file, j)
	case "authorization_policy":
		return len(listOf(j))
	}
	return 0
}

// caMembers counts the conditionalAccessPolicy members an object has.
func caMembers(e jv) int {
	n := 0
	for _, m := range []string{"conditions", "grantControls", "sessionControls", "state"} {
		if e.has(m) {
			n++
		}
	}
	return n
}

func mapsKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (r *run) registration(s *shape, file string, e jv) {
	if !s.object(e) {
		s.fail(e, "an object")
		return
	}
	id := s.str(e.field("id"))
	upn := s.str(e.field("userPrincipalName"))
	if id == "" {
		id = upn
	}
	if id == "" {
		// A sparse export: the record names no one; it is skipped, not
		// the whole file.
		r.warn(file, 0, e.field("id").p+": no id or userPrincipalName; record skipped")
		r.prov.RecordsSkipped++
		return
	}
	u := r.user(id, "entra", file)
	u.UPN = upn
	if n := s.str(e.field("userDisplayName")); n != "" {
		u.Name = n
	} else if n := s.str(e.field("displayName")); n != "" {
		u.Name = n
	}
	// Graph /users?$expand=memberOf: directory objects; groups and
	// directory roles by display name (or id when unnamed).
	if e.has("memberOf") || e.has("groups") {
		u.groupsKnown = true
	}
	for _, m := range s.array(e.field("memberOf")) {
		name := s.str(m.field("displayName"))
		if name == "" {
			name = s.str(m.field("id"))
		}
		if name == "" {
			continue
		}
		if strings.Contains(strings.ToLower(s.str(m.field("@odata.type"))), "directoryrole") {
			u.Roles = append(u.Roles, name)
			if id := s.str(m.field("roleTemplateId")); id != "" {
				u.Roles = append(u.Roles, id)
			}
			continue
		}
		u.Groups = append(u.Groups, name)
		if id := s.str(m.field("id")); id != "" && id != name {
			u.Groups = append(u.Groups, id)
		}
	}
	if t := s.str(e.path("signInActivity", "lastSignInDateTime")); t != "" {
		u.LastSignIn = t
	}
	if admin, _ := s.boolean(e.field("isAdmin")); admin {
		u.Privileged = true
	}
	if reg, ok := s.boolean(e.field("isMfaRegistered")); ok {
		u.MFARegistered = &reg
	}
	if !u.Privileged && len(u.Roles) > 0 {
		u.Privileged = true
	}
	u.Methods = append(u.Methods, s.strs(e.field("methodsRegistered"))...)
	if strings.EqualFold(s.str(e.field("userType")), "guest") {
		u.Guest = true
	}
	// Not in the Graph shape: an export joined with group membership may
	// add "groups" (names or ids).
	u.Groups = append(u.Groups, s.strs(e.field("groups"))...)
	if en, ok := s.boolean(e.field("accountEnabled")); ok {
		u.Enabled = &en
	}
	if t := s.str(e.field("lastSignInDateTime")); t != "" {
		u.LastSignIn = t
	}
}

// caPolicies reads conditionalAccessPolicy objects (Graph camelCase or
// ScubaGear PascalCase; field names match without regard to case).
func (r *run) caPolicies(s *shape, file string, items []jv) int {
	for _, e := range items {
		if !s.object(e) {
			s.fail(e, "a conditionalAccessPolicy object")
			return 0
		}
		p := &Policy{Provider: "entra", Type: "conditional_access", File: file}
		p.ID = s.str(e.field("id"))
		p.Name = s.str(e.field("displayName"))
		if p.ID == "" {
			p.ID = p.Name
		}
		switch st := s.str(e.field("state")); strings.ToLower(st) {
		case "enabled":
			p.State, p.Enforcing = "enabled", true
		case "enabledforreportingbutnotenforced":
			p.State = "report_only"
		case "disabled":
			p.State = "disabled"
		case "":
			// A sparse export: the state is not known, so the policy
			// enforces nothing that can be relied on.
			p.State = "unknown"
			r.warn(file, 0, e.field("state").p+": no state; policy "+cmp.Or(p.Name, p.ID)+" is read with state unknown")
		default:
			p.State = st
		}
		cond := e.field("conditions")
		if !present(cond) {
			r.warn(file, 0, cond.p+": no conditions; the users and apps of policy "+cmp.Or(p.Name, p.ID)+" are unknown")
		}
		if s.object(cond) {
			users := cond.field("users")
			if s.object(users) {
				p.IncludeUsers = s.strs(users.field("includeUsers"))
				p.ExcludeUsers = s.strs(users.field("excludeUsers"))
				p.IncludeGroups = s.strs(users.field("includeGroups"))
				p.ExcludeGroups = s.strs(users.field("excludeGroups"))
				p.IncludeRoles = s.strs(users.field("includeRoles"))
				p.ExcludeRoles = s.strs(users.field("excludeRoles"))
				// Null or all-null guest objects are absent; a present one
				// stands for every guest or external user it names.
				if g := users.field("includeGuestsOrExternalUsers"); s.object(g) && present(g) && !containsFold(p.IncludeUsers, guestsMarker) {
					p.IncludeUsers = append(p.IncludeUsers, guestsMarker)
				}
				if g := users.field("excludeGuestsOrExternalUsers"); s.object(g) && present(g) && !containsFold(p.ExcludeUsers, guestsMarker) {
					p.ExcludeUsers = append(p.ExcludeUsers, guestsMarker)
				}
			}
			apps := cond.field("applications")
			if s.object(apps) {
				p.Applications = s.strs(apps.field("includeApplications"))
				p.ExcludeApplications = s.strs(apps.field("excludeApplications"))
				if ua := s.strs(apps.field("includeUserActions")); len(ua) > 0 {
					p.Applications = append(p.Applications, ua...)
				}
			}
			p.ClientAppTypes = s.strs(cond.field("clientAppTypes"))
			for _, lv := range s.strs(cond.field("userRiskLevels")) {
				p.Conditions = append(p.Conditions, "user_risk:"+lv)
			}
			for _, lv := range s.strs(cond.field("signInRiskLevels")) {
				p.Conditions = append(p.Conditions, "sign_in_risk:"+lv)
			}
			for _, lv := range s.strs(cond.field("insiderRiskLevels")) {
				p.Conditions = append(p.Conditions, "insider_risk:"+lv)
			}
			for _, c := range []string{"authenticationFlows", "platforms", "devices", "deviceStates", "times", "clientApplications"} {
				// Exports write every sub-object, often with all fields
				// null: only one that says something is a condition.
				if v := cond.field(c); s.object(v) && present(v) {
					p.Conditions = append(p.Conditions, c)
				}
			}
			locs := cond.field("locations")
			if s.object(locs) {
				p.Locations = s.strs(locs.field("includeLocations"))
				p.ExcludeLocations = s.strs(locs.field("excludeLocations"))
			}
		}
		if !e.has("grantControls") && !e.has("sessionControls") {
			r.warn(file, 0, e.p+".grantControls: no grant or session controls; policy "+cmp.Or(p.Name, p.ID)+" is read as requiring nothing")
		}
		r.grant(s, p, e.field("grantControls"))
		if p.RequiresMFA && p.StrengthClass == "" {
			p.StrengthClass = "mfa"
		}
		p.AllUsers = containsFold(p.IncludeUsers, "All")
		p.AllApps = containsFold(p.Applications, "All")
		clients := p.ClientAppTypes
		p.BlocksLegacy = p.Blocks && containsFold(clients, "exchangeActiveSync") && containsFold(clients, "other") && len(p.Conditions) == 0 && len(p.Locations) == 0
		r.policies = append(r.policies, p)
	}
	return len(items)
}

// strengthOfPolicy classes an authentication strength by its name or its
// allowed combinations: phishing_resistant when every combination is.
func strengthOfPolicy(name string, combos []string) string {
	if len(combos) > 0 {
		weakest := "phishing_resistant"
		for _, c := range combos {
			// A combination is as strong as its strongest factor (the
			// password beside it adds nothing); unknown factors are left out.
			cls := "none"
			for _, part := range strings.Split(c, ",") {
				if k := methodClass(part); rank(k) > rank(cls) {
					cls = k
				}
			}
			if cls != "none" && rank(cls) < rank(weakest) {
				weakest = cls
			}
		}
		return weakest
	}
	if strings.Contains(strings.ToLower(name), "phishing") {
		return "phishing_resistant"
	}
	if strings.Contains(strings.ToLower(name), "passwordless") {
		return "app_or_otp"
	}
	return "mfa"
}

func rank(class string) int {
	switch class {
	case "phishing_resistant":
		return 3
	case "app_or_otp":
		return 2
	case "sms_voice":
		return 1
	}
	return 0
}

// methodSeparators are dropped from a method name before it is classed.
var methodSeparators = strings.NewReplacer(" ", "", "-", "", "_", "", ":", "")

// methodClass classes one method name from Graph, ScubaGear, Okta or a CSV
// export.
func methodClass(m string) string {
	k := methodSeparators.Replace(strings.ToLower(strings.TrimSpace(m)))
	switch {
	case k == "":
		return "none"
	case strings.Contains(k, "fido") || strings.Contains(k, "passkey") || strings.Contains(k, "windowshello") ||
		strings.Contains(k, "x509") || strings.Contains(k, "certificate") || strings.Contains(k, "webauthn") ||
		strings.Contains(k, "u2f") || strings.Contains(k, "smartcard") || k == "piv" || k == "cac" || strings.Contains(k, "phishingresistant"):
		return "phishing_resistant"
	case strings.Contains(k, "sms") || strings.Contains(k, "voice") || strings.Contains(k, "phone") ||
		k == "call" || strings.Contains(k, "email") || k == "oktaemail":
		return "sms_voice"
	case strings.Contains(k, "authenticator") || strings.Contains(k, "otp") || strings.Contains(k, "onetime") || strings.Contains(k, "signednonce") || strings.Contains(k, "oath") ||
		strings.Contains(k, "push") || strings.Contains(k, "token") || strings.Contains(k, "oktaverify") ||
		strings.Contains(k, "temporaryaccesspass") || strings.Contains(k, "duo") || strings.Contains(k, "rsa") ||
		strings.Contains(k, "yubikey") || strings.Contains(k, "app") || k == "mfa":
		return "app_or_otp"
	}
	return "none"
}

// authMethods reads an authentication methods policy: Graph's
// authenticationMethodConfigurations or ScubaGear's
// authentication_method_feature_settings.
func (r *run) authMethods(s *shape, file string, j jv) int {
	n := 0
	for _, e := range listOf(j) {
		configs := e.field("authentication_method_feature_settings")
		if configs.null() {
			configs = e.field("authenticationMethodConfigurations")
		}
		for _, c := range s.array(configs) {
			if !s.object(c) {
				s.fail(c, "an authentication method configuration object")
				return n
			}
			name := s.str(c.field("id"))
			m := Method{Name: name, Provider: "entra", File: file, Class: methodClass(name)}
			m.Enabled = strings.EqualFold(s.str(c.field("state")), "enabled")
			for _, t := range s.array(c.field("includeTargets")) {
				if id := s.str(t.field("id")); id != "" {
					m.Targets = append(m.Targets, id)
				}
			}
			m.Targets = sortedUnique(m.Targets)
			r.methods = append(r.methods, m)
			n++
		}
	}
	return n
}

// guestsMarker stands for guest and external users in include_users and
// exclude_users, as Graph writes it in includeUsers and excludeUsers.
const guestsMarker = "GuestsOrExternalUsers"

// present reports whether j says anything: a non-empty string, a number or
// boolean, a non-empty array, or an object with a member (other than
// @odata annotations) that is present. Graph and ScubaGear exports write
// unused sub-objects with every field null; those are absent.
func present(j jv) bool {
	switch v := j.v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(v) != ""
	case []any:
		for i := range v {
			if present(jv{v: v[i]}) {
				return true
			}
		}
		return false
	case map[string]any:
		for k, m := range v {
			if strings.HasPrefix(k, "@") || strings.Contains(k, "@odata") {
				continue
			}
			if present(jv{v: m}) {
				return true
			}
		}
		return false
	}
	return true
}

// mfaFactors are authentication-strength combinations that are multifactor
// on their own; any combination of two factors ("password,sms") is too.
var mfaFactors = map[string]bool{
	"windowshelloforbusiness": true, "fido2": true, "x509certificatemultifactor": true,
	"devicebasedpush": true, "temporaryaccesspassonetime": true, "temporaryaccesspassmultiuse": true,
	"federatedmultifactor": true, "passkey": true,
}

// grant reads grantControls. MFA is required only when the controls say
// so: builtInControls holds "mfa" or an authentication strength requires
// MFA, and, with operator OR, no other control could be satisfied instead.
func (r *run) grant(s *shape, p *Policy, grant jv) {
	if !s.object(grant) || !present(grant) {
		return
	}
	mfa := false
	var others []string
	for _, c := range s.strs(grant.field("builtInControls")) {
		switch strings.ToLower(c) {
		case "mfa":
			mfa = true
		case "block":
			p.Blocks = true
		default:
			others = append(others, c)
		}
	}
	for _, c := range s.strs(grant.field("customAuthenticationFactors")) {
		others = append(others, "custom:"+c)
	}
	for _, c := range s.strs(grant.field("termsOfUse")) {
		others = append(others, "terms_of_use:"+c)
	}
	if st := grant.field("authenticationStrength"); s.object(st) && present(st) {
		combos := s.strs(st.field("allowedCombinations"))
		if strengthRequiresMFA(s.str(st.field("requirementsSatisfied")), combos) {
			mfa = true
			p.AuthStrength = s.str(st.field("displayName"))
			p.StrengthClass = strengthOfPolicy(p.AuthStrength, combos)
		} else {
			others = append(others, "strength:"+cmp.Or(s.str(st.field("displayName")), s.str(st.field("id"))))
		}
	}
	if !mfa {
		p.AuthStrength, p.StrengthClass = "", ""
		return
	}
	if strings.EqualFold(s.str(grant.field("operator")), "OR") && len(others) > 0 {
		// Any one control grants access: MFA can be skipped.
		p.MFAAlternatives = sortedUnique(others)
		p.AuthStrength, p.StrengthClass = "", ""
		return
	}
	p.RequiresMFA = true
}

// strengthRequiresMFA reports whether an authentication strength requires
// MFA: its requirementsSatisfied says "mfa", or, when that is not
// exported, every allowed combination is multifactor. A strength exported
// with neither (a display name only) is taken as requiring MFA, as every
// built-in strength does.
func strengthRequiresMFA(satisfied string, combos []string) bool {
	if satisfied != "" {
		return strings.EqualFold(satisfied, "mfa")
	}
	for _, c := range combos {
		if !strings.Contains(c, ",") && !mfaFactors[strings.ToLower(strings.TrimSpace(c))] {
			return false
		}
	}
	return true
}
