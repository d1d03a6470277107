package pcap

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// fileResult is what one worker read from one file.
type fileResult struct {
	file    evidence.File
	capture traffic.Input
	// first and last are the times of the first and last packet, in
	// nanoseconds since the epoch.
	first, last int64
	warnings    []evidence.Warning
	table       *table
	err         error
	// unknownLinks counts the packets of link types no parser decodes;
	// undated those whose time is outside what a capture can hold
	// (before 1970 or after 2262: pcapng Simple Packet Blocks carry none).
	unknownLinks map[layers.LinkType]int64
	undated      int64
	lastLink     layers.LinkType // of the packet before
}

// countingReader counts the bytes read through it: those of the
// decompressed stream of a gzip-compressed capture, for the place where
// it stops.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

var (
	magicGzip   = []byte{0x1f, 0x8b}
	magicPcapng = []byte{0x0a, 0x0d, 0x0d, 0x0a}
)

func isPcapMagic(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	switch string(b[:4]) {
	case "\xd4\xc3\xb2\xa1", "\xa1\xb2\xc3\xd4", "\x4d\x3c\xb2\xa1", "\xa1\xb2\x3c\x4d":
		return true
	}
	return false
}

const readBuffer = 1 << 20

// readFile reads one capture into a fresh flow table.
//
// workers is how many goroutines decode its packets.
func (c *Collector) readFile(ctx context.Context, src evidence.Source, path string, opts options, workers int, prog *progress) (res *fileResult) {
	rel := evidence.RelPath(src.Dir, path)
	res = &fileResult{capture: traffic.Input{Path: rel, LinkTypes: []string{}}}
	inputErr := func(off int64, err error) *fileResult {
		res.err = &evidence.InputError{Path: rel, Offset: off, Err: err}
		return res
	}
	// The file is read once: the capture reader takes its records from
	// the chunks the hash of the file for provenance reads, the hash on a
	// goroutine of its own.
	f, fs, err := openStream(path, prog)
	if err != nil {
		return inputErr(0, err)
	}
	defer f.Close()
	defer func() {
		fe, err := fs.finish(src.Dir, path, res.err != nil)
		if err != nil && res.err == nil {
			res.err = &evidence.InputError{Path: rel, Err: err}
		}
		res.file = fe
	}()
	head, _ := fs.Peek(4)
	if len(head) == 0 {
		return inputErr(0, errors.New("empty file, not a pcap or pcapng capture"))
	}
	head = slices.Clone(head)
	// stream is the capture, decompressed; consumed is how far into it
	// the reader has got. A bufio.Reader under pcapgo's readers is used
	// by them as is (bufio.NewReader returns a large enough Reader
	// unchanged), so that consumed can subtract what it holds.
	var stream io.Reader = fs
	consumed := func() int64 { return fs.pos }
	if len(head) >= 2 && string(head[:2]) == string(magicGzip) {
		zr, err := gzip.NewReader(fs)
		if err != nil {
			return inputErr(0, fmt.Errorf("gzip: %v", err))
		}
		zr.Multistream(true)
		res.capture.Gzip = true
		zc := &countingReader{r: zr}
		br := bufio.NewReaderSize(zc, readBuffer)
		stream = br
		consumed = func() int64 { return zc.n - int64(br.Buffered()) }
		head, _ = br.Peek(4)
	}
	var rr recordReader
	switch {
	case isPcapMagic(head):
		res.capture.Format = "pcap"
		if res.capture.Gzip {
			r, err := pcapgo.NewReader(stream)
			if err != nil {
				return headerErr(res, rel, consumed(), "pcap", err)
			}
			lt := r.LinkType()
			rr = &pcapgoRecords{ps: r, linkOf: func(gopacket.CaptureInfo) layers.LinkType { return lt }}
			break
		}
		r, err := newPcapRecords(fs)
		if err != nil {
			return headerErr(res, rel, consumed(), "pcap", err)
		}
		rr = r
	case len(head) == 4 && string(head) == string(magicPcapng):
		res.capture.Format = "pcapng"
		if !res.capture.Gzip {
			br := bufio.NewReaderSize(fs, readBuffer)
			stream = br
			consumed = func() int64 { return fs.pos - int64(br.Buffered()) }
		}
		r, err := pcapgo.NewNgReader(stream, pcapgo.NgReaderOptions{WantMixedLinkType: true})
		if err != nil {
			return headerErr(res, rel, consumed(), "pcapng", err)
		}
		rr = &pcapgoRecords{ps: r, linkOf: func(ci gopacket.CaptureInfo) layers.LinkType {
			if len(ci.AncillaryData) > 0 {
				if lt, ok := ci.AncillaryData[0].(layers.LinkType); ok {
					return lt
				}
			}
			return r.LinkType()
		}}
	default:
		what := "neither pcap nor pcapng"
		if res.capture.Gzip {
			what = "gzip-compressed, but " + what
		}
		return inputErr(0, fmt.Errorf("not a capture: %s (magic bytes % x)", what, head))
	}

	// With one worker, the reader decodes each packet itself; with more,
	// it counts the capture's totals and hands the packets, in batches, to
	// the worker of their conversation.
	var w *worker
	var fan *fanout
	if workers <= 1 {
		w = newWorker(c, src, opts, res)
	} else {
		fan = newFanout(c, src, opts, workers)
		defer fan.close() // on an early return; a no-op after the join below
	}
	// offset is the exact end of the last good record for pcap (24-byte
	// file header, 16-byte record headers); for pcapng it is where the
	// reader stopped in the (decompressed) stream.
	offset := int64(24)
	var n int
	for {
		if n&0x3fff == 0 {
			if err := ctx.Err(); err != nil {
				res.err = err
				return res
			}
		}
		n++
		data, lt, sec, ns, length, err := rr.next()
		if err != nil {
			if err == io.EOF {
				break
			}
			at := offset
			if res.capture.Format == "pcapng" {
				at = consumed()
			}
			msg := fmt.Sprintf("capture ends early or is corrupt after %d packets: %v; the packets before it were read", res.capture.Packets, err)
			if res.capture.Gzip {
				// The place a user can find is in the file as it is, the
				// compressed stream; where it is in the capture follows.
				msg += fmt.Sprintf(" (the capture, decompressed, stops at byte %d)", at)
				at = fs.pos
			}
			res.capture.Truncated = true
			res.capture.TruncatedAt = at
			res.warnings = append(res.warnings, evidence.Warning{File: rel, Offset: at, Message: msg})
			break
		}
		offset += 16 + int64(len(data))
		seq := res.capture.Packets
		ts, ok := res.count(lt, sec, ns, length)
		if !ok {
			continue
		}
		if w != nil {
			w.decode(lt, data, ts, length, seq)
		} else {
			fan.add(lt, data, ts, length, seq)
		}
	}
	if w != nil {
		w.finish(res)
		res.table = w.t
	} else {
		res.table = fan.join(res, opts.maxFlows)
	}
	res.doubtful(rel)
	return res
}

