// Command benchguard is the arithmetic of `make bench` and of the CI
// regression guard (bench/bench.sh, bench/guard.sh). The benchmark scripts
// print their figures as lines
//
//	RESULT name key=value key=value ...
//
// and benchguard reads them:
//
//	benchguard ref                  run the reference workload; print RESULT ref cpu=S
//	benchguard table FILE           print the figures of FILE as one table, with the targets
//	benchguard check REC FILE       compare FILE with the recorded figures REC; exit 1 on a regression
//	benchguard record FILE          print FILE's figures in the form of REC
//
// The guard compares figures of one run, on one machine, with figures
// recorded on the same machine: CPU seconds are divided by the CPU seconds
// of the reference workload (a fixed CPU-bound Go loop) measured in the same
// run, so that a slower or busier machine moves both; peak RSS is compared
// as it is. A figure fails when it is more than Factor times its recorded
// value.
package main

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slate-ot/slate/internal/cputime"
)

// Factor is how much worse than recorded a figure may get.
const Factor = 2.0

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch args := os.Args[2:]; os.Args[1] {
	case "ref":
		fmt.Printf("RESULT ref cpu=%.3f\n", referenceCPU(3))
	case "table":
		if len(args) != 1 {
			usage()
		}
		var rs results
		if rs, err = readResultsFile(args[0]); err == nil {
			err = writeTable(os.Stdout, rs)
		}
	case "record":
		if len(args) != 1 {
			usage()
		}
		var rs results
		if rs, err = readResultsFile(args[0]); err == nil {
			err = writeRecord(os.Stdout, rs)
		}
	case "check":
		if len(args) != 2 {
			usage()
		}
		var rec []recorded
		var rs results
		if rec, err = readRecordedFile(args[0]); err == nil {
			if rs, err = readResultsFile(args[1]); err == nil {
				var fails int
				fails, err = check(os.Stdout, rec, rs)
				if err == nil && fails > 0 {
					fmt.Printf("%d figure(s) more than %gx their recorded value (%s)\n", fails, Factor, args[0])
					os.Exit(1)
				}
			}
		}
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchguard:", err)
		os.Exit(2)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: benchguard ref | table RESULTS | record RESULTS | check RECORDED RESULTS")
	os.Exit(2)
}

// results are the figures of one run: name → key → value.
type results map[string]map[string]float64

// parseResults reads the RESULT lines of a script's output; other lines
// are skipped. A later line of the same name replaces the keys it sets.
func parseResults(r io.Reader) (results, error) {
	rs := results{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) < 2 || f[0] != "RESULT" {
			continue
		}
		m := rs[f[1]]
		if m == nil {
			m = map[string]float64{}
			rs[f[1]] = m
		}
		for _, kv := range f[2:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return nil, fmt.Errorf("line %d: %q is not key=value", line, kv)
			}
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: %s: %w", line, k, err)
			}
			m[k] = x
		}
	}
	return rs, sc.Err()
}

func readResultsFile(path string) (results, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rs, err := parseResults(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}

// recorded is one recorded figure: the name and key of a result, and
// its value (for cpu, a ratio to the reference workload's CPU time).
type recorded struct {
	name, key string
	value     float64
}

// parseRecorded reads a recorded file: lines "name key value", # comments.
func parseRecorded(r io.Reader) ([]recorded, error) {
	var rec []recorded
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want \"name key value\", got %q", line, sc.Text())
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("line %d: %q is not a positive number", line, f[2])
		}
		rec = append(rec, recorded{f[0], f[1], v})
	}
	return rec, sc.Err()
}

