package mfa_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/evidence"
)

// TestSparseExports: a known schema with fields missing is read; what is
// missing is unknown and a warning names the file and the JSON path.
// Only a file that is not the schema at all is rejected.
func TestSparseExports(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		warnings []string // substrings, in order
		check    func(t *testing.T, doc evidence.Document, body string)
	}{
		{name: "policy without state",
			body:     `{"value": [{"id": "p1", "displayName": "No state", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"builtInControls": ["mfa"]}}]}`,
			warnings: []string{"$.value[0].state: no state; policy No state is read with state unknown"}},
		{name: "policy without conditions",
			body:     `[{"id": "p2", "state": "enabled", "grantControls": {"builtInControls": ["block"]}}]`,
			warnings: []string{"$[0].conditions: no conditions"}},
		{name: "policy with null conditions and no controls",
			body:     `[{"id": "p3", "state": "enabled", "conditions": null, "grantControls": null}]`,
			warnings: []string{"$[0].conditions: no conditions"}},
		{name: "registration record without id",
			body:     `{"value": [{"userPrincipalName": null, "isMfaRegistered": true, "methodsRegistered": []}, {"id": "u1", "userPrincipalName": "a@t.example", "isMfaRegistered": false}]}`,
			warnings: []string{"$.value[0].id: no id or userPrincipalName; record skipped"}},
		{name: "okta user without id or login",
			body:     `[{"status": "ACTIVE", "profile": {"email": "x@t.example"}}, {"id": "00u1", "status": "ACTIVE", "profile": {"login": "y@t.example"}}]`,
			warnings: []string{"$[0].id: no id or profile.login; record skipped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, data, err := collectJSON(t, nil, tt.body)
			if err != nil {
				t.Fatalf("a sparse export is read, not rejected: %v", err)
			}
			var got []string
			for _, w := range doc.Provenance.Warnings {
				if w.File != "f0.json" {
					t.Errorf("warning %q names file %q", w.Message, w.File)
				}
				got = append(got, w.Message)
			}
			if len(got) != len(tt.warnings) {
				t.Fatalf("warnings %q, want %q", got, tt.warnings)
			}
			for i, w := range tt.warnings {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q, want it to contain %q", got[i], w)
				}
			}
			for _, p := range data.Policies {
				if p.ID == "p1" && (p.State != "unknown" || p.Enforcing || !slices.Contains(p.Gaps, "state_unknown")) {
					t.Errorf("p1 state %q enforcing %v, want unknown, not enforcing", p.State, p.Enforcing)
				}
				if p.ID == "p3" && (p.RequiresMFA || p.Blocks) {
					t.Errorf("p3 requires nothing, got %+v", p)
				}
			}
		})
	}
}

// TestUnknownStateIsUnresolved: a user covered only by a policy whose state
// the export leaves out is unresolved, neither enforced nor not covered.
func TestUnknownStateIsUnresolved(t *testing.T) {
	users := `{"value": [{"id": "u1", "userPrincipalName": "a@t.example", "accountEnabled": true, "memberOf": []}]}`
	pol := `[{"id": "p1", "displayName": "No state", "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}}, "grantControls": {"builtInControls": ["mfa"]}}]`
	_, data, err := collectJSON(t, nil, users, pol)
	if err != nil {
		t.Fatal(err)
	}
	if u := data.Users[0]; u.Enforcement != "unresolved" || !cmp.Equal(u.UnresolvedBy, []string{"No state"}) || u.MFAEnforced {
		t.Errorf("enforcement %q unresolved_by %v enforced %v", u.Enforcement, u.UnresolvedBy, u.MFAEnforced)
	}
}

func TestNotTheSchemaIsRejected(t *testing.T) {
	for _, body := range []string{`{"hello": "world"}`, `[{"name": "x"}]`, `42`} {
		_, _, err := collectJSON(t, nil, body)
		var ie *evidence.InputError
		if !errors.As(err, &ie) || ie.Path != "f0.json" {
			t.Errorf("%s: error %v, want an input error naming f0.json", body, err)
		}
	}
}

