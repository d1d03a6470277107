// Package logfile reads the line-oriented logs sensors write (Suricata's
// EVE JSON, and any log of one record per line): plain or gzip, line by
// line with line numbers, hashing every byte of the file as it goes, so
// that a collector reads a file once for both its records and its
// provenance digest.
//
// Two rules every reader of sensor logs shares live here. A gzip file cut
// short or corrupt is an error at the byte of the file (compressed, as the
// user has it) where its decompression stopped, naming the last line read
// whole (GzipError). And a
// last line without its line end is handed out like any other; when it is
// no whole record, it is left out with a warning in a file that may still
// be being written (Options.Live: the newest plain file of a log a sensor
// still appends to; Reader.Cut), and is bad input in any other.
//
// It imports nothing of the project but package evidence.
package logfile

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"

	"github.com/slate-ot/slate/evidence"
)

// MaxLine bounds one line. Sensors write one record per line; a longer
// line is no record of theirs.
const MaxLine = 16 << 20

// LineError is a problem at one line of a log.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// GzipError is a gzip file cut short or corrupt. Offset is the byte of
// the file as it is, compressed, where decompression stopped: the place a
// user can find with the tools at hand, where a line number of the
// decompressed data is not. Lines is the number of lines read before it.
type GzipError struct {
	Offset int64
	Lines  int
	Err    error
}

func (e *GzipError) Error() string {
	return fmt.Sprintf("gzip stream truncated or corrupt at byte %d of the file, after line %d: %v", e.Offset, e.Lines, e.Err)
}
func (e *GzipError) Unwrap() error { return e.Err }

// Options tune a Reader.
type Options struct {
	// Live is set when the file may still be being written: its last
	// line, when it has no line end, is left out (Reader.CutShort)
	// instead of being an error. A gzip file is never live.
	Live bool
}

// Reader hands out the lines of one log.
type Reader struct {
	f      *os.File
	h      hash.Hash
	counts *counter
	raw    *bufio.Reader
	br     *bufio.Reader
	zr     *gzip.Reader
	gz     bool
	live   bool
	n      int
	cut    int
	long   []byte
	// unterminated is set when the line Next returned last had no line
	// end: the last line of the file.
	unterminated bool
}

type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Open opens the log at path. A file starting with the gzip magic bytes
// is read decompressed (every member of a multi-member file).
func Open(path string, opts Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return newReader(f, f, opts)
}

// NewReader reads a log from r (for tests and fuzzing: Open reads a file).
func NewReader(r io.Reader, opts Options) (*Reader, error) { return newReader(r, nil, opts) }

func newReader(r io.Reader, f *os.File, opts Options) (*Reader, error) {
	h := sha256.New()
	c := &counter{r: io.TeeReader(r, h)}
	lr := &Reader{f: f, h: h, counts: c, raw: bufio.NewReaderSize(c, 256<<10), live: opts.Live}
	lr.br = lr.raw
	if magic, _ := lr.raw.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(lr.raw)
		if err != nil {
			lr.Close()
			return nil, &LineError{Line: 1, Err: fmt.Errorf("gzip header: %w", err)}
		}
		zr.Multistream(true)
		lr.zr, lr.gz, lr.live = zr, true, false
		lr.br = bufio.NewReaderSize(zr, 256<<10)
	}
	return lr, nil
}

// Gzip reports whether the file is gzip-compressed.
func (r *Reader) Gzip() bool { return r.gz }

// Line is the number of the line Next returned last (1-based).
func (r *Reader) Line() int { return r.n }

// CutShort returns the number of the last line when it was left out as
// cut short (Cut); 0 otherwise.
func (r *Reader) CutShort() int { return r.cut }

// Cut is called by a reader that could not read the line Next returned
// last as a whole record. It reports whether that line is the last line
// of a live file without its line end, a record its writer has not
// finished: the line is then left out (CutShort names it) and reading
// should stop without error. Otherwise the line is bad input.
func (r *Reader) Cut() bool {
	if r.live && r.unterminated {
		r.cut = r.n
		return true
	}
	return false
}

// Next returns the next non-blank line without its line end (CR LF or
// LF), valid until the following call, and io.EOF after the last. A line
// over MaxLine is a *LineError; a gzip stream cut short or corrupt a
// *GzipError.
func (r *Reader) Next() ([]byte, error) {
	for {
		line, err := r.br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			r.long = append(r.long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = r.br.ReadSlice('\n')
				r.long = append(r.long, line...)
				if len(r.long) > MaxLine {
					return nil, &LineError{Line: r.n + 1, Err: fmt.Errorf("line longer than %d bytes", MaxLine)}
				}
			}
			line = r.long
		}
		if err != nil && err != io.EOF {
			if r.gz {
				// Where the decompressor stopped in the file: what it
				// took from the buffered reader, less what is left there.
				return nil, &GzipError{Offset: r.counts.n - int64(r.raw.Buffered()), Lines: r.n, Err: err}
			}
			return nil, err
		}
		if len(line) == 0 && err == io.EOF {
			return nil, io.EOF
		}
		r.n++
		r.unterminated = line[len(line)-1] != '\n'
		if !r.unterminated {
			line = line[:len(line)-1]
		}
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		if len(line) == 0 {
			continue
		}
		return line, nil
	}
}

// Finish reads what is left of the file so that the digest covers all of
// it, and returns the file's identity for provenance (rel is its path as
// provenance names it).
func (r *Reader) Finish(rel string) (evidence.File, error) {
	if _, err := io.Copy(io.Discard, r.raw); err != nil {
		return evidence.File{}, err
	}
	return evidence.File{Path: rel, Size: r.counts.n, SHA256: hex.EncodeToString(r.h.Sum(nil))}, nil
}

// Close closes the file.
func (r *Reader) Close() error {
	if r.zr != nil {
		r.zr.Close()
	}
	if r.f != nil {
		return r.f.Close()
	}
	return nil
}
