package mfa

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// genericWords are the words generic account names are made of.
var genericWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`admin administrator operator operators engineer engineering shared generic
		service svc test guest hmi scada ews maint maintenance vendor support root station control ops ot plant
		shift user default tech technician integrator remote vpn local team group common public kiosk`) {
		genericWords[w] = true
	}
}

var nameTokens = regexp.MustCompile(`[-_. ]+`)

// genericName reports whether every word of an account name (digits
// dropped), such as operator1, svc_hmi or ot-admin-02, is a generic one.
func genericName(local string) bool {
	n := 0
	for _, tok := range nameTokens.Split(local, -1) {
		tok = strings.TrimRight(tok, "0123456789")
		if tok == "" {
			continue
		}
		if !genericWords[tok] {
			return false
		}
		n++
	}
	return n > 0
}

func sharedReason(u *User) string {
	for _, n := range []string{u.ID, u.UPN} {
		local, _, _ := strings.Cut(strings.ToLower(n), "@")
		if i := strings.LastIndexByte(local, '\\'); i >= 0 {
			local = local[i+1:]
		}
		if genericName(local) {
			return fmt.Sprintf("generic account name %q", local)
		}
		if strings.Contains(local, "shared") || strings.Contains(local, "generic") {
			return fmt.Sprintf("account name %q says shared", local)
		}
	}
	return ""
}

// coverage of one user by one policy.
const (
	covIncluded   = "included"
	covExcluded   = "excluded"
	covOutside    = "outside"
	covUnresolved = "unresolved"
)

// cover decides whether p applies to u. Membership the export does not give
// (groups of an Entra user, roles by id) makes the answer unresolved rather
// than a guess.
func (r *run) cover(p *Policy, u *User) string {
	ids := []string{u.ID, u.UPN}
	roles := r.roleKeys(u.Roles)
	if len(intersectFold(ids, p.ExcludeUsers)) > 0 || (u.Guest && containsFold(p.ExcludeUsers, "GuestsOrExternalUsers")) {
		return covExcluded
	}
	if len(intersectFold(u.Groups, p.ExcludeGroups)) > 0 || len(intersectFold(roles, r.roleKeys(p.ExcludeRoles))) > 0 {
		return covExcluded
	}
	groupsUnknown := len(u.Groups) == 0 && !u.groupsKnown
	unknownExclusion := (len(p.ExcludeGroups) > 0 && groupsUnknown) || (len(p.ExcludeRoles) > 0 && len(u.Roles) == 0 && u.Privileged)
	included := p.AllUsers || len(intersectFold(ids, p.IncludeUsers)) > 0 ||
		len(intersectFold(u.Groups, p.IncludeGroups)) > 0 || len(intersectFold(roles, r.roleKeys(p.IncludeRoles))) > 0 ||
		(u.Guest && containsFold(p.IncludeUsers, "GuestsOrExternalUsers"))
	if !included {
		if (len(p.IncludeGroups) > 0 && groupsUnknown) || (len(p.IncludeRoles) > 0 && len(u.Roles) == 0 && u.Privileged) {
			return covUnresolved
		}
		return covOutside
	}
	if unknownExclusion {
		return covUnresolved
	}
	return covIncluded
}

// roleKeys returns role names and ids in lower case, ids mapped to names.
func (r *run) roleKeys(roles []string) []string {
	var out []string
	for _, x := range roles {
		out = append(out, strings.ToLower(x))
		if n, ok := r.roleNames[strings.ToLower(x)]; ok {
			out = append(out, strings.ToLower(n))
		}
	}
	return out
}

// mfaPolicy reports whether p requires MFA for sign-in to every app or to
// one of the remote-access apps, for modern clients.
func (r *run) mfaPolicy(p *Policy) bool {
	if !p.RequiresMFA || len(p.Conditions) > 0 {
		return false
	}
	if p.Provider == "okta" {
		return strings.HasSuffix(p.Type, "_rule") || strings.Contains(p.Type, "access_policy")
	}
	apps := p.AllApps || len(intersectFold(p.Applications, r.opts.remoteApps)) > 0
	clients := len(p.ClientAppTypes) == 0 || containsFold(p.ClientAppTypes, "all") || containsFold(p.ClientAppTypes, "browser") || containsFold(p.ClientAppTypes, "mobileAppsAndDesktopClients")
	return apps && clients
}

