package pcap

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"sync/atomic"

	"github.com/slate-ot/slate/evidence"
)

// fileStream reads a capture file once, in large chunks, for two readers
// at a time: the SHA-256 of the file for provenance, on its own goroutine,
// and the capture reader, which takes its records in place from the same
// chunks (Peek and Discard, as bufio.Reader has them). A third goroutine
// makes the read system calls, so neither of the two waits for the disk
// or the page cache while the other works, and the file is copied from
// the kernel once, not once per reader.
//
// A chunk goes back to the free list when both have done with it; at most
// streamChunks exist, so memory is bounded whatever the file.
type fileStream struct {
	full  chan *chunk // read, in file order, for the capture reader
	hashq chan *chunk // read, in file order, for the hash
	free  chan *chunk
	stop  atomic.Bool
	// Set by the reading goroutine before it closes full and hashq.
	readErr error
	size    int64

	cur   *chunk // the chunk buf or after is in, held by the capture reader
	buf   []byte // what Peek sees first
	after []byte // unread bytes of cur following buf, when buf is carry
	carry []byte // a record cut by the end of a chunk, put back together
	eof   bool
	err   error // of the reading goroutine, once full is drained
	pos   int64 // bytes consumed by the capture reader

	hashed chan hashResult
}

type chunk struct {
	buf  []byte
	n    int
	refs atomic.Int32
}

type hashResult struct {
	sum  [sha256.Size]byte
	size int64
	err  error
}

// streamChunks is how many chunks of streamChunk bytes a stream has at
// most (streamChunk is a variable only so that tests can cut small
// captures into many chunks).
const streamChunks = 8

var streamChunk = 1 << 20

// newFileStream starts reading f; size is its size when opened, which
// only sizes the chunks of a small file (a file that grows is read to its
// end all the same). Progress is reported as chunks are read.
func newFileStream(f io.Reader, size int64, prog *progress) *fileStream {
	s := &fileStream{
		full:   make(chan *chunk, streamChunks),
		hashq:  make(chan *chunk, streamChunks),
		free:   make(chan *chunk, streamChunks),
		hashed: make(chan hashResult, 1),
	}
	n := streamChunk
	if size >= 0 && size < int64(streamChunk) {
		n = int(size) + 1 // +1: the read that meets the end of a small file is its first
	}
	go s.read(f, n, prog)
	go s.hash(sha256.New())
	return s
}

// read fills chunks from f until its end, an error or stop.
func (s *fileStream) read(f io.Reader, size int, prog *progress) {
	defer close(s.hashq)
	defer close(s.full)
	made := 0
	for !s.stop.Load() {
		var c *chunk
		select {
		case c = <-s.free:
		default:
			if made < streamChunks {
				made++
				c = &chunk{buf: make([]byte, size)}
			} else {
				c = <-s.free
			}
		}
		n, err := io.ReadFull(f, c.buf)
		if n > 0 {
			c.n = n
			s.size += int64(n)
			c.refs.Store(2)
			s.hashq <- c
			s.full <- c
			prog.add(int64(n))
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return
		}
		if err != nil {
			s.readErr = err
			return
		}
	}
}

func (s *fileStream) hash(h hash.Hash) {
	for c := range s.hashq {
		h.Write(c.buf[:c.n])
		s.release(c)
	}
	// The reading goroutine set size and readErr before closing hashq.
	var r hashResult
	h.Sum(r.sum[:0])
	r.size, r.err = s.size, s.readErr
	s.hashed <- r
}

func (s *fileStream) release(c *chunk) {
	if c != nil && c.refs.Add(-1) == 0 {
		s.free <- c
	}
}

// next makes the following chunk the current one; false at the end.
func (s *fileStream) next() bool {
	if s.eof {
		return false
	}
	c, ok := <-s.full
	s.release(s.cur)
	s.cur = nil
	if !ok {
		s.eof = true
		s.err = s.readErr
		return false
	}
	s.cur = c
	return true
}

// endErr is what a read past the end returns: the reading goroutine's
// error, or io.EOF.
func (s *fileStream) endErr() error {
	if s.err != nil {
		return s.err
	}
	return io.EOF
}

// Peek returns the next n bytes without consuming them, valid until the
// next call of any method; fewer, with an error, at the end of the file.
func (s *fileStream) Peek(n int) ([]byte, error) {
	if len(s.buf) >= n {
		return s.buf[:n], nil
	}
	return s.peekMore(n)
}

// peekMore is Peek when buf holds fewer than n bytes.
func (s *fileStream) peekMore(n int) ([]byte, error) {
	if len(s.buf) == 0 && len(s.after) == 0 {
		// At a chunk's end: the next one, in place, when n fits in it.
		if !s.next() {
			return nil, s.endErr()
		}
		s.buf = s.cur.buf[:s.cur.n]
		if len(s.buf) >= n {
			return s.buf[:n], nil
		}
	}
	// Cut by the end of a chunk: put together in carry, whose bytes
	// then come before those left in the current chunk.
	var grown []byte
	if k := len(s.buf); k > 0 && k <= len(s.carry) && &s.buf[0] == &s.carry[len(s.carry)-k] {
		grown = s.carry[:copy(s.carry, s.buf)] // buf is a tail of carry
	} else {
		grown = append(s.carry[:0], s.buf...)
	}
	for len(grown) < n {
		if len(s.after) == 0 {
			if !s.next() {
				s.carry, s.buf, s.after = grown, grown, nil
				return grown, s.endErr()
			}
			s.after = s.cur.buf[:s.cur.n]
		}
		take := min(n-len(grown), len(s.after))
		grown = append(grown, s.after[:take]...)
		s.after = s.after[take:]
	}
	s.carry, s.buf = grown, grown
	return grown[:n], nil
}

// Discard consumes n bytes, which a Peek has returned.
func (s *fileStream) Discard(n int) (int, error) {
	if n > len(s.buf) {
		n = len(s.buf)
	}
	s.buf = s.buf[n:]
	s.pos += int64(n)
	if len(s.buf) == 0 && len(s.after) > 0 {
		s.buf, s.after = s.after, nil
	}
	return n, nil
}

// Read copies the next bytes into p.
func (s *fileStream) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(s.buf) == 0 {
		if _, err := s.Peek(1); err != nil && len(s.buf) == 0 {
			return 0, err
		}
	}
	n := copy(p, s.buf)
	s.Discard(n)
	return n, nil
}

// ReadByte makes the stream an io.ByteReader, so that a gzip reader reads
// from it directly and consumes no more than it decompresses.
func (s *fileStream) ReadByte() (byte, error) {
	if len(s.buf) == 0 {
		if _, err := s.Peek(1); err != nil && len(s.buf) == 0 {
			return 0, err
		}
	}
	b := s.buf[0]
	s.Discard(1)
	return b, nil
}

// finish reads what is left of the file for the hash, unless abort, and
// returns the file as provenance describes it.
func (s *fileStream) finish(dir, path string, abort bool) (evidence.File, error) {
	if abort {
		s.stop.Store(true)
	}
	s.buf, s.after = nil, nil
	for s.next() {
	}
	r := <-s.hashed
	if r.err != nil {
		return evidence.File{}, fmt.Errorf("read %s: %w", path, r.err)
	}
	if abort {
		return evidence.File{}, errors.New("stopped")
	}
	return evidence.File{Path: evidence.RelPath(dir, path), Size: r.size, SHA256: hex.EncodeToString(r.sum[:])}, nil
}

// openStream opens path for newFileStream.
func openStream(path string, prog *progress) (*os.File, *fileStream, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return f, newFileStream(f, size, prog), nil
}
