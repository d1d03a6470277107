package vers

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Kind says how a range was written and so how it is held against a
// version.
const (
	// KindVers is a vers string: "vers:<scheme>/<constraints>".
	KindVers = "vers"
	// KindProse is a range in words and operators: "< V21.9", ">= 2.0 | <= 2.7".
	KindProse = "prose"
	// KindExact is one version (CSAF product_version).
	KindExact = "exact"
	// KindFirmwareNumber is a WAGO firmware-number range
	// (">FW19_up_to_and_including_FW26"), held against the FW number of
	// the version ("FW22", "03.10.08(22)").
	KindFirmwareNumber = "firmware_number"
	// KindSerial is a range of serial numbers, not of versions (Mitsubishi
	// MELSEC): it never decides, a match on it is possible at most.
	KindSerial = "serial"
	// KindUnreadable is text from which no range could be read.
	KindUnreadable = "unreadable"
)

// Verdict is what a range says of one version.
type Verdict int

const (
	// Unknown: the range cannot be held against the version (no version,
	// a version without numbers, a range that is not of versions).
	Unknown Verdict = iota
	// In: the version is in the range.
	In
	// Out: the version is outside the range.
	Out
)

func (v Verdict) String() string {
	switch v {
	case In:
		return "in"
	case Out:
		return "out"
	}
	return "unknown"
}

// Constraint is one bound: Op is one of "<", "<=", ">", ">=", "=", "!=".
type Constraint struct {
	Op      string `json:"op"`
	Version string `json:"version"`
}

// Range is a version range read from an advisory.
type Range struct {
	// Raw is the text as the advisory gives it.
	Raw  string `json:"raw"`
	Kind string `json:"kind"`
	// All is set for "all versions" (vers "*").
	All bool `json:"all,omitempty"`
	// Constraints all hold for a version in the range (a vers range's
	// pairs are read as intervals, see Contains).
	Constraints []Constraint `json:"constraints,omitempty"`
	// Note keeps a condition written inside the range ("if VP6E5000 is
	// installed", "1.29 for NX7"): the range is read without it and a
	// match says it holds only under the condition.
	Note string `json:"note,omitempty"`
	// Problem says why the range was read in a documented, conservative
	// way, or why it cannot decide (then Contains is always Unknown).
	Problem string `json:"problem,omitempty"`
	// undecidable is set when Contains must answer Unknown.
	undecidable bool
}

var (
	spaces     = regexp.MustCompile(`\s+`)
	paren      = regexp.MustCompile(`\s*-?\s*\(([^()]*)\)\s*$`)
	opPrefix   = regexp.MustCompile(`^(<=|>=|!=|<|>|=)?\s*(.*)$`)
	wagoRange  = regexp.MustCompile(`(?i)^(>=|>|<=|<)?\s*FW\s*(\d+)_up_to_and_including_FW\s*(\d+)$`)
	wagoNumber = regexp.MustCompile(`(?i)(?:FW\s*(\d+)\b|\((\d+)\)\s*$)`)
	wildcard   = regexp.MustCompile(`^(.*\d)[xX]$`)
)

