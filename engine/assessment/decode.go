package assessment

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "assessment", LabelNames: []string{"name"}},
		{Type: "framework", LabelNames: []string{"id"}},
		{Type: "zone", LabelNames: []string{"name"}},
		{Type: "conduit", LabelNames: []string{"name"}},
		{Type: "source", LabelNames: []string{"kind", "name"}},
		{Type: "policies"},
		{Type: "waiver", LabelNames: []string{"name"}},
		{Type: "countermeasure", LabelNames: []string{"name"}},
		{Type: "check", LabelNames: []string{"id"}},
		{Type: "maintenance_window", LabelNames: []string{"name"}},
		{Type: "output"},
	},
}

func attrSchema(names ...string) *hcl.BodySchema {
	s := &hcl.BodySchema{}
	for _, n := range names {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: n})
	}
	return s
}

var (
	assessmentSchema = attrSchema("site", "as_of")
	frameworkSchema  = attrSchema("baseline")
	zoneSchema       = attrSchema("kind", "networks", "vlans", "sl_target", "owner", "description")
	conduitSchema    = attrSchema("from", "to", "services", "description")
	sourceSchema     = attrSchema(sourceArgs...)
	policiesSchema   = attrSchema("paths", "bundles", "oci", "bundle_key")
	waiverSchema     = attrSchema("requirement", "rule", "subject", "zone", "reason", "approved_by", "expires", "compensating_control")
	outputSchema     = attrSchema("dir", "formats")
)

// The values some attributes may take, sorted.
var (
	frameworkIDs  = []string{FrameworkIEC62443, FrameworkNIST}
	nistBaselines = []string{"high", "low", "moderate"}
	zoneKinds     = []string{"dmz", "it", "ot"}
	frNames       = []string{"FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"}
	// sourceArgs are the arguments every source block may set, whatever
	// its kind; the rest are the kind's options.
	sourceArgs = []string{"collected", "files", "max_age"}
)

// netDecl is one network of a zone, kept with its place for overlap checks.
type netDecl struct {
	zone string
	p    netip.Prefix
	rng  hcl.Range
}

// vlanDecl is one VLAN of a zone.
type vlanDecl struct {
	zone string
	id   int
	rng  hcl.Range
}

// zoneRef is a zone name used by a conduit or waiver.
type zoneRef struct {
	name string
	rng  hcl.Range
}

// decoded holds what the cross-block checks need beyond the Assessment.
type decoded struct {
	a        *Assessment
	nets     []netDecl
	vlans    []vlanDecl
	refs     []zoneRef
	expiries []elemString
	assess   *hcl.Block
	policies *hcl.Block
	output   *hcl.Block
	names    map[string]map[string]hcl.Range // block type → name → label range

	// collected are the sources' collected dates, for the check against
	// as_of.
	collected []sourceDate
}

type elemString struct {
	s   string
	rng hcl.Range
}

// sourceDate is a date written in a source block, with the source's name.
type sourceDate struct {
	source string
	elemString
}

func newLoader(dir string, opts LoadOptions) *loader {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		real = dir
	}
	return &loader{dir: dir, realDir: real, opts: opts}
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	return slices.Sorted(maps.Keys(m))
}

func line(rng hcl.Range) string { return fmt.Sprintf("line %d", rng.Start.Line) }

