package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"slices"
	"time"
)

// Deflate levels of the parts of a workbook. A part is deflated as
// archive/zip deflates it (level 5) unless it passes bigPart bytes: the
// sheets that grow with the gaps are deflated at the fastest level, where
// deflate would otherwise take half of the time a large workbook costs,
// in segments on every core (segmentDeflater).
const (
	smallLevel = 5
	bigLevel   = flate.BestSpeed
	bigPart    = 1 << 20
)

// sortedZip is the ZipWriter excelize writes the workbook to: it deflates
// each part into a temporary file as excelize hands it over, and on
// Close writes the zip to out with the parts sorted by name, every
// timestamp set to mod and the entries of [Content_Types].xml sorted
// (excelize writes parts and content types in map order), so that equal
// content gives equal bytes. Nothing of a part is held in memory beyond
// its first bigPart bytes.
type sortedZip struct {
	out io.Writer
	mod time.Time
	// tmp holds the deflated parts, written through buf; written counts
	// what has been written.
	tmp     *os.File
	buf     *bufio.Writer
	written int64
	parts   []zipPart
	open    *partWriter
	err     error
	// contentTypes is [Content_Types].xml as written, small, sorted on
	// Close.
	contentTypes []byte
	// into is what insert puts into a part; inserted says it was.
	into     insertion
	inserted bool
}

// insertion is content written into the part named part, before the
// first occurrence of before in what excelize writes of it.
type insertion struct {
	part, before string
	content      io.WriterTo
}

// zipPart is one deflated part in the temporary file.
type zipPart struct {
	name             string
	offset, size     int64 // of the deflated bytes in tmp
	crc              uint32
	uncompressedSize uint64
}

func newSortedZip(out io.Writer, mod time.Time) *sortedZip {
	return &sortedZip{out: out, mod: mod}
}

// insert has content written into part, before the first occurrence of
// before: the Gaps sheet's rows, made apart from excelize. The part's
// own bytes are held until it ends; they are small.
func (z *sortedZip) insert(part, before string, content io.WriterTo) {
	z.into = insertion{part: part, before: before, content: content}
}

// Create starts a part, ending the one before.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.endPart(); err != nil {
		return nil, err
	}
	if slices.ContainsFunc(z.parts, func(p zipPart) bool { return p.name == name }) || (name == contentTypes && z.contentTypes != nil) {
		return nil, fmt.Errorf("workbook part %s written twice", name)
	}
	if name == contentTypes {
		return (*bytesAppender)(&z.contentTypes), nil
	}
	if z.tmp == nil {
		f, err := os.CreateTemp("", "slate-workbook-*")
		if err != nil {
			return nil, err
		}
		z.tmp, z.buf = f, bufio.NewWriterSize(f, 256<<10)
	}
	z.open = &partWriter{z: z, part: zipPart{name: name, offset: z.written}, crc: crc32.NewIEEE()}
	if name == z.into.part && z.into.content != nil {
		return (*bytesAppender)(&z.open.pending), nil
	}
	return z.open, nil
}

// AddFS is not used by the workbooks written here.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("workbook: adding a file system is not supported")
}

// Close writes the sorted zip to out and removes the temporary file.
func (z *sortedZip) Close() error {
	defer z.remove()
	if err := z.endPart(); err != nil {
		return err
	}
	if z.into.content != nil && !z.inserted {
		return fmt.Errorf("workbook part %s not written", z.into.part)
	}
	if z.buf != nil {
		if err := z.buf.Flush(); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(z.parts)+1)
	for _, p := range z.parts {
		names = append(names, p.name)
	}
	if z.contentTypes != nil {
		names = append(names, contentTypes)
	}
	slices.Sort(names)
	zw := zip.NewWriter(z.out)
	for _, name := range names {
		if name == contentTypes {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.mod})
			if err != nil {
				return err
			}
			if _, err := w.Write(sortContentTypes(z.contentTypes)); err != nil {
				return err
			}
			continue
		}
		p := z.parts[slices.IndexFunc(z.parts, func(p zipPart) bool { return p.name == name })]
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: p.name, Method: zip.Deflate, Modified: z.mod, CRC32: p.crc,
			CompressedSize64: uint64(p.size), UncompressedSize64: p.uncompressedSize,
		})
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, io.NewSectionReader(z.tmp, p.offset, p.size)); err != nil {
			return fmt.Errorf("workbook part %s: %w", p.name, err)
		}
	}
	return zw.Close()
}

