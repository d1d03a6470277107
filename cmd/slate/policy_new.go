package main

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/slate-ot/slate/collectors"
	"io/fs"
	"maps"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/collectors/mfa"
	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// The scaffold's Rego lives in text/template files next to the command:
// they are the files a consultant starts from, easier to read and change
// as Rego than as Go strings.
//
//go:embed templates/*.tmpl
var templateFS embed.FS

var scaffoldTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"wrap":  wrapComment,
	"rego":  regoLiteral,
	"quote": strconvQuote,
}).ParseFS(templateFS, "templates/*.tmpl"))

var _ Options = (*NewPolicyOptions)(nil)

// NewPolicyOptions describe the check `slate policy new` writes.
type NewPolicyOptions struct {
	Dir          string
	Requirements []string
	Severity     string
	Owner        string
	Evidence     string
	ID           string
	Force        bool
}

// AddFlags adds the scaffold's flags.
func (o *NewPolicyOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.Dir, "dir", ".", "directory to write the check into (created if needed)")
	f.StringArrayVar(&o.Requirements, "requirement", nil, `requirement the check evaluates, e.g. "SR 7.8" or "CM-8" (repeatable; at least one)`)
	f.StringVar(&o.Severity, "severity", "medium", "severity of the check's findings: "+strings.Join(evidence.Severities, ", "))
	f.StringVar(&o.Owner, "owner", "OT", "team that fixes the findings: "+strings.Join(evidence.Owners, ", "))
	f.StringVar(&o.Evidence, "evidence", assets.Kind, "evidence kind the rule reads: "+strings.Join(scaffoldKinds(), ", "))
	f.StringVar(&o.ID, "id", "", `custom.id of the check (default "CUSTOM-" and NAME in capitals)`)
	f.BoolVar(&o.Force, "force", false, "overwrite files that exist")
	_ = cmd.MarkFlagRequired("requirement")
	_ = cmd.MarkFlagDirname("dir")
	_ = cmd.RegisterFlagCompletionFunc("evidence", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return scaffoldKinds(), cobra.ShellCompDirectiveNoFileComp
	})
}

func newPolicyNewCmd() *cobra.Command {
	var o NewPolicyOptions
	cmd := &cobra.Command{
		Use:   "new NAME --requirement ID [--requirement ID...]",
		Short: "Write a custom check, its Rego tests and an example input to start from",
		Long: `new writes, into --dir, NAME.rego (a working check over one evidence kind
with its METADATA filled in), NAME_test.rego (a test that passes a good
record and one that catches a bad one) and testdata/NAME_input.json (a
whole input document as the engine builds it). NAME is snake_case; the
package is slate.checks.custom.NAME. Requirement ids are checked against
the catalogs. Existing files are left alone unless --force is given.

Edit the rule, then run 'slate policy test DIR' and 'slate policy lint DIR',
and list DIR in the assessment file: policies { paths = ["DIR"] }.`,
		Example: `  slate policy new backup_verified --requirement "SR 7.3" --requirement CP-9 --dir policies
  slate policy new telnet_off --requirement "SR 1.1" --evidence netconfig --severity high`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := o.Scaffold(args[0])
			if err != nil {
				return err
			}
			if err := o.write(files); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			for _, name := range slices.Sorted(maps.Keys(files)) {
				fmt.Fprintln(w, "wrote", filepath.Join(o.Dir, filepath.FromSlash(name)))
			}
			_, err = fmt.Fprintf(w, "next: slate policy test --no-builtin %[1]s && slate policy lint %[1]s; then add %[1]q to the assessment's policies { paths }\n", o.Dir)
			return err
		},
	}
	o.AddFlags(cmd)
	return cmd
}

// checkName is a valid NAME: it becomes a Rego package segment and file
// names.
var checkName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// checkID is a valid custom.id: plain enough to need no YAML quoting.
var checkID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// regoReserved are words a package segment cannot be.
var regoReserved = []string{"as", "contains", "data", "default", "else", "every", "false", "if",
	"import", "in", "input", "not", "null", "package", "some", "true", "with"}