// decode turns the file body into an Assessment, checking every block and
// then what spans blocks: zone references, overlapping networks, shared
// VLANs and expired waivers.
func (l *loader) decode(body hcl.Body) *Assessment {
	d := &decoded{
		a: &Assessment{Assessment: model.Assessment{Frameworks: []Framework{}, Zones: []Zone{}, Conduits: []Conduit{}, Sources: []Source{}, Waivers: []Waiver{},
			Countermeasures: []Countermeasure{}, MaintenanceWindows: []MaintenanceWindow{}}, Checks: []CheckOverride{}},
		names: map[string]map[string]hcl.Range{},
	}
	c := l.content(body, rootSchema)
	for _, b := range c.Blocks {
		switch b.Type {
		case "assessment":
			if l.single(b, &d.assess) {
				l.assessment(b, d)
			}
		case "framework":
			l.framework(b, d)
		case "zone":
			l.zone(b, d)
		case "conduit":
			l.conduit(b, d)
		case "source":
			l.source(b, d)
		case "policies":
			if l.single(b, &d.policies) {
				l.policies(b, d)
			}
		case "waiver":
			l.waiver(b, d)
		case "countermeasure":
			l.countermeasure(b, d)
		case "check":
			l.check(b, d)
		case "maintenance_window":
			l.maintenanceWindow(b, d)
		case "output":
			if l.single(b, &d.output) {
				l.output(b, d)
			}
		}
	}
	missing := body.MissingItemRange()
	if d.assess == nil {
		l.errorf(missing, "Missing assessment block",
			"The file needs one assessment block naming the site, like: assessment \"plant-a\" { site = \"Plant A\" }.")
	}
	if len(d.a.Frameworks) == 0 && !l.hasBlock(c, "framework") {
		l.errorf(missing, "Missing framework block",
			"The file needs at least one framework block: framework %q {} or framework %q { baseline = \"moderate\" }.", FrameworkIEC62443, FrameworkNIST)
	}
	l.crossChecks(d)

	a := d.a
	slices.SortFunc(a.Frameworks, func(x, y Framework) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.Zones, func(x, y Zone) int { return cmp.Compare(x.Name, y.Name) })
	slices.SortFunc(a.Conduits, func(x, y Conduit) int { return cmp.Compare(x.Name, y.Name) })
	slices.SortFunc(a.Sources, func(x, y Source) int { return cmp.Compare(x.Name, y.Name) })
	slices.SortFunc(a.Waivers, func(x, y Waiver) int { return cmp.Compare(x.Name, y.Name) })
	slices.SortFunc(a.Countermeasures, func(x, y Countermeasure) int { return cmp.Compare(x.Name, y.Name) })
	slices.SortFunc(a.Checks, func(x, y CheckOverride) int { return cmp.Compare(x.ID, y.ID) })
	sortWindows(a.MaintenanceWindows)
	return a
}

func (l *loader) hasBlock(c *hcl.BodyContent, typ string) bool {
	return slices.ContainsFunc(c.Blocks, func(b *hcl.Block) bool { return b.Type == typ })
}

// single records the first block of a type that may appear once and
// reports any later one.
func (l *loader) single(b *hcl.Block, first **hcl.Block) bool {
	if *first != nil {
		l.errorf(b.DefRange, fmt.Sprintf("Duplicate %s block", b.Type),
			"Only one %s block is allowed and there is already one on %s; merge the two.", b.Type, line((*first).DefRange))
		return false
	}
	*first = b
	return true
}

// name checks a block's name label: not empty, and not used by another
// block of the same kind. It returns false for a duplicate.
func (l *loader) name(d *decoded, what string, b *hcl.Block, i int) bool {
	name, rng := b.Labels[i], b.LabelRanges[i]
	if strings.TrimSpace(name) == "" {
		l.errorf(rng, "Empty name", "A %s needs a name; write one between the quotes.", what)
		return true
	}
	seen := d.names[what]
	if seen == nil {
		seen = map[string]hcl.Range{}
		d.names[what] = seen
	}
	if prev, ok := seen[name]; ok {
		l.errorf(rng, fmt.Sprintf("Duplicate %s name", what),
			"A %s named %q is already declared on %s; rename or remove one of them.", what, name, line(prev))
		return false
	}
	seen[name] = rng
	return true
}

// text returns a required or optional string attribute; nonEmpty rejects
// blank values.
func (l *loader) text(attrs hcl.Attributes, name string, nonEmpty bool) (string, *hcl.Attribute) {
	attr, ok := attrs[name]
	if !ok {
		return "", nil
	}
	s, ok := l.attrString(attr)
	if !ok {
		return "", nil
	}
	if nonEmpty && strings.TrimSpace(s) == "" {
		l.errorf(attr.Expr.Range(), "Empty value", "The argument %q must not be empty; write a value or remove the line.", name)
		return "", nil
	}
	return s, attr
}

// oneOf checks a string attribute against allowed values, compared
// without regard to case; canon maps the value to its stored form.
func (l *loader) oneOf(attrs hcl.Attributes, name, summary string, allowed []string, canon func(string) string) string {
	s, attr := l.text(attrs, name, false)
	if attr == nil {
		return ""
	}
	v := canon(strings.TrimSpace(s))
	if !slices.Contains(allowed, v) {
		l.errorf(attr.Expr.Range(), summary, "%q is not a valid %s; use %s.%s", s, name, evidence.QuoteList(allowed), evidence.Suggestion(s, allowed))
		return ""
	}
	return v
}

func (l *loader) date(attr *hcl.Attribute) string {
	s, ok := l.attrString(attr)
	if !ok {
		return ""
	}
	if !validDate(s) {
		l.errorf(attr.Expr.Range(), "Invalid date",
			"%q is not a date in the form YYYY-MM-DD; write it like \"2026-11-01\".", s)
		return ""
	}
	return s
}