// doubtful warns of what makes a capture say less than it seems to: link
// types slate does not decode, packets with no usable time, and a capture
// none of whose packets could be parsed.
func (res *fileResult) doubtful(rel string) {
	c := &res.capture
	var unknown int64
	for _, lt := range slices.Sorted(maps.Keys(res.unknownLinks)) {
		n := res.unknownLinks[lt]
		unknown += n
		res.warnings = append(res.warnings, evidence.Warning{File: rel,
			Message: fmt.Sprintf("link type %d (%s) is not one slate decodes: its %d packet(s) were counted but not read", int(lt), lt, n)})
	}
	if res.undated > 0 {
		res.warnings = append(res.warnings, evidence.Warning{File: rel,
			Message: fmt.Sprintf("%d packet(s) carry no usable time (pcapng Simple Packet Blocks, or a time before 1970 or after 2262): each is dated by the dated packet before it, and the observation window by the dated ones", res.undated)})
	}
	if c.Packets > 0 && int64(c.Malformed)+unknown == c.Packets {
		res.warnings = append(res.warnings, evidence.Warning{File: rel,
			Message: fmt.Sprintf("none of its %d packet(s) could be decoded: the capture shows no traffic, which is not the same as none having flowed", c.Packets)})
	}
}

// headerErr handles a capture whose header could not be read: cut short,
// it is a truncated capture with no packets; otherwise not a capture.
func headerErr(res *fileResult, rel string, at int64, format string, err error) *fileResult {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		res.capture.Truncated, res.capture.TruncatedAt = true, at
		res.warnings = append(res.warnings, evidence.Warning{File: rel, Offset: at,
			Message: fmt.Sprintf("%s capture ends inside its header; no packets were read", format)})
		res.table = newTable()
		return res
	}
	res.err = &evidence.InputError{Path: rel, Err: fmt.Errorf("not a %s capture: %v", format, err)}
	return res
}

// linkName is a link type as the captures record lists it.
func linkName(lt layers.LinkType) string {
	switch lt {
	case layers.LinkTypeEthernet:
		return "ethernet"
	case layers.LinkTypeLinuxSLL:
		return "linux_sll"
	case layers.LinkTypeLinuxSLL2:
		return "linux_sll2"
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6, 12:
		return "raw"
	case layers.LinkTypeNull:
		return "null"
	case layers.LinkTypeLoop:
		return "loop"
	}
	return "linktype_" + strconv.Itoa(int(lt))
}

func (r *fileResult) noteLink(lt layers.LinkType) {
	if lt == r.lastLink && len(r.capture.LinkTypes) > 0 {
		return
	}
	r.lastLink = lt
	name := linkName(lt)
	if !slices.Contains(r.capture.LinkTypes, name) {
		r.capture.LinkTypes = append(r.capture.LinkTypes, name)
		slices.Sort(r.capture.LinkTypes)
	}
}
