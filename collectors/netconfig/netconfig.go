package netconfig

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

const (
	// Kind is the evidence kind, the first label of a `source "netconfig"` block.
	Kind = "netconfig"
	// Version is the collector version recorded in provenance. Change it
	// when the same input would give different evidence.
	Version = "1.1.0"
)

// Options are the attributes a source block of this kind may set besides
// files: vendor, one of Vendors, when detection should not decide.
var Options = []string{"vendor", evidence.MaxFileOption}

// Collector reads network device configurations. It holds no state.
type Collector struct{}

// New returns a network configuration collector.
func New() *Collector { return &Collector{} }

// Collect reads every file of src as one device configuration. A file that
// is binary, truncated or of no known format is an *evidence.InputError
// naming the file (and the line, where there is one); when several are,
// every one is reported (an *evidence.InputErrors, in file order) and no
// document is returned. Lines the collector
// does not interpret are counted in the device's unknown_lines and in
// provenance records_skipped.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	vendor := ""
	if v, ok := src.Options["vendor"]; ok {
		s, _ := v.(string)
		if !slices.Contains(Vendors, s) {
			return evidence.Document{}, fmt.Errorf("source %s.%s: option vendor must be one of %s, not %q",
				src.Kind, src.Name, strings.Join(Vendors, ", "), fmt.Sprint(v))
		}
		vendor = s
	}
	limit, err := evidence.FileLimit(src, DefaultMaxFileMiB)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	prov := evidence.Provenance{Collector: Kind, CollectorVersion: Version}
	data := Data{Devices: []Device{}}
	var bad evidence.InputErrors
	for _, path := range src.UniqueFiles() {
		if err := ctx.Err(); err != nil {
			return evidence.Document{}, err
		}
		rel := evidence.RelPath(src.Dir, path)
		d, hashed, warnings, err := readDevice(src, path, rel, vendor, limit)
		if err != nil {
			bad.Add(inputError(rel, err)) // read on, to report every bad file at once
			continue
		}
		prov.Files = append(prov.Files, hashed)
		prov.Warnings = append(prov.Warnings, warnings...)
		if len(warnings) > 0 {
			prov.Incomplete = true // statements were left out
		}
		prov.RecordsRead += d.ConfigLines
		prov.RecordsSkipped += d.UnknownLines
		data.Devices = append(data.Devices, d)
	}
	if err := bad.Err(); err != nil {
		return evidence.Document{}, err
	}
	slices.SortFunc(data.Devices, func(a, b Device) int { return cmp.Compare(a.File, b.File) })
	prov.Warnings = append(prov.Warnings, sameHostname(data.Devices)...)
	return evidence.NewDocument(src, prov, data)
}

// DefaultMaxFileMiB bounds one configuration file: the running
// configuration of a large core switch or firewall is a few MiB.
const DefaultMaxFileMiB = 64

// readDevice reads (at most limit bytes), hashes and parses one
// configuration file. Its warnings say what of the file was left out.
func readDevice(src evidence.Source, path, rel, vendor string, limit int64) (Device, evidence.File, []evidence.Warning, error) {
	hashed, raw, err := evidence.ReadLimited(src.Dir, path, limit)
	if err != nil {
		return Device{}, evidence.File{}, nil, err
	}
	d, warnings, err := parseDevice(src, rel, raw, vendor)
	return d, hashed, warnings, err
}

// inputError names rel (and the line of a parse error) without the
// absolute path an *fs.PathError would repeat.
func inputError(rel string, err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		err = pe.Err
	}
	if le, ok := errors.AsType[*lineError](err); ok {
		return &evidence.InputError{Path: rel, Line: le.Line, Err: le.Err}
	}
	return &evidence.InputError{Path: rel, Err: err}
}

// ParseDevice reads one configuration into the device model. vendor ""
// detects it from the content. rel is the file name recorded in the
// model. Errors are *lineError values for a place in the file, or plain
// errors for the whole file.
func ParseDevice(src evidence.Source, rel string, raw []byte, vendor string) (Device, error) {
	d, _, err := parseDevice(src, rel, raw, vendor)
	return d, err
}

