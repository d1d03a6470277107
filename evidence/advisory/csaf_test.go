package advisory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/evidence/advisory/vers"
)

const corpus = "../../testdata/advisories"

func readCorpus(t testing.TB) map[string]Advisory {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpus, "cisa_ot", "*", "*.json"))
	if err != nil || len(files) < 30 {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	out := map[string]Advisory{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseCSAF(raw)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		a.File = filepath.ToSlash(strings.TrimPrefix(f, corpus+"/"))
		out[a.ID] = a
	}
	return out
}

// TestCorpusRanges reads every advisory of the corpus and holds every
// version range in it to a reading: only the ranges documented as
// undecidable (serial numbers, two lower bounds) may fail to place a
// version.
func TestCorpusRanges(t *testing.T) {
	undecidable := map[string]bool{}
	for id, a := range readCorpus(t) {
		if a.Title == "" || a.InitialRelease == "" || len(a.Products) == 0 || len(a.Vulnerabilities) == 0 {
			t.Errorf("%s: missing title, dates, products or vulnerabilities", id)
		}
		for _, p := range a.Products {
			if p.Range == nil {
				t.Errorf("%s %s: no version", id, p.ID)
				continue
			}
			if p.Vendor == "" || p.ProductName == "" {
				t.Errorf("%s %s: vendor %q product %q", id, p.ID, p.Vendor, p.ProductName)
			}
			if p.Range.Undecidable() {
				undecidable[p.Range.Raw] = true
			}
		}
		for _, v := range a.Vulnerabilities {
			if v.CVE == "" || len(v.Scores) == 0 || v.CWE == "" {
				t.Errorf("%s: vulnerability without CVE, score or CWE: %+v", id, v)
			}
		}
	}
	for raw := range undecidable {
		if !strings.Contains(raw, "serial") && raw != ">= 1.0 | >= 2.4" {
			t.Errorf("range %q cannot place a version", raw)
		}
	}
}

func TestParseCSAF(t *testing.T) {
	all := readCorpus(t)
	a := all["ICSA-22-195-01"]
	if a.Category != "csaf_security_advisory" || a.Version != "1" || a.Publisher == "" || a.CurrentRelease != "2022-07-14T00:00:00.000000Z" {
		t.Errorf("tracking: %+v", a)
	}
	p := a.Products[0]
	if p.ID != "CSAFPID-0001" || p.Vendor != "Siemens" || p.Version != "vers:all/<V5.5.2" || len(p.ModelNumbers) != 1 || p.ModelNumbers[0] != "6GK5200-4AH00-2BA3" {
		t.Errorf("product: %+v", p)
	}
	if p.Range.Contains("V5.5.1") != vers.In {
		t.Errorf("range: %+v", p.Range)
	}
	v := a.Vulnerabilities[0]
	if v.CVE != "CVE-2022-26647" || v.CWE != "CWE-330" || v.Scores[0].Version != "3.1" && v.Scores[0].Version != "3.0" {
		t.Errorf("vulnerability: %+v", v)
	}
	var fixes []string
	for _, r := range v.Remediations {
		if r.Category == "vendor_fix" {
			fixes = append(fixes, r.FixedVersion)
		}
	}
	if len(fixes) == 0 || fixes[0] != "V5.2.6" {
		t.Errorf("fixed versions: %q", fixes)
	}
	// fixed and known_not_affected statuses
	if s := all["ICSA-24-289-02"].Vulnerabilities[0].Status; len(s.Fixed) == 0 || len(s.KnownAffected) == 0 {
		t.Errorf("ICSA-24-289-02 status: %+v", s)
	}
	if s := all["ICSA-23-243-04"].Vulnerabilities[0].Status; len(s.KnownNotAffected) == 0 {
		t.Errorf("ICSA-23-243-04 status: %+v", s)
	}
	if _, err := ParseCSAF([]byte(`{"document":{}}`)); err != ErrNotCSAF {
		t.Errorf("non-CSAF: %v", err)
	}
	if _, err := ParseCSAF([]byte(`{"document":`)); err == nil {
		t.Error("truncated JSON read")
	}
}

