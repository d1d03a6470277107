package assets

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/netip"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/internal/workbook"
)

const (
	// Kind is the evidence kind, the first label of a `source "assets"` block.
	Kind = "assets"
	// Version is the collector version recorded in provenance. Change it
	// when the same input would give different evidence.
	Version = "1.0.0"
)

// Options are the attributes a source block of this kind may set besides
// files: columns (field = "Header text"), sheet and delimiter, and the
// limits: max_records (rows read from all the source's files) and, for
// workbooks, max_part_bytes, max_workbook_bytes, max_cell_chars and
// max_strings (see internal/workbook).
var Options = []string{"columns", "sheet", "delimiter", optMaxRecords,
	workbook.NameCellChars, workbook.NamePartBytes, workbook.NameStrings, workbook.NameWorkbookBytes}

// DefaultMaxRecords bounds the rows read from one source's files: Excel's
// own row limit, far beyond a plant's inventory.
const DefaultMaxRecords = workbook.MaxRows

const optMaxRecords = "max_records"

// Collector reads asset inventories. It holds no state; one value may
// collect several sources at once.
type Collector struct{}

// New returns an asset inventory collector.
func New() *Collector { return &Collector{} }

// Data is the document data: what policies see as
// input.evidence.assets[_].data.
type Data struct {
	// Assets are sorted by ID.
	Assets []Asset `json:"assets"`
	// Files say how each input was read, sorted by path.
	Files []InputFile `json:"files"`
	// SecretColumns are the headers of columns that held credentials. Their
	// values were dropped; that an inventory carries them is the fact.
	SecretColumns []string `json:"secret_columns"`
}

// Asset is one row of an inventory. Optional facts are absent, not empty,
// when the inventory does not give them.
type Asset struct {
	// ID is "<file>:<line>" for CSV and "<file>#<sheet>!<row>" for XLSX.
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// IP is the first address of the row; IPs all of them, IP first.
	IP  string   `json:"ip,omitempty"`
	IPs []string `json:"ips,omitempty"`
	MAC string   `json:"mac,omitempty"`
	// Vendor, Model, Firmware, Serial: as written.
	Vendor   string `json:"vendor,omitempty"`
	Model    string `json:"model,omitempty"`
	Firmware string `json:"firmware,omitempty"`
	Serial   string `json:"serial,omitempty"`
	// Zone is the zone the row names (ZoneSource "inventory"), spelt as the
	// assessment declares it when it matches one, or else the zone whose
	// networks hold one of the addresses (ZoneSource "network").
	Zone        string `json:"zone,omitempty"`
	ZoneSource  string `json:"zone_source,omitempty"`
	Criticality string `json:"criticality,omitempty"`
	Owner       string `json:"owner,omitempty"`
	Location    string `json:"location,omitempty"`
	Role        string `json:"role,omitempty"`
	AssetTag    string `json:"asset_tag,omitempty"`
	// LastPatched and EndOfSupport are YYYY-MM-DD.
	LastPatched  string `json:"last_patched,omitempty"`
	EndOfSupport string `json:"end_of_support,omitempty"`
	// Extra holds the other non-empty cells by header, and the text of
	// addresses and dates that could not be read.
	Extra map[string]string `json:"extra,omitempty"`
	// DuplicateOf lists the ids of the other rows, in any file of the
	// source, that carry the same name (compared ignoring case and
	// surrounding space): one device listed twice, or two devices that
	// cannot be told apart by name. Each row stays an asset of its own.
	DuplicateOf []string `json:"duplicate_of,omitempty"`
	File        string   `json:"file"`
	Line        int      `json:"line"`
	Sheet       string   `json:"sheet,omitempty"`
}

// InputFile says how one input file was read.
type InputFile struct {
	Path   string `json:"path"`
	Format string `json:"format"` // "csv" or "xlsx"
	Sheet  string `json:"sheet,omitempty"`
	// Delimiter and Encoding are those of a CSV file. Encoding is
	// "utf-8", "utf-8-bom", "utf-16le", "utf-16be" or "windows-1252"
	// (text that is not UTF-8 and holds no control bytes).
	Delimiter  string `json:"delimiter,omitempty"`
	Encoding   string `json:"encoding,omitempty"`
	HeaderLine int    `json:"header_line"`
	// Columns maps each field found to its header text.
	Columns map[string]string `json:"columns"`
}

