package mfa

import (
	"cmp"
	"regexp"
	"strings"
)

// oktaUserHref finds the user id in a factor's _links.user.href or
// _links.self.href (/api/v1/users/<id>/...).
var oktaUserHref = regexp.MustCompile(`/api/v1/users/([^/?#]+)`)

func (r *run) okta(s *shape, file, content string, j jv) int {
	items := listOf(j)
	for _, e := range items {
		if !s.object(e) {
			s.fail(e, "an object")
			return 0
		}
		switch content {
		case "users":
			r.oktaUser(s, file, e)
		case "factors":
			r.oktaFactor(s, file, e)
		case "authenticator_enrollments":
			r.oktaEnrollment(s, file, e)
		case "groups":
			r.oktaGroup(s, file, e)
		case "authenticators":
			key := s.str(e.field("key"))
			if key == "" {
				key = s.str(e.field("type"))
			}
			r.methods = append(r.methods, Method{Name: key, Provider: "okta", File: file, Class: methodClass(key),
				Enabled: strings.EqualFold(s.str(e.field("status")), "ACTIVE"), Targets: []string{}})
		case "policies", "policy_rules":
			r.oktaPolicy(s, file, content, e)
		}
	}
	return len(items)
}

func (r *run) oktaUser(s *shape, file string, e jv) {
	id := s.str(e.field("id"))
	prof := e.field("profile")
	s.object(prof)
	login := s.str(prof.field("login"))
	if id == "" {
		id = login
	}
	if id == "" {
		r.warn(file, 0, e.field("id").p+": no id or profile.login; record skipped")
		r.prov.RecordsSkipped++
		return
	}
	u := r.user(id, "okta", file)
	u.UPN = login
	name := strings.TrimSpace(s.str(prof.field("firstName")) + " " + s.str(prof.field("lastName")))
	if dn := s.str(prof.field("displayName")); dn != "" {
		name = dn
	}
	if name != "" {
		u.Name = name
	}
	status := strings.ToUpper(s.str(e.field("status")))
	enabled := status == "ACTIVE" || status == "PASSWORD_EXPIRED" || status == "RECOVERY" || status == "LOCKED_OUT"
	if status != "" {
		u.Enabled = &enabled
	}
	if strings.EqualFold(s.str(prof.field("userType")), "guest") {
		u.Guest = true
	}
	if t := s.str(e.field("lastLogin")); t != "" {
		u.LastSignIn = t
	}
	// Group membership is not part of /api/v1/users; an export that adds a
	// "groups" array (names or ids) is honoured.
	u.Groups = append(u.Groups, s.strs(e.field("groups"))...)
	if e.has("groups") {
		u.groupsKnown = true
	}
	// GET /api/v1/users?expand=groups style: _embedded.groups holds Group
	// objects; both the id (as policies name groups) and the name are kept.
	if emb := e.path("_embedded", "groups"); !emb.null() {
		u.groupsKnown = true
		for _, g := range s.array(emb) {
			u.Groups = append(u.Groups, r.oktaGroupKeys(s, g)...)
		}
	}
	r.oktaUserIDs[strings.ToLower(id)] = true
}

func (r *run) oktaFactor(s *shape, file string, e jv) {
	href := s.str(e.path("_links", "user", "href"))
	if href == "" {
		href = s.str(e.path("_links", "self", "href"))
	}
	m := oktaUserHref.FindStringSubmatch(href)
	if m == nil || strings.HasPrefix(m[1], "{") {
		r.warn(file, 0, "factor "+s.str(e.field("id"))+" names no user (_links.user.href); skipped")
		r.prov.RecordsSkipped++
		return
	}
	u := r.user(m[1], "okta", file)
	// Only the type and status are kept: the factor profile and _embedded
	// activation data can hold shared secrets.
	if !strings.EqualFold(s.str(e.field("status")), "ACTIVE") {
		return
	}
	ft := s.str(e.field("factorType"))
	u.Methods = append(u.Methods, ft)
	reg := methodClass(ft) != "none" || (u.MFARegistered != nil && *u.MFARegistered)
	u.MFARegistered = &reg
}