func (l *loader) assessment(b *hcl.Block, d *decoded) {
	d.a.Name = b.Labels[0]
	l.name(d, "assessment", b, 0)
	c := l.content(b.Body, assessmentSchema)
	l.require(b, c.Attributes, map[string]string{"site": `site = "Plant A, Rotterdam"`})
	d.a.Site, _ = l.text(c.Attributes, "site", true)
	if attr, ok := c.Attributes["as_of"]; ok {
		d.a.AsOf = l.date(attr)
		if d.a.AsOf != "" && !model.AsOfInRange(d.a.AsOf) {
			l.errorf(attr.Expr.Range(), "Assessment date out of range",
				"as_of %q is not between %s and %s, the dates the policies can compute with; write the day the evidence was assessed.", d.a.AsOf, model.FirstAsOf, model.LastAsOf)
			d.a.AsOf = ""
		}
	}
}

func (l *loader) framework(b *hcl.Block, d *decoded) {
	id, rng := b.Labels[0], b.LabelRanges[0]
	c := l.content(b.Body, frameworkSchema)
	if canonical, alias := CanonicalFramework(id); alias {
		l.warnf(rng, "Deprecated framework id",
			"framework %q is read as %q: the controls of the SP 800-53B baseline are assessed, and the SP 800-82r3 OT overlay's tailoring (its additions, removals and OT guidance) is not applied. Write framework %q to say so.",
			id, canonical, canonical)
		id = canonical
		b.Labels[0] = id // so that the alias and the id count as one framework
	}
	if !slices.Contains(frameworkIDs, id) {
		l.errorf(rng, "Unknown framework", "slate scores against %s; use one of them.%s", evidence.QuoteList(frameworkIDs), evidence.Suggestion(id, frameworkIDs))
		return
	}
	if !l.name(d, "framework", b, 0) {
		return
	}
	fw := Framework{ID: id}
	switch id {
	case FrameworkNIST:
		l.require(b, c.Attributes, map[string]string{"baseline": `baseline = "low", "moderate" or "high"`})
		fw.Baseline = l.oneOf(c.Attributes, "baseline", "Unknown baseline", nistBaselines, strings.ToLower)
	case FrameworkIEC62443:
		if attr, ok := c.Attributes["baseline"]; ok {
			l.errorf(attr.NameRange, "Unexpected baseline",
				"IEC 62443-3-3 has no baselines: its target levels are set per zone with sl_target. Remove baseline from this block.")
		}
	}
	d.a.Frameworks = append(d.a.Frameworks, fw)
}

func (l *loader) zone(b *hcl.Block, d *decoded) {
	z := Zone{Name: b.Labels[0], Networks: []netip.Prefix{}, VLANs: []int{}}
	keep := l.name(d, "zone", b, 0)
	c := l.content(b.Body, zoneSchema)
	attrs := c.Attributes
	l.require(b, attrs, map[string]string{
		"kind":      `kind = "it", "ot" or "dmz"`,
		"networks":  `its CIDR ranges, like networks = ["10.30.0.0/24"]`,
		"sl_target": "its target security level, like sl_target = 2",
		"owner":     "owner = " + evidence.QuoteList(evidence.Owners),
	})
	z.Kind = l.oneOf(attrs, "kind", "Unknown zone kind", zoneKinds, strings.ToLower)
	z.Owner = l.oneOf(attrs, "owner", "Unknown owner", evidence.Owners, strings.ToUpper)
	z.Description, _ = l.text(attrs, "description", false)

	if attr, ok := attrs["networks"]; ok {
		vals, rngs, _ := l.attrStrings(attr)
		if len(vals) == 0 && !l.hasErrorIn(attr.Expr.Range()) {
			l.errorf(attr.Expr.Range(), "No networks", "Zone %q needs at least one network; list its CIDR ranges, like [\"10.30.0.0/24\"].", z.Name)
		}
		for i, s := range vals {
			p, ok := l.prefix(s, rngs[i])
			if !ok {
				continue
			}
			z.Networks = append(z.Networks, p)
			if keep {
				d.nets = append(d.nets, netDecl{zone: z.Name, p: p, rng: rngs[i]})
			}
		}
		slices.SortFunc(z.Networks, comparePrefix)
		z.Networks = slices.Compact(z.Networks)
	}

	if attr, ok := attrs["vlans"]; ok {
		elems, _ := l.attrList(attr)
		seen := map[int]hcl.Range{}
		for _, e := range elems {
			id, ok := l.toInt(e.val, e.rng, `each element of "vlans"`)
			if !ok {
				continue
			}
			if id < 1 || id > 4094 {
				l.errorf(e.rng, "VLAN out of range", "VLAN ids run from 1 to 4094, so %d is not one; fix the id.", id)
				continue
			}
			if prev, dup := seen[id]; dup {
				l.errorf(e.rng, "Duplicate VLAN", "VLAN %d is already listed on %s for this zone; remove one.", id, line(prev))
				continue
			}
			seen[id] = e.rng
			z.VLANs = append(z.VLANs, id)
			if keep {
				d.vlans = append(d.vlans, vlanDecl{zone: z.Name, id: id, rng: e.rng})
			}
		}
		slices.Sort(z.VLANs)
	}

	if attr, ok := attrs["sl_target"]; ok {
		z.SLTarget = l.slTarget(attr)
	}
	if keep {
		d.a.Zones = append(d.a.Zones, z)
	}
}

