package mfa_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

// fuzzOne writes data to a file and collects it with format set; any
// failure must be an *evidence.InputError naming the file, never a panic.
func fuzzOne(t *testing.T, format string, data []byte) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.dat")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := map[string]any{"ot_access_groups": []any{"OT"}}
	if format != "" {
		opts["format"] = format
	}
	_, _, err := collect(t, newSource(dir, []string{path}, opts))
	if err == nil {
		return
	}
	var ie *evidence.InputError
	if !errors.As(err, &ie) || ie.Path != "in.dat" {
		t.Fatalf("error %v (%T) is not an InputError naming in.dat", err, err)
	}
}

func seed(f *testing.F, files ...string) {
	for _, name := range files {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
}

func FuzzEntra(f *testing.F) {
	seed(f, "corpus/capolicy_CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA.json",
		"corpus/graph_v1_userRegistrationDetails_docs_example.json", "corpus/scubagear_sample_authentication_method.json",
		"corpus/scubagear_sample_conditional_access_policies.json", "fixtures/tenant_policies.json", "fixtures/bad_shape.json",
		"../../../testdata/realworld/identity/graph_beta_conditionalaccesspolicy_get.json",
		"../../../testdata/realworld/identity/graph_v1_capolicy_exo_mfa_created.json")
	f.Add([]byte(`{"value": [{"displayName": "sparse", "conditions": {"users": {"includeGuestsOrExternalUsers": {"guestOrExternalUserTypes": "internalGuest"}}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"], "termsOfUse": ["t"], "authenticationStrength": {"requirementsSatisfied": "mfa"}}}]}`))
	f.Add([]byte(`{"privileged_users": {"a": {"roles": ["Global Administrator"]}}, "conditional_access_policies": [{"State": "enabled", "Conditions": {"Users": {"IncludeUsers": ["All"]}}, "GrantControls": {"BuiltInControls": ["mfa"]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOne(t, "entra", data) })
}

func FuzzOkta(f *testing.F) {
	seed(f, "corpus/okta_example_AuthenticatorsResponse.json", "corpus/okta_example_ListFactorsResults.json",
		"corpus/okta_example_list-all-sign-on-policy-rule-response.json", "corpus/okta_example_list-mfa-enroll-policy-response.json",
		"../../../testdata/realworld/identity/okta_authenticator_enrollments_list.json",
		"../../../testdata/realworld/identity/okta_access_policy_rule_constraints_object.json")
	f.Add([]byte(`[{"id": "00g1", "objectClass": ["okta:user_group"], "type": "OKTA_GROUP", "profile": {"name": "OT"}, "members": ["00u1", {"id": "00u2"}]}]`))
	f.Add([]byte(`[{"id": "00u1", "status": "ACTIVE", "profile": {"login": "a@b"}, "groups": ["OT"]}]`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOne(t, "okta", data) })
}

func FuzzCSV(f *testing.F) {
	seed(f, "fixtures/vpn_users.csv", "fixtures/bad_quote.csv", "fixtures/latin1.csv")
	f.Add([]byte("\xff\xfeu\x00s\x00e\x00r\x00\n\x00a\x00\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOne(t, "csv", data) })
}

func FuzzDetect(f *testing.F) {
	seed(f, "corpus/okta_example_list-okta-sign-on-policy-response.json", "corpus/scubagear_sample_authorization_policies.json", "fixtures/tenant_users.json", "fixtures/truncated.json", "fixtures/odd_utf16.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOne(t, "", data) })
}
