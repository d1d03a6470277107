// Package named looks the entries of a small table up by name: the report
// formats, the drift formats and the history formats share it.
package named

import (
	"fmt"
	"slices"
	"strings"
)

// Names returns the names of table's entries, in table order.
func Names[T any](table []T, name func(T) string) []string {
	out := make([]string, len(table))
	for i, e := range table {
		out[i] = name(e)
	}
	return out
}

// Lookup returns the entry of table called want. kind names the table in
// the error ("report format"), which lists the names there are.
func Lookup[T any](table []T, name func(T) string, want, kind string) (T, error) {
	i := slices.IndexFunc(table, func(e T) bool { return name(e) == want })
	if i < 0 {
		var zero T
		return zero, fmt.Errorf("unknown %s %q (formats: %s)", kind, want, strings.Join(Names(table, name), ", "))
	}
	return table[i], nil
}