// snakeName checks NAME and returns it in snake_case: "BackupVerified" and
// "backup_verified" both give "backup_verified".
func snakeName(name string) (string, error) {
	if !checkName.MatchString(name) {
		return "", fmt.Errorf("check name %q: use letters, digits and _ only, starting with a letter (e.g. %q)", name, suggestName(name))
	}
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextLower := i > 0 && i+1 < len(rs) && unicode.IsUpper(rs[i-1]) && unicode.IsLower(rs[i+1])
			if prevLower || nextLower {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	snake := b.String()
	for strings.Contains(snake, "__") {
		snake = strings.ReplaceAll(snake, "__", "_")
	}
	snake = strings.Trim(snake, "_")
	if slices.Contains(regoReserved, snake) {
		return "", fmt.Errorf("check name %q is a Rego keyword; choose another", name)
	}
	return snake, nil
}

// suggestName turns a rejected name into one that would do.
func suggestName(name string) string {
	s := strings.Trim(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(name, "_"), "_")
	if s == "" || !unicode.IsLetter(rune(s[0])) {
		s = "check_" + s
	}
	return strings.ToLower(strings.TrimSuffix(s, "_"))
}

// scaffoldData is what the templates see.
type scaffoldData struct {
	checkKind
	Name, Package, ID, Severity, Owner string
	Requirements                       []string
	// Document and Source name the example evidence document.
	Document, Source string
	Assessment       any
	Good, Bad        any
	// Zones is the Rego set of every zone of the example assessment.
	Zones string
}

// Scaffold checks the options and returns the files of the check NAME,
// by path relative to the directory.
func (o *NewPolicyOptions) Scaffold(name string) (map[string][]byte, error) {
	snake, err := snakeName(name)
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	var problems []string
	kind, ok := lookupScaffoldKind(o.Evidence)
	if !ok {
		problems = append(problems, fmt.Sprintf("--evidence %q: use one of %s", o.Evidence, strings.Join(scaffoldKinds(), ", ")))
	}
	severity := strings.ToLower(o.Severity)
	if !slices.Contains(evidence.Severities, severity) {
		problems = append(problems, fmt.Sprintf("--severity %q: use one of %s", o.Severity, strings.Join(evidence.Severities, ", ")))
	}
	owner := strings.ToUpper(o.Owner)
	if !slices.Contains(evidence.Owners, owner) {
		problems = append(problems, fmt.Sprintf("--owner %q: use one of %s", o.Owner, strings.Join(evidence.Owners, ", ")))
	}
	id := o.ID
	if id == "" {
		id = "CUSTOM-" + strings.ToUpper(strings.ReplaceAll(snake, "_", "-"))
	}
	if !checkID.MatchString(id) {
		problems = append(problems, fmt.Sprintf("--id %q: use letters, digits, '.', '_' and '-' only", id))
	}
	reqs, reqProblems, err := qualifyRequirements(o.Requirements)
	if err != nil {
		return nil, err
	}
	problems = append(problems, reqProblems...)
	if len(problems) == 0 {
		builtin, err := engine.LoadPolicies(".", nil)
		if err != nil {
			return nil, err
		}
		for _, r := range builtin.Rules {
			if r.ID == id {
				problems = append(problems, fmt.Sprintf("custom.id %s is already used by the built-in check %s; pass another with --id", id, r.Package))
			}
		}
	}
	if len(problems) > 0 {
		return nil, withCode(ExitUsage, errors.New(strings.Join(problems, "\n  ")))
	}
	s, err := kind.sample()
	if err != nil {
		return nil, fmt.Errorf("example %s evidence: %w", kind.Kind, err)
	}
	a := exampleAssessment()
	zones := make([]string, len(a.Zones))
	for i, z := range a.Zones {
		zones[i] = strconvQuote(z.Name)
	}
	data := scaffoldData{
		checkKind: kind, Name: snake, Package: "slate.checks.custom." + snake, ID: id,
		Severity: severity, Owner: owner, Requirements: reqs,
		Source: "example", Document: kind.Kind + "/example",
		Assessment: struct {
			Name     string               `json:"name"`
			AsOf     string               `json:"as_of"`
			Zones    []assessment.Zone    `json:"zones"`
			Conduits []assessment.Conduit `json:"conduits"`
		}{a.Name, a.AsOf, a.Zones, a.Conduits},
		Good: s.good, Bad: s.bad,
		Zones: "{" + strings.Join(zones, ", ") + "}",
	}
	files := map[string][]byte{}
	for file, tmpl := range map[string]string{snake + ".rego": "check.rego.tmpl", snake + "_test.rego": "check_test.rego.tmpl"} {
		var b bytes.Buffer
		if err := scaffoldTemplates.ExecuteTemplate(&b, tmpl, data); err != nil {
			return nil, fmt.Errorf("render %s: %w", file, err)
		}
		files[file] = b.Bytes()
	}
	input, err := exampleInput(a, kind, s)
	if err != nil {
		return nil, err
	}
	files["testdata/"+snake+"_input.json"] = input
	return files, nil
}

// qualifyRequirements qualifies ids and checks them against the catalogs,
// returning them in catalog order and a problem per unknown id.
func qualifyRequirements(ids []string) ([]string, []string, error) {
	cat, err := catalog.Load()
	if err != nil {
		return nil, nil, err
	}
	var out, problems []string
	for _, id := range ids {
		key := catalog.Qualify(id)
		if !cat.Known(key) {
			problems = append(problems, fmt.Sprintf("--requirement %q: unknown requirement (write e.g. \"SR 7.8\", \"iec62443-3-3:SR 7.8\" or \"CM-8\")", id))
			continue
		}
		if !slices.Contains(out, key) {
			out = append(out, key)
		}
	}
	if len(ids) == 0 {
		problems = append(problems, "give at least one --requirement")
	}
	cat.SortKeys(out)
	return out, problems, nil
}

// write puts files into o.Dir, refusing to replace any unless o.Force.
func (o *NewPolicyOptions) write(files map[string][]byte) error {
	names := slices.Sorted(maps.Keys(files))
	if !o.Force {
		var exist []string
		for _, name := range names {
			p := filepath.Join(o.Dir, filepath.FromSlash(name))
			if _, err := os.Lstat(p); err == nil {
				exist = append(exist, p)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		if len(exist) > 0 {
			return withCode(ExitUsage, fmt.Errorf("%s already exist(s); pass --force to overwrite", strings.Join(exist, ", ")))
		}
	}
	for _, name := range names {
		p := filepath.Join(o.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// checkKind is the starting rule for one evidence kind: the records it
// walks, when a record is a finding, and two example records.
type checkKind struct {
	Kind string
	// List is the field of the document data holding the records; Record
	// names one of them in comments.
	List, Record string
	// Title, Description and Remediation fill the METADATA.
	Title, Description, Remediation string
	// Finds says in words when a record is a finding; Match says it in
	// Rego over `record` (and `doc`), one condition a line.
	Finds string
	Match []string
	// Subject, Zone, Message and Ref are Rego expressions for the
	// finding's fields; Zone names a zone or "".
	Subject, Zone, Message, Ref string
	// WantSubject and WantZone are what the check reports for the bad
	// example record.
	WantSubject, WantZone string
	// Version is the collector version recorded in provenance.
	Version string
	// sample returns two records of the collector's types, one the rule
	// passes and one it reports, and the document data holding both.
	sample func() (sample, error)
}

type sample struct {
	good, bad any
	data      any
	// file is the input the example records were read from.
	file string
}

// checkKinds lists the evidence kinds a check can be scaffolded for,
// sorted by kind.
var checkKinds = []checkKind{
	{
		Kind: assets.Kind, List: "assets", Record: "inventoried asset",
		Title:       "Every inventoried asset names the team that owns it",
		Description: "Each record of the asset inventories says which team (IT or OT) is responsible for the component, so that every finding about it reaches someone who can act.",
		Remediation: "Fill in the owner column of the inventory for every component, and keep it current when responsibilities change.",
		Finds:       "names no owner",
		Match:       []string{`object.get(record, "owner", "") == ""`},
		Subject:     `sprintf("asset:%s", [object.get(record, "name", record.id)])`,
		Zone:        `object.get(record, "zone", "")`,
		Message:     `sprintf("%s names no owner in the inventory", [object.get(record, "name", record.id)])`,
		Ref:         `{"document": doc.id, "record": record.id, "file": record.file, "line": record.line}`,
		WantSubject: "asset:hmi-02", WantZone: "control",
		Version: assets.Version,
		sample:  assetsSample,
	},
	{
		Kind: mfa.Kind, List: "users", Record: "privileged user with OT access",
		Title:       "Privileged users who reach OT sign in with MFA",
		Description: "Every privileged identity that reaches an OT zone is covered by an enforced multi-factor authentication policy.",
		Remediation: "Enforce MFA for every privileged account with OT access, in the identity provider's conditional-access policies or on the remote-access gateway.",
		Finds:       "is not covered by enforced MFA",
		Match:       []string{"record.privileged", `record.ot_access == "yes"`, "not record.mfa_enforced", "some zone in record.ot_zones"},
		Subject:     `sprintf("user:%s", [record.id])`,
		Zone:        "zone",
		Message:     `sprintf("privileged user %s reaches zone %s without enforced MFA (%s)", [record.id, zone, record.enforcement])`,
		Ref:         `{"document": doc.id, "record": record.id, "file": record.file, "line": object.get(record, "line", 0)}`,
		WantSubject: "user:j.berg", WantZone: "control",
		Version: mfa.Version,
		sample:  mfaSample,
	},
	{
		Kind: netconfig.Kind, List: "devices", Record: "network device",
		Title:       "Network devices do not accept Telnet for management",
		Description: "Switches, routers and firewalls are managed over encrypted protocols only; Telnet sends passwords and sessions in cleartext.",
		Remediation: "Disable the Telnet server and allow only SSH on the terminal lines (transport input ssh).",
		Finds:       "accepts Telnet",
		Match:       []string{"record.management.telnet.enabled"},
		Subject:     `sprintf("device:%s", [record.hostname])`,
		Zone:        "record.management_zone",
		Message:     `sprintf("%s accepts Telnet for management", [record.hostname])`,
		Ref:         `{"document": doc.id, "record": record.file, "file": record.file, "line": record.management.telnet.line}`,
		WantSubject: "device:sw-ctl-01", WantZone: "control",
		Version: netconfig.Version,
		sample:  netconfigSample,
	},
	{
		Kind: pcap.Kind, List: "flows", Record: "network flow",
		Title:       "No Telnet sessions are seen on the OT network",
		Description: "Captured traffic shows no Telnet conversation: it carries logins and commands in cleartext.",
		Remediation: "Replace Telnet with SSH on the devices and clients involved, and block tcp/23 at the zone boundaries.",
		Finds:       "speaks Telnet",
		Match:       []string{`record.protocol == "telnet"`},
		Subject:     "record.id",
		Zone:        "record.server.zone",
		Message:     `sprintf("%s opened a Telnet session to %s", [record.client.ip, record.server.ip])`,
		Ref:         `{"document": doc.id, "record": record.id}`,
		WantSubject: "flow:9d6a909ac2f7c196", WantZone: "control",
		Version: pcap.Version,
		sample:  pcapSample,
	},
}

// scaffoldKinds lists the registered kinds (collectors/registry.go) that
// have a starting rule, in the table's order.
func scaffoldKinds() []string {
	var out []string
	for _, spec := range collectors.Specs() {
		if _, ok := lookupScaffoldKind(spec.Kind); ok {
			out = append(out, spec.Kind)
		}
	}
	return out
}

func lookupScaffoldKind(kind string) (checkKind, bool) {
	i := slices.IndexFunc(checkKinds, func(k checkKind) bool { return k.Kind == kind })
	if i < 0 {
		return checkKind{}, false
	}
	if _, ok := collectors.Lookup(kind); !ok {
		return checkKind{}, false
	}
	return checkKinds[i], true
}

// exampleAssessment is the site the examples belong to: a control room
// and a production cell behind an enterprise network.
func exampleAssessment() *assessment.Assessment {
	sl := func(l int) assessment.SLVector { return assessment.SLVector{l, l, l, l, l, l, l} }
	return &assessment.Assessment{Assessment: model.Assessment{
		Name: "example", Site: "Example plant", AsOf: "2026-11-01",
		Frameworks: []assessment.Framework{{ID: assessment.FrameworkIEC62443}, {ID: assessment.FrameworkNIST, Baseline: "moderate"}},
		Zones: []assessment.Zone{
			{Name: "cell", Kind: "ot", Networks: []netip.Prefix{netip.MustParsePrefix("10.40.1.0/24")}, VLANs: []int{41}, SLTarget: sl(2), Owner: "OT", Description: "Production cell 1"},
			{Name: "control", Kind: "ot", Networks: []netip.Prefix{netip.MustParsePrefix("10.30.0.0/24")}, VLANs: []int{30}, SLTarget: sl(2), Owner: "OT", Description: "Control room"},
			{Name: "enterprise", Kind: "it", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.0.0/16")}, VLANs: []int{10}, SLTarget: sl(1), Owner: "IT", Description: "Office network"},
		},
		Conduits: []assessment.Conduit{
			{Name: "control-cell", From: "control", To: "cell", Services: []string{"profinet", "s7comm"}},
		},
	}}
}

// exampleInput is input as engine.Input builds it for a site with one
// source of the kind holding the sample records, indented for reading.
func exampleInput(a *assessment.Assessment, k checkKind, s sample) ([]byte, error) {
	src := evidence.Source{Kind: k.Kind, Name: "example"}
	sum := sha256.Sum256([]byte(s.file))
	doc, err := evidence.NewDocument(src, evidence.Provenance{
		Collector: k.Kind, CollectorVersion: k.Version,
		Files:       []evidence.File{{Path: s.file, Size: 2048, SHA256: hex.EncodeToString(sum[:])}},
		RecordsRead: 2, Warnings: []evidence.Warning{},
	}, s.data)
	if err != nil {
		return nil, err
	}
	b := evidence.NewBundle(evidence.AssessmentRef{Name: a.Name, Site: a.Site, File: "assessment.hcl"}, a.AsOf, []evidence.Document{doc})
	raw, err := engine.Input(a, b, a.AsOf, []string{k.Kind})
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func assetsSample() (sample, error) {
	const file = "evidence/inventory.csv"
	good := assets.Asset{
		ID: file + ":2", Name: "plc-01", IP: "10.40.1.10", IPs: []string{"10.40.1.10"}, MAC: "00:1b:1b:4d:01:10",
		Vendor: "Siemens", Model: "S7-1516F-3 PN/DP", Firmware: "V2.9.7", Zone: "cell", ZoneSource: "inventory",
		Criticality: "critical", Owner: "OT", Location: "Cell 1 cabinet", Role: "PLC",
		LastPatched: "2026-04-22", EndOfSupport: "2035-12-31", File: file, Line: 2,
	}
	bad := assets.Asset{
		ID: file + ":3", Name: "hmi-02", IP: "10.30.0.21", IPs: []string{"10.30.0.21"}, MAC: "00:0e:8c:aa:01:21",
		Vendor: "Siemens", Model: "SIMATIC IPC477E", Firmware: "V15.1", Zone: "control", ZoneSource: "inventory",
		Criticality: "high", Location: "Control room", Role: "HMI", LastPatched: "2025-02-11", File: file, Line: 3,
	}
	data := assets.Data{
		Assets: []assets.Asset{good, bad},
		Files: []assets.InputFile{{Path: file, Format: "csv", Delimiter: ";", Encoding: "utf-8", HeaderLine: 1,
			Columns: map[string]string{"criticality": "Criticality", "end_of_support": "End of Support", "firmware": "Firmware",
				"ip": "IP Address", "last_patched": "Last Patched", "location": "Location", "mac": "MAC Address", "model": "Model",
				"name": "Hostname", "owner": "Owner", "role": "Role", "vendor": "Manufacturer", "zone": "Zone"}}},
	}
	return finish(sample{good: good, bad: bad, data: &data, file: file})
}

func mfaSample() (sample, error) {
	const file = "evidence/identity/vpn-users.csv"
	yes := true
	good := mfa.User{
		ID: "a.okafor", Name: "Ada Okafor", Provider: "csv", Privileged: true,
		Groups: []string{"OT-Admins"}, RemoteAccess: []string{"OT-VPN"},
		OTAccess: "yes", OTAccessVia: []string{"group:OT-Admins", "remote:OT-VPN"}, OTZones: []string{"cell", "control"},
		MFARegistered: &yes, Methods: []string{"FIDO2"}, Strength: "phishing_resistant", MFAEnforced: true,
		Enforcement: "enforced", EnforcedBy: []string{"export:" + file}, WeakestAllowed: "phishing_resistant",
		LastSignIn: "2026-10-29", File: file, Line: 2, Files: []string{file},
	}
	bad := mfa.User{
		ID: "j.berg", Name: "Jonas Berg", Provider: "csv", Privileged: true,
		Groups: []string{"OT-Engineers"}, RemoteAccess: []string{"OT-VPN"},
		OTAccess: "yes", OTAccessVia: []string{"group:OT-Engineers", "remote:OT-VPN"}, OTZones: []string{"control"},
		Methods: []string{"password"}, Strength: "none", Enforcement: "not_covered",
		LastSignIn: "2026-10-21", File: file, Line: 3, Files: []string{file},
	}
	data := mfa.Data{
		Users:   []mfa.User{good, bad},
		Summary: mfa.Summary{Providers: []string{"csv"}, LegacyAuth: "unknown"},
		OTMapping: mfa.OTMapping{Configured: true, Groups: []string{"OT-Admins", "OT-Engineers"},
			GroupZones:       map[string][]string{"OT-Admins": {"cell", "control"}, "OT-Engineers": {"control"}},
			RemoteAccessApps: []string{"OT-VPN"}},
		Files:         []mfa.InputFile{{Path: file, Format: "csv", Content: "users", Encoding: "utf-8", Records: 2}},
		SecretColumns: []string{"Password"},
	}
	return finish(sample{good: good, bad: bad, data: &data, file: file})
}

// netconfigSample reads two short configurations with the collector's own
// parser, so the devices carry every field a real one does.
func netconfigSample() (sample, error) {
	const common = "!\nversion 17.9\nservice timestamps log datetime msec\nservice password-encryption\n!\nhostname %s\n!\n" +
		"username admin privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM\n" +
		"aaa new-model\naaa authentication login default local\n!\n" +
		"interface Mgmt0\n ip address %s 255.255.255.0\n!\n" +
		"logging host 10.20.0.40\nntp server 10.30.0.5\n!\nline vty 0 4\n login local\n transport input %s\n!\nend\n"
	src := evidence.Source{Kind: netconfig.Kind, Name: "example", Zones: []evidence.Zone{
		{Name: "cell", Networks: []netip.Prefix{netip.MustParsePrefix("10.40.1.0/24")}, VLANs: []int{41}},
		{Name: "control", Networks: []netip.Prefix{netip.MustParsePrefix("10.30.0.0/24")}, VLANs: []int{30}},
	}}
	good, err := netconfig.ParseDevice(src, "evidence/configs/sw-cell-01.cfg", fmt.Appendf(nil, common, "sw-cell-01", "10.40.1.2", "ssh"), "")
	if err != nil {
		return sample{}, err
	}
	bad, err := netconfig.ParseDevice(src, "evidence/configs/sw-ctl-01.cfg", fmt.Appendf(nil, common, "sw-ctl-01", "10.30.0.2", "telnet ssh"), "")
	if err != nil {
		return sample{}, err
	}
	data := netconfig.Data{Devices: []netconfig.Device{good, bad}}
	return finish(sample{good: good, bad: bad, data: &data, file: "evidence/configs/sw-ctl-01.cfg"})
}

func pcapSample() (sample, error) {
	const file = "evidence/span-control-cell.pcap"
	good := traffic.Flow{
		ID: "flow:5be1c0a4a2f8e6d1", Transport: "tcp", VLAN: 30,
		Client:   traffic.Endpoint{IP: "10.20.0.15", Port: 51522, MAC: "00:50:56:9a:20:15", Zone: "dmz"},
		Server:   traffic.Endpoint{IP: "10.30.0.10", Port: 4840, MAC: "00:0e:8c:aa:01:10", Zone: "control"},
		Protocol: "opcua", IdentifiedBy: "payload", PacketsToSrv: 5, PacketsToCli: 4, BytesToSrv: 412, BytesToCli: 339,
		FirstSeen: "2026-10-28T08:00:00.010000000Z", LastSeen: "2026-10-28T08:00:00.031500000Z", Handshake: true,
	}
	bad := traffic.Flow{
		ID: "flow:9d6a909ac2f7c196", Transport: "tcp", VLAN: 30,
		Client:   traffic.Endpoint{IP: "10.30.0.50", Port: 49205, MAC: "3c:52:82:11:22:50", Zone: "control"},
		Server:   traffic.Endpoint{IP: "10.30.0.2", Port: 23, MAC: "00:80:63:c0:30:02", Zone: "control"},
		Protocol: "telnet", IdentifiedBy: "payload", PacketsToSrv: 14, PacketsToCli: 6, BytesToSrv: 869, BytesToCli: 420,
		FirstSeen: "2026-10-28T08:00:00.060000000Z", LastSeen: "2026-10-28T08:00:00.088500000Z", Handshake: true,
	}
	data := traffic.Data{
		Inputs: []traffic.Input{{Path: file, Format: "pcap", LinkTypes: []string{"ethernet"}, Packets: 29, Bytes: 2040,
			FirstSeen: good.FirstSeen, LastSeen: bad.LastSeen}},
		Flows: []traffic.Flow{good, bad},
		Protocols: []traffic.Protocol{
			{Name: "opcua", Flows: 1, Packets: 9, Bytes: 751},
			{Name: "telnet", Flows: 1, Packets: 20, Bytes: 1289},
		},
	}
	return finish(sample{good: good, bad: bad, data: &data, file: file})
}

// finish gives every list and map of the sample that JSON would write as
// null an empty value instead, as the collectors do, and dereferences the
// data.
func finish(s sample) (sample, error) {
	v := reflect.ValueOf(s.data)
	if v.Kind() != reflect.Pointer {
		return s, fmt.Errorf("sample data %T is not a pointer", s.data)
	}
	fillEmpty(v.Elem())
	s.data = v.Elem().Interface()
	for _, r := range []*any{&s.good, &s.bad} {
		p := reflect.New(reflect.TypeOf(*r))
		p.Elem().Set(reflect.ValueOf(*r))
		fillEmpty(p.Elem())
		*r = p.Elem().Interface()
	}
	return s, nil
}

// fillEmpty replaces nil slices and maps in v that have no omitempty tag.
func fillEmpty(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fillEmpty(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			fillEmpty(v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			omit := strings.Contains(f.Tag.Get("json"), ",omitempty")
			switch {
			case fv.Kind() == reflect.Slice && fv.IsNil() && !omit:
				fv.Set(reflect.MakeSlice(f.Type, 0, 0))
			case fv.Kind() == reflect.Map && fv.IsNil() && !omit:
				fv.Set(reflect.MakeMap(f.Type))
			}
			fillEmpty(fv)
		}
	}
}

// wrapComment folds text into comment lines of at most 76 columns, each
// starting with prefix.
func wrapComment(text, prefix string) string {
	var lines []string
	line := prefix
	for _, w := range strings.Fields(text) {
		if line != prefix && len(line)+1+len(w) > 76 {
			lines = append(lines, line)
			line = prefix
		}
		if line != prefix {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// regoLiteral writes v as a Rego value (JSON is valid Rego), one member
// a line, with arrays and objects that fit in a line written inline. Keys
// keep the order of v's JSON.
func regoLiteral(v any) (string, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	n, err := readNode(dec)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	n.write(&b, "")
	return b.String(), nil
}

// node is a JSON value with object keys in document order.
type node struct {
	scalar string // encoded scalar; "" for arrays and objects
	object bool
	keys   []string
	elems  []node
}

func readNode(dec *json.Decoder) (node, error) {
	tok, err := dec.Token()
	if err != nil {
		return node{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := node{object: t == '{'}
		for dec.More() {
			if n.object {
				k, err := dec.Token()
				if err != nil {
					return node{}, err
				}
				key, _ := k.(string)
				n.keys = append(n.keys, key)
			}
			e, err := readNode(dec)
			if err != nil {
				return node{}, err
			}
			n.elems = append(n.elems, e)
		}
		_, err := dec.Token() // the closing delimiter
		return n, err
	case json.Number:
		return node{scalar: t.String()}, nil
	default:
		raw, err := json.Marshal(t)
		return node{scalar: string(raw)}, err
	}
}

// inline is n on one line.
func (n node) inline() string {
	if n.scalar != "" {
		return n.scalar
	}
	parts := make([]string, len(n.elems))
	for i, e := range n.elems {
		parts[i] = e.inline()
		if n.object {
			parts[i] = strconvQuote(n.keys[i]) + ": " + parts[i]
		}
	}
	if n.object {
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (n node) write(b *strings.Builder, indent string) {
	if s := n.inline(); len(indent)*4+len(s) <= 100 {
		b.WriteString(s)
		return
	}
	open, closing := "[", "]"
	if n.object {
		open, closing = "{", "}"
	}
	b.WriteString(open + "\n")
	for i, e := range n.elems {
		b.WriteString(indent + "\t")
		if n.object {
			b.WriteString(strconvQuote(n.keys[i]) + ": ")
		}
		e.write(b, indent+"\t")
		b.WriteString(",\n")
	}
	b.WriteString(indent + closing)
}

// strconvQuote writes s as a Rego string.
func strconvQuote(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}
