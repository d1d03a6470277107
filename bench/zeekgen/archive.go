package main

import (
	"path/filepath"
	"time"
)

// archive writes one sensor's logs as Zeek's archiver files them:
// <root>/<sensor>/YYYY-MM-DD/<log>.HH:MM:SS-HH:MM:SS.log[.gz], one file per
// log and rotation interval, or <root>/<sensor>/<log>.log without
// rotation. Records must come in time order per log.
type archive struct {
	roots    []string // one per format
	json     []bool
	sensor   string
	rotate   time.Duration
	compress bool
	open     map[string][]*logFile // by log path, one per format
	window   map[string]int64      // start of the open file's interval
	bytes    int64
	files    int
	// written counts the bytes of records written in the last format
	// (JSON when both are written), before compression.
	written int64
}

func newArchive(out, format, sensor string, rotate time.Duration, compress bool) *archive {
	a := &archive{sensor: sensor, rotate: rotate, compress: compress, open: map[string][]*logFile{}, window: map[string]int64{}}
	switch format {
	case "json":
		a.roots, a.json = []string{out}, []bool{true}
	case "tsv":
		a.roots, a.json = []string{out}, []bool{false}
	default:
		a.roots, a.json = []string{filepath.Join(out, "tsv"), filepath.Join(out, "json")}, []bool{false, true}
	}
	return a
}

func (a *archive) name(root, path string, from, to time.Time) string {
	dir := filepath.Join(root, a.sensor)
	ext := ".log"
	if a.compress {
		ext += ".gz"
	}
	if a.rotate <= 0 {
		return filepath.Join(dir, path+ext)
	}
	return filepath.Join(dir, from.Format("2006-01-02"), path+"."+from.Format("15:04:05")+"-"+to.Format("15:04:05")+ext)
}

// emit writes r (whose time is ts, nanoseconds) to every format's file of
// its log and interval.
func (a *archive) emit(r *rec, ts int64) error {
	p := r.s.path
	start := int64(0)
	if a.rotate > 0 {
		start = ts - ts%int64(a.rotate)
	}
	files := a.open[p]
	if files != nil && a.rotate > 0 && a.window[p] != start {
		if err := a.closeLog(p); err != nil {
			return err
		}
		files = nil
	}
	if files == nil {
		from := time.Unix(0, start).UTC()
		to := from.Add(a.rotate)
		if a.rotate <= 0 {
			from = time.Unix(0, ts).UTC().Truncate(time.Second)
			to = from
		}
		for i, root := range a.roots {
			lf, err := createLog(a.name(root, p, from, to), r.s, a.json[i], a.compress, from, to)
			if err != nil {
				return err
			}
			files = append(files, lf)
			a.files++
		}
		a.open[p], a.window[p] = files, start
	}
	last := files[len(files)-1]
	before := last.n
	for _, lf := range files {
		if a.rotate <= 0 {
			if t := time.Unix(0, ts).UTC().Add(time.Second).Truncate(time.Second); t.After(lf.close) {
				lf.close = t
			}
		}
		lf.write(r)
	}
	a.written += last.n - before
	return nil
}

func (a *archive) closeLog(p string) error {
	var err error
	for _, lf := range a.open[p] {
		if e := lf.finish(); err == nil {
			err = e
		}
		a.bytes += lf.n
	}
	delete(a.open, p)
	return err
}

func (a *archive) close() error {
	var err error
	for p := range a.open {
		if e := a.closeLog(p); err == nil {
			err = e
		}
	}
	return err
}