// Parse reads a range. exact says the advisory gave it as one version
// (CSAF product_version) rather than a range; "vers:all/*" is read as all
// versions either way. Parse never fails: text it cannot read is a Range
// of KindUnreadable whose Problem says why.
func Parse(text string, exact bool) Range {
	r := Range{Raw: text}
	s := strings.TrimSpace(spaces.ReplaceAllString(text, " "))
	if s == "" {
		r.Kind, r.Problem, r.undecidable = KindUnreadable, "empty range", true
		return r
	}
	if rest, ok := strings.CutPrefix(s, "vers:"); ok {
		return parseVers(r, rest)
	}
	if m := paren.FindStringSubmatch(s); m != nil && strings.TrimSpace(s[:len(s)-len(m[0])]) != "" {
		r.Note = strings.TrimSpace(m[1])
		s = strings.TrimSpace(s[:len(s)-len(m[0])])
	}
	if strings.Contains(strings.ToLower(s), "serial") {
		r.Kind, r.Problem, r.undecidable = KindSerial, "a range of serial numbers, not of firmware versions: confirm on the device's rating plate", true
		return r
	}
	if m := wagoRange.FindStringSubmatch(s); m != nil {
		r.Kind = KindFirmwareNumber
		lower := cmpOr(m[1], ">")
		r.Constraints = []Constraint{{lower, "FW" + m[2]}, {"<=", "FW" + m[3]}}
		return r
	}
	if exact {
		r.Kind = KindExact
		v := s
		// Compared byte for byte: lowering the whole text would change its
		// length where it is not UTF-8.
		if len(v) > len("and ") && strings.EqualFold(v[:len("and ")], "and ") {
			v = strings.TrimSpace(v[len("and "):])
			r.Problem = fmt.Sprintf("a stray word before the version; read as %q", v)
		}
		if m := opPrefix.FindStringSubmatch(v); m != nil && m[1] != "" {
			// A product_version that is a range after all.
			return parseConstraints(r, strings.Split(v, "|"), KindProse)
		}
		r.Constraints = []Constraint{{"=", v}}
		if _, ok := split(v); !ok {
			r.Problem, r.undecidable = "the version has no number", true
		}
		return r
	}
	return parseConstraints(r, strings.Split(s, "|"), KindProse)
}

func cmpOr(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// parseVers reads "<scheme>/<constraints>".
func parseVers(r Range, rest string) Range {
	r.Kind = KindVers
	_, cons, ok := strings.Cut(rest, "/")
	if !ok {
		r.Problem, r.undecidable = "a vers range without constraints", true
		return r
	}
	cons = strings.TrimSpace(cons)
	if cons == "*" {
		r.All = true
		return r
	}
	return parseConstraints(r, strings.Split(cons, "|"), KindVers)
}

// parseConstraints reads bounds joined by "|".
func parseConstraints(r Range, parts []string, kind string) Range {
	r.Kind = kind
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		m := opPrefix.FindStringSubmatch(p)
		op, v := cmpOr(m[1], "="), strings.TrimSpace(m[2])
		if v == "*" {
			r.All = true
			continue
		}
		// "< 7.03 /7.04": two versions for two variants; the higher bound
		// is used, so that no affected variant is missed.
		if a, b, ok := strings.Cut(v, "/"); ok && strings.TrimSpace(a) != "" && strings.TrimSpace(b) != "" {
			a, b = strings.TrimSpace(a), strings.TrimSpace(b)
			if c, ok := Compare(a, b); ok {
				v = b
				if c > 0 {
					v = a
				}
				r.Problem = fmt.Sprintf("two versions %q and %q in one bound: the higher is used", a, b)
			}
		}
		// "8.1x" is a release line whose last digit is open (GE: 8.10
		// to 8.19): "< 8.1x" is below 8.10, "<= 8.0x" below 8.10,
		// ">= 7.4x" from 7.40.
		if w := wildcard.FindStringSubmatch(v); w != nil {
			op, v = widen(op, w[1])
		}
		if _, ok := split(v); !ok {
			r.Problem, r.undecidable = fmt.Sprintf("no version in bound %q", p), true
			continue
		}
		r.Constraints = append(r.Constraints, Constraint{op, v})
	}
	lower, upper := 0, 0
	for _, c := range r.Constraints {
		switch c.Op {
		case ">", ">=":
			lower++
		case "<", "<=":
			upper++
		}
	}
	if kind == KindProse && lower > 1 && upper == 0 {
		// ">= 1.0 | >= 2.4" (ICSA-22-333-04): an upstream error, most
		// likely a lost upper bound. No version is taken to be in it.
		r.Problem, r.undecidable = "two lower bounds and no upper bound (an error in the advisory): no version can be placed in it", true
	}
	if len(r.Constraints) == 0 && !r.All {
		r.Kind, r.Problem, r.undecidable = KindUnreadable, "no version bound in the range", true
	}
	return r
}

