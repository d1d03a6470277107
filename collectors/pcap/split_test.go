package pcap_test

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/slate-ot/slate/collectors/pcap"
)

// writeSplit writes nflows UDP conversations of perFlow packets each
// (packets alternate direction) across nfiles captures: packet j of every
// flow goes to file j % nfiles, so every file sees every flow and the
// files together hold the same packets however many there are. It
// returns the files' paths.
func writeSplit(tb testing.TB, dir string, nflows, perFlow, nfiles int) []string {
	tb.Helper()
	paths := make([]string, nfiles)
	writers := make([]*pcapgo.Writer, nfiles)
	bufs := make([]*bufio.Writer, nfiles)
	files := make([]*os.File, nfiles)
	for i := range nfiles {
		paths[i] = filepath.Join(dir, fmt.Sprintf("part-%02d.pcap", i))
		f, err := os.Create(paths[i])
		if err != nil {
			tb.Fatal(err)
		}
		files[i], bufs[i] = f, bufio.NewWriterSize(f, 1<<20)
		writers[i] = pcapgo.NewWriter(bufs[i])
		if err := writers[i].WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
			tb.Fatal(err)
		}
	}
	frame := make([]byte, 14+20+8+8)
	base := time.Date(2026, 10, 28, 8, 0, 0, 0, time.UTC)
	for j := range perFlow {
		for k := range nflows {
			// Client 10.1.x.y:40000+k%20000 to server 10.2.0.(k%200+1):502+k/20000.
			cli := [4]byte{10, 1, byte(k >> 8), byte(k)}
			srv := [4]byte{10, 2, 0, byte(k%200 + 1)}
			cport, sport := uint16(40000+k%20000), uint16(5020+k/20000)
			src, dst, sp, dp := cli, srv, cport, sport
			smac, dmac := [6]byte{2, 0, 0, 1, byte(k >> 8), byte(k)}, [6]byte{2, 0, 0, 2, 0, byte(k%200 + 1)}
			if j%2 == 1 {
				src, dst, sp, dp = srv, cli, sport, cport
				smac, dmac = dmac, smac
			}
			copy(frame[0:6], dmac[:])
			copy(frame[6:12], smac[:])
			binary.BigEndian.PutUint16(frame[12:], 0x0800)
			ip := frame[14:34]
			ip[0], ip[1] = 0x45, 0
			binary.BigEndian.PutUint16(ip[2:], 20+8+8)
			binary.BigEndian.PutUint32(ip[4:], 0)
			ip[8], ip[9] = 64, 17
			binary.BigEndian.PutUint16(ip[10:], 0)
			copy(ip[12:16], src[:])
			copy(ip[16:20], dst[:])
			var sum uint32
			for i := 0; i < 20; i += 2 {
				sum += uint32(binary.BigEndian.Uint16(ip[i:]))
			}
			for sum > 0xffff {
				sum = sum&0xffff + sum>>16
			}
			binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
			udp := frame[34:42]
			binary.BigEndian.PutUint16(udp[0:], sp)
			binary.BigEndian.PutUint16(udp[2:], dp)
			binary.BigEndian.PutUint16(udp[4:], 16)
			binary.BigEndian.PutUint16(udp[6:], 0)
			binary.BigEndian.PutUint64(frame[42:], uint64(j)<<32|uint64(k))
			ts := base.Add(time.Duration(j)*time.Second + time.Duration(k)*time.Microsecond)
			ci := gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(frame), Length: len(frame)}
			if err := writers[j%nfiles].WritePacket(ci, frame); err != nil {
				tb.Fatal(err)
			}
		}
	}
	for i := range nfiles {
		if err := bufs[i].Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := files[i].Close(); err != nil {
			tb.Fatal(err)
		}
	}
	return paths
}

// TestSplitDeterministic: the same packets in 1, 2, 3, 4, 6 and 12 files
// give the same flows, devices, protocols and credentials, whatever the
// number of workers.
func TestSplitDeterministic(t *testing.T) {
	const nflows, perFlow = 3000, 12
	var want *pcap.Data
	for _, procs := range []int{1, 2, 4} {
		for _, n := range []int{1, 2, 3, 4, 6, 12} {
			t.Run(fmt.Sprintf("%d files, %d workers", n, procs), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				dir := t.TempDir()
				_, data, err := collect(t, newSource(dir, writeSplit(t, dir, nflows, perFlow, n)))
				if err != nil {
					t.Fatal(err)
				}
				if len(data.Flows) != nflows {
					t.Fatalf("%d flows, want %d", len(data.Flows), nflows)
				}
				data.Inputs = nil
				if want == nil {
					want = &data
					return
				}
				if diff := cmp.Diff(*want, data); diff != "" {
					t.Errorf("data differs from one file's (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// BenchmarkSplitPeakHeap reads the same 60,000 flows (48 packets each)
// from 1, 4, 12 and 48 files and reports the peak live heap while
// collecting (peak-heap-MB, sampled every millisecond under GOGC=10). Each file's flow
// table is merged as the file finishes, so the peaks stay within 10% of
// one another: the benchmark fails otherwise. BENCH_SPLIT_FLOWS changes
// the number of flows.
func BenchmarkSplitPeakHeap(b *testing.B) {
	nflows := 60_000
	if v := os.Getenv("BENCH_SPLIT_FLOWS"); v != "" {
		if _, err := fmt.Sscan(v, &nflows); err != nil {
			b.Fatal(err)
		}
	}
	const perFlow = 48
	peaks := map[int]float64{}
	for _, n := range []int{1, 4, 12, 48} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			src := newSource(dir, writeSplit(b, dir, nflows, perFlow, n))
			var peak uint64
			for b.Loop() {
				p, err := peakHeap(func() error {
					_, err := pcap.New().Collect(context.Background(), src)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, p)
			}
			mb := float64(peak) / (1 << 20)
			b.ReportMetric(mb, "peak-heap-MB")
			peaks[n] = mb
		})
	}
	lo, hi := peaks[1], peaks[1]
	for _, p := range peaks {
		lo, hi = min(lo, p), max(hi, p)
	}
	if lo > 0 && hi > lo*1.10 {
		b.Errorf("peak heap from 1, 4, 12 and 48 files: %v MB, more than 10%% apart", peaks)
	}
}

// peakHeap runs fn and returns the largest heap of objects seen while it
// ran, sampled every millisecond after a collection. The collector runs
// with GOGC=10 meanwhile, so that what is sampled is the live heap within
// about 10% rather than wherever the pacer let garbage grow to.
func peakHeap(fn func() error) (uint64, error) {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	read := func() {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
	}
	read()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				read()
			}
		}
	})
	err := fn()
	close(stop)
	wg.Wait()
	read()
	return peak, err
}
