package assessment

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/slate-ot/slate/evidence"
)

// How a site treats its gaps besides fixing them: compensating
// countermeasures (which count toward SL-A when valid) and check
// overrides (a check switched off or its mapping narrowed). Waivers, which
// accept a risk and achieve nothing, are in decode.go.

var (
	countermeasureSchema = attrSchema("requirements", "zones", "description", "evidence", "attestation", "approved_by", "expires")
	checkSchema          = attrSchema("enabled", "requirements", "reason", "approved_by")
)

func (l *loader) countermeasure(b *hcl.Block, d *decoded) {
	cm := Countermeasure{Name: b.Labels[0], Requirements: []string{}, Zones: []string{}, Evidence: []EvidenceFile{}}
	keep := l.name(d, "countermeasure", b, 0)
	c := l.content(b.Body, countermeasureSchema)
	attrs := c.Attributes
	l.require(b, attrs, map[string]string{
		"requirements": `the requirements it compensates for, like requirements = ["iec62443-3-3:SR 1.12"]`,
		"zones":        `the zones it is in place in, like zones = ["cell"]`,
		"description":  "what the countermeasure is and how it stands in for the requirement",
		"approved_by":  "who approved it",
		"expires":      `when it must be reviewed again, like expires = "2027-03-31"`,
	})
	if attr, ok := attrs["requirements"]; ok {
		cm.Requirements = l.requirementList(attr, fmt.Sprintf("Countermeasure %q needs at least one requirement it compensates for.", cm.Name))
	}
	if attr, ok := attrs["zones"]; ok {
		cm.Zones = l.zoneList(attr, d, fmt.Sprintf("Countermeasure %q needs the zones it is in place in; a countermeasure compensates where it is, not site-wide by default.", cm.Name))
	}
	cm.Description, _ = l.text(attrs, "description", true)
	cm.ApprovedBy, _ = l.text(attrs, "approved_by", true)
	cm.Attestation, _ = l.text(attrs, "attestation", true)
	if attr, ok := attrs["evidence"]; ok {
		vals, rngs, _ := l.attrStrings(attr)
		for _, f := range l.matchFiles(vals, rngs) {
			sum, err := fileDigest(f)
			if errors.Is(err, fs.ErrNotExist) {
				// matchFiles has warned; without the file the
				// countermeasure is not shown to be in place.
				cm.EvidenceMissing = append(cm.EvidenceMissing, evidence.RelPath(l.dir, f))
				continue
			}
			if err != nil {
				l.errorf(attr.Expr.Range(), "Cannot read evidence file", "Countermeasure %q names %s, which cannot be read: %v.", cm.Name, f, err)
				continue
			}
			cm.Evidence = append(cm.Evidence, EvidenceFile{Path: evidence.RelPath(l.dir, f), SHA256: sum})
		}
	}
	if _, files := attrs["evidence"]; !files && cm.Attestation == "" && !l.hasErrorIn(b.Body.MissingItemRange()) {
		if _, att := attrs["attestation"]; !att {
			l.errorf(b.DefRange, "Countermeasure without evidence",
				"The countermeasure block %q needs what shows it is in place: evidence = [\"files\"] relative to the assessment, or attestation = \"ID\" naming an attestation record.", cm.Name)
		}
	}
	if attr, ok := attrs["expires"]; ok {
		cm.Expires = l.date(attr)
	}
	if keep {
		d.a.Countermeasures = append(d.a.Countermeasures, cm)
	}
}

func (l *loader) check(b *hcl.Block, d *decoded) {
	o := CheckOverride{ID: strings.TrimSpace(b.Labels[0]), Enabled: true, Range: b.DefRange}
	keep := l.name(d, "check", b, 0)
	c := l.content(b.Body, checkSchema)
	attrs := c.Attributes
	l.require(b, attrs, map[string]string{
		"reason":      "why this assessment overrides the check",
		"approved_by": "who approved the override",
	})
	if attr, ok := attrs["enabled"]; ok {
		if v, ok := l.value(attr.Expr, `"enabled"`); ok {
			if v.Type().FriendlyName() != "bool" {
				l.errorf(attr.Expr.Range(), "Incorrect value type", "The value of \"enabled\" must be true or false.")
			} else {
				o.Enabled = v.True()
			}
		}
	}
	if attr, ok := attrs["requirements"]; ok {
		o.Requirements = l.requirementList(attr, fmt.Sprintf("To stop check %q from assessing anything, write enabled = false instead of an empty requirements list.", o.ID))
	}
	_, hasReq := attrs["requirements"]
	_, hasEnabled := attrs["enabled"]
	if !hasReq && !hasEnabled {
		l.errorf(b.DefRange, "Override changes nothing",
			"The check block %q needs enabled = false or requirements = [...] (a subset of the check's requirements).", o.ID)
	}
	if hasReq && !o.Enabled {
		l.errorf(attrs["requirements"].NameRange, "Conflicting override",
			"Check %q is switched off, so narrowing its requirements means nothing; remove one of the two.", o.ID)
	}
	o.Reason, _ = l.text(attrs, "reason", true)
	o.ApprovedBy, _ = l.text(attrs, "approved_by", true)
	if keep {
		d.a.Checks = append(d.a.Checks, o)
	}
}

// zoneList reads a list of zone names, unique and sorted, each checked
// against the declared zones once all blocks are read; empty says what to
// write instead of an empty list.
func (l *loader) zoneList(attr *hcl.Attribute, d *decoded, empty string) []string {
	out := []string{}
	vals, rngs, _ := l.attrStrings(attr)
	for i, z := range vals {
		d.refs = append(d.refs, zoneRef{z, rngs[i]})
		if !slices.Contains(out, z) {
			out = append(out, z)
		}
	}
	if len(vals) == 0 && !l.hasErrorIn(attr.Expr.Range()) {
		l.errorf(attr.Expr.Range(), "No zones", "%s", empty)
	}
	slices.Sort(out)
	return out
}

// requirementList reads a list of requirement ids, qualified, checked,
// unique and sorted; empty says what to write instead.
func (l *loader) requirementList(attr *hcl.Attribute, empty string) []string {
	out := []string{}
	vals, rngs, _ := l.attrStrings(attr)
	for i, s := range vals {
		if q := l.requirement(s, rngs[i]); q != "" && !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	if len(vals) == 0 && !l.hasErrorIn(attr.Expr.Range()) {
		l.errorf(attr.Expr.Range(), "No requirements", "%s", empty)
	}
	slices.Sort(out)
	return out
}

func fileDigest(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// CheckDiagnostics checks the assessment's check overrides against the
// checks that exist: rules maps each check id to its requirements. It
// returns an error diagnostic for every id no check has and every
// requirement a check does not list.
func (a *Assessment) CheckDiagnostics(rules map[string][]string) hcl.Diagnostics {
	var out hcl.Diagnostics
	ids := sortedKeys(rules)
	for _, o := range a.Checks {
		reqs, ok := rules[o.ID]
		if !ok {
			out = append(out, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown check",
				Detail:  "No check has the id " + `"` + o.ID + `"` + "; `slate policy doc` lists them." + evidence.Suggestion(o.ID, ids),
				Subject: o.Range.Ptr()})
			continue
		}
		for _, r := range o.Requirements {
			if !slices.Contains(reqs, r) {
				out = append(out, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Requirement not mapped by the check",
					Detail: `Check "` + o.ID + `" does not map ` + r + "; an override can only narrow a check's requirements to some of " +
						evidence.QuoteList(reqs) + ".",
					Subject: o.Range.Ptr()})
			}
		}
	}
	return out
}