// parseDevice is ParseDevice with the warnings of the file: the Junos
// statements left out past the expansion limit.
func parseDevice(src evidence.Source, rel string, raw []byte, vendor string) (Device, []evidence.Warning, error) {
	d := Device{File: rel, Vendor: vendor, VendorSource: "option"}
	var warnings []evidence.Warning
	if vendor == "" {
		if _, err := textLines(raw); err != nil {
			return Device{}, nil, err
		}
		d.Vendor, d.VendorSource = Detect(raw), "detected"
		if d.Vendor == "" {
			return Device{}, nil, fmt.Errorf("unknown configuration format: not one of %s; set vendor in the source block if it is one of them",
				strings.Join(Vendors, ", "))
		}
	}
	b := newBuilder(src, &d)
	switch d.Vendor {
	case VendorJunos:
		var stmts []*Stmt
		var count, other int
		var err error
		if junosSetFormat(raw) {
			stmts, count, other, err = ParseJunosSet(raw)
		} else {
			stmts, count, err = ParseJunosBraces(raw)
		}
		if err != nil {
			return Device{}, nil, err
		}
		expanded, ex := expandJunos(stmts)
		b.junos(expanded)
		if ex.dropped > 0 {
			warnings = append(warnings, evidence.Warning{File: rel, Line: ex.line, Message: fmt.Sprintf(
				"group inheritance and interface ranges add more than %d statements; %d more were not added, and what they set is not assessed",
				maxExpanded, ex.dropped)})
		}
		d.ConfigLines = count
		d.UnknownLines = other
		for _, s := range stmts {
			if !s.used {
				d.UnknownLines++
			}
		}
		d.UnknownLines = min(d.UnknownLines, d.ConfigLines)
	default:
		roots, count, err := ParseIndented(raw, d.Vendor)
		if err != nil {
			return Device{}, nil, err
		}
		if d.Vendor == VendorEOS {
			eosVersion(&d, raw)
		}
		if d.Vendor == VendorComware {
			b.comware(roots)
		} else {
			b.ciscoLike(roots)
		}
		d.ConfigLines = count
		d.UnknownLines = countUnused(roots)
	}
	b.finish()
	return d, warnings, nil
}

func countUnused(nodes []*Node) int {
	n := 0
	for _, x := range nodes {
		if !x.used {
			n++
		}
		n += countUnused(x.Children)
	}
	return n
}

var eosDeviceRE = regexp.MustCompile(`^! device: .*\bEOS-([0-9][0-9A-Za-z.\-]*)\)`)

// eosVersion reads the EOS release from the "! device:" comment that
// "show running-config" writes at the top.
func eosVersion(d *Device, raw []byte) {
	n := 0
	for line := range strings.Lines(string(raw)) {
		if n++; n > 20 {
			return
		}
		if m := eosDeviceRE.FindStringSubmatch(strings.TrimRight(line, "\r\n")); m != nil {
			d.OSVersion, d.OSVersionLine = m[1], n
			return
		}
	}
}

// sameHostname warns about configurations that carry a hostname an
// earlier file (in file order) also carries: they stay two devices, told
// apart by file, and the warning names both files.
func sameHostname(devices []Device) []evidence.Warning {
	first := map[string]string{}
	var out []evidence.Warning
	for _, d := range devices {
		if d.Hostname == "" {
			continue
		}
		h := strings.ToLower(d.Hostname)
		f, ok := first[h]
		if !ok {
			first[h] = d.File
			continue
		}
		name := d.Hostname
		if len(name) > 64 {
			name = strings.ToValidUTF8(name[:64], "") + "..."
		}
		out = append(out, evidence.Warning{File: d.File, Line: d.HostnameLine,
			Message: fmt.Sprintf("hostname %q is also the hostname in %s: read as two devices, told apart by file", name, f)})
	}
	return out
}
