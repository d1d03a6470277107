package kev

import (
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/slate-ot/slate/collectors/internal/schemaerr"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/advisory"
)

const (
	// Kind is the evidence kind, the first label of a `source "kev"` block.
	Kind = "kev"
	// Version is the collector version recorded in provenance.
	Version = "1.0.0"
)

// Options: a source block of this kind sets files and max_file_mib (the
// size limit of one catalog file, DefaultMaxFileMiB).
var Options = []string{evidence.MaxFileOption}

// Collector reads KEV catalogs. It holds no state.
type Collector struct{}

// New returns a KEV catalog collector.
func New() *Collector { return &Collector{} }

//go:embed schema/known_exploited_vulnerabilities_schema.json
var schemaJSON []byte

var (
	schemaOnce sync.Once
	kevSchema  *jsonschema.Schema
	schemaErr  error
)

func schema() (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		const url = "https://www.cisa.gov/known_exploited_vulnerabilities_schema.json"
		if schemaErr = c.AddResource(url, doc); schemaErr == nil {
			kevSchema, schemaErr = c.Compile(url)
		}
	})
	return kevSchema, schemaErr
}

// DefaultMaxFileMiB bounds one catalog file: CISA's whole catalog is
// about 1.5 MiB.
const DefaultMaxFileMiB = 64

// Collect reads every catalog file of src; every file that is not a KEV
// catalog is reported at once.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	sch, err := schema()
	if err != nil {
		return evidence.Document{}, fmt.Errorf("kev schema: %w", err)
	}
	limit, err := evidence.FileLimit(src, DefaultMaxFileMiB)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	prov := evidence.Provenance{Collector: Kind, CollectorVersion: Version}
	var catalogs []advisory.KEVData
	var bad evidence.InputErrors
	for _, path := range slices.Compact(slices.Clone(src.Files)) {
		if err := ctx.Err(); err != nil {
			return evidence.Document{}, err
		}
		rel := evidence.RelPath(src.Dir, path)
		file, raw, err := evidence.ReadLimited(src.Dir, path, limit)
		if err != nil {
			if pe, ok := errors.AsType[*fs.PathError](err); ok {
				err = pe.Err
			}
			bad.Add(&evidence.InputError{Path: rel, Err: err})
			continue
		}
		prov.Files = append(prov.Files, file)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			bad.Add(&evidence.InputError{Path: rel, Err: fmt.Errorf("not JSON, so not a KEV catalog: %w", err)})
			continue
		}
		if err := sch.Validate(inst); err != nil {
			bad.Add(&evidence.InputError{Path: rel, Err: fmt.Errorf("not a CISA KEV catalog: it does not match the catalog's schema (catalogVersion, dateReleased, count, vulnerabilities)%s", schemaPlace(err))})
			continue
		}
		cat, err := advisory.ParseKEV(raw)
		if err != nil {
			bad.Add(&evidence.InputError{Path: rel, Err: err})
			continue
		}
		catalogs = append(catalogs, cat)
	}
	if err := bad.Err(); err != nil {
		return evidence.Document{}, err
	}
	// Later catalog versions win.
	slices.SortStableFunc(catalogs, func(a, b advisory.KEVData) int { return cmp.Compare(a.Version, b.Version) })
	out := advisory.KEVData{Vulnerabilities: []advisory.KEV{}}
	byCVE := map[string]int{}
	for _, cat := range catalogs {
		out.Title, out.Version, out.Released = cat.Title, cat.Version, cat.Released
		for _, v := range cat.Vulnerabilities {
			if i, ok := byCVE[v.CVE]; ok {
				out.Vulnerabilities[i] = v
				continue
			}
			byCVE[v.CVE] = len(out.Vulnerabilities)
			out.Vulnerabilities = append(out.Vulnerabilities, v)
		}
	}
	slices.SortFunc(out.Vulnerabilities, func(a, b advisory.KEV) int { return cmp.Compare(a.CVE, b.CVE) })
	prov.RecordsRead = len(out.Vulnerabilities)
	return evidence.NewDocument(src, prov, out)
}

// schemaPlace is ", first at /path: what" for the first (in sorted
// order, so that it is the same each run) place in the document a schema
// validation failed at, or "".
func schemaPlace(err error) string {
	if leaves := schemaerr.Leaves(err); len(leaves) > 0 {
		return ", first at " + leaves[0]
	}
	return ""
}