// Collect reads every file of src. A file that cannot be read as an
// inventory is an *evidence.InputError naming the file and, where there is
// one, the line; when several cannot, every one is reported (an
// *evidence.InputErrors) and no document is returned. Problems confined
// to a cell are warnings.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	opts, err := parseOptions(src.Options)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	r := &run{src: src, opts: opts, secrets: map[string]bool{}}
	r.prov.Collector, r.prov.CollectorVersion = Kind, Version
	var bad evidence.InputErrors
	for _, path := range src.UniqueFiles() {
		if err := bad.Keep(r.file(ctx, path)); err != nil { // read on past a bad file
			return evidence.Document{}, err
		}
	}
	if err := bad.Err(); err != nil {
		return evidence.Document{}, err
	}
	// In reading order: by file, sheet and line (ids are unique per row).
	slices.SortFunc(r.data.Assets, func(a, b Asset) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Sheet, b.Sheet), cmp.Compare(a.Line, b.Line), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(r.data.Files, func(a, b InputFile) int { return cmp.Compare(a.Path, b.Path) })
	r.duplicateNames()
	r.data.SecretColumns = slices.Sorted(maps.Keys(r.secrets))
	if r.data.Assets == nil {
		r.data.Assets = []Asset{}
	}
	if r.data.SecretColumns == nil {
		r.data.SecretColumns = []string{}
	}
	if r.data.Files == nil {
		r.data.Files = []InputFile{}
	}
	return evidence.NewDocument(src, r.prov, r.data)
}

// options are a source block's settings.
type options struct {
	columns    map[field]string
	sheet      string
	delimiter  rune // 0: sniff
	maxRecords int
	limits     workbook.Limits
}

func parseOptions(in map[string]any) (*options, error) {
	o := &options{columns: map[field]string{}, maxRecords: DefaultMaxRecords, limits: workbook.Default}
	n, err := evidence.WholeOption(in, optMaxRecords, DefaultMaxRecords, 1)
	if err != nil {
		return nil, err
	}
	o.maxRecords = int(min(n, 1<<31-1))
	for _, name := range workbook.Names {
		if _, ok := in[name]; ok {
			n, err := evidence.WholeOption(in, name, 0, 1)
			if err != nil {
				return nil, err
			}
			if err := o.limits.Set(name, n); err != nil {
				return nil, fmt.Errorf("option %w", err)
			}
		}
	}
	if v, ok := in["columns"]; ok {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("option columns must be an object such as { name = \"Device Name\" }, not %T", v)
		}
		var unknown []string
		byHeader := map[string]string{}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			f, ok := parseField(k)
			if !ok {
				unknown = append(unknown, k)
				continue
			}
			h, ok := m[k].(string)
			if !ok || strings.TrimSpace(h) == "" {
				return nil, fmt.Errorf("option columns: %s must be a header text", k)
			}
			if other, dup := byHeader[normHeader(h)]; dup {
				return nil, fmt.Errorf("option columns: %s and %s both name column %q", other, k, h)
			}
			byHeader[normHeader(h)] = k
			o.columns[f] = h
		}
		if len(unknown) > 0 {
			return nil, fmt.Errorf("option columns: unknown field %s; the fields are %s",
				strings.Join(unknown, ", "), strings.Join(fieldNames[:], ", "))
		}
	}
	if v, ok := in["sheet"]; ok {
		s, ok := v.(string)
		if !ok || s == "" {
			return nil, errors.New("option sheet must be a sheet name")
		}
		o.sheet = s
	}
	if v, ok := in["delimiter"]; ok {
		s, _ := v.(string)
		d, ok := parseDelimiter(s)
		if !ok {
			return nil, fmt.Errorf(`option delimiter must be one character such as ";" or "tab", not %q`, fmt.Sprint(v))
		}
		o.delimiter = d
	}
	return o, nil
}

