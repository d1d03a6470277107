package evidence

import (
	"fmt"
	"strings"

	"github.com/agext/levenshtein"
)

// Suggestion returns ` Did you mean "x"?` when one of the options is close
// to given (an edit distance under 3, case aside, as hcl suggests names),
// or "". Error messages about names people mistype end with it.
func Suggestion(given string, options []string) string {
	best, bestDist := "", 3
	for _, o := range options {
		if d := levenshtein.Distance(strings.ToLower(given), strings.ToLower(o), nil); d < bestDist {
			best, bestDist = o, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", best)
}

// QuoteList writes names for a message as "a", "b" or "c".
func QuoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
