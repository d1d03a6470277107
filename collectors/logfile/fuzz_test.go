package logfile

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"slices"
	"testing"
)

// FuzzReader reads fuzzed logs, plain and gzip-compressed: both give the
// lines the obvious split gives (on LF, one CR before it dropped, blank
// lines skipped), and the digest of the plain file is its sha256. A gzip
// stream cut anywhere past its header ends in a *GzipError at the cut
// (the byte of the compressed file where decompression stopped), after
// at least the whole lines read before it (blank lines count in its
// number).
func FuzzReader(f *testing.F) {
	f.Add([]byte("{\"event_type\":\"flow\"}\n{\"event_type\":\"alert\"}\n"), uint16(0))
	f.Add([]byte("a\r\n\r\nb\rc\n\nlast"), uint16(7))
	f.Add([]byte("#fields\tts\tuid\n1.0\tC1\n"), uint16(20))
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		var want [][]byte
		for _, l := range bytes.Split(data, []byte("\n")) {
			if l = bytes.TrimSuffix(l, []byte("\r")); len(l) > 0 {
				want = append(want, l)
			}
		}
		got, err := readAll(t, data)
		if err != nil {
			t.Fatalf("plain: %v", err)
		}
		if !slices.EqualFunc(got, want, bytes.Equal) {
			t.Fatalf("plain: lines %q, want %q", got, want)
		}
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		_, _ = zw.Write(data)
		_ = zw.Close()
		got, err = readAll(t, zb.Bytes())
		if err != nil || !slices.EqualFunc(got, want, bytes.Equal) {
			t.Fatalf("gzip: lines %q, %v; want %q", got, err, want)
		}
		z := zb.Bytes()
		if n := int(cut) % len(z); n > 10 { // past the gzip header
			got, err = readAll(t, z[:n])
			ge, ok := errors.AsType[*GzipError](err)
			if !ok || ge.Offset != int64(n) || ge.Lines < len(got) || len(got) > len(want) || !slices.EqualFunc(got, want[:len(got)], bytes.Equal) {
				t.Fatalf("gzip cut at %d of %d bytes: %v after lines %q; want a *GzipError at the cut after some of %q", n, len(z), err, got, want)
			}
		}
	})
}

// readAll returns the lines of a log, copied, and checks its digest.
func readAll(t *testing.T, data []byte) ([][]byte, error) {
	r, err := NewReader(bytes.NewReader(data), Options{})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var lines [][]byte
	for {
		l, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return lines, err
		}
		lines = append(lines, bytes.Clone(l))
	}
	file, err := r.Finish("log")
	if err != nil {
		return lines, err
	}
	sum := sha256.Sum256(data)
	if file.SHA256 != hex.EncodeToString(sum[:]) || file.Size != int64(len(data)) {
		t.Fatalf("digest %s (%d bytes), want %x (%d)", file.SHA256, file.Size, sum, len(data))
	}
	return lines, nil
}