func parseDelimiter(s string) (rune, bool) {
	switch strings.ToLower(s) {
	case "tab", `\t`:
		return '\t', true
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || n != len(s) || r == utf8.RuneError || r == '"' || r == '\r' || r == '\n' || r == 0 {
		return 0, false
	}
	return r, true
}

// run is the state of one Collect call.
type run struct {
	src     evidence.Source
	opts    *options
	prov    evidence.Provenance
	data    Data
	secrets map[string]bool
}

const (
	// ctxEvery is how many rows are read between checks for cancellation.
	ctxEvery = 256
	// maxWarnings bounds the warnings kept per file; a column of bad dates
	// in a large export would otherwise drown everything else.
	maxWarnings = 100
)

// file reads one input file.
func (r *run) file(ctx context.Context, path string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	rel := evidence.RelPath(r.src.Dir, path)
	hashed, err := evidence.HashFile(r.src.Dir, path)
	if err != nil {
		return inputError(rel, 0, err)
	}
	r.prov.Files = append(r.prov.Files, hashed)
	format, err := sniffFormat(path)
	if err != nil {
		return inputError(rel, 0, err)
	}
	fr := &fileRun{run: r, rel: rel}
	switch format {
	case "xlsx":
		err = fr.xlsx(ctx, path)
	default:
		err = fr.csv(ctx, path)
	}
	if err != nil {
		return err
	}
	if fr.dropped > 0 {
		r.prov.Warnings = append(r.prov.Warnings, evidence.Warning{File: rel,
			Message: fmt.Sprintf("%d more warnings in this file were not recorded", fr.dropped)})
	}
	return nil
}

// duplicateNames marks the assets that share a name with others and warns
// once per name, at the rows after the first.
func (r *run) duplicateNames() {
	byName := map[string][]int{}
	var order []string
	for i, a := range r.data.Assets {
		k := strings.ToLower(strings.TrimSpace(a.Name))
		if k == "" {
			continue
		}
		if _, ok := byName[k]; !ok {
			order = append(order, k)
		}
		byName[k] = append(byName[k], i)
	}
	warned := 0
	for _, k := range order {
		rows := byName[k]
		if len(rows) < 2 {
			continue
		}
		ids := make([]string, len(rows))
		for j, i := range rows {
			ids[j] = r.data.Assets[i].ID
		}
		for j, i := range rows {
			r.data.Assets[i].DuplicateOf = slices.Concat(ids[:j], ids[j+1:])
		}
		a := r.data.Assets[rows[1]]
		if warned++; warned > maxWarnings {
			continue
		}
		shown := ids
		if len(shown) > 5 {
			shown = shown[:5]
		}
		more := ""
		if len(ids) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(ids)-len(shown))
		}
		r.prov.Warnings = append(r.prov.Warnings, evidence.Warning{File: a.File, Line: a.Line, Message: fmt.Sprintf(
			"asset name %q is on %d rows (%s%s): one device listed twice, or devices that need distinct names; each row is kept as an asset",
			evidence.Excerpt(a.Name), len(ids), strings.Join(shown, ", "), more)})
	}
	if warned > maxWarnings {
		r.prov.Warnings = append(r.prov.Warnings, evidence.Warning{
			Message: fmt.Sprintf("%d more repeated asset names were not warned about; see duplicate_of on the assets", warned-maxWarnings)})
	}
}

// inputError wraps err as an InputError for rel, without the absolute path
// an *fs.PathError would repeat.
func inputError(rel string, line int, err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		err = pe.Err
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("file does not exist: %w", err)
		}
	}
	return &evidence.InputError{Path: rel, Line: line, Err: err}
}

// sniffFormat tells an XLSX workbook (a zip) from text by content.
func sniffFormat(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var head [8]byte
	n, err := io.ReadFull(f, head[:])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", err
	}
	b := head[:n]
	switch {
	case n == 0:
		return "", errors.New("file is empty")
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")):
		return "xlsx", nil
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "", errors.New("legacy .xls or password-protected workbook: save it as .xlsx without a password, or as CSV")
	}
	return "csv", nil
}

// fileRun is the state of reading one file.
type fileRun struct {
	*run
	rel     string
	sheet   string
	layout  *layout
	warned  int
	dropped int
}

func (fr *fileRun) warn(line int, format string, args ...any) {
	if fr.warned >= maxWarnings {
		fr.dropped++
		return
	}
	fr.warned++
	fr.prov.Warnings = append(fr.prov.Warnings, evidence.Warning{File: fr.rel, Line: line, Message: fmt.Sprintf(format, args...)})
}

// begin records the header of the table about to be read.
func (fr *fileRun) begin(l *layout, info InputFile) {
	fr.layout = l
	for _, s := range l.secrets {
		fr.secrets[s] = true
	}
	info.Path = fr.rel
	info.HeaderLine = l.line
	info.Columns = l.columns()
	fr.data.Files = append(fr.data.Files, info)
	for _, n := range l.notes {
		fr.warn(l.line, "%s", n)
	}
}

// cell is one value of a data row.
type cell struct {
	text string // as displayed
	raw  string // as stored (XLSX); "" for CSV
}

// records fails once the source's files have given more rows than
// max_records allows; line places the row past it.
func (fr *fileRun) records(line int) error {
	if fr.prov.RecordsRead <= fr.opts.maxRecords {
		return nil
	}
	return &evidence.InputError{Path: fr.rel, Line: line, Err: fmt.Errorf(
		"more than %d rows in the source's files, the limit (option %s)", fr.opts.maxRecords, optMaxRecords)}
}

