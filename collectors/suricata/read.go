package suricata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/slate-ot/slate/collectors/logfile"
	"github.com/slate-ot/slate/evidence"
)

// fileResult is what one worker read from one EVE file.
type fileResult struct {
	file     evidence.File
	gzip     bool
	agg      *aggregate
	warnings []evidence.Warning
	// cut is the line left out for having no line end in a live file.
	cut int
	err error
}

// readFile reads one EVE file, plain or gzip. live says the file may
// still be being written (liveFiles).
func readFile(ctx context.Context, src evidence.Source, p, rel string, live bool) (res *fileResult) {
	res = &fileResult{agg: newAggregate(src.FingerprintKey, rel)}
	inputErr := func(line int, err error) *fileResult {
		res.err = &evidence.InputError{Path: rel, Line: line, Err: err}
		return res
	}
	r, err := logfile.Open(p, logfile.Options{Live: live})
	if err != nil {
		if le, ok := errors.AsType[*logfile.LineError](err); ok {
			return inputErr(le.Line, le.Err)
		}
		return inputErr(0, err)
	}
	defer r.Close()
	res.gzip = r.Gzip()
	if err := readEVE(ctx, r, res.agg); err != nil {
		if ctx.Err() != nil {
			res.err = ctx.Err()
			return res
		}
		if le, ok := errors.AsType[*logfile.LineError](err); ok {
			return inputErr(le.Line, le.Err)
		}
		if ge, ok := errors.AsType[*logfile.GzipError](err); ok {
			// The place is the byte of the compressed file, as the
			// capture collector names it for a gzip capture.
			res.err = &evidence.InputError{Path: rel, Offset: ge.Offset,
				Err: fmt.Errorf("gzip stream truncated or corrupt after line %d: %w", ge.Lines, ge.Err)}
			return res
		}
		return inputErr(r.Line(), err)
	}
	if n := r.CutShort(); n > 0 {
		res.cut = n
		res.warnings = append(res.warnings, evidence.Warning{File: rel, Line: n,
			Message: "last line has no line end (the log is still being written): only the complete lines before it were read"})
	}
	f, err := r.Finish(rel)
	if err != nil {
		return inputErr(0, err)
	}
	res.file = f
	return res
}

// readEVE reads every line of r into agg. A line that is not an EVE
// record is a *logfile.LineError.
func readEVE(ctx context.Context, r *logfile.Reader, agg *aggregate) error {
	for n := 0; ; n++ {
		if n&0xfff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		e, err := DecodeEvent(line)
		if err != nil {
			if r.Cut() {
				return nil // the writer's unfinished last line
			}
			return &logfile.LineError{Line: r.Line(), Err: err}
		}
		if err := agg.add(e, r.Line()); err != nil {
			return &logfile.LineError{Line: r.Line(), Err: err}
		}
	}
}

// dateDir is a directory named by a day, as log archives file them.
var dateDir = regexp.MustCompile(`^\d{4}-?\d{2}-?\d{2}$`)

// sensorOf names the sensor a file came from: the source's sensor option,
// else the host field of its events (Suricata's sensor-name), else the
// directory above the file, passing over a date directory and "current",
// else the source's name.
func sensorOf(fixed, host, rel, source string) string {
	if fixed != "" {
		return fixed
	}
	if host != "" {
		return clip(host, 64)
	}
	dir := path.Dir(rel)
	for dir != "." && dir != "/" && dir != "" {
		base := path.Base(dir)
		if !dateDir.MatchString(base) && base != "current" {
			return base
		}
		dir = path.Dir(dir)
	}
	return source
}

// stem is the name of the log a file belongs to: its base name up to the
// first '.' or '-' ("eve" for eve.json, eve.json.1 and
// eve-2024-05-01.json.gz).
func stem(base string) string {
	if i := strings.IndexAny(base, ".-"); i > 0 {
		return base[:i]
	}
	return base
}

// liveFiles marks the files that may still be being written: in each
// directory and for each log, the plain file Suricata writes to (stem
// plus ".json"), or failing it the last plain ".json" file in name order
// (a dated name: eve-2024-05-02.json after eve-2024-05-01.json). Rotated
// files (eve.json.1, anything gzip-compressed) are finished.
func liveFiles(rels []string) map[string]bool {
	type group struct{ dir, stem string }
	best := map[group]string{}
	for _, rel := range rels {
		base := path.Base(rel)
		if !strings.HasSuffix(base, ".json") {
			continue
		}
		g := group{path.Dir(rel), stem(base)}
		cur, ok := best[g]
		switch {
		case !ok:
			best[g] = rel
		case path.Base(cur) == g.stem+".json":
		case base == g.stem+".json" || rel > cur:
			best[g] = rel
		}
	}
	out := map[string]bool{}
	for _, rel := range best {
		out[rel] = true
	}
	return out
}
