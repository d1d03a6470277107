package attestation_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/evidence"
)

// brief renders an attestation on one line for table comparisons: place,
// id, requirement, scope and zones, verdict, evidence type, dates, and the
// optional fields that are set.
func brief(a evidence.Attestation) string {
	s := fmt.Sprintf("%s:%d %s | %s | %s %v | %s | %s | %s..%s", a.File, a.Line, a.ID, a.Requirement, a.Scope, a.Zones,
		a.Verdict, a.EvidenceType, a.Date, a.Expires)
	for _, f := range []struct{ name, v string }{
		{"severity", a.Severity}, {"owner", a.Owner}, {"note", a.Note}, {"remediation", a.Remediation},
	} {
		if f.v != "" {
			s += fmt.Sprintf(" | %s=%s", f.name, f.v)
		}
	}
	return s
}

// block is an attestation block with the required arguments and extra
// lines; scope = "site" unless the lines name zones.
func block(name string, lines ...string) string {
	body := []string{`requirement = "SR 1.1"`, `verdict = "pass"`, `evidence = "e"`, `attested_by = "a"`, `date = "2026-10-02"`, `expires = "2027-10-02"`}
	for _, l := range lines {
		key, _, _ := strings.Cut(l, "=")
		key = strings.TrimSpace(key)
		if key == "requirements" {
			key = "requirement"
		}
		replaced := false
		for i, b := range body {
			if strings.HasPrefix(b, key+" =") {
				body[i], replaced = l, true
			}
		}
		if !replaced {
			body = append(body, l)
		}
	}
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "zones") || strings.HasPrefix(l, "scope") }) {
		body = append(body, `scope = "site"`)
	}
	return fmt.Sprintf("attestation %q {\n  %s\n}\n", name, strings.Join(body, "\n  "))
}

const csvHeader = "requirement,zones,scope,verdict,evidence,evidence_type,attested_by,date,expires,note,severity,owner,remediation\n"