func TestFixedVersion(t *testing.T) {
	for in, want := range map[string]string{
		"Update to V5.2.6 or later version":                        "V5.2.6",
		"Update to V2.9.2 or later version, migrate project":       "V2.9.2",
		"Users should upgrade to firmware version 2.07.2":          "2.07.2",
		"Version 8.2 of Data Center Expert includes a fix":         "8.2",
		"Currently no fix is planned":                              "",
		"Rockwell Automation encourages users to update to 11.004": "11.004",
	} {
		if got := FixedVersion(in); got != want {
			t.Errorf("FixedVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseKEV(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(corpus, "kev", "known_exploited_vulnerabilities.json"))
	if err != nil {
		t.Fatal(err)
	}
	k, err := ParseKEV(raw)
	if err != nil {
		t.Fatal(err)
	}
	if k.Version != "2025.08.25" || len(k.Vulnerabilities) != 1404 {
		t.Fatalf("catalog %s with %d entries", k.Version, len(k.Vulnerabilities))
	}
	found := 0
	for _, v := range k.Vulnerabilities {
		if v.CVE == "CVE-2023-6448" || v.CVE == "CVE-2017-17562" {
			found++
			if v.DateAdded == "" || v.DueDate == "" || v.Ransomware == "" {
				t.Errorf("%+v", v)
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of the two plant-vendor KEV entries", found)
	}
	if got := KEVAsOf(k.Vulnerabilities, "2023-01-01"); len(got) >= len(k.Vulnerabilities) || len(got) == 0 {
		t.Errorf("as of 2023-01-01: %d entries", len(got))
	}
	if _, err := ParseKEV([]byte(`{"title":"x"}`)); err != ErrNotKEV {
		t.Errorf("not KEV: %v", err)
	}
	if _, err := ParseKEV([]byte(`{"catalogVersion":"1","vulnerabilities":[{"cveID":"nope"}]}`)); err == nil || !strings.Contains(err.Error(), "vulnerabilities[0]") {
		t.Errorf("bad id: %v", err)
	}
}

func FuzzParseCSAF(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input it finds, which
	// for the 20–100 KB advisories of the corpus takes most of a run.
	f.Add([]byte(`{"document":{"csaf_version":"2.0","category":"csaf_vex","tracking":{"id":"X","initial_release_date":"2026-01-01T00:00:00Z","current_release_date":"2026-02-01T00:00:00Z"}},` +
		`"product_tree":{"branches":[{"category":"vendor","name":"Siemens AG, Belden Inc.","branches":[{"category":"product_family","name":"S7-1500 CPU family","branches":[` +
		`{"category":"product_version_range","name":">= 2.0 | <= 2.7 (if X)","product":{"product_id":"a","name":"x","product_identification_helper":{"model_numbers":["6ES7 516-3FN02-0AB0"],"cpe":"cpe:2.3:h:s:x:-","purl":"pkg:generic/s/x@1"}}},` +
		`{"category":"product_version","name":"and  5.028","product":{"product_id":"b","name":"y"}}]}]}]},` +
		`"vulnerabilities":[{"cve":"CVE-2026-0001","product_status":{"known_affected":["a"],"fixed":["b"]},"scores":[{"cvss_v3":{"version":"3.1","baseScore":9.8,"vectorString":"v"},"products":["a"]}],` +
		`"remediations":[{"category":"vendor_fix","details":"Update to V2.8 or later","product_ids":["a"]}]}]}`))
	f.Add([]byte(`{"document":{"csaf_version":"2.0"},"product_tree":{"branches":[{"category":"vendor","name":"x","branches":[{"category":"product_version_range","name":"<1","product":{"product_id":"a","name":"x"}}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseCSAF(data)
		if err != nil {
			return
		}
		ix := NewIndex([]Source{{Advisory: a, Document: "advisories/x"}}, nil, "2026-01-01")
		for _, p := range a.Products {
			ix.Match([]Subject{{Ref: "s", Vendor: p.Vendor, Model: p.ProductName, Firmware: "1.0", OrderNumber: strings.Join(p.ModelNumbers, "")}})
		}
	})
}
