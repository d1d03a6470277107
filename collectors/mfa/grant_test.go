package mfa_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/mfa"
	"github.com/slate-ot/slate/evidence"
)

// collectJSON writes each body to its own file and collects them as one
// source.
func collectJSON(t *testing.T, opts map[string]any, bodies ...string) (evidence.Document, mfa.Data, error) {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for i, b := range bodies {
		p := filepath.Join(dir, "f"+string(rune('0'+i))+".json")
		writeFile(t, p, []byte(b))
		files = append(files, p)
	}
	return collect(t, newSource(dir, files, opts))
}

// caPolicy is a Graph conditionalAccessPolicy with every sub-object
// written as exports write them: all fields null unless set.
func caPolicy(users, grant, extra string) string {
	if users == "" {
		users = `"includeUsers": ["All"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": [],
			"includeGuestsOrExternalUsers": null, "excludeGuestsOrExternalUsers": {"guestOrExternalUserTypes": null, "externalTenants": null}`
	}
	if grant == "" {
		grant = "null"
	}
	if extra == "" {
		extra = `"sessionControls": {"applicationEnforcedRestrictions": null, "cloudAppSecurity": null, "persistentBrowser": null, "signInFrequency": null}`
	}
	return `{"id": "p1", "displayName": "P1", "state": "enabled",
		"conditions": {"userRiskLevels": [], "signInRiskLevels": [], "clientAppTypes": ["all"],
			"platforms": {"includePlatforms": null, "excludePlatforms": null}, "locations": null, "devices": null,
			"applications": {"includeApplications": ["All"], "excludeApplications": [], "includeUserActions": []},
			"users": {` + users + `}},
		"grantControls": ` + grant + `, ` + extra + `}`
}

func TestGrantControls(t *testing.T) {
	tests := []struct {
		name         string
		grant, extra string
		requiresMFA  bool
		blocks       bool
		alternatives []string
		strength     string
	}{
		{name: "mfa", grant: `{"operator": "OR", "builtInControls": ["mfa"], "customAuthenticationFactors": [], "termsOfUse": [], "authenticationStrength": null}`,
			requiresMFA: true, strength: "mfa"},
		{name: "mfa or compliant device", grant: `{"operator": "OR", "builtInControls": ["mfa", "compliantDevice"]}`,
			alternatives: []string{"compliantDevice"}},
		{name: "mfa and compliant device", grant: `{"operator": "AND", "builtInControls": ["mfa", "compliantDevice"]}`,
			requiresMFA: true, strength: "mfa"},
		{name: "mfa or terms of use", grant: `{"operator": "OR", "builtInControls": ["mfa"], "termsOfUse": ["t1"]}`,
			alternatives: []string{"terms_of_use:t1"}},
		{name: "block only", grant: `{"operator": "OR", "builtInControls": ["block"]}`, blocks: true},
		{name: "compliant device only", grant: `{"operator": "OR", "builtInControls": ["compliantDevice"]}`},
		{name: "session only", grant: `null`,
			extra: `"sessionControls": {"signInFrequency": {"value": 4, "type": "hours", "isEnabled": true}}`},
		{name: "all-null grant object", grant: `{"operator": null, "builtInControls": null, "authenticationStrength": null}`},
		{name: "strength requiring mfa (beta)", grant: `{"operator": "OR", "builtInControls": [], "authenticationStrength": {"id": "00000000-0000-0000-0000-000000000004", "displayName": "Phishing-resistant MFA", "requirementsSatisfied": "mfa", "allowedCombinations": ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"]}}`,
			requiresMFA: true, strength: "phishing_resistant"},
		{name: "strength of single factors", grant: `{"operator": "OR", "builtInControls": [], "authenticationStrength": {"displayName": "Password only", "allowedCombinations": ["password", "sms"]}}`,
			alternatives: nil},
		{name: "strength without requirementsSatisfied, all multifactor", grant: `{"operator": "AND", "authenticationStrength": {"displayName": "Custom", "allowedCombinations": ["password,sms", "fido2"]}}`,
			requiresMFA: true, strength: "sms_voice"},
		{name: "all-null strength", grant: `{"operator": "OR", "builtInControls": ["mfa"], "authenticationStrength": {"id": null, "displayName": null, "allowedCombinations": null}}`,
			requiresMFA: true, strength: "mfa"},
		{name: "PascalCase ScubaGear shape", grant: `{"Operator": "OR", "BuiltInControls": ["mfa"], "TermsOfUse": [], "CustomAuthenticationFactors": [], "AuthenticationStrength": null}`,
			requiresMFA: true, strength: "mfa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, data, err := collectJSON(t, nil, caPolicy("", tt.grant, tt.extra))
			if err != nil {
				t.Fatal(err)
			}
			if len(data.Policies) != 1 {
				t.Fatalf("%d policies", len(data.Policies))
			}
			p := data.Policies[0]
			if p.RequiresMFA != tt.requiresMFA || p.Blocks != tt.blocks || p.StrengthClass != tt.strength {
				t.Errorf("requires_mfa %v blocks %v strength %q, want %v %v %q", p.RequiresMFA, p.Blocks, p.StrengthClass, tt.requiresMFA, tt.blocks, tt.strength)
			}
			if !cmp.Equal(p.MFAAlternatives, tt.alternatives) {
				t.Errorf("mfa_alternatives %v, want %v", p.MFAAlternatives, tt.alternatives)
			}
			if optional := slices.Contains(p.Gaps, "mfa_optional"); optional != (len(tt.alternatives) > 0) {
				t.Errorf("gaps %v: mfa_optional %v, want %v", p.Gaps, optional, len(tt.alternatives) > 0)
			}
			// The all-null platforms, sessionControls and guest objects are absent.
			if len(p.Conditions) != 0 || len(p.ExcludeUsers) != 0 {
				t.Errorf("conditions %v exclude_users %v, want none", p.Conditions, p.ExcludeUsers)
			}
			if len(doc.Provenance.Warnings) != 0 {
				t.Errorf("warnings %v", doc.Provenance.Warnings)
			}
		})
	}
}

