package engine

import (
	"fmt"
	"strings"
)

// MappingTable renders, in Markdown, what each check's findings fail: one
// row per finding kind (or one for every finding of a check without
// kinds) with its requirements and the clauses behind them. `slate policy
// doc` prints it and docs/mapping.md carries it for the built-in checks.
func MappingTable(rules []Rule) string {
	var b strings.Builder
	b.WriteString("| check | finding kind | requirements | why (clauses) |\n| --- | --- | --- | --- |\n")
	for _, r := range rules {
		if len(r.Kinds) == 0 {
			fmt.Fprintf(&b, "| %s | every finding | %s | %s |\n", r.ID, mdCell(strings.Join(r.Requirements, ", ")), mdCell(orDash(r.Why)))
			continue
		}
		for _, k := range r.Kinds {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.ID, mdCell(k.Kind), mdCell(strings.Join(k.Requirements, ", ")), mdCell(orDash(k.Why)))
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
