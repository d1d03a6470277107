package pcap_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/slate-ot/slate/collectors/pcap"
)

// pcapgoRecords reads a classic pcap capture with pcapgo, as the
// collector's own reader is to read it.
func pcapgoRecords(b []byte) (recs []pcap.Record, header, end error) {
	r, err := pcapgo.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err, nil
	}
	for {
		data, ci, err := r.ZeroCopyReadPacketData()
		if err != nil {
			return recs, nil, err
		}
		recs = append(recs, pcap.Record{Data: append([]byte{}, data...), Link: int(r.LinkType()),
			Sec: ci.Timestamp.Unix(), Nano: ci.Timestamp.UnixNano(), Length: ci.Length})
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// sameRecords checks that the collector's record reader, over chunks of
// several sizes, reads what pcapgo reads from b.
func sameRecords(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantHeader, wantEnd := pcapgoRecords(b)
	chunks := []int{1, 5, 16, 17, 1000, 1 << 20}
	if len(b) > 16<<10 {
		chunks = chunks[2:] // a sample capture: not byte by byte
	}
	for _, chunk := range chunks {
		restore := pcap.SetStreamChunk(chunk)
		got, header, end := pcap.Records(path)
		restore()
		if errString(header) != errString(wantHeader) || errString(end) != errString(wantEnd) {
			t.Fatalf("chunks of %d: header error %v and end %v, want %v and %v", chunk, header, end, wantHeader, wantEnd)
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("chunks of %d: records differ (-pcapgo +collector):\n%s", chunk, cmp.Diff(want, got))
		}
	}
}

// damaged returns a classic pcap capture and copies of it cut short and
// with its lengths and times out of their ranges.
func damaged() [][]byte {
	frames := manyFlows(20)
	var buf bytes.Buffer
	w := pcapgo.NewWriterNanos(&buf)
	w.WriteFileHeader(200, layers.LinkTypeEthernet)
	for i, fr := range frames {
		writeRecord(&buf, binary.LittleEndian, uint32(1_700_000_000+i), uint32(i*999_999_937%1_000_000_000), fr, len(fr)+i%3)
	}
	whole := buf.Bytes()
	out := [][]byte{whole, whole[:24], whole[:30], whole[:24+16], whole[:24+16+10], whole[:len(whole)-1]}
	// A record longer than the snap length, one longer than on the wire,
	// a big-endian microsecond capture whose fractions pass a second,
	// and a snap length past pcapgo's own bound.
	long := bytes.Clone(whole)
	binary.LittleEndian.PutUint32(long[24+8:], 300_000)
	short := bytes.Clone(whole)
	binary.LittleEndian.PutUint32(short[24+12:], 1)
	var be bytes.Buffer
	be.Write([]byte{0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0, 0, 1})
	for i, fr := range frames[:40] {
		writeRecord(&be, binary.BigEndian, uint32(i), 4_294_000_000+uint32(i)*100_000, fr, len(fr))
	}
	var big bytes.Buffer
	big.Write([]byte{0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 1, 0, 0, 0})
	writeRecord(&big, binary.LittleEndian, 1, 2, bytes.Repeat([]byte{7}, 300_000), 300_000)
	writeRecord(&big, binary.LittleEndian, 1, 2, frames[0], len(frames[0]))
	bigCut := big.Bytes()[:200_000]
	bad := bytes.Clone(whole)
	bad[4] = 3 // major version
	return append(out, long, short, be.Bytes(), big.Bytes(), bigCut, bad, []byte{0xd4, 0xc3, 0xb2, 0xa1})
}

func writeRecord(buf *bytes.Buffer, order binary.ByteOrder, sec, frac uint32, data []byte, length int) {
	var h [16]byte
	order.PutUint32(h[0:], sec)
	order.PutUint32(h[4:], frac)
	order.PutUint32(h[8:], uint32(len(data)))
	order.PutUint32(h[12:], uint32(length))
	buf.Write(h[:])
	buf.Write(data)
}

// TestRecords reads the sample captures and damaged ones with the
// collector's record reader, cut into chunks of 1 byte to 1 MiB, and with
// pcapgo's: the records and the errors are the same.
func TestRecords(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.pcap")
	inputs := damaged()
	m, _ := filepath.Glob("testdata/corpus/*.pcap")
	for _, f := range m {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	for i, b := range inputs {
		t.Run(fmt.Sprint(i), func(t *testing.T) { sameRecords(t, path, b) })
	}
}

// FuzzRecords compares the collector's record reader with pcapgo's on
// arbitrary bytes after a pcap magic.
func FuzzRecords(f *testing.F) {
	for _, b := range damaged() {
		f.Add(b[:min(len(b), maxSeed)])
	}
	path := filepath.Join(f.TempDir(), "in.pcap")
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 4 || !bytes.Equal(b[:4], []byte{0xd4, 0xc3, 0xb2, 0xa1}) && !bytes.Equal(b[:4], []byte{0xa1, 0xb2, 0x3c, 0x4d}) {
			return
		}
		sameRecords(t, path, b)
	})
}

// TestChunksSameEvidence collects captures of every format (classic pcap,
// pcapng, gzip-compressed, cut short) with the file read in chunks of a
// few bytes and of the usual size: the evidence is the same bytes,
// provenance digest included.
func TestChunksSameEvidence(t *testing.T) {
	tmp := t.TempDir()
	files, _ := filepath.Glob("testdata/corpus/*.pcap*")
	many := manyFlows(100)
	many1 := filepath.Join(tmp, "many.pcap")
	writePcap(t, many1, layers.LinkTypeEthernet, many...)
	cut, err := os.ReadFile(many1)
	if err != nil {
		t.Fatal(err)
	}
	ng, err := os.ReadFile("testdata/corpus/s7_wincc_s400_production.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, many1,
		writeFile(t, tmp, "many-truncated.pcap", cut[:len(cut)*2/3]),
		writeFile(t, tmp, "many.pcap.gz", gz(cut)),
		writeFile(t, tmp, "many-truncated.pcap.gz", gz(cut)[:len(gz(cut))/2]),
		writeFile(t, tmp, "truncated.pcapng", ng[:len(ng)/3]),
		writeFile(t, tmp, "truncated.pcapng.gz", gz(ng)[:len(gz(ng))/3]),
		writeFile(t, tmp, "undated.pcapng", spbCapture(many[:200]...)))
	collect := func(f string, chunk int) string {
		defer pcap.SetStreamChunk(chunk)()
		doc, err := pcap.New().Collect(context.Background(), newSource(filepath.Dir(f), []string{f}))
		if err != nil {
			return "error: " + err.Error()
		}
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			want := collect(f, 1<<20)
			for _, chunk := range []int{7, 4096} {
				if got := collect(f, chunk); got != want {
					t.Fatalf("chunks of %d bytes give other evidence:\n%s\n%s", chunk, want, got)
				}
			}
		})
	}
}