func comparePrefix(a, b netip.Prefix) int {
	return cmp.Or(a.Addr().Compare(b.Addr()), cmp.Compare(a.Bits(), b.Bits()))
}

// hasErrorIn reports whether an error already points inside rng, so that a
// follow-on complaint about the same value is not added.
func (l *loader) hasErrorIn(rng hcl.Range) bool {
	for _, d := range l.diags {
		if d.Severity == hcl.DiagError && d.Subject != nil && d.Subject.Filename == rng.Filename &&
			d.Subject.Start.Byte >= rng.Start.Byte && d.Subject.End.Byte <= rng.End.Byte {
			return true
		}
	}
	return false
}

// prefix parses a zone network in CIDR notation.
func (l *loader) prefix(s string, rng hcl.Range) (netip.Prefix, bool) {
	t := strings.TrimSpace(s)
	p, err := netip.ParsePrefix(t)
	if err != nil {
		if addr, aerr := netip.ParseAddr(t); aerr == nil {
			l.errorf(rng, "Invalid network", "%q is an address, not a network; add the prefix length, like %q for one host.", s, netip.PrefixFrom(addr, addr.BitLen()).String())
		} else {
			l.errorf(rng, "Invalid network", "%q is not a network in CIDR notation; write it like \"10.30.0.0/24\".", s)
		}
		return netip.Prefix{}, false
	}
	if m := p.Masked(); m != p {
		l.errorf(rng, "Network has host bits set",
			"%q has bits set after its /%d prefix; write %q for the network, or %q for one host.",
			s, p.Bits(), m.String(), netip.PrefixFrom(p.Addr(), p.Addr().BitLen()).String())
		return netip.Prefix{}, false
	}
	return p, true
}

// slTarget reads a single level for all seven FRs or an object with one
// level per FR.
func (l *loader) slTarget(attr *hcl.Attribute) SLVector {
	var sl SLVector
	v, ok := l.value(attr.Expr, `"sl_target"`)
	if !ok {
		return sl
	}
	level := func(v cty.Value, rng hcl.Range, what string) (int, bool) {
		n, ok := l.toInt(v, rng, what)
		if !ok {
			return 0, false
		}
		if n < 1 || n > 4 {
			l.errorf(rng, "Security level out of range", "Security levels run from 1 to 4, so %d is not one; fix the level of %s.", n, what)
			return 0, false
		}
		return n, true
	}
	ty := v.Type()
	if !ty.IsObjectType() && !ty.IsMapType() {
		if ty != cty.Number && ty != cty.String {
			l.errorf(attr.Expr.Range(), "Incorrect value type",
				"sl_target must be a level from 1 to 4, or an object with a level per foundational requirement, like { FR1 = 2, FR2 = 2, FR3 = 1, FR4 = 2, FR5 = 3, FR6 = 2, FR7 = 1 }.")
			return sl
		}
		if n, ok := level(v, attr.Expr.Range(), "sl_target"); ok {
			for i := range sl {
				sl[i] = n
			}
		}
		return sl
	}

	type entry struct {
		key        string
		val        cty.Value
		krng, vrng hcl.Range
	}
	var entries []entry
	if pairs, diags := hcl.ExprMap(attr.Expr); !diags.HasErrors() {
		for _, p := range pairs {
			k, kd := p.Key.Value(nil)
			vv, vd := p.Value.Value(nil)
			if kd.HasErrors() || vd.HasErrors() || k.IsNull() || !k.Type().Equals(cty.String) {
				entries = nil
				break
			}
			entries = append(entries, entry{k.AsString(), vv, p.Key.Range(), p.Value.Range()})
		}
	}
	if entries == nil {
		for it := v.ElementIterator(); it.Next(); {
			k, vv := it.Element()
			entries = append(entries, entry{k.AsString(), vv, attr.Expr.Range(), attr.Expr.Range()})
		}
	}
	seen := map[int]hcl.Range{}
	for _, e := range entries {
		i := slices.Index(frNames, e.key)
		if i < 0 {
			l.errorf(e.krng, "Unknown foundational requirement",
				"%q is not a foundational requirement; the keys are FR1 to FR7.%s", e.key, evidence.Suggestion(e.key, frNames))
			continue
		}
		if prev, dup := seen[i]; dup {
			l.errorf(e.krng, "Duplicate foundational requirement", "%s already has a level on %s; remove one.", e.key, line(prev))
			continue
		}
		seen[i] = e.krng
		if n, ok := level(e.val, e.vrng, e.key); ok {
			sl[i] = n
		}
	}
	var missing []string
	for i, fr := range frNames {
		if _, ok := seen[i]; !ok {
			missing = append(missing, fr)
		}
	}
	if len(missing) > 0 {
		l.errorf(attr.Expr.Range(), "Missing foundational requirement",
			"sl_target sets no level for %s; give all seven, FR1 to FR7, or one level for all, like sl_target = 2.", strings.Join(missing, ", "))
	}
	return sl
}