func readRecordedFile(path string) ([]recorded, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rec, err := parseRecorded(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}

// figure is the value a recorded figure is compared with: the CPU time
// relative to the reference workload's for cpu, the value itself
// otherwise.
func (rs results) figure(name, key string) (float64, error) {
	v, ok := rs[name][key]
	if !ok {
		return 0, fmt.Errorf("no figure %s %s in this run", name, key)
	}
	if key != "cpu" {
		return v, nil
	}
	ref := rs["ref"]["cpu"]
	if ref <= 0 {
		return 0, fmt.Errorf("no reference workload (RESULT ref cpu=...) in this run")
	}
	return v / ref, nil
}

// checked is the outcome of comparing one recorded figure.
type checked struct {
	recorded
	got   float64
	ratio float64 // got / recorded
	fail  bool
}

// compare compares each recorded figure with the run's.
func compare(rec []recorded, rs results) ([]checked, error) {
	var out []checked
	for _, r := range rec {
		got, err := rs.figure(r.name, r.key)
		if err != nil {
			return nil, err
		}
		ratio := got / r.value
		out = append(out, checked{recorded: r, got: got, ratio: ratio, fail: ratio > Factor})
	}
	return out, nil
}

// check prints the comparison and returns the number of failing figures.
func check(w io.Writer, rec []recorded, rs results) (int, error) {
	cs, err := compare(rec, rs)
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(w, "%-16s %-8s %10s %10s %7s\n", "benchmark", "figure", "recorded", "now", "now/rec")
	fails := 0
	for _, c := range cs {
		verdict := "ok"
		if c.fail {
			verdict = fmt.Sprintf("FAIL (> %gx)", Factor)
			fails++
		}
		fmt.Fprintf(w, "%-16s %-8s %10.3f %10.3f %6.2fx %s\n", c.name, c.key, c.value, c.got, c.ratio, verdict)
	}
	return fails, nil
}

// guarded are the figures the guard records of each benchmark.
var guarded = []string{"cpu", "rss_mb"}

// writeRecord prints rs in the form of a recorded file.
func writeRecord(w io.Writer, rs results) error {
	for _, name := range slices.Sorted(mapsKeys(rs)) {
		if name == "ref" {
			continue
		}
		for _, key := range guarded {
			if _, ok := rs[name][key]; !ok {
				continue
			}
			v, err := rs.figure(name, key)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "%-16s %-8s %.3f\n", name, key, v)
		}
	}
	return nil
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// row is one line of the table of `make bench`.
type row struct {
	what, target string
	measured     string
	met          string
}

// tableRows are the figures found in rs: the capture against
// tshark, evaluation at scale, the whole site from files and the workbook
// of 100,000 gaps. The targets hold at the full size only.
func tableRows(rs results) []row {
	var rows []row
	names := slices.SortedFunc(mapsKeys(rs), func(a, b string) int { return cmp.Compare(a, b) })
	verdict := func(full, ok bool) string {
		switch {
		case !full:
			return "-"
		case ok:
			return "met"
		}
		return "NOT MET"
	}
	for _, name := range names {
		m := rs[name]
		kind, size, _ := strings.Cut(name, "-")
		full := size == "full" || kind == "workbook"
		switch kind {
		case "pcap":
			rows = append(rows, row{"one capture (" + size + "): tshark wall / slate wall", "≥ 40x",
				fmt.Sprintf("%.1fx", m["speedup"]), verdict(full, m["speedup"] >= 40)})
			rows = append(rows, row{"one capture (" + size + "): slate peak RSS", "< 256 MB",
				fmt.Sprintf("%.0f MB", m["rss_mb"]), verdict(full, m["rss_mb"] < 256)})
		case "scale":
			rows = append(rows, row{"evaluation at scale (" + size + "): EvaluateBundle", "< 10 s, < 3 GB",
				fmt.Sprintf("%.1f s, %.0f MB", m["eval_s"], m["eval_rss_mb"]), verdict(full, m["eval_s"] < 10 && m["eval_rss_mb"] < 3*1024)})
		case "site":
			rows = append(rows, row{"whole site from files (" + size + "): slate assess", "< 30 s, < 4 GB",
				fmt.Sprintf("%.1f s (cpu %.1f s), %.0f MB", m["wall"], m["cpu"], m["rss_mb"]), verdict(full, m["wall"] < 30 && m["rss_mb"] < 4*1024)})
		case "workbook":
			rows = append(rows, row{"workbook with 100k gaps", "< 2 s",
				fmt.Sprintf("%.2f s, %.0f MB", m["wall"], m["rss_mb"]), verdict(full, m["wall"] < 2)})
		}
	}
	return rows
}

// writeTable prints the figures as one table.
func writeTable(w io.Writer, rs results) error {
	rows := tableRows(rs)
	if len(rows) == 0 {
		return fmt.Errorf("no benchmark figures")
	}
	width := [3]int{len("figure"), len("target"), len("measured")}
	for _, r := range rows {
		for i, s := range []string{r.what, r.target, r.measured} {
			width[i] = max(width[i], len([]rune(s)))
		}
	}
	pad := func(s string, n int) string { return s + strings.Repeat(" ", n-len([]rune(s))) }
	fmt.Fprintf(w, "%s  %s  %s  %s\n", pad("figure", width[0]), pad("target", width[1]), pad("measured", width[2]), "target met")
	for _, r := range rows {
		fmt.Fprintf(w, "%s  %s  %s  %s\n", pad(r.what, width[0]), pad(r.target, width[1]), pad(r.measured, width[2]), r.met)
	}
	if ref, ok := rs["ref"]["cpu"]; ok {
		fmt.Fprintf(w, "(reference workload: %.2f CPU seconds)\n", ref)
	}
	return nil
}

// referenceCPU runs the reference workload n times and returns the median
// of its CPU times (user + system, in seconds): sorting, a map, hashing
// and allocation, on one goroutine, about a second of CPU on the
// machines slate is measured on. It never changes: the recorded figures
// are ratios to it. Where the process's CPU time is not read, the clock
// times it.
func referenceCPU(n int) float64 {
	now := cputime.Process
	if now() == 0 {
		start := time.Now()
		now = func() time.Duration { return time.Since(start) }
	}
	var times []float64
	for range n {
		before := now()
		sink = workload()
		times = append(times, (now() - before).Seconds())
	}
	slices.Sort(times)
	return times[len(times)/2]
}

var sink uint64

func workload() uint64 {
	x := uint64(88172645463325252)
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	var sum uint64
	for round := range 4 {
		s := make([]uint64, 1<<20)
		for i := range s {
			s[i] = next()
		}
		slices.Sort(s)
		m := make(map[uint64]int, 1<<18)
		for i, v := range s[:1<<18] {
			m[v>>uint(round)] = i
		}
		buf := make([]byte, 8<<20)
		for i := range buf {
			buf[i] = byte(s[i%len(s)])
		}
		h := sha256.Sum256(buf)
		sum += s[len(s)/2] + uint64(len(m)) + uint64(h[0])
	}
	return sum
}