func TestOktaShapes(t *testing.T) {
	rule := func(constraints string) string {
		return `[{"id": "r1", "name": "R", "status": "ACTIVE", "type": "ACCESS_POLICY", "conditions": null,
			"actions": {"appSignOn": {"access": "ALLOW", "verificationMethod": {"factorMode": "2FA", "type": "ASSURANCE", "constraints": ` + constraints + `}}}}]`
	}
	tests := []struct {
		name, body, strength string
	}{
		{"constraints object (spec)", rule(`{"possession": {"phishingResistant": "REQUIRED"}}`), "phishing_resistant"},
		{"constraints array (API)", rule(`[{"knowledge": {"types": ["password"]}}, {"possession": {"phishingResistant": "REQUIRED"}}]`), "phishing_resistant"},
		{"constraints null", rule(`null`), "mfa"},
		{"constraints knowledge only", rule(`{"knowledge": {"required": true, "types": ["password"]}}`), "mfa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, data, err := collectJSON(t, nil, tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if p := data.Policies[0]; !p.RequiresMFA || p.StrengthClass != tt.strength {
				t.Errorf("requires_mfa %v strength %q, want true %q", p.RequiresMFA, p.StrengthClass, tt.strength)
			}
		})
	}
}

// TestOktaEnrollmentsAreOneUsers: GET /users/{id}/authenticator-enrollments
// describes one user's methods, never the tenant's authenticators.
func TestOktaEnrollmentsAreOneUsers(t *testing.T) {
	enrollments := `[{"type": "security_key", "id": "fwf1", "key": "webauthn", "status": "ACTIVE", "name": "Security Key", "nickname": null,
		"_links": {"user": {"href": "https://x.okta.com/api/v1/users/00uA"}}},
		{"type": "phone", "id": "sms1", "key": "phone_number", "status": "INACTIVE", "name": "Phone", "nickname": "Work",
		"_links": {"user": {"href": "https://x.okta.com/api/v1/users/00uA"}}}]`
	tenant := `[{"id": "aut1", "key": "phone_number", "name": "Phone", "status": "ACTIVE", "type": "phone", "settings": {}}]`
	_, data, err := collectJSON(t, nil, enrollments, tenant)
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Users) != 1 || data.Users[0].ID != "00uA" || !cmp.Equal(data.Users[0].Methods, []string{"webauthn"}) || data.Users[0].Strength != "phishing_resistant" {
		t.Fatalf("users %+v", data.Users)
	}
	if len(data.Methods) != 1 || data.Methods[0].Name != "phone_number" {
		t.Errorf("tenant methods %+v, want only the tenant's phone authenticator", data.Methods)
	}
	contents := map[string]string{}
	for _, f := range data.Files {
		contents[f.Path] = f.Content
	}
	if !cmp.Equal(contents, map[string]string{"f0.json": "authenticator_enrollments", "f1.json": "authenticators"}) {
		t.Errorf("contents %v", contents)
	}
}

// TestOktaGroupMembership: policies name groups by id; membership from a
// groups export with members or users with _embedded groups resolves them.
func TestOktaGroupMembership(t *testing.T) {
	users := `[{"id": "00uA", "status": "ACTIVE", "profile": {"login": "a@t.example"}},
		{"id": "00uB", "status": "ACTIVE", "profile": {"login": "b@t.example"}, "_embedded": {"groups": [{"id": "00gOT", "profile": {"name": "OT-Remote"}}]}},
		{"id": "00uC", "status": "ACTIVE", "profile": {"login": "c@t.example"}, "_embedded": {"groups": []}}]`
	groups := `[{"id": "00gOT", "objectClass": ["okta:user_group"], "type": "OKTA_GROUP", "profile": {"name": "OT-Remote", "description": null}, "members": ["00uA"]}]`
	rules := `[{"id": "r1", "name": "OT MFA", "status": "ACTIVE", "type": "SIGN_ON",
		"conditions": {"people": {"groups": {"include": ["00gOT"]}}}, "actions": {"signon": {"access": "ALLOW", "requireFactor": true}}}]`
	_, data, err := collectJSON(t, map[string]any{"ot_access_groups": []any{"OT-Remote"}}, users, groups, rules)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ ID, OT, Enforcement string }
	var got []row
	for _, u := range data.Users {
		got = append(got, row{u.ID, u.OTAccess, u.Enforcement})
	}
	want := []row{{"00uA", "yes", "enforced"}, {"00uB", "yes", "enforced"}, {"00uC", "no", "not_covered"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
