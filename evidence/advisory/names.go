package advisory

import (
	"regexp"
	"slices"
	"strings"
)

// vendorAliases maps a vendor name, normalised (normName without legal
// suffixes), to the name advisories and inventories are matched under.
// Advisories and inventories spell one vendor many ways ("Siemens AG",
// "Rockwell Automation " with a trailing space, "Allen-Bradley"); brands
// sold under another vendor's advisories map to that vendor.
var vendorAliases = map[string]string{
	"allen bradley":                     "rockwell automation",
	"rockwell":                          "rockwell automation",
	"rockwell automation allen bradley": "rockwell automation",
	"schneider":                         "schneider electric",
	"schneider electric software":       "schneider electric",
	"se":                                "schneider electric",
	"modicon":                           "schneider electric",
	"telemecanique":                     "schneider electric",
	"ge":                                "general electric",
	"general electric ge":               "general electric",
	"ge vernova":                        "general electric",
	"ge digital":                        "general electric",
	"ge renewable energy":               "general electric",
	"hirschmann automation and control": "hirschmann",
	"belden":                            "hirschmann",
	"mitsubishi":                        "mitsubishi electric",
	"digi":                              "digi international",
	"wago kontakttechnik":               "wago",
	"yokogawa electric":                 "yokogawa",
	"omron industrial automation":       "omron",
	"phoenix contact electronics":       "phoenix contact",
	"abb power grids":                   "hitachi energy",
	"siemens industry":                  "siemens",
	"siemens energy":                    "siemens energy",
	"emerson electric":                  "emerson",
	"moxa technologies":                 "moxa",
}

// legalSuffixes are dropped from the end of vendor names.
var legalSuffixes = []string{"gmbh & co kg", "gmbh & co. kg", "co kg", "gmbh", "ag", "se", "inc", "llc", "ltd", "limited",
	"corporation", "corp", "co", "kg", "sa", "s a", "spa", "bv", "plc", "oy", "ab", "kk"}

var (
	nonWord   = regexp.MustCompile(`[^a-z0-9&]+`)
	inParens  = regexp.MustCompile(`\([^()]*\)`)
	andJoiner = regexp.MustCompile(`\s+(?:and|&)\s+`)
)

// normName lowercases s, drops what is in parentheses and every character
// but letters and digits, and collapses spaces.
func normName(s string) string {
	s = inParens.ReplaceAllString(strings.ToLower(s), " ")
	return strings.TrimSpace(nonWord.ReplaceAllString(s, " "))
}

// canonicalVendor is one vendor name as matched: normalised, legal
// suffixes dropped, aliases applied.
func canonicalVendor(s string) string {
	n := normName(s)
	for changed := true; changed; {
		changed = false
		for _, suf := range legalSuffixes {
			if rest, ok := strings.CutSuffix(n, " "+suf); ok && rest != "" {
				n, changed = strings.TrimSpace(rest), true
			}
		}
	}
	if a, ok := vendorAliases[n]; ok {
		return a
	}
	return n
}

// Vendors returns the vendors a vendor name stands for, canonical: one for
// most names, several for joint advisories ("Hirschmann Automation and
// Control GmbH, Belden Inc.", "General Electric (GE) and Emerson",
// "PHOENIX CONTACT, Innominate Security Technologies"). A name that is an
// alias as a whole ("Hirschmann Automation and Control") is not split.
func Vendors(name string) []string {
	var out []string
	add := func(v string) {
		if v != "" && !contains(out, v) {
			out = append(out, v)
		}
	}
	for _, part := range strings.Split(name, ",") {
		part = strings.TrimSpace(part)
		if part == "" || slices.Contains(legalSuffixes, normName(part)) {
			continue // "Schneider Electric Software, LLC"
		}
		whole := canonicalVendor(part)
		if _, alias := vendorAliases[normName(part)]; alias || !andJoiner.MatchString(part) {
			add(whole)
			continue
		}
		if _, known := vendorAliasesValue[whole]; known {
			add(whole)
			continue
		}
		for _, p := range andJoiner.Split(part, -1) {
			add(canonicalVendor(p))
		}
	}
	return out
}