func (l *loader) conduit(b *hcl.Block, d *decoded) {
	cd := Conduit{Name: b.Labels[0], Services: []string{}}
	keep := l.name(d, "conduit", b, 0)
	c := l.content(b.Body, conduitSchema)
	attrs := c.Attributes
	l.require(b, attrs, map[string]string{
		"from":     `the zone it starts in, like from = "dmz"`,
		"to":       `the zone it leads to, like to = "control"`,
		"services": `what may cross it, like services = ["tcp/443", "opcua"]`,
	})
	var fromAttr, toAttr *hcl.Attribute
	cd.From, fromAttr = l.text(attrs, "from", true)
	cd.To, toAttr = l.text(attrs, "to", true)
	if fromAttr != nil {
		d.refs = append(d.refs, zoneRef{cd.From, fromAttr.Expr.Range()})
	}
	if toAttr != nil {
		d.refs = append(d.refs, zoneRef{cd.To, toAttr.Expr.Range()})
	}
	if fromAttr != nil && toAttr != nil && cd.From == cd.To {
		l.errorf(toAttr.Expr.Range(), "Conduit joins a zone to itself",
			"A conduit connects two different zones, but from and to are both %q; change one of them.", cd.To)
	}
	cd.Description, _ = l.text(attrs, "description", false)
	if attr, ok := attrs["services"]; ok {
		vals, rngs, _ := l.attrStrings(attr)
		if len(vals) == 0 && !l.hasErrorIn(attr.Expr.Range()) {
			l.errorf(attr.Expr.Range(), "No services",
				"Conduit %q needs at least one service; list what may cross it, like [\"tcp/443\", \"opcua\"].", cd.Name)
		}
		seen := map[string]hcl.Range{}
		for i, s := range vals {
			svc, detail := parseService(s)
			if detail != "" {
				l.errorf(rngs[i], "Invalid service", "%s", detail)
				continue
			}
			if prev, dup := seen[svc]; dup {
				l.warnf(rngs[i], "Duplicate service", "%q is already listed on %s as %q; remove one.", s, line(prev), svc)
				continue
			}
			seen[svc] = rngs[i]
			cd.Services = append(cd.Services, svc)
		}
		slices.Sort(cd.Services)
	}
	if keep {
		d.a.Conduits = append(d.a.Conduits, cd)
	}
}