func (r *run) resolve() {
	sm := &r.data.Summary
	sm.Providers = slices.Sorted(maps.Keys(r.providers))
	sm.PoliciesKnown = len(r.policies) > 0
	// Tenant methods: the weakest enabled class.
	weakestTenant := ""
	for _, m := range r.methods {
		if m.Enabled && m.Class != "none" && (weakestTenant == "" || rank(m.Class) < rank(weakestTenant)) {
			weakestTenant = m.Class
		}
		if m.Enabled && m.Class == "sms_voice" {
			sm.WeakMethodsEnabled = append(sm.WeakMethodsEnabled, m.Name)
		}
	}
	legacy := "unknown"
	for _, p := range r.policies {
		p.Gaps = policyGaps(p)
		if p.Provider == "entra" {
			if legacy == "unknown" {
				legacy = "not_blocked"
			}
			if p.BlocksLegacy && p.Enforcing && p.AllUsers && p.AllApps {
				legacy = "blocked"
				sm.LegacyBlockedBy = append(sm.LegacyBlockedBy, p.Name)
			}
		}
		if r.mfaPolicy(p) {
			sm.MFAPolicies = append(sm.MFAPolicies, p.Name)
			switch p.State {
			case "enabled":
				sm.EnforcingMFAPolicies = append(sm.EnforcingMFAPolicies, p.Name)
			case "report_only":
				sm.ReportOnlyMFAPolicies = append(sm.ReportOnlyMFAPolicies, p.Name)
			}
		}
	}
	sm.LegacyAuth = legacy

	m := &r.data.OTMapping
	m.Groups = slices.Sorted(maps.Keys(r.opts.otGroups))
	m.GroupZones = map[string][]string{}
	for g, z := range r.opts.otGroups {
		if len(z) > 0 {
			m.GroupZones[g] = z
		}
	}
	m.RemoteAccessApps = sortedUnique(r.opts.remoteApps)
	m.PrivilegedRoles = sortedUnique(r.opts.privRoles)
	m.Configured = len(m.Groups) > 0 || len(m.RemoteAccessApps) > 0

	for _, key := range slices.Sorted(maps.Keys(r.users)) {
		u := r.users[key]
		r.resolveUser(u, weakestTenant)
		if u.Enforcement == "unresolved" {
			sm.UnresolvedUsers++
		}
		r.data.Users = append(r.data.Users, *u)
	}
	if sm.UnresolvedUsers > 0 {
		r.notes[fmt.Sprintf("%d users: whether MFA is enforced depends on group or role membership the export does not give", sm.UnresolvedUsers)] = true
	}
	if !sm.PoliciesKnown && len(r.users) > 0 && r.providers["entra"] || r.providers["okta"] && !sm.PoliciesKnown {
		r.notes["no conditional-access or sign-on policy in the export: MFA registration is known, enforcement is not"] = true
	}
	sm.Notes = slices.Sorted(maps.Keys(r.notes))
	for _, p := range r.policies {
		p.IncludeUsers, p.ExcludeUsers = sortedUnique(p.IncludeUsers), sortedUnique(p.ExcludeUsers)
		p.IncludeGroups, p.ExcludeGroups = sortedUnique(p.IncludeGroups), sortedUnique(p.ExcludeGroups)
		p.IncludeRoles, p.ExcludeRoles = sortedUnique(p.IncludeRoles), sortedUnique(p.ExcludeRoles)
		p.Applications, p.ExcludeApplications = sortedUnique(p.Applications), sortedUnique(p.ExcludeApplications)
		p.ClientAppTypes = sortedUnique(p.ClientAppTypes)
		p.Locations, p.ExcludeLocations = sortedUnique(p.Locations), sortedUnique(p.ExcludeLocations)
		p.Gaps = sortedUnique(p.Gaps)
		p.Conditions = sortedUnique(p.Conditions)
		r.data.Policies = append(r.data.Policies, *p)
	}
	slices.SortFunc(r.data.Policies, func(a, b Policy) int {
		return cmp.Or(cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.File, b.File), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(r.methods, func(a, b Method) int {
		return cmp.Or(cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.Name, b.Name), cmp.Compare(a.File, b.File))
	})
	r.data.Methods = orEmpty(r.methods)
	r.data.Users = orEmpty(r.data.Users)
	r.data.Policies = orEmpty(r.data.Policies)
	slices.SortFunc(r.data.Files, func(a, b InputFile) int { return cmp.Compare(a.Path, b.Path) })
	r.data.Files = orEmpty(r.data.Files)
	r.data.SecretColumns = slices.Sorted(maps.Keys(r.secrets))
	r.data.SecretColumns = orEmpty(r.data.SecretColumns)
	sm.Providers = orEmpty(sm.Providers)
	sm.LegacyBlockedBy = sortedUnique(sm.LegacyBlockedBy)
	sm.MFAPolicies = sortedUnique(sm.MFAPolicies)
	sm.EnforcingMFAPolicies = sortedUnique(sm.EnforcingMFAPolicies)
	sm.ReportOnlyMFAPolicies = sortedUnique(sm.ReportOnlyMFAPolicies)
	sm.WeakMethodsEnabled = sortedUnique(sm.WeakMethodsEnabled)
	sm.Notes = orEmpty(sm.Notes)
}

func policyGaps(p *Policy) []string {
	var g []string
	if p.State == "report_only" {
		g = append(g, "report_only")
	}
	if p.State == "disabled" {
		g = append(g, "disabled")
	}
	if p.State == "unknown" {
		g = append(g, "state_unknown")
	}
	if len(p.MFAAlternatives) > 0 {
		g = append(g, "mfa_optional")
	}
	if p.RequiresMFA && len(p.Conditions) > 0 {
		g = append(g, "conditional_mfa")
	}
	if len(p.ExcludeUsers) > 0 {
		g = append(g, "excludes_users")
	}
	if len(p.ExcludeGroups) > 0 {
		g = append(g, "excludes_groups")
	}
	if len(p.ExcludeRoles) > 0 {
		g = append(g, "excludes_roles")
	}
	if len(p.ExcludeApplications) > 0 {
		g = append(g, "excludes_applications")
	}
	if len(p.ExcludeLocations) > 0 {
		g = append(g, "excludes_locations")
	}
	if p.RequiresMFA && len(p.ClientAppTypes) > 0 && !containsFold(p.ClientAppTypes, "all") &&
		!(containsFold(p.ClientAppTypes, "exchangeActiveSync") && containsFold(p.ClientAppTypes, "other")) {
		g = append(g, "legacy_clients_not_covered")
	}
	return g
}

func (r *run) resolveUser(u *User, weakestTenant string) {
	u.Roles = sortedUnique(u.Roles)
	u.Groups = sortedUnique(u.Groups)
	u.Methods = sortedUnique(u.Methods)
	u.Files = sortedUnique(u.Files)
	u.OTZones = sortedUnique(u.OTZones)
	if len(intersectFold(r.roleKeys(u.Roles), r.roleKeys(r.opts.privRoles))) > 0 || len(intersectFold(u.Groups, r.opts.privRoles)) > 0 {
		u.Privileged = true
	}
	if len(u.Roles) > 0 && u.Provider == "csv" {
		for _, role := range u.Roles {
			if strings.Contains(strings.ToLower(role), "admin") {
				u.Privileged = true
			}
		}
	}
	// Methods and strength.
	u.Strength = "none"
	for _, m := range u.Methods {
		c := methodClass(m)
		if rank(c) > rank(u.Strength) {
			u.Strength = c
		}
		if c == "sms_voice" {
			u.WeakMethods = true
		}
	}
	// OT access.
	var via []string
	for _, g := range intersectFold(u.Groups, slices.Collect(maps.Keys(r.opts.otGroups))) {
		via = append(via, "group:"+g)
		for k, z := range r.opts.otGroups {
			if strings.EqualFold(k, g) {
				u.OTZones = append(u.OTZones, z...)
			}
		}
	}
	for _, a := range intersectFold(append(slices.Clone(u.RemoteAccess), u.Groups...), r.opts.remoteApps) {
		via = append(via, "remote:"+a)
		u.RemoteAccess = append(u.RemoteAccess, a)
	}
	if u.csvOT != nil && *u.csvOT {
		via = append(via, "export:ot_access")
	}
	u.OTAccessVia = sortedUnique(via)
	u.OTZones = sortedUnique(u.OTZones)
	u.RemoteAccess = sortedUnique(u.RemoteAccess)
	switch {
	case len(u.OTAccessVia) > 0:
		u.OTAccess = "yes"
	case u.csvOT != nil && !*u.csvOT:
		u.OTAccess = "no"
	case (len(r.opts.otGroups) > 0 || len(r.opts.remoteApps) > 0) && (len(u.Groups) > 0 || u.groupsKnown || u.Provider == "csv"):
		u.OTAccess = "no"
	default:
		u.OTAccess = "unknown"
	}
	if !u.Shared {
		if reason := sharedReason(u); reason != "" {
			u.Shared, u.SharedReason = true, reason
		}
	}
	// Enforcement.
	u.EnforcedBy, u.ReportOnlyBy, u.ExcludedBy, u.UnresolvedBy = []string{}, []string{}, []string{}, []string{}
	strongest := ""
	relevant := 0
	for _, p := range r.policies {
		if !r.mfaPolicy(p) || (p.Provider != u.Provider) {
			continue
		}
		relevant++
		c := r.cover(p, u)
		switch {
		case c == covExcluded && p.State != "disabled":
			u.ExcludedBy = append(u.ExcludedBy, p.Name)
		case c == covUnresolved && p.State != "disabled":
			u.UnresolvedBy = append(u.UnresolvedBy, p.Name)
		case c == covIncluded && p.State == "enabled":
			u.EnforcedBy = append(u.EnforcedBy, p.Name)
			// The weakest method the policy accepts, raised to the weakest
			// the tenant enables when its methods policy is known.
			cls := p.StrengthClass
			if cls == "mfa" && weakestTenant == "" {
				cls = "sms_voice"
			}
			if weakestTenant != "" && rank(cls) < rank(weakestTenant) {
				cls = weakestTenant
			}
			if strongest == "" || rank(cls) > rank(strongest) {
				strongest = cls
			}
		case c == covIncluded && p.State == "report_only":
			u.ReportOnlyBy = append(u.ReportOnlyBy, p.Name)
		case c == covIncluded && p.State == "unknown":
			// A sparse export left the state out: whether the policy
			// enforces cannot be told.
			u.UnresolvedBy = append(u.UnresolvedBy, p.Name)
		}
	}
	slices.Sort(u.EnforcedBy)
	slices.Sort(u.ReportOnlyBy)
	slices.Sort(u.ExcludedBy)
	slices.Sort(u.UnresolvedBy)
	switch {
	case u.csvEnforced != nil:
		u.MFAEnforced = *u.csvEnforced
		if u.MFAEnforced {
			u.EnforcedBy = []string{"export:" + u.File}
		}
		u.Enforcement = map[bool]string{true: "enforced", false: "not_covered"}[*u.csvEnforced]
	case len(u.EnforcedBy) > 0:
		u.MFAEnforced, u.Enforcement = true, "enforced"
		u.WeakestAllowed = strongest
	case len(u.UnresolvedBy) > 0:
		u.Enforcement = "unresolved"
	case len(u.ExcludedBy) > 0:
		u.Enforcement = "excluded"
	case len(u.ReportOnlyBy) > 0:
		u.Enforcement = "report_only"
	case relevant == 0 && (u.Provider == "csv" || len(r.policies) == 0):
		u.Enforcement = "unknown"
	default:
		u.Enforcement = "not_covered"
	}
	if u.MFAEnforced && u.WeakestAllowed == "" && u.Provider == "csv" {
		switch {
		case u.Strength != "none":
			u.WeakestAllowed = weakestOf(u.Methods)
		}
	}
}

func weakestOf(methods []string) string {
	w := ""
	for _, m := range methods {
		c := methodClass(m)
		if c == "none" {
			continue
		}
		if w == "" || rank(c) < rank(w) {
			w = c
		}
	}
	return w
}