// vendorAliasesValue is the set of canonical names the aliases lead to.
var vendorAliasesValue = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range vendorAliases {
		m[v] = true
	}
	return m
}()

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// ModelKey normalises an order or model number for comparison: upper
// case, without spaces, hyphens, dots and slashes ("6ES7 516-3FN02-0AB0"
// and "6ES7516-3FN02-0AB0" are one key).
func ModelKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// orderNumber finds an order number inside a model text: Siemens MLFB
// ("6ES7 516-3FN02-0AB0", "6GK5204-2BB10-2AA3"), Rockwell catalogue
// numbers ("1756-EN2T"), Schneider references ("BMXP342020").
var orderNumber = regexp.MustCompile(`(?i)\b(6[A-Z]{2}\d[\s-]?\d{3}-?\d[A-Z]{2}\d{2}-?\d[A-Z]{2}\d|1[0-9]{3}-[A-Z0-9]{2,8}|BM[EX]\s?[A-Z]{3}\s?\d{4,6})\b`)

// OrderNumbers returns the order numbers found in s, as written.
func OrderNumbers(s string) []string { return orderNumber.FindAllString(s, -1) }

// family is a product line recognised from a model text or order number.
type family struct {
	re  *regexp.Regexp
	key string
}

// families tells the product line of a model from its name or order
// number, so that an advisory for a whole family ("SIMATIC S7-1500 CPU
// family") matches a model ("S7-1516F-3 PN/DP", "6ES7 516-3FN02-0AB0").
var families = []family{
	{regexp.MustCompile(`(?i)\bS7-?15\d\d|\bS7-?1500\b|^6ES7\s?5\d\d`), "s7-1500"},
	{regexp.MustCompile(`(?i)\bS7-?12\d\d|\bS7-?1200\b|^6ES7\s?2\d\d`), "s7-1200"},
	{regexp.MustCompile(`(?i)\bS7-?3\d\d\b|^6ES7\s?3\d\d`), "s7-300"},
	{regexp.MustCompile(`(?i)\bS7-?4\d\d\b|^6ES7\s?4\d\d`), "s7-400"},
	{regexp.MustCompile(`(?i)\bSCALANCE\s?X\d|^6GK5`), "scalance x"},
	{regexp.MustCompile(`(?i)\bET\s?200\s?SP\b|^6ES7\s?155-6`), "et 200sp"},
	{regexp.MustCompile(`(?i)\bControlLogix\b|^1756-`), "controllogix"},
	{regexp.MustCompile(`(?i)\bCompactLogix\b|^1769-|^5069-`), "compactlogix"},
	{regexp.MustCompile(`(?i)\bModicon\s?M340\b|^BMX\s?P34`), "modicon m340"},
	{regexp.MustCompile(`(?i)\bModicon\s?M580\b|^BME\s?P58`), "modicon m580"},
	{regexp.MustCompile(`(?i)\bMELSEC[- ]?Q\b|^Q\d\d[A-Z]*CPU`), "melsec q"},
	{regexp.MustCompile(`(?i)\bMELSEC[- ]?L\b|^L\d\d[A-Z]*CPU`), "melsec l"},
	{regexp.MustCompile(`(?i)\bPFC\s?200\b|^750-82\d\d`), "pfc200"},
	{regexp.MustCompile(`(?i)\bRTU\s?5\d\d\b`), "rtu500"},
}

// Families returns the product lines texts name, sorted, without repeats.
func Families(texts ...string) []string {
	var out []string
	for _, f := range families {
		for _, t := range texts {
			if t != "" && f.re.MatchString(strings.TrimSpace(t)) {
				if !contains(out, f.key) {
					out = append(out, f.key)
				}
				break
			}
		}
	}
	return out
}

// stopwords are words of product names that do not tell products apart.
var stopwords = map[string]bool{
	"simatic": true, "siplus": true, "cpu": true, "cpus": true, "family": true, "series": true, "incl": true,
	"including": true, "related": true, "variants": true, "variant": true, "and": true, "or": true, "the": true,
	"of": true, "all": true, "versions": true, "version": true, "firmware": true, "module": true, "modules": true,
	"device": true, "devices": true, "products": true, "product": true, "select": true, "with": true, "for": true,
}

// tokens are the words of a product or model name that tell it apart,
// lower case: hyphens and dots stay inside words ("s7-1500", "x204-2"),
// other punctuation separates them.
func tokens(s string) []string {
	s = inParens.ReplaceAllString(strings.ToLower(s), " ")
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.')
	}) {
		f = strings.Trim(f, "-.")
		if f == "" || stopwords[f] || contains(out, f) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// isFamily says whether a product of an advisory stands for a whole
// product line rather than one model.
func isFamily(name string) bool {
	n := " " + normName(name) + " "
	return strings.Contains(n, " family ") || strings.Contains(n, " series ") || strings.Contains(n, " families ")
}