func (r *run) oktaPolicy(s *shape, file, content string, e jv) {
	p := &Policy{Provider: "okta", File: file}
	p.ID, p.Name = s.str(e.field("id")), s.str(e.field("name"))
	p.Type = "okta_" + strings.TrimPrefix(strings.ToLower(s.str(e.field("type"))), "okta_")
	if content == "policy_rules" {
		p.Type += "_rule"
	}
	if strings.EqualFold(s.str(e.field("status")), "ACTIVE") {
		p.State, p.Enforcing = "enabled", true
	} else {
		p.State = "disabled"
	}
	people := e.path("conditions", "people")
	p.IncludeGroups = s.strs(people.path("groups", "include"))
	p.ExcludeGroups = s.strs(people.path("groups", "exclude"))
	p.IncludeUsers = s.strs(people.path("users", "include"))
	p.ExcludeUsers = s.strs(people.path("users", "exclude"))
	if conn := s.str(e.path("conditions", "network", "connection")); conn != "" {
		p.Locations = []string{conn}
	}
	if len(p.IncludeGroups) == 0 && len(p.IncludeUsers) == 0 {
		p.AllUsers = true
		p.IncludeUsers = []string{"All"}
	}
	p.AllApps = true
	signon := e.path("actions", "signon")
	if req, _ := s.boolean(signon.field("requireFactor")); req {
		p.RequiresMFA, p.StrengthClass = true, "mfa"
	}
	if strings.EqualFold(s.str(signon.field("access")), "DENY") {
		p.Blocks = true
	}
	// Okta Identity Engine access-policy rules: actions.appSignOn.verificationMethod.
	vm := e.path("actions", "appSignOn", "verificationMethod")
	if f := s.str(vm.field("factorMode")); strings.EqualFold(f, "2FA") {
		p.RequiresMFA, p.StrengthClass = true, "mfa"
	}
	// constraints is an object in Okta's management API specification
	// (AccessPolicyConstraints) and an array of them in API responses.
	constraints := []jv{vm.field("constraints")}
	if constraints[0].isArray() {
		constraints = s.array(constraints[0])
	}
	for _, c := range constraints {
		if c.null() || !s.object(c) {
			continue
		}
		if pr := s.str(c.path("possession", "phishingResistant")); strings.EqualFold(pr, "REQUIRED") {
			p.StrengthClass = "phishing_resistant"
		}
	}
	if strings.EqualFold(s.str(e.field("type")), "MFA_ENROLL") {
		for _, a := range s.array(e.path("settings", "authenticators")) {
			if strings.EqualFold(s.str(a.path("enroll", "self")), "REQUIRED") {
				if key := s.str(a.field("key")); methodClass(key) != "none" {
					p.Applications = append(p.Applications, "enroll:"+key)
				}
			}
		}
	}
	r.policies = append(r.policies, p)
}

// oktaEnrollment reads one of a user's authenticator enrollments
// (GET /api/v1/users/{id}/authenticators): a method of that user, not a
// method the tenant enables.
func (r *run) oktaEnrollment(s *shape, file string, e jv) {
	m := oktaUserHref.FindStringSubmatch(s.str(e.path("_links", "user", "href")))
	if m == nil || strings.HasPrefix(m[1], "{") {
		r.warn(file, 0, e.p+"._links.user.href: authenticator enrollment "+s.str(e.field("id"))+" names no user; skipped")
		r.prov.RecordsSkipped++
		return
	}
	u := r.user(m[1], "okta", file)
	if !strings.EqualFold(s.str(e.field("status")), "ACTIVE") {
		return
	}
	key := cmp.Or(s.str(e.field("key")), s.str(e.field("type")))
	u.Methods = append(u.Methods, key)
	reg := methodClass(key) != "none" && !strings.EqualFold(key, "okta_password") || (u.MFARegistered != nil && *u.MFARegistered)
	u.MFARegistered = &reg
}

// oktaGroupKeys returns the id and name of an Okta Group object.
func (r *run) oktaGroupKeys(s *shape, g jv) []string {
	var out []string
	id, name := s.str(g.field("id")), s.str(g.path("profile", "name"))
	if id != "" {
		out = append(out, id)
	}
	if name != "" && name != id {
		out = append(out, name)
	}
	return out
}

// oktaGroup reads an Okta Group object. When the export carries the
// group's members (_embedded.users or a "users"/"members" list of ids or
// logins), their membership is recorded under the group's id and name.
func (r *run) oktaGroup(s *shape, file string, e jv) {
	keys := r.oktaGroupKeys(s, e)
	var members []string
	for _, f := range []jv{e.path("_embedded", "users"), e.field("users"), e.field("members")} {
		for _, m := range s.array(f) {
			if id, ok := m.v.(string); ok {
				members = append(members, id)
				continue
			}
			if id := cmp.Or(s.str(m.field("id")), s.str(m.path("profile", "login"))); id != "" {
				members = append(members, id)
			}
		}
	}
	for _, id := range members {
		u := r.user(id, "okta", file)
		u.groupsKnown = true
		u.Groups = append(u.Groups, keys...)
	}
}