func (l *loader) source(b *hcl.Block, d *decoded) {
	src := Source{Kind: b.Labels[0], Name: b.Labels[1], Patterns: []string{}, Files: []string{}, Options: map[string]any{}}
	keep := l.name(d, "source", b, 1)
	c, remain, diags := b.Body.PartialContent(sourceSchema)
	l.add(diags)
	l.require(b, c.Attributes, map[string]string{"files": `the evidence files to read, like files = ["evidence/*.csv"]`})

	var allowed []string
	kindKnown := true
	if l.opts.SourceKinds != nil {
		var ok bool
		allowed, ok = l.opts.SourceKinds[src.Kind]
		if !ok {
			kinds := sortedKeys(l.opts.SourceKinds)
			l.errorf(b.LabelRanges[0], "Unknown source kind",
				"slate has no collector for %q; the kinds are %s.%s", src.Kind, evidence.QuoteList(kinds), evidence.Suggestion(src.Kind, kinds))
			kindKnown = false
		}
	}
	if strings.TrimSpace(src.Kind) == "" && l.opts.SourceKinds == nil {
		l.errorf(b.LabelRanges[0], "Empty source kind", "A source needs a kind, like source \"assets\" %q; write one between the quotes.", src.Name)
	}

	attrs, diags := remain.JustAttributes()
	l.add(diags)
	for _, name := range sortedKeys(attrs) {
		attr := attrs[name]
		if l.opts.SourceKinds != nil && kindKnown && !slices.Contains(allowed, name) {
			valid := slices.Sorted(slices.Values(slices.Concat(sourceArgs, allowed)))
			l.errorf(attr.NameRange, "Unsupported argument",
				"A source of kind %q takes %s; remove %q or fix its name.%s", src.Kind, evidence.QuoteList(valid), name, evidence.Suggestion(name, valid))
			continue
		}
		v, ds := attr.Expr.Value(nil)
		l.add(ds)
		if ds.HasErrors() || v.IsNull() {
			continue
		}
		opt, err := plain(v)
		if err != nil {
			l.errorf(attr.Expr.Range(), "Invalid option value", "The value of %q cannot be used as an option (%v); write a string, number, bool, list or object.", name, err)
			continue
		}
		src.Options[name] = opt
	}

	if attr, ok := c.Attributes["files"]; ok {
		vals, rngs, _ := l.attrStrings(attr)
		if len(vals) == 0 && !l.hasErrorIn(attr.Expr.Range()) {
			l.errorf(attr.Expr.Range(), "No file patterns",
				"Source %q needs at least one file pattern, like [\"evidence/*.csv\"].", src.Name)
		}
		src.Patterns = append(src.Patterns, vals...)
		if !l.opts.Sealed {
			src.Files = l.matchFiles(vals, rngs)
		}
	}
	l.freshness(&src, c.Attributes, d)
	l.scope(&src, attrs, d)
	if keep {
		d.a.Sources = append(d.a.Sources, src)
	}
}

// freshness reads the source's max_age and collected arguments.
// Attestations are left out: each carries its own date and expiry.
func (l *loader) freshness(src *Source, attrs hcl.Attributes, d *decoded) {
	for _, name := range []string{"collected", "max_age"} {
		if attr, ok := attrs[name]; ok && src.Kind == evidence.AttestationKind {
			l.errorf(attr.NameRange, "Unsupported argument",
				"Attestations carry their own date and expiry, which decide when they count; remove %s from this source.", name)
			delete(attrs, name)
		}
	}
	if attr, ok := attrs["max_age"]; ok {
		if s, ok := l.attrString(attr); ok {
			days, detail := parseAge(s)
			if detail != "" {
				l.errorf(attr.Expr.Range(), "Invalid max_age", "%s", detail)
			} else {
				src.MaxAge, src.MaxAgeDays = strings.TrimSpace(s), days
			}
		}
	}
	if attr, ok := attrs["collected"]; ok {
		src.Collected = l.date(attr)
		if src.Collected != "" {
			d.collected = append(d.collected, sourceDate{src.Name, elemString{src.Collected, attr.Expr.Range()}})
		}
	}
}

// scope reads the options that bound what a source speaks for, where its
// kind takes them (a capture's zones and min_observation): the zones are
// checked against the declared ones with the other zone references.
func (l *loader) scope(src *Source, attrs hcl.Attributes, d *decoded) {
	if _, ok := src.Options["zones"]; ok {
		attr := attrs["zones"]
		vals, rngs, _ := l.attrStrings(attr)
		src.Zones = []string{}
		for i, z := range vals {
			d.refs = append(d.refs, zoneRef{z, rngs[i]})
			src.Zones = append(src.Zones, z)
		}
		slices.Sort(src.Zones)
		src.Zones = slices.Compact(src.Zones)
	}
	if _, ok := src.Options["min_observation"]; ok {
		attr := attrs["min_observation"]
		if s, ok := l.attrString(attr); ok {
			dur, detail := parseObservation(s)
			if detail != "" {
				l.errorf(attr.Expr.Range(), "Invalid min_observation", "%s", detail)
			} else {
				src.MinObservation, src.MinObservationNS = strings.TrimSpace(s), int64(dur)
			}
		}
	}
}