// row turns the cells of one data row into an asset. where names a cell
// for warnings ("column \"IP\"", "cell Devices!C5").
func (fr *fileRun) row(id string, line int, cells []cell, date1904 bool, where func(int) string) {
	fr.prov.RecordsRead++
	l := fr.layout
	blank := true
	for i, c := range cells {
		if strings.TrimSpace(c.text) != "" && (i >= len(l.keys) || l.keys[i] != "" || l.isField(i)) {
			blank = false
			break
		}
	}
	if blank {
		fr.prov.RecordsSkipped++
		return
	}
	a := Asset{ID: id, File: fr.rel, Line: line, Sheet: fr.sheet}
	get := func(f field) (string, int) {
		i := l.col[f]
		if i < 0 || i >= len(cells) {
			return "", i
		}
		return strings.TrimSpace(cells[i].text), i
	}
	keep := func(i int, v string) {
		if a.Extra == nil {
			a.Extra = map[string]string{}
		}
		key := l.labels[i]
		if key == "" {
			key = l.colName(i)
		}
		a.Extra[key] = v
	}
	for _, p := range []struct {
		f   field
		dst *string
	}{
		{fName, &a.Name}, {fVendor, &a.Vendor}, {fModel, &a.Model}, {fFirmware, &a.Firmware},
		{fSerial, &a.Serial}, {fCriticality, &a.Criticality}, {fOwner, &a.Owner},
		{fLocation, &a.Location}, {fRole, &a.Role}, {fAssetTag, &a.AssetTag},
	} {
		*p.dst, _ = get(p.f)
	}

	var addrs []netip.Addr
	if v, i := get(fIP); v != "" {
		var bad []string
		addrs, bad = parseIPs(v)
		switch {
		case isPlaceholder(v):
			keep(i, v)
		case len(bad) > 0:
			fr.warn(line, "%s: %q is not an IP address", where(i), bad[0])
			keep(i, v)
		}
		for _, ad := range addrs {
			a.IPs = append(a.IPs, ad.String())
		}
		if len(a.IPs) > 0 {
			a.IP = a.IPs[0]
		}
	}
	if v, i := get(fMAC); v != "" {
		if m, ok := parseMAC(v); ok {
			a.MAC = m
		} else {
			if !isPlaceholder(v) {
				fr.warn(line, "%s: %q is not a MAC address", where(i), v)
			}
			keep(i, v)
		}
	}
	for _, p := range []struct {
		f   field
		dst *string
	}{{fLastPatched, &a.LastPatched}, {fEndOfSupport, &a.EndOfSupport}} {
		v, i := get(p.f)
		if v == "" {
			continue
		}
		if d, ok := fr.date(cells[i], date1904); ok {
			*p.dst = d
			continue
		}
		if !isPlaceholder(v) {
			fr.warn(line, "%s: %q is not a date in an unambiguous form; write YYYY-MM-DD", where(i), v)
		}
		keep(i, v)
	}
	zone, zi := get(fZone)
	if isPlaceholder(zone) {
		keep(zi, zone)
		zone = ""
	}
	fr.zone(&a, line, zone, addrs)
	for i, c := range cells {
		v := strings.TrimSpace(c.text)
		if v == "" {
			continue
		}
		switch {
		case i < len(l.keys) && l.keys[i] != "":
			if a.Extra == nil {
				a.Extra = map[string]string{}
			}
			a.Extra[l.keys[i]] = v
		case i >= len(l.keys):
			if a.Extra == nil {
				a.Extra = map[string]string{}
			}
			a.Extra[l.colName(i)] = v
		}
	}
	fr.data.Assets = append(fr.data.Assets, a)
}

// isField reports whether column i supplies a field.
func (l *layout) isField(i int) bool { return slices.Contains(l.col[:], i) }

// date reads a date cell: an Excel serial in a workbook, else text.
func (fr *fileRun) date(c cell, date1904 bool) (string, bool) {
	if d, ok := parseDate(c.text); ok {
		return d, true
	}
	if c.raw != "" {
		if d, ok := parseExcelDate(c.raw, date1904); ok {
			return d, true
		}
	}
	return "", false
}

// zone places the asset: the zone its row names, else the zone whose
// networks hold one of its addresses.
func (fr *fileRun) zone(a *Asset, line int, named string, addrs []netip.Addr) {
	if named != "" {
		a.Zone, a.ZoneSource = named, "inventory"
		if len(fr.src.Zones) == 0 {
			return
		}
		for _, z := range fr.src.Zones {
			if strings.EqualFold(z.Name, named) {
				a.Zone = z.Name
				return
			}
		}
		names := make([]string, len(fr.src.Zones))
		for i, z := range fr.src.Zones {
			names[i] = z.Name
		}
		slices.Sort(names)
		fr.warn(line, "zone %q is not a zone of the assessment (%s)", named, strings.Join(names, ", "))
		return
	}
	for _, ad := range addrs {
		if z := evidence.ZoneOf(fr.src.Zones, ad); z != "" {
			a.Zone, a.ZoneSource = z, "network"
			return
		}
	}
}