// widen turns a bound on a release line ("8.1x") into one on versions.
func widen(op, line string) (string, string) {
	switch op {
	case "<=", ">":
		// up to the end of the line: below the next line
		i := strings.LastIndexFunc(line, func(r rune) bool { return r < '0' || r > '9' })
		digits := line[i+1:]
		n, err := strconv.Atoi(digits)
		if err != nil {
			return op, line + "0"
		}
		next := line[:i+1] + fmt.Sprintf("%0*d", len(digits), n+1) + "0"
		if op == "<=" {
			return "<", next
		}
		return ">=", next
	}
	return op, line + "0"
}

// Undecidable reports whether the range can never place a version.
func (r Range) Undecidable() bool { return r.undecidable }

// Contains says whether version v is in the range. A vers range is a list
// of intervals in order ("<1.0|>=2.0|<2.5" is below 1.0 or from 2.0 to
// 2.5); a prose range's bounds all hold at once.
func (r Range) Contains(v string) Verdict {
	if r.undecidable || strings.TrimSpace(v) == "" {
		return Unknown
	}
	if r.All {
		return In
	}
	if r.Kind == KindFirmwareNumber {
		m := wagoNumber.FindStringSubmatch(v)
		if m == nil {
			return Unknown
		}
		v = "FW" + cmpOr(m[1], m[2])
	}
	if _, ok := split(v); !ok {
		return Unknown
	}
	if r.Kind == KindVers {
		return r.containsVers(v)
	}
	for _, c := range r.Constraints {
		ok, known := holds(c, v)
		if !known {
			return Unknown
		}
		if !ok {
			return Out
		}
	}
	return In
}

// containsVers reads vers constraints as the vers specification does:
// sorted bounds pair into intervals, "=" and "!=" stand alone.
func (r Range) containsVers(v string) Verdict {
	var pending *Constraint
	for i := range r.Constraints {
		c := r.Constraints[i]
		ok, known := holds(c, v)
		if !known {
			return Unknown
		}
		switch c.Op {
		case "=":
			if ok {
				return In
			}
		case "!=":
			if !ok {
				return Out
			}
		case ">", ">=":
			if pending != nil && pending.Op[0] == '>' {
				// two lower bounds in a row: the first stands alone
				if p, _ := holds(*pending, v); p {
					return In
				}
			}
			pending = &r.Constraints[i]
		case "<", "<=":
			if pending != nil {
				if p, _ := holds(*pending, v); p && ok {
					return In
				}
				pending = nil
			} else if ok {
				return In
			}
		}
	}
	if pending != nil {
		if p, _ := holds(*pending, v); p {
			return In
		}
	}
	if len(r.Constraints) > 0 && allNotEqual(r.Constraints) {
		return In
	}
	return Out
}

func allNotEqual(cs []Constraint) bool {
	for _, c := range cs {
		if c.Op != "!=" {
			return false
		}
	}
	return true
}

// holds says whether v meets c; known is false when they cannot be ordered.
func holds(c Constraint, v string) (ok, known bool) {
	d, known := Compare(v, c.Version)
	if !known {
		return false, false
	}
	switch c.Op {
	case "<":
		return d < 0, true
	case "<=":
		return d <= 0, true
	case ">":
		return d > 0, true
	case ">=":
		return d >= 0, true
	case "!=":
		return d != 0, true
	}
	return d == 0, true
}

// String is the range as read, in vers-like notation, with its note.
func (r Range) String() string {
	if r.All {
		return "all versions"
	}
	var b strings.Builder
	for i, c := range r.Constraints {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(c.Op + c.Version)
	}
	if r.Note != "" {
		b.WriteString(" (" + r.Note + ")")
	}
	return b.String()
}