func (l *loader) policies(b *hcl.Block, d *decoded) {
	c := l.content(b.Body, policiesSchema)
	if c.Attributes["paths"] == nil && c.Attributes["bundles"] == nil && c.Attributes["oci"] == nil {
		l.errorf(b.DefRange, "Missing required argument",
			"The policies block needs \"paths\", \"bundles\" or \"oci\"; add the directories of custom policies, like paths = [\"policies\"], or policy packs, like bundles = [\"packs/ot-extra.tar.gz\"] or oci = [\"registry.example.com/packs/ot-extra@sha256:…\"].")
	}
	if attr, ok := c.Attributes["paths"]; ok {
		vals, rngs, _ := l.attrStrings(attr)
		d.a.PolicyPaths = l.policyDirs(vals, rngs)
	}
	if attr, ok := c.Attributes["bundles"]; ok {
		vals, rngs, _ := l.attrStrings(attr)
		d.a.PolicyBundles = l.policyFiles(vals, rngs, "policy pack")
		slices.Sort(d.a.PolicyBundles)
		d.a.PolicyBundles = slices.Compact(d.a.PolicyBundles)
	}
	if attr, ok := c.Attributes["oci"]; ok {
		vals, rngs, _ := l.attrStrings(attr)
		d.a.PolicyOCI = l.policyRefs(vals, rngs)
	}
	if key, attr := l.text(c.Attributes, "bundle_key", true); attr != nil {
		if files := l.policyFiles([]string{key}, []hcl.Range{attr.Expr.Range()}, "bundle key"); len(files) == 1 {
			d.a.PolicyBundleKey = files[0]
		}
	}
}

func (l *loader) waiver(b *hcl.Block, d *decoded) {
	w := Waiver{Name: b.Labels[0]}
	keep := l.name(d, "waiver", b, 0)
	c := l.content(b.Body, waiverSchema)
	attrs := c.Attributes
	l.require(b, attrs, map[string]string{
		"requirement": `the requirement it waives, like requirement = "iec62443-3-3:SR 7.8"`,
		"reason":      "why the gap is accepted",
		"approved_by": "who accepted it",
		"expires":     `when it lapses, like expires = "2027-03-31"`,
	})
	if req, attr := l.text(attrs, "requirement", true); attr != nil {
		w.Requirement = l.requirement(req, attr.Expr.Range())
	}
	w.Rule, _ = l.text(attrs, "rule", false)
	w.Subject, _ = l.text(attrs, "subject", false)
	var zoneAttr *hcl.Attribute
	w.Zone, zoneAttr = l.text(attrs, "zone", false)
	if zoneAttr != nil && w.Zone != "" {
		d.refs = append(d.refs, zoneRef{w.Zone, zoneAttr.Expr.Range()})
	}
	w.Reason, _ = l.text(attrs, "reason", true)
	w.ApprovedBy, _ = l.text(attrs, "approved_by", true)
	w.CompensatingControl, _ = l.text(attrs, "compensating_control", false)
	if attr, ok := attrs["expires"]; ok {
		w.Expires = l.date(attr)
		if w.Expires != "" {
			d.expiries = append(d.expiries, elemString{w.Expires, attr.Expr.Range()})
		}
	}
	if keep {
		d.a.Waivers = append(d.a.Waivers, w)
	}
}

// requirement qualifies an id with its framework and checks it exists.
func (l *loader) requirement(s string, rng hcl.Range) string {
	id := strings.TrimSpace(s)
	q, ok := qualify(id)
	if !ok {
		l.errorf(rng, "Unqualified requirement",
			"%q names no framework; write it as \"iec62443-3-3:SR 7.8\" or \"nist-800-53r5:CM-8\".", s)
		return ""
	}
	if l.opts.KnownRequirement != nil && !l.opts.KnownRequirement(q) {
		l.errorf(rng, "Unknown requirement",
			"No policy catalog defines %q; check the id, like \"iec62443-3-3:SR 7.8\" or \"nist-800-53r5:AC-2(1)\".", q)
		return ""
	}
	return q
}

