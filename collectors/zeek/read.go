package zeek

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

// fileResult is what one worker read from one log file.
type fileResult struct {
	file     evidence.File
	log      LogFile
	warnings []evidence.Warning
	// The file's own figures: its time span and the packets and bytes
	// of its conn records.
	first, last    int64
	timed          bool
	packets, bytes int64
	cut            bool
	err            error
}

// dateDir is the directory name Zeek's archiver files a day's logs under.
var dateDir = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// sensorOf names the sensor a log file came from: the source's sensor
// option when set, else the directory above the file, passing over a
// date directory (YYYY-MM-DD, as Zeek archives) and "current" (where
// Zeek writes live logs), so that sensor-a/2024-05-01/conn.….log.gz and
// sensor-a/current/conn.log are both of sensor-a. A file directly in
// the assessment directory is of the source itself.
func sensorOf(fixed, rel, source string) string {
	if fixed != "" {
		return fixed
	}
	dir := path.Dir(rel)
	for dir != "." && dir != "/" {
		base := path.Base(dir)
		if !dateDir.MatchString(base) && base != "current" {
			return base
		}
		dir = path.Dir(dir)
	}
	return source
}

// logName is the log a file holds by its name: "conn" for conn.log,
// conn.00:00:00-01:00:00.log.gz and conn.log.json.
func logName(rel string) string {
	base := path.Base(rel)
	if i := strings.IndexByte(base, '.'); i > 0 {
		return base[:i]
	}
	return base
}

// readFile reads one log file, the idx-th of the source, into agg: plain
// or gzip, TSV or JSON. open says the file may still be being written
// (the newest of its log and sensor, not compressed), so that a cut last
// line is a warning.
func (c *Collector) readFile(ctx context.Context, src evidence.Source, p string, opts options, open bool, agg *aggregate, idx int) (res *fileResult) {
	rel := evidence.RelPath(src.Dir, p)
	res = &fileResult{}
	res.log = LogFile{Path: rel, Sensor: sensorOf(opts.sensor, rel, src.Name), Logs: map[string]int{}, Skipped: map[string]int{}}
	inputErr := func(line int, err error) *fileResult {
		res.err = &evidence.InputError{Path: rel, Line: line, Err: err}
		return res
	}
	f, err := os.Open(p)
	if err != nil {
		return inputErr(0, err)
	}
	defer f.Close()
	h := sha256.New()
	counted := &countingReader{r: io.TeeReader(f, h)}
	br := readerPool.Get().(*bufio.Reader)
	br.Reset(counted)
	defer func() { br.Reset(nil); readerPool.Put(br) }()
	var r io.Reader = br
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return inputErr(0, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		r = zr
		res.log.Gzip = true
		open = false // a compressed log was rotated: Zeek finished it
	}
	agg.startFile(rel, idx)
	name := logName(rel)
	n := 0
	info, err := ReadLog(r, ReadOptions{Name: name, Open: open}, func(rec *Record) error {
		n++
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return agg.add(rec, &res.log)
	})
	res.log.Format = info.Format
	res.log.Records = info.Records
	if err != nil {
		if ctx.Err() != nil {
			res.err = ctx.Err()
			return res
		}
		var le *LineError
		if errors.As(err, &le) {
			return inputErr(le.Line, le.Err)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
			return inputErr(info.Lines+1, fmt.Errorf("gzip member truncated or corrupt after line %d: %w", info.Lines, err))
		}
		return inputErr(info.Lines+1, err)
	}
	// Drain the rest so that the digest covers the whole file.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return inputErr(0, err)
	}
	if info.CutShort {
		res.cut = true
		res.warnings = append(res.warnings, evidence.Warning{File: rel, Line: info.CutLine,
			Message: "last line has no line end (the log is still being written): only the complete lines before it were read"})
	}
	res.file = evidence.File{Path: rel, Size: counted.n, SHA256: hex.EncodeToString(h.Sum(nil))}
	res.log.SHA256 = res.file.SHA256
	agg.endFile()
	res.first, res.last, res.timed = agg.first, agg.last, agg.timed
	res.packets, res.bytes = agg.packets, agg.bytes
	return res
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// openFiles marks the files that may still be being written: for every
// sensor and log name, the last plain (not gzip) file in path order, since
// Zeek's archiver names rotated logs by date and time and leaves only the
// live one uncompressed in place.
func openFiles(rels []string, fixed, source string) map[string]bool {
	last := map[[2]string]string{}
	for _, rel := range rels {
		if strings.HasSuffix(rel, ".gz") {
			continue
		}
		k := [2]string{sensorOf(fixed, rel, source), logName(rel)}
		if rel > last[k] {
			last[k] = rel
		}
	}
	out := map[string]bool{}
	for _, rel := range last {
		out[rel] = true
	}
	return out
}
