package mfa

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/slate-ot/slate/collectors/internal/textin"
	"github.com/slate-ot/slate/evidence"
)

const (
	// Kind is the evidence kind, the first label of a `source "mfa"` block.
	Kind = "mfa"
	// Version is the collector version recorded in provenance.
	Version = "1.0.0"
	// DefaultMaxFileMiB bounds one input file: a tenant's whole export
	// of users, policies and methods.
	DefaultMaxFileMiB = 256
)

// Options are the attributes a source block of this kind may set besides
// files.
var Options = []string{"format", "ot_access_groups", "remote_access_apps", "privileged_roles", "columns", "delimiter", evidence.MaxFileOption}

// Collector reads identity-provider exports. It holds no state.
type Collector struct{}

// New returns an MFA collector.
func New() *Collector { return &Collector{} }

type options struct {
	format     string // "", entra, okta, csv
	otGroups   map[string][]string
	remoteApps []string
	privRoles  []string
	columns    map[string]string
	delimiter  rune
}

func stringList(name string, v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		return []string{v}, nil
	case []string:
		return slices.Clone(v), nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return nil, fmt.Errorf("option %s must be a list of names", name)
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out, nil
	}
	return nil, fmt.Errorf("option %s must be a list of names, not %T", name, v)
}

func parseOptions(in map[string]any) (*options, error) {
	o := &options{otGroups: map[string][]string{}, columns: map[string]string{}}
	if v, ok := in["format"]; ok {
		s, _ := v.(string)
		switch s {
		case "entra", "okta", "csv":
			o.format = s
		default:
			return nil, fmt.Errorf(`option format must be "entra", "okta" or "csv", not %q`, fmt.Sprint(v))
		}
	}
	if v, ok := in["ot_access_groups"]; ok {
		if m, isMap := v.(map[string]any); isMap {
			for _, k := range slices.Sorted(maps.Keys(m)) {
				zones, err := stringList("ot_access_groups."+k, m[k])
				if err != nil {
					return nil, err
				}
				slices.Sort(zones)
				o.otGroups[k] = slices.Compact(zones)
			}
		} else {
			l, err := stringList("ot_access_groups", v)
			if err != nil {
				return nil, err
			}
			for _, g := range l {
				o.otGroups[g] = []string{}
			}
		}
	}
	var err error
	if v, ok := in["remote_access_apps"]; ok {
		if o.remoteApps, err = stringList("remote_access_apps", v); err != nil {
			return nil, err
		}
	}
	if v, ok := in["privileged_roles"]; ok {
		if o.privRoles, err = stringList("privileged_roles", v); err != nil {
			return nil, err
		}
	}
	if v, ok := in["columns"]; ok {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("option columns must be an object such as { user = \"Account\" }, not %T", v)
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !slices.Contains(csvFields, k) {
				return nil, fmt.Errorf("option columns: unknown field %s; the fields are %s", k, strings.Join(csvFields, ", "))
			}
			h, ok := m[k].(string)
			if !ok || strings.TrimSpace(h) == "" {
				return nil, fmt.Errorf("option columns: %s must be a header text", k)
			}
			o.columns[k] = h
		}
	}
	if v, ok := in["delimiter"]; ok {
		s, _ := v.(string)
		switch {
		case s == "tab" || s == `\t`:
			o.delimiter = '\t'
		case len(s) == 1 && s != `"` && s != "\n" && s != "\r":
			o.delimiter = rune(s[0])
		default:
			return nil, fmt.Errorf(`option delimiter must be one character such as ";" or "tab", not %q`, fmt.Sprint(v))
		}
	}
	return o, nil
}

// run is the state of one Collect call.
type run struct {
	src       evidence.Source
	opts      *options
	limit     int64 // bytes of one input file
	prov      evidence.Provenance
	data      Data
	users     map[string]*User // by lower-case id
	policies  []*Policy
	methods   []Method
	roleNames map[string]string // lower-case role template id -> name
	secrets   map[string]bool
	providers map[string]bool
	notes     map[string]bool
	// oktaUserIDs are the users an Okta users export listed.
	oktaUserIDs map[string]bool
}

// Collect reads every file of src. A file that cannot be read is an
// *evidence.InputError naming the file and the line, byte offset or JSON
// path; when several cannot, every one is reported (an
// *evidence.InputErrors, in file order) and no document is returned.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	opts, err := parseOptions(src.Options)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	limit, err := evidence.FileLimit(src, DefaultMaxFileMiB)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	r := &run{src: src, opts: opts, limit: limit, users: map[string]*User{}, roleNames: map[string]string{},
		secrets: map[string]bool{}, providers: map[string]bool{}, notes: map[string]bool{}, oktaUserIDs: map[string]bool{}}
	maps.Copy(r.roleNames, wellKnownRoles)
	r.prov.Collector, r.prov.CollectorVersion = Kind, Version
	var bad evidence.InputErrors
	for _, path := range src.UniqueFiles() {
		if err := ctx.Err(); err != nil {
			return evidence.Document{}, err
		}
		if err := bad.Keep(r.file(path)); err != nil { // read on past a bad file
			return evidence.Document{}, err
		}
	}
	if err := bad.Err(); err != nil {
		return evidence.Document{}, err
	}
	r.resolve()
	return evidence.NewDocument(src, r.prov, r.data)
}

