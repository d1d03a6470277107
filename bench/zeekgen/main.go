// Command zeekgen writes Zeek logs as a sensor running Zeek with CISA's
// ICSNPP parsers writes them: conn.log and the protocol logs, in Zeek's
// TSV (ASCII writer: #separator, #set_separator, #empty_field,
// #unset_field, #path, #open, #fields, #types, #close; "-" unset,
// "(empty)" an empty container) or JSON writer format (one object per
// line, unset fields left out), plain or gzip, as the archiver files them:
// <out>/<sensor>/YYYY-MM-DD/<log>.HH:MM:SS-HH:MM:SS.log[.gz].
//
// From a capture, the logs say what the capture collector reads from it
// (one conn record per flow, the ICSNPP and Zeek records its operations
// and attributes stand for):
//
//	go run ./bench/zeekgen -pcap examples/plant-a/evidence/span-control-cell.pcap -out zeek -format tsv -rotate 0
//
// Synthetic, from a seed and a size (the bytes of JSON records, several
// sensors, hourly rotation; -format both writes the TSV of the same
// records beside it):
//
//	go run ./bench/zeekgen -seed 1 -size 1073741824 -sensors 4 -out /tmp/zeek -format both
//
// The column lists are those of the Zeek and ICSNPP releases named in
// schema.go; the tests check them against the real logs in
// collectors/zeek/testdata.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"sync"
	"time"
)

func main() {
	log.SetFlags(0)
	var (
		capture  = flag.String("pcap", "", "capture file to write the logs of (else synthetic)")
		out      = flag.String("out", "zeek", "output directory")
		format   = flag.String("format", "json", "tsv, json or both (both: <out>/tsv and <out>/json)")
		compress = flag.Bool("gzip", false, "gzip the logs")
		rotate   = flag.Duration("rotate", time.Hour, "rotation interval (0: one file per log)")
		sensor   = flag.String("sensor", "", "sensor directory for -pcap (default none)")
		seed     = flag.Uint64("seed", 1, "synthetic: random seed")
		size     = flag.Int64("size", 64<<20, "synthetic: bytes of records to write (of the JSON when both)")
		sensors  = flag.Int("sensors", 4, "synthetic: sensors, written side by side in parallel")
		convs    = flag.Int("conversations", 50000, "synthetic: distinct conversations per sensor")
		start    = flag.String("start", "2026-10-28T00:00:00Z", "synthetic: time of the first record")
		span     = flag.Duration("span", 24*time.Hour, "synthetic: time the records cover")
	)
	flag.Parse()
	switch *format {
	case "tsv", "json", "both":
	default:
		log.Fatalf("zeekgen: -format must be tsv, json or both, not %q", *format)
	}
	if *capture != "" {
		d, err := readCapture(context.Background(), []string{*capture})
		if err != nil {
			log.Fatalf("zeekgen: %v", err)
		}
		a := newArchive(*out, *format, *sensor, *rotate, *compress)
		n, err := writeCapture(d, a)
		if err != nil {
			log.Fatalf("zeekgen: %v", err)
		}
		fmt.Printf("%d records of %d flows in %d files under %s\n", n, len(d.Flows), a.files, *out)
		return
	}
	t0, err := time.Parse(time.RFC3339, *start)
	if err != nil {
		log.Fatalf("zeekgen: -start: %v", err)
	}
	var (
		wg             sync.WaitGroup
		mu             sync.Mutex
		conns, written int64
		files          int
		first          error
	)
	for s := range *sensors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newArchive(*out, *format, fmt.Sprintf("sensor-%02d", s+1), *rotate, *compress)
			n, err := synthSensor(a, *seed, s, *convs, t0, *span, *size/int64(*sensors))
			mu.Lock()
			defer mu.Unlock()
			conns += n
			written += a.written
			files += a.files
			if err != nil && first == nil {
				first = err
			}
		}()
	}
	wg.Wait()
	if first != nil {
		log.Fatalf("zeekgen: %v", first)
	}
	fmt.Printf("%d conn records, %d bytes of records per format, %d files under %s\n", conns, written, files, *out)
	os.Exit(0)
}
