package attestation

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slate-ot/slate/evidence"
)

// The values an attestation's enumerated fields may take.
var (
	evidenceTypes = []string{"document", "photo", "interview", "observation", "other"}
)

// defaultEvidenceType is the evidence type of an attestation that names none.
const defaultEvidenceType = "document"

// pos is a place in an input file; col is 0 in CSV files.
type pos struct{ line, col int }

// value is one field of an attestation as written, with its place. bad
// marks a value already reported as malformed (an HCL list where a string
// belongs), which is neither checked further nor taken as missing.
type value struct {
	s   string
	set bool
	bad bool
	at  pos
}

// record is one attestation block or row before it is checked. Both
// formats fill it in; check turns it into attestations.
type record struct {
	id   string
	idAt pos
	// at is where the block or row starts; missing fields are reported
	// there.
	at pos
	// reqs are the requirement ids, one per element of `requirements`;
	// list says they were written as a list.
	reqs []value
	list bool
	// zones are the zone names; zonesSet says the block has a zones
	// argument (even an empty or malformed one) or the row a zone.
	zones    []value
	zonesSet bool
	// scope is "site" for an attestation that holds for the whole site;
	// unset in a CSV row whose scope cell is empty.
	scope value

	verdict, evidence, evidenceType, attestedBy, date, expires value
	note, severity, owner, remediation                         value
}

// fileRun is the state of reading one file.
type fileRun struct {
	*run
	rel string
	// csv selects how a missing field is described: a column to fill in
	// rather than an argument to add.
	csv bool
}