func TestNullSubObjects(t *testing.T) {
	tests := []struct {
		name       string
		conditions string
		want       []string
	}{
		{"all null", `"platforms": {"includePlatforms": null, "excludePlatforms": null}, "devices": {"deviceFilter": null, "includeDevices": [], "excludeDevices": []}, "times": null, "authenticationFlows": {}`, []string{}},
		{"annotations only", `"clientApplications": {"@odata.type": "#microsoft.graph.conditionalAccessClientApplications", "includeServicePrincipals": []}`, []string{}},
		{"platforms set", `"platforms": {"includePlatforms": ["android"], "excludePlatforms": null}`, []string{"platforms"}},
		{"device filter set", `"devices": {"deviceFilter": {"mode": "exclude", "rule": "device.isCompliant -eq True"}}`, []string{"devices"}},
		{"auth flows set", `"authenticationFlows": {"transferMethods": "deviceCodeFlow"}`, []string{"authenticationFlows"}},
		{"insider risk (beta)", `"insiderRiskLevels": "elevated"`, []string{"insider_risk:elevated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"id": "p", "state": "enabled", "grantControls": {"builtInControls": ["mfa"]},
				"conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}, ` + tt.conditions + `}}`
			_, data, err := collectJSON(t, nil, body)
			if err != nil {
				t.Fatal(err)
			}
			if got := data.Policies[0].Conditions; !cmp.Equal(got, tt.want) {
				t.Errorf("conditions %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGuestsAndExternalUsers(t *testing.T) {
	users := `{"value": [
		{"id": "g1", "userPrincipalName": "vendor_x.com#EXT#@t.onmicrosoft.com", "userType": "Guest", "accountEnabled": true, "memberOf": []},
		{"id": "m1", "userPrincipalName": "eng@t.example", "userType": "Member", "accountEnabled": true, "memberOf": []}]}`
	tests := []struct {
		name      string
		users     string
		guest     string // enforcement of g1
		member    string // enforcement of m1
		incl, exc []string
	}{
		{"guest inclusion", `"includeUsers": [], "includeGuestsOrExternalUsers": {"guestOrExternalUserTypes": "b2bCollaborationGuest,b2bCollaborationMember", "externalTenants": {"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", "membershipKind": "all"}}, "excludeGuestsOrExternalUsers": null`,
			"enforced", "not_covered", []string{"GuestsOrExternalUsers"}, []string{}},
		{"guest exclusion", `"includeUsers": ["All"], "excludeGuestsOrExternalUsers": {"guestOrExternalUserTypes": "internalGuest,b2bCollaborationGuest", "externalTenants": {"membershipKind": "all"}}`,
			"excluded", "enforced", []string{"All"}, []string{"GuestsOrExternalUsers"}},
		{"guest marker in includeUsers", `"includeUsers": ["GuestsOrExternalUsers"]`,
			"enforced", "not_covered", []string{"GuestsOrExternalUsers"}, []string{}},
		{"all-null guest objects", `"includeUsers": ["All"], "includeGuestsOrExternalUsers": {"guestOrExternalUserTypes": null, "externalTenants": null}, "excludeGuestsOrExternalUsers": {"guestOrExternalUserTypes": null, "externalTenants": null}`,
			"enforced", "enforced", []string{"All"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol := caPolicy(tt.users, `{"operator": "OR", "builtInControls": ["mfa"]}`, "")
			_, data, err := collectJSON(t, nil, users, pol)
			if err != nil {
				t.Fatal(err)
			}
			p := data.Policies[0]
			if !cmp.Equal(p.IncludeUsers, tt.incl) || !cmp.Equal(p.ExcludeUsers, tt.exc) {
				t.Errorf("include %v exclude %v, want %v %v", p.IncludeUsers, p.ExcludeUsers, tt.incl, tt.exc)
			}
			got := map[string]string{}
			for _, u := range data.Users {
				got[u.ID] = u.Enforcement
			}
			if got["g1"] != tt.guest || got["m1"] != tt.member {
				t.Errorf("guest %q member %q, want %q %q", got["g1"], got["m1"], tt.guest, tt.member)
			}
		})
	}
}

func TestLegacyAuthBlock(t *testing.T) {
	tests := []struct {
		name    string
		clients string
		grant   string
		extra   string
		want    string
	}{
		{"block eas and other", `["exchangeActiveSync", "other"]`, `["block"]`, "", "blocked"},
		{"block other only", `["other"]`, `["block"]`, "", "not_blocked"},
		{"mfa for legacy clients", `["exchangeActiveSync", "other"]`, `["mfa"]`, "", "not_blocked"},
		{"block with a real device condition", `["exchangeActiveSync", "other"]`, `["block"]`, `"devices": {"deviceFilter": {"mode": "include", "rule": "device.trustType -eq \"AzureAD\""}},`, "not_blocked"},
		{"block from named locations only", `["exchangeActiveSync", "other"]`, `["block"]`, `"locations": {"includeLocations": ["nl-1"]},`, "not_blocked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"id": "legacy", "displayName": "Block legacy", "state": "enabled",
				"conditions": {` + tt.extra + `"clientAppTypes": ` + tt.clients + `, "platforms": {"includePlatforms": null, "excludePlatforms": null},
					"users": {"includeUsers": ["All"], "excludeGuestsOrExternalUsers": null}, "applications": {"includeApplications": ["All"]}},
				"grantControls": {"operator": "OR", "builtInControls": ` + tt.grant + `}, "sessionControls": null}`
			_, data, err := collectJSON(t, nil, body)
			if err != nil {
				t.Fatal(err)
			}
			if data.Summary.LegacyAuth != tt.want {
				t.Errorf("legacy_auth %q, want %q", data.Summary.LegacyAuth, tt.want)
			}
		})
	}
}

// TestMFAForAllUsersAndAdmins: the two common baseline policies count as
// enforcing for the users and roles they include.
func TestMFAForAllUsersAndAdmins(t *testing.T) {
	users := `{"value": [
		{"id": "adm", "userPrincipalName": "adm@t.example", "accountEnabled": true,
		 "memberOf": [{"@odata.type": "#microsoft.graph.directoryRole", "displayName": "Global Administrator", "roleTemplateId": "62e90394-69f5-4237-9190-012177145e10"}]},
		{"id": "usr", "userPrincipalName": "usr@t.example", "accountEnabled": true, "memberOf": []}]}`
	admins := `{"id": "ca-adm", "displayName": "MFA for admins", "state": "enabled",
		"conditions": {"clientAppTypes": ["all"], "platforms": null, "applications": {"includeApplications": ["All"]},
			"users": {"includeUsers": [], "includeRoles": ["62e90394-69f5-4237-9190-012177145e10"], "excludeGuestsOrExternalUsers": null}},
		"grantControls": {"operator": "OR", "builtInControls": ["mfa"]}, "sessionControls": null}`
	all := strings.Replace(strings.Replace(admins, `"includeRoles": ["62e90394-69f5-4237-9190-012177145e10"]`, `"includeUsers": ["All"]`, 1), `"includeUsers": [], `, "", 1)
	all = strings.Replace(strings.Replace(all, "ca-adm", "ca-all", 1), "MFA for admins", "MFA for all users", 1)
	tests := []struct {
		name      string
		policies  []string
		adm, usr  string
		admBy     []string
		enforcing []string
	}{
		{"admins only", []string{admins}, "enforced", "not_covered", []string{"MFA for admins"}, []string{"MFA for admins"}},
		{"all users only", []string{all}, "enforced", "enforced", []string{"MFA for all users"}, []string{"MFA for all users"}},
		{"both", []string{admins, all}, "enforced", "enforced", []string{"MFA for admins", "MFA for all users"}, []string{"MFA for admins", "MFA for all users"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, data, err := collectJSON(t, nil, append([]string{users}, tt.policies...)...)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]mfa.User{}
			for _, u := range data.Users {
				got[u.ID] = u
			}
			if got["adm"].Enforcement != tt.adm || got["usr"].Enforcement != tt.usr {
				t.Errorf("adm %q usr %q, want %q %q", got["adm"].Enforcement, got["usr"].Enforcement, tt.adm, tt.usr)
			}
			if !cmp.Equal(got["adm"].EnforcedBy, tt.admBy) {
				t.Errorf("adm enforced_by %v, want %v", got["adm"].EnforcedBy, tt.admBy)
			}
			if !cmp.Equal(data.Summary.EnforcingMFAPolicies, tt.enforcing) {
				t.Errorf("enforcing_mfa_policies %v, want %v", data.Summary.EnforcingMFAPolicies, tt.enforcing)
			}
		})
	}
}