// remove deletes the temporary file.
func (z *sortedZip) remove() {
	if z.tmp != nil {
		_ = z.tmp.Close()
		_ = os.Remove(z.tmp.Name())
		z.tmp = nil
	}
}

// endPart finishes the part being written, if any.
func (z *sortedZip) endPart() error {
	p := z.open
	if p == nil {
		return z.err
	}
	z.open = nil
	if z.err != nil {
		return z.err
	}
	if p.part.name == z.into.part && z.into.content != nil {
		if err := p.writeInserting(z.into); err != nil {
			return err
		}
		z.inserted = true
	}
	if p.fw == nil {
		// A small part: deflated whole, as archive/zip would.
		if err := p.startDeflate(smallLevel); err != nil {
			return err
		}
	}
	if err := p.fw.Close(); err != nil {
		return err
	}
	p.part.size, p.part.crc = z.written-p.part.offset, p.crc.Sum32()
	z.parts = append(z.parts, p.part)
	return nil
}

// partWriter takes one part's bytes: the first bigPart of them are held
// until the part is known to be small (deflated at smallLevel when it
// ends) or big (deflated at bigLevel from there on).
type partWriter struct {
	z    *sortedZip
	part zipPart
	crc  hash.Hash32
	held []byte
	fw   io.WriteCloser
	// pending are excelize's bytes of the part an insertion goes into.
	pending []byte
}

func (p *partWriter) Write(b []byte) (int, error) {
	if p.z.err != nil {
		return 0, p.z.err
	}
	p.crc.Write(b)
	p.part.uncompressedSize += uint64(len(b))
	if p.fw == nil {
		if len(p.held)+len(b) <= bigPart {
			p.held = append(p.held, b...)
			return len(b), nil
		}
		if err := p.startDeflate(bigLevel); err != nil {
			return 0, err
		}
	}
	if _, err := p.fw.Write(b); err != nil {
		p.z.err = err
		return 0, err
	}
	return len(b), nil
}

// writeInserting writes the part's pending bytes with in's content
// before in.before.
func (p *partWriter) writeInserting(in insertion) error {
	i := bytes.Index(p.pending, []byte(in.before))
	if i < 0 {
		return fmt.Errorf("workbook part %s: no %s to write before", p.part.name, in.before)
	}
	if _, err := p.Write(p.pending[:i]); err != nil {
		return err
	}
	if _, err := in.content.WriteTo(p); err != nil {
		return fmt.Errorf("workbook part %s: %w", p.part.name, err)
	}
	if _, err := p.Write(p.pending[i:]); err != nil {
		return err
	}
	p.pending = nil
	return nil
}

// startDeflate starts deflating at level and passes it what was held.
func (p *partWriter) startDeflate(level int) error {
	if level == bigLevel {
		p.fw = newSegmentDeflater((*tmpWriter)(p.z), level)
	} else {
		fw, err := flate.NewWriter((*tmpWriter)(p.z), level)
		if err != nil {
			return err
		}
		p.fw = fw
	}
	if _, err := p.fw.Write(p.held); err != nil {
		p.z.err = err
		return err
	}
	p.held = nil
	return nil
}

// tmpWriter writes to the temporary file, counting.
type tmpWriter sortedZip

func (t *tmpWriter) Write(b []byte) (int, error) {
	n, err := t.buf.Write(b)
	t.written += int64(n)
	return n, err
}

// bytesAppender collects what is written to it.
type bytesAppender []byte

func (b *bytesAppender) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}