func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func TestCollect(t *testing.T) {
	tests := []struct {
		name     string
		files    [][2]string
		want     []string // brief of each attestation
		warnings []string
	}{
		{
			name:  "hcl defaults",
			files: [][2]string{{"a.hcl", block("badge", `requirement = "PE-3"`)}},
			want:  []string{"a.hcl:1 badge | nist-800-53r5:PE-3 | site [] | pass | document | 2026-10-02..2027-10-02"},
		},
		{
			name: "hcl every field, spellings normalised",
			files: [][2]string{{"a.hcl", block("ups", `requirement = "iec62443-3-3:SR 7.5"`, `zones = ["dmz", "cell"]`,
				`verdict = "FAIL"`, `evidence_type = "Interview"`, `severity = "High"`, `owner = "ot"`,
				`note = "  n  "`, `remediation = "r"`)}},
			want: []string{"a.hcl:1 ups | iec62443-3-3:SR 7.5 | zones [cell dmz] | fail | interview | 2026-10-02..2027-10-02 | severity=high | owner=OT | note=n | remediation=r"},
		},
		{
			name: "verdict spellings",
			files: [][2]string{{"a.hcl", block("a", `verdict = "Not Applicable"`) + block("b", `verdict = "n/a"`) +
				block("c", `verdict = "not-applicable"`)}},
			want: []string{
				"a.hcl:1 a | iec62443-3-3:SR 1.1 | site [] | not_applicable | document | 2026-10-02..2027-10-02",
				"a.hcl:10 b | iec62443-3-3:SR 1.1 | site [] | not_applicable | document | 2026-10-02..2027-10-02",
				"a.hcl:19 c | iec62443-3-3:SR 1.1 | site [] | not_applicable | document | 2026-10-02..2027-10-02",
			},
		},
		{
			name:  "requirements shorthand",
			files: [][2]string{{"a.hcl", block("wifi", `requirements = ["SR 2.2", "SR 1.6", "AC-2(1)"]`)}},
			want: []string{
				"a.hcl:1 wifi/iec62443-3-3:SR 1.6 | iec62443-3-3:SR 1.6 | site [] | pass | document | 2026-10-02..2027-10-02",
				"a.hcl:1 wifi/iec62443-3-3:SR 2.2 | iec62443-3-3:SR 2.2 | site [] | pass | document | 2026-10-02..2027-10-02",
				"a.hcl:1 wifi/nist-800-53r5:AC-2(1) | nist-800-53r5:AC-2(1) | site [] | pass | document | 2026-10-02..2027-10-02",
			},
		},
		{
			name: "requirements shorthand of one keeps the name; repeats are warnings",
			files: [][2]string{{"a.hcl", block("one", `requirements = ["SR 1.1 RE 1", "iec62443-3-3:SR 1.1 RE 1"]`,
				`zones = ["cell", "cell"]`)}},
			want: []string{"a.hcl:1 one | iec62443-3-3:SR 1.1 RE 1 | zones [cell] | pass | document | 2026-10-02..2027-10-02"},
			warnings: []string{
				"a.hcl:2: requirement iec62443-3-3:SR 1.1 RE 1 is listed twice; it is attested once",
				`a.hcl:8: zone "cell" is listed twice`,
			},
		},
		{
			name:  "severity and remediation of a pass are warnings",
			files: [][2]string{{"a.hcl", block("p", `severity = "low"`, `remediation = "none"`)}},
			want:  []string{"a.hcl:1 p | iec62443-3-3:SR 1.1 | site [] | pass | document | 2026-10-02..2027-10-02 | severity=low | remediation=none"},
			warnings: []string{
				`a.hcl:8: severity describes the gap of a failed attestation; with verdict "pass" it has no effect`,
				`a.hcl:9: remediation describes the gap of a failed attestation; with verdict "pass" it has no effect`,
			},
		},
		{
			name:     "empty and comment-only files are warnings",
			files:    [][2]string{{"a.hcl", "# nothing attested yet\n"}, {"b.csv", ""}, {"c.csv", csvHeader}, {"d.hcl", ""}},
			want:     nil,
			warnings: []string{"a.hcl: the file holds no attestations", "b.csv: the file holds no attestations", "c.csv: the file holds no attestations", "d.hcl: the file holds no attestations"},
		},
		{
			name: "csv with every column",
			files: [][2]string{{"a.csv", csvHeader +
				`SR 7.3,"control, cell",,pass,"Procedure OT-SEC-07, rev 3",photo,"J. Moreau",2026-10-02,2027-10-02,,,,` + "\n" +
				"AT-2,, Site ,Fail,Training records,,A. Keller,2026-10-03,2027-01-03,n,Medium,ciso,Train\n"}},
			want: []string{
				"a.csv:2 row 2 | iec62443-3-3:SR 7.3 | zones [cell control] | pass | photo | 2026-10-02..2027-10-02",
				"a.csv:3 row 3 | nist-800-53r5:AT-2 | site [] | fail | document | 2026-10-03..2027-01-03 | severity=medium | owner=CISO | note=n | remediation=Train",
			},
		},
		{
			name: "csv with semicolons, BOM, CRLF, header spelt freely, blank and multi-line rows",
			files: [][2]string{{"a.csv", "\xEF\xBB\xBF\r\nRequirement ; Attested By;VERDICT;Evidence;Date;Expires;Zones\r\n" +
				"SR 1.2;a;pass;\"two\r\nlines\";2026-10-02;2027-10-02;dmz|cell\r\n" +
				";;;;;;\r\n" +
				"\r\n" +
				"SR 1.3;a;pass;e;2026-10-02;2027-10-02;\" control , cell \"\r\n"}},
			want: []string{
				"a.csv:3 row 3 | iec62443-3-3:SR 1.2 | zones [cell dmz] | pass | document | 2026-10-02..2027-10-02",
				"a.csv:7 row 7 | iec62443-3-3:SR 1.3 | zones [cell control] | pass | document | 2026-10-02..2027-10-02",
			},
		},
		{
			name: "tab-delimited UTF-16 from a spreadsheet",
			files: [][2]string{{"a.csv", utf16LE("requirement\tverdict\tevidence\tattested_by\tdate\texpires\tnote\tScope\r\n" +
				"PE-3\tpass\tPhoto P-0142\tJ. Moreau\t2026-10-02\t2027-10-02\tZone d’accès\tsite\r\n")}},
			want: []string{"a.csv:2 row 2 | nist-800-53r5:PE-3 | site [] | pass | document | 2026-10-02..2027-10-02 | note=Zone d’accès"},
		},
		{
			name: "pipe-separated csv",
			files: [][2]string{{"a.csv", "requirement|verdict|evidence|attested_by|date|expires|zones\n" +
				"SR 1.1|pass|\"Badge log, gate 2\"|J. Moreau|2026-10-02|2027-10-02|\"control;cell\"\n"}},
			want: []string{"a.csv:2 row 2 | iec62443-3-3:SR 1.1 | zones [cell control] | pass | document | 2026-10-02..2027-10-02"},
		},
		{
			name: "CR-only line ends: lines are counted",
			files: [][2]string{{"a.csv", "requirement;verdict;evidence;attested_by;date;expires;scope\r" +
				"SR 1.1;pass;e;a;2026-10-02;2027-10-02;site\r\rSR 1.2;pass;e;a;2026-10-02;2027-10-02;site\r"}},
			want: []string{
				"a.csv:2 row 2 | iec62443-3-3:SR 1.1 | site [] | pass | document | 2026-10-02..2027-10-02",
				"a.csv:4 row 4 | iec62443-3-3:SR 1.2 | site [] | pass | document | 2026-10-02..2027-10-02",
			},
		},
		{
			name: "Windows-1252 csv is read with a warning",
			files: [][2]string{{"a.csv", "requirement;verdict;evidence;attested_by;date;expires;scope\r\n" +
				"SR 1.1;pass;e;J. M\xFCller;2026-10-02;2027-10-02;site\r\n"}},
			want:     []string{"a.csv:2 row 2 | iec62443-3-3:SR 1.1 | site [] | pass | document | 2026-10-02..2027-10-02"},
			warnings: []string{"a.csv: not UTF-8 text: read as Windows-1252 (Latin-1); save the file as UTF-8 if names look wrong"},
		},
		{
			name: "UTF-16 without a byte order mark",
			files: [][2]string{{"a.csv", utf16LE("requirement,verdict,evidence,attested_by,date,expires,scope\r\n" +
				"SR 1.1,pass,e,a,2026-10-02,2027-10-02,site\r\n")[2:]}},
			want: []string{"a.csv:2 row 2 | iec62443-3-3:SR 1.1 | site [] | pass | document | 2026-10-02..2027-10-02"},
		},
		{
			name:  "hcl with CR-only line ends",
			files: [][2]string{{"a.hcl", "# old editor\r" + strings.ReplaceAll(block("x"), "\n", "\r")}},
			want:  []string{"a.hcl:2 x | iec62443-3-3:SR 1.1 | site [] | pass | document | 2026-10-02..2027-10-02"},
		},
		{
			name: "two csv files: row ids name their file",
			files: [][2]string{
				{"b.csv", "requirement,verdict,evidence,attested_by,date,expires,scope\nSR 1.1,pass,e,a,2026-10-02,2027-10-02,site\n"},
				{"a.csv", "requirement,verdict,evidence,attested_by,date,expires,scope\nSR 1.2,pass,e,a,2026-10-02,2027-10-02,site\n"},
				{"c.hcl", block("row 2")},
			},
			want: []string{
				"a.csv:2 a.csv row 2 | iec62443-3-3:SR 1.2 | site [] | pass | document | 2026-10-02..2027-10-02",
				"b.csv:2 b.csv row 2 | iec62443-3-3:SR 1.1 | site [] | pass | document | 2026-10-02..2027-10-02",
				"c.hcl:1 row 2 | iec62443-3-3:SR 1.1 | site [] | pass | document | 2026-10-02..2027-10-02",
			},
		},
		{
			name:  "hcl with a byte order mark and upper-case extension",
			files: [][2]string{{"sub/A.HCL", "\xEF\xBB\xBF" + block("x")}},
			want:  []string{"sub/A.HCL:1 x | iec62443-3-3:SR 1.1 | site [] | pass | document | 2026-10-02..2027-10-02"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, paths := writeFiles(t, tc.files...)
			doc, atts, err := collect(t, newSource(dir, paths))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range atts {
				got = append(got, brief(a))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("attestations (-want +got):\n%s", diff)
			}
			var warnings []string
			for _, w := range doc.Provenance.Warnings {
				warnings = append(warnings, w.String())
			}
			if diff := cmp.Diff(tc.warnings, warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			if len(doc.Provenance.Files) != len(tc.files) {
				t.Errorf("provenance lists %d files, want %d", len(doc.Provenance.Files), len(tc.files))
			}
		})
	}
}

func TestCollectErrors(t *testing.T) {
	const h = "requirement,verdict,evidence,attested_by,date,expires,scope\n"
	tests := []struct {
		name  string
		files [][2]string
		zones []evidence.Zone
		want  string // the whole error text
	}{
		{
			name:  "unknown column",
			files: [][2]string{{"a.csv", "requirement,verdict,evidence,attested_by,date,expires,reviewer,Evidence Typ,zones\n"}},
			want: `a.csv:1: Unknown column; Column 7, "reviewer", is not an attestation column; the columns are requirement, zones, scope, verdict, evidence, evidence_type, attested_by, date, expires, note, severity, owner, remediation.` + "\n" +
				`a.csv:1: Unknown column; Column 8, "Evidence Typ", is not an attestation column; the columns are requirement, zones, scope, verdict, evidence, evidence_type, attested_by, date, expires, note, severity, owner, remediation. Did you mean "evidence_type"?`,
		},
		{
			name:  "missing, repeated and unnamed columns",
			files: [][2]string{{"a.csv", "requirement;verdict;Verdict;;evidence;date\nSR 1.1;pass;pass;;e;2026-10-02\n"}},
			want: "a.csv:1: Repeated column; Columns 2 and 3 both name verdict; delete one of them.\n" +
				"a.csv:1: Unnamed column; Column 4 has no name; name it or delete the column.\n" +
				"a.csv:1: Missing column; The header has no attested_by column; add it, with who attests in every row.\n" +
				"a.csv:1: Missing column; The header has no expires column; add it, with the day it stops holding in every row.\n" +
				`a.csv:1: Missing column; The header has neither a zones nor a scope column, so no row can say where it holds; add zones, with the zones where each attestation was examined (like "cell;control"), and scope, with site for one that holds for the whole site.`,
		},
		{
			name:  "no header",
			files: [][2]string{{"a.csv", "SR 1.1,pass,e,a,2026-10-02,2027-10-02\n"}},
			want:  "a.csv:1: Missing header row; The first row of an attestation CSV file names its columns, separated by commas, semicolons, tabs or pipes; the columns are requirement, zones, scope, verdict, evidence, evidence_type, attested_by, date, expires, note, severity, owner, remediation, and requirement, verdict, evidence, attested_by, date, expires are required.",
		},
		{
			name: "every bad row is reported",
			files: [][2]string{{"a.csv", h +
				"SR 1.1,pass,e,a,2026-10-02,site\n" +
				"SR 1.1,passed,e,a,2026-10-02,2027-10-02,site\n" +
				"SR 1.1,pass,,a,2026-10-02,2027-10-02,site\n" +
				"SR 9.9,pass,e,a,2026-10-02,2027-10-02,site\n" +
				"SR 1.1,pass,e,a,2026-10-02,02.10.2027,site\n" +
				"SR 1.1,pass,e,a,2026-10-02,2026-10-01,site\n"}},
			want: "a.csv:2: Wrong number of fields; The row has 6 fields but the header on line 1 has 7; quote fields that contain \",\".\n" +
				`a.csv:3: Invalid verdict; "passed" is not a valid verdict; use "pass", "fail" or "not_applicable". Did you mean "pass"?` + "\n" +
				`a.csv:4: Empty value; The evidence column of row 4 is empty; write what was examined, like "Procedure OT-SEC-07 rev 3".` + "\n" +
				`a.csv:5: Unknown requirement; No catalog defines "iec62443-3-3:SR 9.9"; write an IEC 62443-3-3 id like "SR 1.1" or "SR 1.1 RE 1", or a NIST SP 800-53 id like "PE-3" or "AC-2(1)", optionally qualified as "iec62443-3-3:SR 1.1".` + "\n" +
				`a.csv:6: Invalid date; "02.10.2027" is not a calendar date in the form YYYY-MM-DD; write expires like "2026-10-02".` + "\n" +
				`a.csv:7: Expiry not after the date; The attestation expires on 2026-10-01, which is not after the day it was made (2026-10-02); an attestation holds for a period, so set expires to a later day.`,
		},
		{
			name:  "zones must be declared",
			files: [][2]string{{"a.csv", "requirement,verdict,evidence,attested_by,date,expires,zones\nSR 1.1,pass,e,a,2026-10-02,2027-10-02,\"cel, plant\"\n"}},
			want: `a.csv:2: Unknown zone; "cel" is not a zone of the assessment; use "cell", "control" or "dmz". Did you mean "cell"?` + "\n" +
				`a.csv:2: Unknown zone; "plant" is not a zone of the assessment; use "cell", "control" or "dmz".`,
		},
		{
			name:  "no zones declared",
			files: [][2]string{{"a.hcl", block("z", `zones = ["cell"]`)}},
			zones: []evidence.Zone{},
			want:  `a.hcl:8:12: Unknown zone; "cell" is not a zone of the assessment; use a zone declared in the assessment file (it declares none).`,
		},
		{
			name:  "bare quote",
			files: [][2]string{{"a.csv", h + "SR 1.1,pass,Photo \"P-1\",a,2026-10-02,2027-10-02,site\n"}},
			want:  `a.csv:2: Invalid CSV; Column 19: bare " in non-quoted-field. A field that contains a double quote must itself be in double quotes, with the inner quote doubled: "Photo ""P-0142""".`,
		},
		{
			name:  "unclosed quote",
			files: [][2]string{{"a.csv", h + "SR 1.1,pass,\"e,a,2026-10-02,2027-10-02,site\nSR 1.2,pass,e,a,2026-10-02,2027-10-02,site\n"}},
			want:  `a.csv:2: Invalid CSV; Column 44: extraneous or missing " in quoted-field. The quoted field that starts on line 2 is not closed properly (error on line 3); close it with a double quote.`,
		},
		{
			name:  "duplicate names across files",
			files: [][2]string{{"a.hcl", block("x")}, {"b.hcl", "\n" + block("x", `requirement = "SR 1.2"`)}},
			want:  `b.hcl:2:13: Duplicate attestation; An attestation with the id "x" is already recorded at a.hcl:1; rename one of them.`,
		},
		{
			name:  "binary file",
			files: [][2]string{{"a.csv", h + "SR 1.1,pass,e\x00,a,2026-10-02,2027-10-02\n"}},
			want:  "a.csv:2: Not a text file; Binary content (NUL byte): not a text file.",
		},
		{
			name:  "invalid UTF-8",
			files: [][2]string{{"a.hcl", "# ok\n" + block("x", "note = \"caf\xE9\"")}},
			want:  "a.hcl:9:14: Not a text file; Invalid UTF-8 (byte 0xE9 at byte 164, column 14 of the line): save the file as UTF-8 text.",
		},
		{
			name:  "odd UTF-16",
			files: [][2]string{{"a.csv", "\xFF\xFEr\x00e"}},
			want:  "a.csv:1: Not a text file; Invalid UTF-16: odd number of bytes (a truncated file?).",
		},
		{
			name:  "unknown extension",
			files: [][2]string{{"a.xlsx", "PK"}},
			want:  "a.xlsx: Unknown file type; Attestation files are HCL (.hcl) or CSV (.csv), chosen by extension; rename the file or leave it out of the source's files.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, paths := writeFiles(t, tc.files...)
			src := newSource(dir, paths)
			if tc.zones != nil {
				src.Zones = tc.zones
			}
			_, _, err := collect(t, src)
			if err == nil {
				t.Fatal("Collect succeeded, want an error")
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			var ie *evidence.InputError
			if !errors.As(err, &ie) || !strings.HasPrefix(tc.want, ie.Path+":") {
				t.Errorf("error does not unwrap to an InputError for its first file: %#v", ie)
			}
		})
	}
}

// TestScope checks that every attestation says where it holds: zones or
// scope = "site", never neither nor both. Scope problems unwrap to an
// *evidence.ScopeError (the command line exits 2 on them); other problems
// do not.
func TestScope(t *testing.T) {
	const hclBody = "  requirement = \"SR 7.5\"\n  verdict = \"pass\"\n  evidence = \"UPS test log\"\n  attested_by = \"a\"\n  date = \"2026-10-02\"\n  expires = \"2027-10-02\"\n"
	const h = "requirement,zones,scope,verdict,evidence,attested_by,date,expires\n"
	tests := []struct {
		name  string
		file  [2]string
		want  string // the brief of the attestation, or the whole error text
		scope bool   // the error unwraps to an *evidence.ScopeError
	}{
		{
			name: "hcl zones",
			file: [2]string{"a.hcl", "attestation \"ups\" {\n" + hclBody + "  zones = [\"control\"]\n}\n"},
			want: "a.hcl:1 ups | iec62443-3-3:SR 7.5 | zones [control] | pass | document | 2026-10-02..2027-10-02",
		},
		{
			name: "hcl site",
			file: [2]string{"a.hcl", "attestation \"policy\" {\n" + hclBody + "  scope = \"Site\"\n}\n"},
			want: "a.hcl:1 policy | iec62443-3-3:SR 7.5 | site [] | pass | document | 2026-10-02..2027-10-02",
		},
		{
			name:  "hcl neither",
			file:  [2]string{"a.hcl", "# UPS\nattestation \"ups\" {\n" + hclBody + "}\n"},
			want:  `a.hcl:2:1: Missing scope; The attestation "ups" does not say where it holds; add zones = ["cell", "control"] naming the zones where it was examined, or scope = "site" if it holds for the whole site, like a site security policy.`,
			scope: true,
		},
		{
			name:  "hcl both",
			file:  [2]string{"a.hcl", "attestation \"ups\" {\n" + hclBody + "  zones = [\"control\"]\n  scope = \"site\"\n}\n"},
			want:  `a.hcl:9:11: Conflicting scope; The attestation "ups" says both scope = "site" and zones; remove zones if it holds for the whole site, or scope if it holds only in the zones listed.`,
			scope: true,
		},
		{
			name:  "hcl other scope",
			file:  [2]string{"a.hcl", "attestation \"ups\" {\n" + hclBody + "  scope = \"zones\"\n}\n"},
			want:  `a.hcl:8:11: Invalid scope; "zones" is not a scope; write scope = "site" for an attestation that holds for the whole site, or replace the line with zones = ["cell", "control"] naming the zones where it was examined.`,
			scope: true,
		},
		{
			name: "csv zones",
			file: [2]string{"a.csv", h + "SR 7.5,control;cell,,pass,UPS test log,a,2026-10-02,2027-10-02\n"},
			want: "a.csv:2 row 2 | iec62443-3-3:SR 7.5 | zones [cell control] | pass | document | 2026-10-02..2027-10-02",
		},
		{
			name: "csv site",
			file: [2]string{"a.csv", h + "SR 7.5,,SITE,pass,UPS test log,a,2026-10-02,2027-10-02\n"},
			want: "a.csv:2 row 2 | iec62443-3-3:SR 7.5 | site [] | pass | document | 2026-10-02..2027-10-02",
		},
		{
			name:  "csv neither",
			file:  [2]string{"a.csv", h + "SR 7.5,, ,pass,UPS test log,a,2026-10-02,2027-10-02\n"},
			want:  `a.csv:2: Missing scope; The row does not say where it holds; list the zones where it was examined in the zones column, like "cell;control", or write site in the scope column if it holds for the whole site, like a site security policy.`,
			scope: true,
		},
		{
			name:  "csv both",
			file:  [2]string{"a.csv", h + "SR 7.5,control,site,pass,UPS test log,a,2026-10-02,2027-10-02\n"},
			want:  `a.csv:2: Conflicting scope; The row has both zones and scope site; empty the zones cell if it holds for the whole site, or the scope cell if it holds only in the zones listed.`,
			scope: true,
		},
		{
			name:  "csv without either column",
			file:  [2]string{"a.csv", "requirement,verdict,evidence,attested_by,date,expires\nSR 7.5,pass,UPS test log,a,2026-10-02,2027-10-02\n"},
			want:  `a.csv:1: Missing column; The header has neither a zones nor a scope column, so no row can say where it holds; add zones, with the zones where each attestation was examined (like "cell;control"), and scope, with site for one that holds for the whole site.`,
			scope: true,
		},
		{
			name: "every problem of the file at once, a scope problem among them",
			file: [2]string{"a.csv", h + "SR 7.5,,,pass,UPS test log,a,2026-10-02,2027-10-02\n" + "SR 7.6,control,,passed,Baseline,a,2026-10-02,2027-10-02\n"},
			want: `a.csv:2: Missing scope; The row does not say where it holds; list the zones where it was examined in the zones column, like "cell;control", or write site in the scope column if it holds for the whole site, like a site security policy.` + "\n" +
				`a.csv:3: Invalid verdict; "passed" is not a valid verdict; use "pass", "fail" or "not_applicable". Did you mean "pass"?`,
			scope: true,
		},
		{
			name: "other problems are not scope problems",
			file: [2]string{"a.csv", h + "SR 7.6,control,,passed,Baseline,a,2026-10-02,2027-10-02\n"},
			want: `a.csv:2: Invalid verdict; "passed" is not a valid verdict; use "pass", "fail" or "not_applicable". Did you mean "pass"?`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, paths := writeFiles(t, tc.file)
			_, atts, err := collect(t, newSource(dir, paths))
			got := ""
			switch {
			case err != nil:
				got = err.Error()
			case len(atts) == 1:
				got = brief(atts[0])
			default:
				t.Fatalf("%d attestations, want 1", len(atts))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			se, isScope := errors.AsType[*evidence.ScopeError](err)
			if isScope != tc.scope {
				t.Errorf("error unwraps to a ScopeError: %v, want %v", isScope, tc.scope)
			}
			if isScope && (se.Path != tc.file[0] || !strings.HasPrefix(tc.want, fmt.Sprintf("%s:%d:", se.Path, se.Line))) {
				t.Errorf("ScopeError %q does not name the first scope problem", se.Error())
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	dir := t.TempDir()
	_, _, err := collect(t, newSource(dir, []string{filepath.Join(dir, "gone.hcl")}))
	if want := "gone.hcl: Cannot read file; The file does not exist."; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestTooManyProblems(t *testing.T) {
	for _, rows := range []int{60, 1100} {
		t.Run(fmt.Sprint(rows), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("requirement,verdict,evidence,attested_by,date,expires,zones\n")
			for range rows {
				b.WriteString("SR 1.1,maybe,e,a,2026-10-02,2027-10-02,cell\n")
			}
			dir, paths := writeFiles(t, [2]string{"a.csv", b.String()})
			_, _, err := collect(t, newSource(dir, paths))
			var ae *attestation.Error
			if !errors.As(err, &ae) {
				t.Fatalf("error %v, want an *attestation.Error", err)
			}
			more := rows - 50
			if len(ae.Problems) != 50 || ae.More != more || ae.Problems[0].Line != 2 || ae.Problems[49].Line != 51 {
				t.Errorf("%d problems listed (lines %d to %d), %d more; want 50 (lines 2 to 51) and %d more",
					len(ae.Problems), ae.Problems[0].Line, ae.Problems[len(ae.Problems)-1].Line, ae.More, more)
			}
			if want := fmt.Sprintf("\nand %d more problems", more); !strings.HasSuffix(err.Error(), want) {
				t.Errorf("error does not end with %q", want)
			}
		})
	}
}

func TestOptionsRefused(t *testing.T) {
	dir, paths := writeFiles(t, [2]string{"a.hcl", block("x")})
	src := newSource(dir, paths)
	src.Options = map[string]any{"sheet": "x", "delimiter": ";"}
	_, err := attestation.New().Collect(context.Background(), src)
	want := "source attestation.site: an attestation source takes no options besides files; remove delimiter, sheet"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestConformance(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	collectortest.Conformance(t, attestation.New(), collectortest.Case{
		Good: newSource(dir, []string{
			filepath.Join(dir, "site/physical.hcl"),
			filepath.Join(dir, "site/procedures.csv"),
			filepath.Join(dir, "site/training_excel.csv"),
		}),
		Bad: newSource(dir, []string{filepath.Join(dir, "errors/values.hcl")}),
	})
}

// TestEveryBadFileListed: when one file has more problems than are listed,
// every other bad file still has its first problem listed, even past the
// problems kept while reading; no document is returned.
func TestEveryBadFileListed(t *testing.T) {
	long := strings.Repeat("x", 500)
	for _, rows := range []int{60, 1100} {
		t.Run(fmt.Sprint(rows), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("requirement|verdict|evidence|attested_by|date|expires|zones\n")
			for range rows {
				b.WriteString("SR 1.1|maybe|e|a|2026-10-02|2027-10-02|cell\n")
			}
			dir, paths := writeFiles(t,
				[2]string{"a.csv", b.String()},
				[2]string{"b.hcl", block("ok")},
				[2]string{"c.csv", "requirement,verdict\x00\n"},
				[2]string{"d.hcl", "attestation \"x\" {\n  " + long + " = 1\n}\n"},
			)
			doc, _, err := collect(t, newSource(dir, paths))
			if doc.ID != "" {
				t.Errorf("a document was returned with the error: %s", doc.ID)
			}
			ae, ok := errors.AsType[*attestation.Error](err)
			if !ok {
				t.Fatalf("error %v, want an *attestation.Error", err)
			}
			files := map[string]int{}
			for _, p := range ae.Problems {
				files[p.File]++
			}
			if len(ae.Problems) != 50 || files["c.csv"] != 1 || files["d.hcl"] == 0 || files["b.hcl"] != 0 {
				t.Errorf("%d problems listed, by file %v; want 50, with c.csv and d.hcl listed", len(ae.Problems), files)
			}
			if i := slices.IndexFunc(ae.Problems, func(p attestation.Problem) bool { return p.File == "c.csv" }); i < 0 ||
				ae.Problems[i].String() != "c.csv:1: Not a text file; Binary content (NUL byte): not a text file." {
				t.Errorf("c.csv is not listed as binary: %v", ae.Problems)
			}
			if strings.Contains(err.Error(), strings.Repeat("x", evidence.MaxExcerpt+1)) {
				t.Errorf("the error repeats more than %d bytes of input", evidence.MaxExcerpt)
			}
		})
	}
}