func (fr *fileRun) errorf(at pos, summary, format string, args ...any) {
	fr.problems.add(Problem{File: fr.rel, Line: at.line, Column: at.col, Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

// scopeErrorf reports a missing or conflicting scope: an error of the
// assessment rather than of the file.
func (fr *fileRun) scopeErrorf(at pos, summary, format string, args ...any) {
	fr.problems.add(Problem{File: fr.rel, Line: at.line, Column: at.col, Summary: summary, Detail: fmt.Sprintf(format, args...), Scope: true})
}

func (fr *fileRun) warnf(at pos, format string, args ...any) {
	fr.prov.Warnings = append(fr.prov.Warnings, evidence.Warning{File: fr.rel, Line: at.line, Message: fmt.Sprintf(format, args...)})
}

// hint says what a required field holds and gives an example value.
type hint struct{ what, example string }

var hints = map[string]hint{
	"requirement": {"the requirement it decides", `"SR 1.1"`},
	"verdict":     {"the verdict", `"pass"`},
	"evidence":    {"what was examined", `"Procedure OT-SEC-07 rev 3"`},
	"attested_by": {"who attests", `"J. Moreau, OT security lead"`},
	"date":        {"the day of the attestation", `"2026-10-02"`},
	"expires":     {"the day it stops holding", `"2027-10-02"`},
}

// required reports a required field that is absent or blank.
func (fr *fileRun) required(rec *record, name string, v value) bool {
	h := hints[name]
	switch {
	case v.bad:
		return false
	case !v.set && fr.csv:
		// The header check has already reported the missing column.
		return false
	case !v.set:
		fr.errorf(rec.at, "Missing required argument", "The attestation %q needs %s, %s; add %s = %s.", rec.id, name, h.what, name, h.example)
		return false
	case strings.TrimSpace(v.s) == "" && fr.csv:
		fr.errorf(v.at, "Empty value", "The %s column of %s is empty; write %s, like %s.", name, rec.id, h.what, h.example)
		return false
	case strings.TrimSpace(v.s) == "":
		fr.errorf(v.at, "Empty value", "The argument %q must not be empty; write %s, like %s.", name, h.what, h.example)
		return false
	}
	return true
}

// oneOf checks an enumerated field. norm maps what was written to the
// stored form; a value outside allowed is reported and "" returned.
func (fr *fileRun) oneOf(v value, name string, allowed []string, norm func(string) string) string {
	s := strings.TrimSpace(v.s)
	if s == "" || v.bad {
		return ""
	}
	if n := norm(s); slices.Contains(allowed, n) {
		return n
	}
	fr.errorf(v.at, "Invalid "+strings.ReplaceAll(name, "_", " "), "%q is not a valid %s; use %s.%s", s, name, evidence.QuoteList(allowed), evidence.Suggestion(s, allowed))
	return ""
}

// normVerdict accepts verdicts in any case, with a space or hyphen for the
// underscore, and "n/a".
func normVerdict(s string) string {
	s = strings.ToLower(s)
	if s == "n/a" {
		return evidence.VerdictNotApplicable
	}
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// date checks a YYYY-MM-DD calendar date.
func (fr *fileRun) date(v value, name string) string {
	s := strings.TrimSpace(v.s)
	if len(s) == len(time.DateOnly) {
		if _, err := time.Parse(time.DateOnly, s); err == nil {
			return s
		}
	}
	fr.errorf(v.at, "Invalid date", "%q is not a calendar date in the form YYYY-MM-DD; write %s like \"2026-10-02\".", s, name)
	return ""
}

// check validates a record and adds its attestations to the run: one per
// requirement. Every problem is reported; a record with any is dropped.
func (fr *fileRun) check(rec *record) {
	before := fr.problems.count()
	ok := true
	for _, f := range []struct {
		name string
		v    value
	}{{"verdict", rec.verdict}, {"evidence", rec.evidence}, {"attested_by", rec.attestedBy}, {"date", rec.date}, {"expires", rec.expires}} {
		if !fr.required(rec, f.name, f.v) {
			ok = false
		}
	}

	var keys []string
	var keyAt []pos
	if len(rec.reqs) == 0 && !rec.list {
		ok = fr.required(rec, "requirement", value{}) && ok
	}
	seen := map[string]pos{}
	for _, v := range rec.reqs {
		id := strings.TrimSpace(v.s)
		if v.bad {
			continue
		}
		if id == "" {
			fr.required(rec, "requirement", v)
			continue
		}
		key, known, suggest := fr.reqs.qualify(id)
		if !known {
			detail := fmt.Sprintf("No catalog defines %q; write an IEC 62443-3-3 id like \"SR 1.1\" or \"SR 1.1 RE 1\", or a NIST SP 800-53 id like \"PE-3\" or \"AC-2(1)\", optionally qualified as \"iec62443-3-3:SR 1.1\".", key)
			if suggest != "" {
				detail += fmt.Sprintf(" Did you mean %q?", suggest)
			}
			fr.errorf(v.at, "Unknown requirement", "%s", detail)
			continue
		}
		if prev, dup := seen[key]; dup {
			first := ""
			if prev.line != v.at.line {
				first = fmt.Sprintf(" (first on line %d)", prev.line)
			}
			fr.warnf(v.at, "requirement %s is listed twice%s; it is attested once", key, first)
			continue
		}
		seen[key] = v.at
		keys, keyAt = append(keys, key), append(keyAt, v.at)
	}

	verdict := fr.oneOf(rec.verdict, "verdict", evidence.Verdicts, normVerdict)
	evType := defaultEvidenceType
	if strings.TrimSpace(rec.evidenceType.s) != "" {
		evType = fr.oneOf(rec.evidenceType, "evidence_type", evidenceTypes, strings.ToLower)
	}
	severity := fr.oneOf(rec.severity, "severity", evidence.Severities, strings.ToLower)
	owner := fr.oneOf(rec.owner, "owner", evidence.Owners, strings.ToUpper)

	var date, expires string
	if strings.TrimSpace(rec.date.s) != "" {
		date = fr.date(rec.date, "date")
	}
	if strings.TrimSpace(rec.expires.s) != "" {
		expires = fr.date(rec.expires, "expires")
	}
	if date != "" && expires != "" && expires <= date {
		fr.errorf(rec.expires.at, "Expiry not after the date",
			"The attestation expires on %s, which is not after the day it was made (%s); an attestation holds for a period, so set expires to a later day.", expires, date)
	}

	scope := fr.scope(rec)
	zones := fr.zones(rec)
	if verdict != "" && verdict != evidence.VerdictFail {
		for _, f := range []struct {
			name string
			v    value
		}{{"severity", rec.severity}, {"remediation", rec.remediation}} {
			if strings.TrimSpace(f.v.s) != "" {
				fr.warnf(f.v.at, "%s describes the gap of a failed attestation; with verdict %q it has no effect", f.name, verdict)
			}
		}
	}
	if !ok || fr.problems.count() > before {
		return
	}

	for i, key := range keys {
		id := rec.id
		if len(keys) > 1 {
			id = rec.id + "/" + key
		}
		at := keyAt[i]
		if len(keys) <= 1 {
			at = rec.idAt
		}
		if prev, dup := fr.ids[id]; dup {
			fr.errorf(at, "Duplicate attestation", "An attestation with the id %q is already recorded at %s; rename one of them.", id, prev)
			continue
		}
		fr.ids[id] = fmt.Sprintf("%s:%d", fr.rel, rec.at.line)
		fr.data.Attestations = append(fr.data.Attestations, evidence.Attestation{
			ID:           id,
			Requirement:  key,
			Scope:        scope,
			Zones:        zones,
			Verdict:      verdict,
			Evidence:     strings.TrimSpace(rec.evidence.s),
			EvidenceType: evType,
			AttestedBy:   strings.TrimSpace(rec.attestedBy.s),
			Date:         date,
			Expires:      expires,
			Note:         strings.TrimSpace(rec.note.s),
			Severity:     severity,
			Owner:        owner,
			Remediation:  strings.TrimSpace(rec.remediation.s),
			File:         fr.rel,
			Line:         rec.at.line,
		})
	}
}

// scope returns what an attestation holds for: evidence.ScopeZones when it
// lists zones, evidence.ScopeSite when it says scope = "site". Naming
// neither, or both, is reported: an attestation never stands for the whole
// site by omission.
func (fr *fileRun) scope(rec *record) string {
	s := strings.TrimSpace(rec.scope.s)
	switch {
	case rec.scope.bad:
		return ""
	case rec.scope.set && !strings.EqualFold(s, evidence.ScopeSite):
		if fr.csv {
			fr.scopeErrorf(rec.scope.at, "Invalid scope", "%q is not a scope; write site in the scope column for an attestation that holds for the whole site, or leave it empty and list the zones where it was examined in the zones column.", s)
		} else {
			fr.scopeErrorf(rec.scope.at, "Invalid scope", "%q is not a scope; write scope = \"site\" for an attestation that holds for the whole site, or replace the line with zones = [%s] naming the zones where it was examined.", s, quoted(fr.exampleZones()))
		}
		return ""
	case rec.scope.set && rec.zonesSet:
		if fr.csv {
			fr.scopeErrorf(rec.scope.at, "Conflicting scope", "The row has both zones and scope site; empty the zones cell if it holds for the whole site, or the scope cell if it holds only in the zones listed.")
		} else {
			fr.scopeErrorf(rec.scope.at, "Conflicting scope", "The attestation %q says both scope = \"site\" and zones; remove zones if it holds for the whole site, or scope if it holds only in the zones listed.", rec.id)
		}
		return ""
	case rec.scope.set:
		return evidence.ScopeSite
	case rec.zonesSet:
		return evidence.ScopeZones
	case fr.csv:
		fr.scopeErrorf(rec.at, "Missing scope", "The row does not say where it holds; list the zones where it was examined in the zones column, like %q, or write site in the scope column if it holds for the whole site, like a site security policy.",
			strings.Join(fr.exampleZones(), ";"))
	default:
		fr.scopeErrorf(rec.at, "Missing scope", "The attestation %q does not say where it holds; add zones = [%s] naming the zones where it was examined, or scope = \"site\" if it holds for the whole site, like a site security policy.",
			rec.id, quoted(fr.exampleZones()))
	}
	return ""
}

// exampleZones are up to two declared zones, for hints.
func (fr *fileRun) exampleZones() []string {
	var names []string
	for _, z := range fr.src.Zones {
		names = append(names, z.Name)
	}
	slices.Sort(names)
	if len(names) == 0 {
		return []string{"control"}
	}
	return names[:min(2, len(names))]
}

// quoted renders names as the elements of an HCL list.
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// zones checks the zone names against the assessment's zones and returns
// them sorted and unique; the list is empty for a site-wide attestation.
func (fr *fileRun) zones(rec *record) []string {
	out := []string{}
	declared := make([]string, len(fr.src.Zones))
	for i, z := range fr.src.Zones {
		declared[i] = z.Name
	}
	slices.Sort(declared)
	seen := map[string]bool{}
	for _, v := range rec.zones {
		name := strings.TrimSpace(v.s)
		switch {
		case name == "":
			fr.errorf(v.at, "Empty zone name", "A zone name must not be empty; write one of %s.", orNone(declared))
			continue
		case !slices.Contains(declared, name):
			fr.errorf(v.at, "Unknown zone", "%q is not a zone of the assessment; use %s.%s", name, orNone(declared), evidence.Suggestion(name, declared))
			continue
		case seen[name]:
			fr.warnf(v.at, "zone %q is listed twice", name)
			continue
		}
		seen[name] = true
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// orNone lists names for a message, or says there are none.
func orNone(names []string) string {
	if len(names) == 0 {
		return "a zone declared in the assessment file (it declares none)"
	}
	return evidence.QuoteList(names)
}