func (l *loader) output(b *hcl.Block, d *decoded) {
	c := l.content(b.Body, outputSchema)
	attrs := c.Attributes
	if dir, attr := l.text(attrs, "dir", true); attr != nil && dir != "" {
		// Reports are written under the assessment directory, never
		// beside or above it: --out is where a user sends them elsewhere.
		c, ok := cleanRel(dir)
		abs := filepath.Join(l.dir, filepath.FromSlash(c))
		if !ok {
			l.errorf(attr.Expr.Range(), "Output directory outside the assessment directory",
				"The output directory %q must be a directory under %s, written relative to it, like \"out\"; to write the reports elsewhere, give --out.", dir, l.dir)
		} else if resolved, ok := l.insideExisting(abs); !ok {
			l.errorf(attr.Expr.Range(), "Output directory outside the assessment directory",
				"The output directory %q leads to %s, outside %s through a link; name a real directory under it, or give --out.", dir, resolved, l.dir)
		} else {
			d.a.Outputs.Dir = abs
		}
	}
	attr, ok := attrs["formats"]
	if !ok {
		return
	}
	vals, rngs, _ := l.attrStrings(attr)
	d.a.Outputs.Formats = []string{}
	seen := map[string]hcl.Range{}
	for i, s := range vals {
		f := strings.ToLower(strings.TrimSpace(s))
		if formats := l.opts.Formats; formats != nil && !slices.Contains(formats, f) {
			l.errorf(rngs[i], "Unknown output format", "%q is not a report format; use %s.%s", s, evidence.QuoteList(formats), evidence.Suggestion(s, formats))
			continue
		}
		if prev, dup := seen[f]; dup {
			l.warnf(rngs[i], "Duplicate output format", "%q is already listed on %s; remove one.", s, line(prev))
			continue
		}
		seen[f] = rngs[i]
		d.a.Outputs.Formats = append(d.a.Outputs.Formats, f)
	}
	slices.Sort(d.a.Outputs.Formats)
}

// crossChecks checks what spans blocks.
func (l *loader) crossChecks(d *decoded) {
	zones := map[string]bool{}
	for _, z := range d.a.Zones {
		zones[z.Name] = true
	}
	names := sortedKeys(zones)
	for _, r := range d.refs {
		if zones[r.name] {
			continue
		}
		if len(names) == 1 {
			l.errorf(r.rng, "Unknown zone",
				"No zone named %q is declared; the only zone is %q. Fix the name or declare the zone.%s", r.name, names[0], evidence.Suggestion(r.name, names))
			continue
		}
		if len(names) == 0 {
			l.errorf(r.rng, "Unknown zone", "No zone is declared; add a zone block named %q or fix the name.", r.name)
			continue
		}
		l.errorf(r.rng, "Unknown zone",
			"No zone named %q is declared; the zones are %s. Fix the name or declare the zone.%s", r.name, evidence.QuoteList(names), evidence.Suggestion(r.name, names))
	}

	for j, b := range d.nets {
		for _, a := range d.nets[:j] {
			if !a.p.Overlaps(b.p) {
				continue
			}
			if a.zone == b.zone {
				l.errorf(b.rng, "Overlapping networks in zone",
					"%s overlaps %s, listed on %s for the same zone %q; keep only the larger range.", b.p, a.p, line(a.rng), b.zone)
				continue
			}
			l.errorf(b.rng, "Overlapping zone networks",
				"%s in zone %q overlaps %s in zone %q (%s); an address belongs to one zone, so narrow or split one of the ranges.",
				b.p, b.zone, a.p, a.zone, line(a.rng))
		}
	}

	first := map[int]vlanDecl{}
	for _, v := range d.vlans {
		prev, ok := first[v.id]
		if !ok {
			first[v.id] = v
			continue
		}
		if prev.zone != v.zone {
			l.errorf(v.rng, "VLAN claimed by two zones",
				"VLAN %d is also in zone %q (%s); a VLAN belongs to one zone, so remove it from one of them.", v.id, prev.zone, line(prev.rng))
		}
	}

	// Warnings that depend on the assessment date are made when it is
	// known: the file's as_of here, the run's date in DateWarnings.
	d.a.collected, d.a.expiries = d.collected, d.expiries
}

// DateWarnings are the warnings that depend on the assessment date asOf:
// evidence collected after it, waivers expired before it. Warnings holds
// them for the file's own as_of; a run on another date asks again.
func (a *Assessment) DateWarnings(asOf string) hcl.Diagnostics {
	var out hcl.Diagnostics
	warn := func(rng hcl.Range, summary, detail string) {
		out = append(out, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: rng.Ptr()})
	}
	if asOf == "" {
		return out
	}
	for _, e := range a.collected {
		if e.s > asOf {
			warn(e.rng, "Evidence collected after the assessment date",
				fmt.Sprintf("Source %q says its evidence was collected on %s, after the assessment date %s; check both dates.", e.source, e.s, asOf))
		}
	}
	for _, e := range a.expiries {
		if e.s < asOf {
			warn(e.rng, "Waiver has expired",
				fmt.Sprintf("The waiver expired on %s, before the assessment date %s, so it waives nothing; renew or remove it.", e.s, asOf))
		}
	}
	return out
}
