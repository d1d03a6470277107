package mfa_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/collectors/mfa"
	"github.com/slate-ot/slate/evidence"
)

// row is one line of a per-user MFA table.
type row struct {
	ID, Name       string
	Privileged     bool
	Enforcement    string
	WeakestAllowed string
}

func table(d mfa.Data) []row {
	var out []row
	for _, u := range d.Users {
		out = append(out, row{u.ID, u.Name, u.Privileged, u.Enforcement, u.WeakestAllowed})
	}
	return out
}

// TestScubaGearTenant checks the per-user table of the ScubaGear sample
// tenant (testdata/corpus/scubagear_sample_ProviderSettingsExport.json).
//
// How the expected table was derived by hand from the file:
//   - users: the export lists only privileged users, under
//     "privileged_users": John Public (66b4d5c2…, 8 roles incl. Global
//     Administrator), Jane Doe (b49c71b8…, Global/Exchange/SharePoint
//     Administrator) and John Doe (1bdebb27…, Exchange and SharePoint
//     Administrator). All three are privileged.
//   - enforcement: of the 7 "conditional_access_policies", the only one
//     whose GrantControls require MFA is "MS.AAD.3.2v1 …" (State "enabled",
//     IncludeUsers ["All"], no exclusions, IncludeApplications ["All"],
//     ClientAppTypes ["all"], AuthenticationStrength "Multifactor
//     authentication"). It covers everyone, so all three are "enforced".
//     The block policies are either conditional on risk or device-code
//     flow, or the legacy-authentication block (MS.AAD.1.1v1).
//   - weakest allowed method: the "Multifactor authentication" strength
//     allows password+sms and password+voice, but
//     "authentication_method" disables Sms, Voice and Email; the weakest
//     enabled method is MicrosoftAuthenticator/TemporaryAccessPass, so
//     "app_or_otp".
//   - registration: the export has no userRegistrationDetails, so
//     mfa_registered is absent (unknown) for all three.
func TestScubaGearTenant(t *testing.T) {
	dir := abs(t, "testdata/corpus")
	_, data, err := collect(t, newSource(dir, []string{filepath.Join(dir, "scubagear_sample_ProviderSettingsExport.json")}, nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{"1bdebb27-053d-48f2-9413-d836ebedf0e8", "John Doe", true, "enforced", "app_or_otp"},
		{"66b4d5c2-71c9-4644-8728-74e3a8324d81", "John Public", true, "enforced", "app_or_otp"},
		{"b49c71b8-d1a0-4e36-8f6d-9e66fbb98f0d", "Jane Doe", true, "enforced", "app_or_otp"},
	}
	if diff := cmp.Diff(want, table(data)); diff != "" {
		t.Errorf("per-user table (-want +got):\n%s", diff)
	}
	for _, u := range data.Users {
		if u.MFARegistered != nil {
			t.Errorf("%s: mfa_registered = %v, want unknown", u.ID, *u.MFARegistered)
		}
	}
	if data.Summary.LegacyAuth != "blocked" || !cmp.Equal(data.Summary.LegacyBlockedBy, []string{"MS.AAD.1.1v1 Legacy authentication SHALL be blocked"}) {
		t.Errorf("legacy auth %q by %v", data.Summary.LegacyAuth, data.Summary.LegacyBlockedBy)
	}
}

func TestCraftedTenant(t *testing.T) {
	dir := abs(t, "testdata/fixtures")
	files := []string{filepath.Join(dir, "tenant_users.json"), filepath.Join(dir, "tenant_policies.json")}
	_, data, err := collect(t, newSource(dir, files, map[string]any{"ot_access_groups": map[string]any{"OT-Remote": []any{"control"}}}))
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		// Has Global Administrator? isAdmin only: the role id of p2 cannot be
		// matched, so p2 is unresolved and p1 is report-only.
		{"u-admin", "Eng Admin", true, "unresolved", ""},
		// Excluded by name from the report-only policy p1.
		{"u-vendor", "Vendor", false, "excluded", ""},
	}
	if diff := cmp.Diff(want, table(data)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	adm := data.Users[0]
	if adm.OTAccess != "yes" || !cmp.Equal(adm.OTZones, []string{"control"}) || !adm.WeakMethods || adm.Strength != "sms_voice" {
		t.Errorf("admin: ot %q zones %v weak %v strength %q", adm.OTAccess, adm.OTZones, adm.WeakMethods, adm.Strength)
	}
	if !cmp.Equal(adm.ReportOnlyBy, []string{"Require MFA all users"}) || !cmp.Equal(adm.UnresolvedBy, []string{"Admins phishing-resistant"}) {
		t.Errorf("admin: report-only %v unresolved %v", adm.ReportOnlyBy, adm.UnresolvedBy)
	}
	if data.Summary.LegacyAuth != "not_blocked" || data.Summary.UnresolvedUsers != 1 {
		t.Errorf("summary %+v", data.Summary)
	}
	p1 := data.Policies[0]
	if !cmp.Equal(p1.Gaps, []string{"excludes_users", "legacy_clients_not_covered", "report_only"}) {
		t.Errorf("p1 gaps %v", p1.Gaps)
	}
}

func TestCSV(t *testing.T) {
	dir := abs(t, "testdata/fixtures")
	doc, data, err := collect(t, newSource(dir, []string{filepath.Join(dir, "vpn_users.csv")},
		map[string]any{"ot_access_groups": []any{"OT-Operators", "OT-Engineers"}, "remote_access_apps": []any{"OT-VPN"}}))
	if err != nil {
		t.Fatal(err)
	}
	type csvRow struct {
		ID                string
		Priv, Enf, Shared bool
		OT, Strength      string
		Remote            []string
	}
	var got []csvRow
	for _, u := range data.Users {
		got = append(got, csvRow{u.ID, u.Privileged, u.MFAEnforced, u.Shared, u.OTAccess, u.Strength, u.RemoteAccess})
	}
	want := []csvRow{
		{"akumar", true, true, false, "yes", "sms_voice", []string{"OT-VPN"}},
		{"jsmith", false, true, false, "yes", "app_or_otp", []string{"OT-VPN"}},
		{"mlee", false, true, false, "no", "phishing_resistant", []string{}},
		{"operator1", false, false, true, "yes", "none", []string{"OT-VPN"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !cmp.Equal(data.SecretColumns, []string{"Password"}) {
		t.Errorf("secret columns %v", data.SecretColumns)
	}
	if strings.Contains(string(doc.Data), "hunter2") {
		t.Error("a password reached the evidence")
	}
}

func TestBadInput(t *testing.T) {
	dir := abs(t, "testdata/fixtures")
	cases := []struct{ file, want string }{
		{"bad_shape.json", "bad_shape.json: $.value[0].conditions.users: expected an object, found an array"},
		{"truncated.json", "truncated.json:3: column 22: unexpected end of JSON input (truncated file?)"},
		{"bad_quote.csv", `bad_quote.csv:2: column 13: extraneous or missing " in quoted-field`},
		{"odd_utf16.json", "odd_utf16.json:1: invalid UTF-16: odd number of bytes (a truncated file?)"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			_, _, err := collect(t, newSource(dir, []string{filepath.Join(dir, tc.file)}, nil))
			var ie *evidence.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an InputError", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error\n%s\nwant prefix\n%s", err, tc.want)
			}
		})
	}
}

func TestFormatOption(t *testing.T) {
	dir := abs(t, "testdata/corpus")
	_, _, err := collect(t, newSource(dir, []string{filepath.Join(dir, "okta_example_ListFactorsResults.json")}, map[string]any{"format": "entra"}))
	if err == nil || !strings.Contains(err.Error(), "format is entra but the file holds okta factors") {
		t.Errorf("got %v", err)
	}
	_, _, err = collect(t, newSource(dir, nil, map[string]any{"format": "ldap"}))
	if err == nil || !strings.Contains(err.Error(), `option format must be`) {
		t.Errorf("got %v", err)
	}
}

func TestConformance(t *testing.T) {
	dir := abs(t, "testdata")
	collectortest.Conformance(t, mfa.New(), collectortest.Case{
		Good: newSource(dir, []string{filepath.Join(dir, "fixtures/vpn_users.csv"), filepath.Join(dir, "corpus/scubagear_sample_conditional_access_policies.json"), filepath.Join(dir, "fixtures/tenant_users.json")}, nil),
		Bad:  newSource(dir, []string{filepath.Join(dir, "fixtures/bad_shape.json")}, nil),
	})
}

// TestGraphUsers joins a Graph /users export with memberOf to the crafted
// tenant: group and role membership now resolve what was unresolved.
func TestGraphUsers(t *testing.T) {
	dir := abs(t, "testdata/fixtures")
	files := []string{filepath.Join(dir, "tenant_users.json"), filepath.Join(dir, "graph_users.json"), filepath.Join(dir, "tenant_policies.json")}
	_, data, err := collect(t, newSource(dir, files, map[string]any{"ot_access_groups": map[string]any{"OT-Remote": []any{"control"}}}))
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		// Global Administrator (memberOf) is included by p2, which requires
		// the phishing-resistant strength.
		{"u-admin", "Eng Admin", true, "enforced", "phishing_resistant"},
		{"u-vendor", "Vendor", false, "excluded", ""},
	}
	if diff := cmp.Diff(want, table(data)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	adm, vendor := data.Users[0], data.Users[1]
	if adm.OTAccess != "yes" || adm.LastSignIn != "2026-10-30T08:00:00Z" || !cmp.Equal(adm.Groups, []string{"OT-Remote", "g-ot"}) {
		t.Errorf("admin: %+v", adm)
	}
	if vendor.Enabled == nil || *vendor.Enabled || !vendor.Guest {
		t.Errorf("vendor: enabled %v guest %v", vendor.Enabled, vendor.Guest)
	}
}

// TestEncodings reads the same CSV in every encoding the collector accepts
// and refuses broken ones with their place: line and column, or the byte
// offset of binary content.
func TestEncodings(t *testing.T) {
	text := "user,mfa enforced\r\njsmith,yes\r\n"
	utf16 := func(s string, be bool) []byte {
		var b []byte
		for _, r := range s {
			if be {
				b = append(b, byte(r>>8), byte(r))
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		return b
	}
	good := map[string][]byte{
		"utf-8":     []byte(text),
		"utf-8-bom": append([]byte{0xEF, 0xBB, 0xBF}, text...),
		"utf-16le":  append([]byte{0xFF, 0xFE}, utf16(text, false)...),
		"utf-16be":  append([]byte{0xFE, 0xFF}, utf16(text, true)...),
	}
	dir := t.TempDir()
	for enc, raw := range good {
		p := filepath.Join(dir, enc+".csv")
		writeFile(t, p, raw)
		_, data, err := collect(t, newSource(dir, []string{p}, nil))
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		if data.Files[0].Encoding != enc || len(data.Users) != 1 || !data.Users[0].MFAEnforced {
			t.Errorf("%s: files %+v users %+v", enc, data.Files, data.Users)
		}
	}
	// BOM-less UTF-16LE is recognised by its zero bytes.
	p := filepath.Join(dir, "nobom.csv")
	writeFile(t, p, utf16(text, false))
	if _, data, err := collect(t, newSource(dir, []string{p}, nil)); err != nil || data.Files[0].Encoding != "utf-16le" {
		t.Errorf("BOM-less UTF-16: %v", err)
	}
	bad := map[string]struct {
		raw  []byte
		want string
	}{
		"surrogate.csv": {append([]byte{0xFF, 0xFE}, 'u', 0, 0x00, 0xD8, 'x', 0), "surrogate.csv:1: invalid UTF-16: unpaired surrogate at byte 4"},
		"nul.csv":       {[]byte("user\nab\x00c\n"), "nul.csv: byte 7: binary content (NUL byte)"},
		"bom_bad.json":  {[]byte("\xEF\xBB\xBF{\"value\": \"\xC3\"}"), "bom_bad.json:1: invalid UTF-8 (byte 0xC3 at byte 14, column 12 of the line)"},
		// JSON is never read as Windows-1252, whatever the format option says.
		"latin1.json": {[]byte("{\"value\": [\n{\"displayName\": \"M\xFCller\"}]}"), "latin1.json:2: invalid UTF-8 (byte 0xFC at byte 30, column 19 of the line)"},
	}
	for name, tc := range bad {
		p := filepath.Join(dir, name)
		writeFile(t, p, tc.raw)
		_, _, err := collect(t, newSource(dir, []string{p}, nil))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
	}
}

// TestWindows1252 reads a CSV export that is not UTF-8 as Windows-1252,
// with a warning, and the same file with CR-only line ends alike.
func TestWindows1252(t *testing.T) {
	dir := t.TempDir()
	for name, raw := range map[string]string{
		"lf.csv": "user;name;mfa enforced\nj.m\xFCller;J\xFCrgen M\xFCller;yes\n",
		"cr.csv": "user;name;mfa enforced\rj.m\xFCller;J\xFCrgen M\xFCller;yes\r",
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			writeFile(t, p, []byte(raw))
			doc, data, err := collect(t, newSource(dir, []string{p}, nil))
			if err != nil {
				t.Fatal(err)
			}
			if data.Files[0].Encoding != "windows-1252" || len(data.Users) != 1 || data.Users[0].ID != "j.müller" ||
				data.Users[0].Name != "Jürgen Müller" || !data.Users[0].MFAEnforced || data.Users[0].Line != 2 {
				t.Errorf("files %+v users %+v", data.Files, data.Users)
			}
			want := name + ": not UTF-8 text: read as Windows-1252 (Latin-1); save the file as UTF-8 if names look wrong"
			if len(doc.Provenance.Warnings) != 1 || doc.Provenance.Warnings[0].String() != want {
				t.Errorf("warnings %v, want %q", doc.Provenance.Warnings, want)
			}
		})
	}
}

func writeFile(t *testing.T, path string, raw []byte) {
	t.Helper()
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOkta(t *testing.T) {
	dir := abs(t, "testdata/fixtures")
	files := []string{filepath.Join(dir, "okta_users.json"), filepath.Join(dir, "okta_rules.json"), filepath.Join(dir, "okta_factors_eng.json")}
	doc, data, err := collect(t, newSource(dir, files, map[string]any{"ot_access_groups": []any{"OT-Remote"}}))
	if err != nil {
		t.Fatal(err)
	}
	type oktaRow struct {
		ID, Enforcement, Strength, OT string
		Shared                        bool
	}
	var got []oktaRow
	for _, u := range data.Users {
		got = append(got, oktaRow{u.ID, u.Enforcement, u.Strength, u.OTAccess, u.Shared})
	}
	want := []oktaRow{
		{"00u1eng", "enforced", "phishing_resistant", "yes", false},
		// svc_hmi is in the excluded group and is a generic service account.
		{"00u2svc", "excluded", "none", "yes", true},
		{"00u3old", "enforced", "none", "no", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if e := data.Users[2].Enabled; e == nil || *e {
		t.Errorf("deprovisioned user enabled = %v", e)
	}
	if strings.Contains(string(doc.Data), "secret-credential-id") {
		t.Error("a factor profile reached the evidence")
	}
}

func TestCSVColumnsOption(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "jump.csv")
	writeFile(t, p, []byte("Konto\tZwei-Faktor\tAdmin\nhmi01\tnein\tja\n"))
	_, _, err := collect(t, newSource(dir, []string{p}, map[string]any{"columns": map[string]any{"user": "Konto", "mfa_enforced": "2FA"}}))
	if err == nil || !strings.Contains(err.Error(), `jump.csv:1: option columns: no column "2FA" for mfa_enforced`) {
		t.Errorf("got %v", err)
	}
	_, data, err := collect(t, newSource(dir, []string{p}, map[string]any{"columns": map[string]any{"user": "Konto", "privileged": "Admin"}}))
	if err != nil {
		t.Fatal(err)
	}
	if u := data.Users[0]; u.ID != "hmi01" || !u.Privileged || !u.Shared {
		t.Errorf("user %+v", u)
	}
}

func TestEmptyLists(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	writeFile(t, a, []byte("[]"))
	writeFile(t, b, []byte(`{"@odata.context": "x", "value": []}`))
	_, data, err := collect(t, newSource(dir, []string{a, b}, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Users) != 0 || len(data.Files) != 2 || data.Files[0].Content != "empty_list" {
		t.Errorf("data %+v", data)
	}
}

// TestCSVDescription: a description column (an Active Directory export's
// Description, or a note) reaches the evidence, where the identity checks
// read it; rows without one leave it out.
func TestCSVDescription(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "users.csv")
	writeFile(t, p, []byte("SamAccountName,DisplayName,Description\nnight1,Night operator,Generic account for the night shift\nj.meyer,Jan Meyer,\n"))
	_, data, err := collect(t, newSource(dir, []string{p}, nil))
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for _, u := range data.Users {
		got = append(got, [2]string{u.ID, u.Description})
	}
	want := [][2]string{{"j.meyer", ""}, {"night1", "Generic account for the night shift"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
