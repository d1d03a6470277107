package mfa_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/collectortest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCases are sources over testdata, one golden document each. The
// corpus files are grouped as one identity provider would be exported.
var goldenCases = []struct {
	name  string
	files []string
	opts  map[string]any
}{
	{name: "entra_capolicies", files: []string{
		"corpus/capolicy_CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA.json",
		"corpus/capolicy_CA002-Global-IdentityProtection-AnyApp-AnyPlatform-Block-LegacyAuthentication.json",
		"corpus/capolicy_CA100-Admins-IdentityProtection-AdminPortals-AnyPlatform-MFA.json",
		"corpus/capolicy_CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA.json",
		"corpus/graph_v1_userRegistrationDetails_docs_example.json",
	}},
	{name: "entra_scubagear_export", files: []string{"corpus/scubagear_sample_ProviderSettingsExport.json"},
		opts: map[string]any{"privileged_roles": []any{"Exchange Administrator"}}},
	{name: "entra_scubagear_parts", files: []string{
		"corpus/scubagear_sample_authentication_method.json",
		"corpus/scubagear_sample_authorization_policies.json",
		"corpus/scubagear_sample_conditional_access_policies.json",
	}, opts: map[string]any{"format": "entra"}},
	{name: "okta", files: []string{
		"corpus/okta_example_AuthenticatorsResponse.json",
		"corpus/okta_example_ListFactorsResults.json",
		"corpus/okta_example_list-all-sign-on-policy-rule-response.json",
		"corpus/okta_example_list-mfa-enroll-policy-response.json",
		"corpus/okta_example_list-okta-sign-on-policy-response.json",
		"corpus/okta_example_list-password-policy-response.json",
	}},
	{name: "crafted_tenant", files: []string{"fixtures/tenant_users.json", "fixtures/tenant_policies.json"},
		opts: map[string]any{"ot_access_groups": map[string]any{"OT-Remote": []any{"control"}}}},
	{name: "graph_users_joined", files: []string{"fixtures/tenant_users.json", "fixtures/graph_users.json", "fixtures/tenant_policies.json"},
		opts: map[string]any{"ot_access_groups": map[string]any{"OT-Remote": []any{"control"}}}},
	{name: "okta_users_rules", files: []string{"fixtures/okta_users.json", "fixtures/okta_rules.json", "fixtures/okta_factors_eng.json"},
		opts: map[string]any{"ot_access_groups": []any{"OT-Remote"}}},
	{name: "vpn_csv", files: []string{"fixtures/vpn_users.csv"},
		opts: map[string]any{"ot_access_groups": []any{"OT-Operators", "OT-Engineers"}, "remote_access_apps": []any{"OT-VPN"}}},
}

func TestGolden(t *testing.T) {
	dir := abs(t, "testdata")
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			var files []string
			for _, f := range tc.files {
				files = append(files, filepath.Join(dir, f))
			}
			doc, _, err := collect(t, newSource(dir, files, tc.opts))
			if err != nil {
				t.Fatal(err)
			}
			collectortest.GoldenJSON(t, filepath.Join(dir, "golden", tc.name+".json"), doc, *update)
		})
	}
}