func (r *run) file(path string) error {
	rel := evidence.RelPath(r.src.Dir, path)
	hashed, raw, err := evidence.ReadLimited(r.src.Dir, path, r.limit)
	if err != nil {
		return &evidence.InputError{Path: rel, Err: err}
	}
	r.prov.Files = append(r.prov.Files, hashed)
	in, err := r.readBytes(rel, raw)
	if err != nil {
		return err
	}
	r.data.Files = append(r.data.Files, in)
	r.prov.RecordsRead += in.Records
	return nil
}

// readBytes reads the content of one file.
func (r *run) readBytes(rel string, raw []byte) (InputFile, error) {
	// A CSV export may be in the Windows code page; JSON is UTF-8 or
	// UTF-16 by definition, so it is read again strictly to place the
	// first byte that is not.
	text, enc, err := textin.Decode(raw, textin.Options{Legacy: r.opts.format == "" || r.opts.format == "csv"})
	if err == nil && enc == textin.Windows1252 && (r.opts.format != "" || looksJSON(text)) {
		text, enc, err = textin.Decode(raw, textin.Options{})
	}
	if err != nil {
		return InputFile{}, textError(rel, err)
	}
	in := InputFile{Path: rel, Encoding: enc}
	isJSON := looksJSON(text)
	if enc == textin.Windows1252 {
		r.warn(rel, 0, textin.LegacyWarning)
	}
	if r.opts.format == "csv" || (!isJSON && r.opts.format == "") {
		in.Format, in.Content = "csv", "users"
		n, err := r.csv(rel, text)
		in.Records = n
		r.providers["csv"] = true
		return in, err
	}
	if !isJSON {
		return InputFile{}, &evidence.InputError{Path: rel, Line: 1, Err: fmt.Errorf("format %s: expected a JSON export", r.opts.format)}
	}
	v, err := parseJSON(text)
	if err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return InputFile{}, &evidence.InputError{Path: rel, Line: le.line, Err: errors.New(le.msg)}
		}
		return InputFile{}, &evidence.InputError{Path: rel, Err: err}
	}
	format, content := detect(root(v))
	if format == "" {
		return InputFile{}, &evidence.InputError{Path: rel, Err: errors.New("$: not a recognised Entra ID or Okta export (expected conditional-access policies, userRegistrationDetails, an authentication methods policy, a ScubaGear ProviderSettingsExport, or Okta users, factors, authenticators, policies or policy rules)")}
	}
	if format == "empty" {
		// An empty list ([] or {"value": []}) says nothing and is no error.
		in.Format, in.Content = cmp.Or(r.opts.format, "json"), content
		return in, nil
	}
	if r.opts.format != "" && format != r.opts.format {
		return InputFile{}, &evidence.InputError{Path: rel, Err: fmt.Errorf("$: format is %s but the file holds %s %s", r.opts.format, format, content)}
	}
	in.Format, in.Content = format, content
	var s shape
	var n int
	switch format {
	case "entra":
		n = r.entra(&s, rel, content, root(v))
	case "okta":
		n = r.okta(&s, rel, content, root(v))
	}
	if s.err != nil {
		return InputFile{}, &evidence.InputError{Path: rel, Err: s.err}
	}
	in.Records = n
	r.providers[format] = true
	return in, nil
}

// looksJSON tells a JSON export from CSV by its first character.
func looksJSON(text []byte) bool {
	trimmed := strings.TrimLeft(string(text[:min(len(text), 4096)]), " \t\r\n")
	return strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[")
}

// textError places a file that is not text: by line (the column is in the
// message), or by byte offset for binary content.
func textError(rel string, err error) error {
	te, ok := errors.AsType[*textin.Error](err)
	switch {
	case !ok:
		return &evidence.InputError{Path: rel, Err: err}
	case te.Line > 0:
		return &evidence.InputError{Path: rel, Line: te.Line, Err: te.Err}
	case te.Offset == 0:
		return &evidence.InputError{Path: rel, Line: 1, Err: fmt.Errorf("byte 0: %w", te.Err)}
	}
	return &evidence.InputError{Path: rel, Offset: te.Offset, Err: te.Err}
}

// user returns the user with id, creating it.
func (r *run) user(id, provider, file string) *User {
	key := strings.ToLower(id)
	u, ok := r.users[key]
	if !ok {
		u = &User{ID: id, Provider: provider, File: file}
		r.users[key] = u
	}
	if !slices.Contains(u.Files, file) {
		u.Files = append(u.Files, file)
	}
	return u
}

func (r *run) warn(file string, line int, msg string) {
	r.prov.Warnings = append(r.prov.Warnings, evidence.Warning{File: file, Line: line, Message: msg})
}

func sortedUnique(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(e string) bool { return strings.EqualFold(e, s) })
}

func intersectFold(a, b []string) []string {
	var out []string
	for _, x := range a {
		if containsFold(b, x) {
			out = append(out, x)
		}
	}
	return out
}
