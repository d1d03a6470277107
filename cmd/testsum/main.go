// Command testsum reads `go test -json` on standard input and prints what a
// person needs of it: each package's result line, the whole output of every
// failed test, every skipped test with its reason, and a closing count,
// "N passed, N failed, N skipped". It exits 1 when a test or a package
// failed. `make test` runs the suite through it.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	ok, err := summarise(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// summarise reads the events from r and writes the summary to w; it
// reports whether everything passed.
func summarise(r io.Reader, w io.Writer) (bool, error) {
	type key struct{ pkg, test string }
	output := map[key][]string{}
	var skips []string
	passed, failed, skipped := 0, 0, 0
	pkgFailed := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			// Not an event (a build error printed before the JSON
			// starts): show it as it is.
			fmt.Fprintln(w, string(line))
			continue
		}
		k := key{e.Package, e.Test}
		switch e.Action {
		case "output":
			if e.Test == "" {
				// Package lines: "ok pkg 1.2s", "FAIL pkg", build errors.
				if s := strings.TrimRight(e.Output, "\n"); s != "" && !strings.HasPrefix(s, "PASS") && !strings.HasPrefix(s, "=== ") {
					fmt.Fprintln(w, s)
				}
				continue
			}
			output[k] = append(output[k], e.Output)
		case "pass":
			if e.Test != "" {
				passed++
			}
			delete(output, k)
		case "skip":
			if e.Test != "" {
				skipped++
				skips = append(skips, fmt.Sprintf("SKIP %s %s: %s", e.Package, e.Test, reason(output[k])))
			}
			delete(output, k)
		case "fail":
			if e.Test == "" {
				pkgFailed = true
				continue
			}
			failed++
			fmt.Fprintf(w, "--- FAIL %s %s\n%s", e.Package, e.Test, strings.Join(output[k], ""))
			delete(output, k)
		}
	}
	if err := sc.Err(); err != nil {
		return false, err
	}
	slices.Sort(skips)
	for _, s := range skips {
		fmt.Fprintln(w, s)
	}
	fmt.Fprintf(w, "%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	return failed == 0 && !pkgFailed, nil
}

// reason is what a skipped test said, without the "--- SKIP" and "=== RUN"
// lines and file:line prefixes' indentation; "no reason given" when it said
// nothing.
func reason(lines []string) string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return "no reason given"
	}
	return strings.Join(out, " ")
}
