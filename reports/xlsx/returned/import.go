package returned

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/reports/xlsx"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/internal/workbook"
)

// The items of the Overview sheet that identify the scorecard a workbook
// was written from. Overview rows are found by their item, so an auditor
// sorting the sheet does not lose them.
const (
	itemAsOf       = "As of"
	itemEngine     = "Engine"
	itemFormat     = "Scorecard format"
	itemBundle     = "Evidence bundle digest"
	itemPolicies   = "Policies digest"
	itemAssessment = "Assessment digest"
)

// Columns of the Attestations sheet an import reads by name.
const (
	attID          = "ID"
	attRequirement = "Requirement"
	attZones       = "Zones"
	attVerdict     = "Verdict"
	attState       = "State"
	attUsed        = "Used"
	attAttestedBy  = "Attested by"
	attDate        = "Date"
	attExpires     = "Expires"
	attType        = "Evidence type"
	attEvidence    = "Evidence"
	attNote        = "Note"
	attSource      = "Source"
	// allZones is what older workbooks wrote for a site-wide attestation;
	// an added row may still say it instead of scorecard.SiteWide.
	allZones = "all zones"
)

// attestHeader is the header of the Attestations sheet.
var attestHeader = []string{attID, attRequirement, attZones, attVerdict, attState, attUsed, attAttestedBy,
	attDate, attExpires, attType, attEvidence, attNote, attSource}

// evidenceTypes are the evidence types an attestation may name; the
// attestation collector accepts the same.
var evidenceTypes = []string{"document", "photo", "interview", "observation", "other"}

// maxProblems bounds the problems a refusal lists: a shifted column would
// otherwise list every cell of the sheet.
const maxProblems = 50

// Identity is what ties a workbook to the scorecard it was written from,
// as the Overview sheet states it. A scorecard is a function of its three
// input digests, the as_of date and the engine, so two scorecards with the
// same Identity are the same scorecard.
type Identity struct {
	Format     string `json:"format"`
	Engine     string `json:"engine"`
	AsOf       string `json:"as_of"`
	Bundle     string `json:"bundle"`
	Policies   string `json:"policies"`
	Assessment string `json:"assessment"`
}

// IdentityOf returns the identity of sc as its workbook states it.
func IdentityOf(sc *scorecard.Scorecard) Identity {
	return Identity{
		Format: sc.Format, Engine: sc.Engine.Name + " " + sc.Engine.Version, AsOf: sc.Assessment.AsOf,
		Bundle: sc.Digests.Bundle, Policies: sc.Digests.Policies, Assessment: sc.Digests.Assessment,
	}
}

// fields pairs each Overview item with its value.
func (id Identity) fields() [][2]string {
	return [][2]string{{itemFormat, id.Format}, {itemEngine, id.Engine}, {itemAsOf, id.AsOf},
		{itemBundle, id.Bundle}, {itemPolicies, id.Policies}, {itemAssessment, id.Assessment}}
}

// Verdicts is what an auditor wrote into a workbook slate produced.
type Verdicts struct {
	// Name is the workbook as the user named it.
	Name     string
	Identity Identity
	// Zones are the zones of the requirement sheets, in sheet order.
	Zones []string
	// Reviews are the requirement × zone cells with an auditor verdict or
	// comment, in sheet order and, within a sheet, by requirement id and
	// then zone.
	Reviews []Review
	// Notes are the verdicts and comments on the Gaps, Waivers and
	// Countermeasures sheets, in sheet and row order.
	Notes []Note
	// SignOff is the Sign-off sheet as the auditor filled it in.
	SignOff SignOff
	// Added are the rows the auditor typed into the Attestations sheet, in
	// row order.
	Added []AddedAttestation
	// Checked is set when every generated cell was compared with a
	// rendering of the scorecard; otherwise only the workbook's form was
	// checked.
	Checked bool
}

// ZoneCell is the status a requirement row shows for one zone.
type ZoneCell struct {
	Zone   string `json:"zone"`
	Status string `json:"status"`
}

// Review is the auditor's verdict on one requirement in one zone.
type Review struct {
	// VerdictCell and CommentCell are sheet!cell references.
	VerdictCell string `json:"verdict_cell"`
	CommentCell string `json:"comment_cell"`
	// Requirement is qualified: "iec62443-3-3:SR 1.1".
	Requirement string `json:"requirement"`
	ID          string `json:"id"`
	Title       string `json:"title"`
	// Zone is the zone whose verdict and comment columns hold the review.
	Zone string `json:"zone"`
	// Coverage is automated, partial or manual.
	Coverage string `json:"coverage"`
	// Zones is the zone's status, when the row shows one.
	Zones []ZoneCell `json:"zones"`
	// Verdict is one of xlsx.AuditorVerdicts, or "" for a comment alone.
	Verdict string `json:"verdict"`
	Comment string `json:"comment"`
}

// AddedAttestation is a row the auditor added to the Attestations sheet.
// Date, Expires and AttestedBy may be empty: the import fills them in.
type AddedAttestation struct {
	// Cell is the row's first cell, "Attestations!A12".
	Cell string `json:"cell"`
	Row  int    `json:"row"`
	// ID is what the auditor named the row, if anything.
	ID string `json:"id,omitempty"`
	// Requirement is qualified.
	Requirement string `json:"requirement"`
	// Scope is "site" when the Zones cell says site-wide, else "zones".
	Scope        string   `json:"scope"`
	Zones        []string `json:"zones"`
	Verdict      string   `json:"verdict"`
	AttestedBy   string   `json:"attested_by"`
	Date         string   `json:"date"`
	Expires      string   `json:"expires"`
	EvidenceType string   `json:"evidence_type"`
	Evidence     string   `json:"evidence"`
	Note         string   `json:"note"`

	expiresCell string
}

// Problem is one reason a workbook is refused, at a cell ("FR1!D5") or a
// sheet.
type Problem struct {
	Cell    string
	Message string
}

func (p Problem) String() string { return p.Cell + ": " + p.Message }

// RefusedError is a workbook that is not one slate wrote, belongs to
// another scorecard, was changed outside the auditor's cells, or holds
// verdicts that cannot be imported. It lists every problem found.
type RefusedError struct {
	Name string
	// Foreign is set when the workbook is not slate's or belongs to
	// another scorecard.
	Foreign  bool
	Problems []Problem
	// More counts the problems found beyond those listed.
	More int
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	what := "workbook refused"
	if e.Foreign {
		what = "workbook refused: not the scorecard's"
	}
	fmt.Fprintf(&b, "%s: %s", e.Name, what)
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n  … and %d more", e.More)
	}
	return b.String()
}

// problems collects the problems of one import.
type problems struct {
	list []Problem
	more int
}

func (ps *problems) add(cell, format string, args ...any) {
	if len(ps.list) >= maxProblems {
		ps.more++
		return
	}
	ps.list = append(ps.list, Problem{Cell: cell, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) err(name string, foreign bool) error {
	if len(ps.list) == 0 {
		return nil
	}
	return &RefusedError{Name: name, Foreign: foreign, Problems: ps.list, More: ps.more}
}

// sheetRef writes a sheet name the way a formula does: quoted when it
// holds anything but letters, digits and underscores.
func sheetRef(sheet string) string {
	for _, r := range sheet {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
		}
	}
	return sheet
}

// ref names one cell; col and row count from 1.
func ref(sheet string, col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return sheetRef(sheet) + "!" + c
}

// grid is one sheet's cells as stored, rows and columns from 0.
type grid [][]string

func (g grid) at(row, col int) string {
	if row < 0 || row >= len(g) || col < 0 || col >= len(g[row]) {
		return ""
	}
	return g[row][col]
}

// cellAt is the cell in column c of row, "" past its end.
func cellAt(row []string, c int) string {
	if c < 0 || c >= len(row) {
		return ""
	}
	return row[c]
}

func blank(row []string) bool {
	return !slices.ContainsFunc(row, func(s string) bool { return strings.TrimSpace(s) != "" })
}

// cellText normalises what a spreadsheet program may change without the
// auditor meaning to: line ends.
func cellText(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// readSheets reads every sheet of f as stored (numbers unformatted).
func readSheets(f *excelize.File) (map[string]grid, error) {
	out := map[string]grid{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		for i, r := range rows {
			for j, v := range r {
				rows[i][j] = cellText(v)
			}
		}
		out[name] = rows
	}
	return out, nil
}

// Import reads the auditor's verdicts and added attestations from a
// workbook slate wrote. name is how the workbook is named in messages.
//
// With sc, the workbook must belong to sc (its Overview states sc's
// Identity) and every cell outside the auditor's — the two auditor
// columns of the requirement sheets and rows added to the Attestations
// sheet — must read as a fresh rendering of sc does; rows are matched by
// their key (the requirement id, the gap id, …), so sorting and filtering
// do no harm. Without sc only the workbook's form is checked.
//
// The workbook is read within lim (zero fields take workbook.Default):
// past a limit, or with a part cut short or malformed, it is an
// *evidence.InputError naming the part, as is a file that is not a
// spreadsheet; a workbook refused is a *RefusedError listing every
// problem with its cell.
func Import(name string, r io.Reader, sc *scorecard.Scorecard, lim workbook.Limits) (*Verdicts, error) {
	f, err := workbook.OpenReader(r, lim)
	if err != nil {
		return nil, &evidence.InputError{Path: name, Err: err}
	}
	defer f.Close()
	got, err := readSheets(f)
	if err != nil {
		return nil, &evidence.InputError{Path: name, Err: err}
	}
	im := &importer{name: name, got: got, sc: sc}
	return im.run()
}

type importer struct {
	name string
	got  map[string]grid
	sc   *scorecard.Scorecard
	ps   problems
	v    *Verdicts
	// ids maps each requirement id of the requirement sheets to its
	// qualified key, for the Attestations rows typed with a bare id.
	ids map[string]string
}

func (im *importer) run() (*Verdicts, error) {
	im.v = &Verdicts{Name: im.name, Checked: im.sc != nil}
	id, ok := im.overview()
	if !ok {
		return nil, im.ps.err(im.name, true)
	}
	im.v.Identity = id
	if im.sc != nil {
		im.belongs()
		if err := im.ps.err(im.name, true); err != nil {
			return nil, err
		}
		if err := im.compare(); err != nil {
			return nil, err
		}
	} else if !im.form() {
		return nil, im.ps.err(im.name, false)
	}
	// Every problem of the auditor's cells is reported with those of the
	// generated cells, so one round trip fixes them all.
	im.requirementSheets()
	im.notes()
	im.added()
	im.signOff()
	if err := im.ps.err(im.name, false); err != nil {
		return nil, err
	}
	return im.v, nil
}

// overview reads the identity from the Overview sheet.
func (im *importer) overview() (Identity, bool) {
	g, ok := im.got[xlsx.SheetOverview]
	if !ok {
		im.ps.add(im.name, "no %s sheet: this is not a workbook slate wrote", xlsx.SheetOverview)
		return Identity{}, false
	}
	items := map[string]string{}
	for _, row := range g {
		if len(row) > 0 {
			items[strings.TrimSpace(row[0])] = strings.TrimSpace(cellAt(row, 1))
		}
	}
	var id Identity
	for _, f := range []struct {
		item string
		dst  *string
	}{{itemFormat, &id.Format}, {itemEngine, &id.Engine}, {itemAsOf, &id.AsOf},
		{itemBundle, &id.Bundle}, {itemPolicies, &id.Policies}, {itemAssessment, &id.Assessment}} {
		v, found := items[f.item]
		if !found || v == "" {
			im.ps.add(sheetRef(xlsx.SheetOverview), "no %q item: this is not a workbook slate wrote", f.item)
			continue
		}
		*f.dst = v
	}
	if len(im.ps.list) > 0 {
		return id, false
	}
	if id.Format != scorecard.Format {
		im.ps.add(sheetRef(xlsx.SheetOverview), "the workbook was written from a %q scorecard; this slate reads %q", id.Format, scorecard.Format)
		return id, false
	}
	if _, err := time.Parse(time.DateOnly, id.AsOf); err != nil {
		im.ps.add(sheetRef(xlsx.SheetOverview), "the as of date %q is not YYYY-MM-DD", id.AsOf)
		return id, false
	}
	return id, true
}

// belongs checks the workbook's identity against the scorecard's.
func (im *importer) belongs() {
	want := IdentityOf(im.sc).fields()
	got := im.v.Identity.fields()
	g := im.got[xlsx.SheetOverview]
	for i := range want {
		if got[i][1] == want[i][1] {
			continue
		}
		cell := sheetRef(xlsx.SheetOverview)
		for r, row := range g {
			if len(row) > 0 && strings.TrimSpace(row[0]) == want[i][0] {
				cell = ref(xlsx.SheetOverview, 2, r+1)
			}
		}
		im.ps.add(cell, "%s is %q, the scorecard's is %q: the workbook was written from another scorecard", want[i][0], got[i][1], want[i][1])
	}
}

// sheetKey says how the rows of a sheet are matched with the rendering's,
// which columns belong to the auditor, and which rows the auditor added.
type sheetKey struct {
	key      func(row []string) string
	editable func(col int, header, row []string) bool
	added    func(row []string) bool
}

func column(i int) func([]string) string {
	return func(row []string) string { return strings.TrimSpace(cellAt(row, i)) }
}

func noEdits(int, []string, []string) bool { return false }

// zoneAuditorCols are the verdict and comment columns of each zone on a
// requirement sheet.
func zoneAuditorCols(col int, header, _ []string) bool {
	h := cellAt(header, col)
	return col >= xlsx.LeadColumns && (strings.HasSuffix(h, xlsx.ZoneVerdict) || strings.HasSuffix(h, xlsx.ZoneComment))
}

// auditorCols are the last two columns of the Gaps, Waivers and
// Countermeasures sheets.
func auditorCols(col int, header, _ []string) bool { return col >= len(header)-2 }

// signOffCols are the auditor's cells of the Sign-off sheet: the value of
// each item, the opinion and comment of each zone.
func signOffCols(col int, _, row []string) bool {
	if slices.Contains(xlsx.SignOffItems, strings.TrimSpace(cellAt(row, 0))) {
		return col == 1
	}
	return col >= 2 && strings.TrimSpace(cellAt(row, 0)) != xlsx.SignOffZones
}

func (im *importer) keys() map[string]sheetKey {
	keys := map[string]sheetKey{
		xlsx.SheetOverview: {key: column(0), editable: noEdits},
		xlsx.SheetTopRisks: {key: column(0), editable: noEdits},
		xlsx.SheetSummary: {key: func(row []string) string {
			return strings.TrimSpace(cellAt(row, 0)) + "\x00" + strings.TrimSpace(cellAt(row, 2))
		}, editable: noEdits},
		xlsx.SheetNIST:    {key: column(0), editable: zoneAuditorCols},
		xlsx.SheetGaps:    {key: column(0), editable: auditorCols},
		xlsx.SheetWaivers: {key: column(0), editable: auditorCols},
		xlsx.SheetSignOff: {key: column(0), editable: signOffCols},
		// A component may match several advisories and products: the
		// row is known by its asset, advisory and product.
		xlsx.SheetVulnerabilities: {key: func(row []string) string {
			return strings.TrimSpace(cellAt(row, 0)) + "\x00" + strings.TrimSpace(cellAt(row, 5)) + "\x00" + strings.TrimSpace(cellAt(row, 6))
		}, editable: noEdits},
		xlsx.SheetCountermeasures: {key: func(row []string) string {
			return strings.TrimSpace(cellAt(row, 0)) + "\x00" + strings.TrimSpace(cellAt(row, 1))
		}, editable: auditorCols},
		xlsx.SheetEvidence: {key: column(0), editable: noEdits},
		xlsx.SheetTrend:    {key: column(0), editable: noEdits},
		xlsx.SheetAttest: {key: func(row []string) string {
			return strings.TrimSpace(cellAt(row, 0)) + "\x00" + strings.TrimSpace(cellAt(row, len(attestHeader)-1))
		}, editable: noEdits, added: im.isAdded},
	}
	for _, fr := range xlsx.FRs {
		keys[fr] = sheetKey{key: column(0), editable: zoneAuditorCols}
	}
	return keys
}

// isAdded tells the auditor's rows of the Attestations sheet from slate's:
// slate fills in the Source column, the auditor leaves it empty.
func (im *importer) isAdded(row []string) bool {
	return strings.TrimSpace(cellAt(row, slices.Index(attestHeader, attSource))) == ""
}

// compare checks every sheet against a rendering of the scorecard.
func (im *importer) compare() error {
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, im.sc); err != nil {
		return err
	}
	raw := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	defer f.Close()
	want, err := readSheets(f)
	if err != nil {
		return err
	}
	keys := im.keys()
	for _, sheet := range f.GetSheetList() {
		g, ok := im.got[sheet]
		if !ok {
			im.ps.add(im.name, "the %s sheet is missing", sheet)
			continue
		}
		k, ok := keys[sheet]
		if !ok {
			// A sheet with no key of its own is slate's alone, row by row.
			k = sheetKey{key: column(0), editable: noEdits}
		}
		im.compareSheet(sheet, g, want[sheet], k)
	}
	im.zonesFrom(want[xlsx.FRs[0]])
	return nil
}

// compareSheet compares one sheet with its rendering, row by matching row.
func (im *importer) compareSheet(sheet string, got, want grid, k sheetKey) {
	if len(want) == 0 {
		return
	}
	header := want[0]
	for c := range max(len(header), len(got.row(0))) {
		if g, w := got.at(0, c), want.at(0, c); g != w {
			im.ps.add(ref(sheet, c+1, 1), "header changed: slate wrote %q, the workbook has %q", w, g)
		}
	}
	// Keys are unique by construction; should two rows share one, the
	// n-th row with the key is matched with the n-th.
	nth := func() func([]string) string {
		count := map[string]int{}
		return func(row []string) string {
			key := k.key(row)
			count[key]++
			if count[key] == 1 {
				return key
			}
			return key + "\x00#" + strconv.Itoa(count[key])
		}
	}
	wantKey, gotKey := nth(), nth()
	wantRows := map[string]int{}
	wantKeys := make([]string, len(want))
	for r := 1; r < len(want); r++ {
		if blank(want[r]) {
			continue
		}
		wantKeys[r] = wantKey(want[r])
		wantRows[wantKeys[r]] = r
	}
	seen := map[string]int{}
	for r := 1; r < len(got); r++ {
		row := got[r]
		if blank(row) || (k.added != nil && k.added(row)) {
			continue
		}
		key := gotKey(row)
		w, ok := wantRows[key]
		if !ok {
			base, _, repeated := strings.Cut(key, "\x00#")
			if _, known := wantRows[base]; repeated && known {
				im.ps.add(ref(sheet, 1, r+1), "row %d repeats the row of %s; delete it", r+1, describeKey(base))
			} else {
				im.ps.add(ref(sheet, 1, r+1), "row %d is not one slate wrote (%s); restore the row as written", r+1, describeKey(key))
			}
			continue
		}
		seen[key] = r + 1
		for c := range max(len(row), len(want[w]), len(header)) {
			if k.editable(c, header, row) {
				continue
			}
			if g, wv := got.at(r, c), want.at(w, c); g != wv {
				im.ps.add(ref(sheet, c+1, r+1), "changed outside the auditor's columns: slate wrote %s, the workbook has %s; only %s may be edited",
					quoteCell(wv), quoteCell(g), editableCols(sheet))
			}
		}
	}
	for r := 1; r < len(want); r++ {
		if key := wantKeys[r]; !blank(want[r]) && seen[key] == 0 {
			im.ps.add(sheetRef(sheet), "the row of %s is missing; restore it", describeKey(key))
		}
	}
}

func (g grid) row(r int) []string {
	if r < len(g) {
		return g[r]
	}
	return nil
}

func describeKey(key string) string {
	parts := strings.Split(key, "\x00")
	if slices.ContainsFunc(parts, func(s string) bool { return s != "" }) {
		return strconv.Quote(strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), ", "))
	}
	return "no id"
}

func quoteCell(s string) string {
	if s == "" {
		return "an empty cell"
	}
	return strconv.Quote(s)
}

func editableCols(sheet string) string {
	switch {
	case sheet == xlsx.SheetNIST || slices.Contains(xlsx.FRs, sheet):
		return "each zone's verdict and comment columns"
	case sheet == xlsx.SheetGaps || sheet == xlsx.SheetWaivers || sheet == xlsx.SheetCountermeasures:
		return "the " + xlsx.AuditorVerdict + " and " + xlsx.AuditorComment + " columns"
	case sheet == xlsx.SheetSignOff:
		return "the shaded cells"
	case sheet == xlsx.SheetAttest:
		return "rows added below slate's"
	}
	return "the shaded auditor's cells and rows added to the " + xlsx.SheetAttest + " sheet"
}

// form checks, without a scorecard, that the sheets an import reads have
// the layout slate writes.
func (im *importer) form() bool {
	for _, sheet := range append(slices.Clone(xlsx.FRs), xlsx.SheetNIST, xlsx.SheetAttest) {
		if _, ok := im.got[sheet]; !ok {
			im.ps.add(im.name, "the %s sheet is missing", sheet)
		}
	}
	if len(im.ps.list) > 0 {
		return false
	}
	im.zonesFrom(im.got[xlsx.FRs[0]])
	for _, sheet := range append(slices.Clone(xlsx.FRs), xlsx.SheetNIST) {
		level := xlsx.LevelIEC
		if sheet == xlsx.SheetNIST {
			level = xlsx.LevelNIST
		}
		im.header(sheet, xlsx.RequirementHeader(level, im.v.Zones))
	}
	im.header(xlsx.SheetAttest, attestHeader)
	for _, sheet := range []string{xlsx.SheetGaps} {
		if _, ok := im.got[sheet]; ok {
			im.header(sheet, xlsx.GapsHeader)
		}
	}
	return len(im.ps.list) == 0
}

func (im *importer) header(sheet string, want []string) {
	got := im.got[sheet].row(0)
	for c := range max(len(want), len(got)) {
		if g, w := cellAt(got, c), cellAt(want, c); g != w {
			im.ps.add(ref(sheet, c+1, 1), "header changed: slate writes %q, the workbook has %q", w, g)
		}
	}
}

// zonesFrom reads the zone names from a requirement sheet's header.
func (im *importer) zonesFrom(g grid) {
	im.v.Zones = nil
	header := g.row(0)
	for c := xlsx.LeadColumns; c < len(header); c += xlsx.ZoneColumns {
		z, ok := strings.CutSuffix(header[c], xlsx.ZoneStatus)
		if !ok {
			break
		}
		im.v.Zones = append(im.v.Zones, z)
	}
}

// requirementSheets reads each zone's verdict and comment on the FR and
// NIST sheets: one Review per requirement and zone.
func (im *importer) requirementSheets() {
	byKey := map[string]scorecard.Requirement{}
	if im.sc != nil {
		for _, r := range im.sc.Requirements {
			byKey[r.Framework+":"+r.ID] = r
		}
	}
	im.ids = map[string]string{}
	for _, sheet := range append(slices.Clone(xlsx.FRs), xlsx.SheetNIST) {
		framework := model.FrameworkIEC62443
		if sheet == xlsx.SheetNIST {
			framework = model.FrameworkNIST
		}
		g := im.got[sheet]
		header := g.row(0)
		howCol := slices.Index(header, xlsx.ColHow)
		var reviews []Review
		for r := 1; r < len(g); r++ {
			row := g[r]
			id := strings.TrimSpace(cellAt(row, 0))
			if id == "" {
				if !blank(row) {
					im.ps.add(ref(sheet, 1, r+1), "row %d has no requirement id; write verdicts on the requirement rows only", r+1)
				}
				continue
			}
			key := framework + ":" + id
			im.ids[id], im.ids[key] = key, key
			coverage := ""
			if req, ok := byKey[key]; ok {
				coverage = req.Coverage
			} else {
				coverage, _, _ = strings.Cut(cellAt(row, howCol), ":")
			}
			for i, z := range im.v.Zones {
				statusCol := xlsx.LeadColumns + xlsx.ZoneColumns*i
				verdict := strings.TrimSpace(cellAt(row, statusCol+1))
				comment := strings.TrimSpace(cellAt(row, statusCol+2))
				if verdict == "" && comment == "" {
					continue
				}
				rv := Review{
					VerdictCell: ref(sheet, statusCol+2, r+1), CommentCell: ref(sheet, statusCol+3, r+1),
					Requirement: key, ID: id, Title: strings.TrimSpace(cellAt(row, 1)), Zone: z, Coverage: coverage, Comment: comment,
				}
				if verdict != "" {
					v, ok := auditorVerdict(verdict)
					if !ok {
						im.ps.add(rv.VerdictCell, "%q is not an auditor verdict; choose %s", verdict, strings.Join(xlsx.AuditorVerdicts, ", "))
						continue
					}
					rv.Verdict = v
				}
				first, _, _ := strings.Cut(cellAt(row, statusCol), "\n")
				st := strings.TrimSuffix(strings.TrimSpace(first), " (required)")
				switch {
				case st == "":
				case !slices.Contains(scorecard.Statuses, st):
					im.ps.add(ref(sheet, statusCol+1, r+1), "%q is not a status slate writes", st)
					continue
				default:
					rv.Zones = []ZoneCell{{Zone: z, Status: st}}
				}
				if records, _ := rv.attests(); records != "" && rv.Comment == "" {
					im.ps.add(rv.CommentCell, "the verdict %s on %s in %s needs a comment naming the evidence examined (it becomes the attestation's %s)",
						rv.Verdict, rv.ID, z, map[string]string{evidence.VerdictPass: "evidence", evidence.VerdictFail: "note"}[records])
				}
				reviews = append(reviews, rv)
			}
		}
		slices.SortStableFunc(reviews, func(a, b Review) int { return strings.Compare(a.Requirement, b.Requirement) })
		im.v.Reviews = append(im.v.Reviews, reviews...)
	}
}

// auditorVerdict matches a verdict in any case to one of
// xlsx.AuditorVerdicts.
func auditorVerdict(s string) (string, bool) {
	i := slices.IndexFunc(xlsx.AuditorVerdicts, func(v string) bool { return strings.EqualFold(v, s) })
	if i < 0 {
		return "", false
	}
	return xlsx.AuditorVerdicts[i], true
}

// Note is the auditor's verdict or comment on a row of the Gaps, Waivers
// or Countermeasures sheet: listed for follow-up, never an attestation.
type Note struct {
	Cell    string `json:"cell"`
	Sheet   string `json:"sheet"`
	Key     string `json:"key"`
	Verdict string `json:"verdict,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// notes reads the auditor's columns of the sheets that have them besides
// the requirement sheets.
func (im *importer) notes() {
	for _, sheet := range []string{xlsx.SheetGaps, xlsx.SheetWaivers, xlsx.SheetCountermeasures} {
		g := im.got[sheet]
		header := g.row(0)
		if len(header) < 2 || header[len(header)-2] != xlsx.AuditorVerdict {
			continue
		}
		vc, cc := len(header)-2, len(header)-1
		for r := 1; r < len(g); r++ {
			row := g[r]
			verdict, comment := strings.TrimSpace(cellAt(row, vc)), strings.TrimSpace(cellAt(row, cc))
			if verdict == "" && comment == "" {
				continue
			}
			key := strings.TrimSpace(cellAt(row, 0))
			if sheet == xlsx.SheetCountermeasures {
				key = strings.TrimSpace(cellAt(row, 1))
			}
			n := Note{Cell: ref(sheet, vc+1, r+1), Sheet: sheet, Key: key, Comment: comment}
			if verdict != "" {
				v, ok := auditorVerdict(verdict)
				if !ok {
					im.ps.add(n.Cell, "%q is not an auditor verdict; choose %s", verdict, strings.Join(xlsx.AuditorVerdicts, ", "))
					continue
				}
				n.Verdict = v
			}
			im.v.Notes = append(im.v.Notes, n)
		}
	}
}

// SignOff is what the auditor wrote on the Sign-off sheet.
type SignOff struct {
	Auditor      string        `json:"auditor,omitempty"`
	Organisation string        `json:"organisation,omitempty"`
	Date         string        `json:"date,omitempty"`
	Opinion      string        `json:"opinion,omitempty"`
	Comment      string        `json:"comment,omitempty"`
	Zones        []ZoneOpinion `json:"zones,omitempty"`
}

// ZoneOpinion is the auditor's opinion on one zone.
type ZoneOpinion struct {
	Zone    string `json:"zone"`
	Opinion string `json:"opinion,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// Signed reports whether the auditor wrote anything on the Sign-off sheet.
func (s SignOff) Signed() bool {
	return s.Auditor != "" || s.Organisation != "" || s.Date != "" || s.Opinion != "" || s.Comment != "" || len(s.Zones) > 0
}

// signOff reads the Sign-off sheet, when the workbook has one.
func (im *importer) signOff() {
	g, ok := im.got[xlsx.SheetSignOff]
	if !ok {
		return
	}
	so := &im.v.SignOff
	opinion := func(s, cell string) string {
		if s == "" {
			return ""
		}
		i := slices.IndexFunc(xlsx.SignOffOpinions, func(o string) bool { return strings.EqualFold(o, s) })
		if i < 0 {
			im.ps.add(cell, "%q is not an opinion; choose %s", s, strings.Join(xlsx.SignOffOpinions, ", "))
			return ""
		}
		return xlsx.SignOffOpinions[i]
	}
	inZones := false
	for r, row := range g {
		item := strings.TrimSpace(cellAt(row, 0))
		val := strings.TrimSpace(cellAt(row, 1))
		cell := ref(xlsx.SheetSignOff, 2, r+1)
		switch {
		case item == xlsx.SignOffZones:
			inZones = true
		case inZones && item != "":
			o := ZoneOpinion{Zone: item, Opinion: opinion(strings.TrimSpace(cellAt(row, 2)), ref(xlsx.SheetSignOff, 3, r+1)),
				Comment: strings.TrimSpace(cellAt(row, 3))}
			if o.Opinion != "" || o.Comment != "" {
				so.Zones = append(so.Zones, o)
			}
		case item == xlsx.SignOffAuditor:
			so.Auditor = val
		case item == xlsx.SignOffOrg:
			so.Organisation = val
		case item == xlsx.SignOffDate:
			so.Date = im.date(val, cell)
		case item == xlsx.SignOffOverall:
			so.Opinion = opinion(val, cell)
		case item == xlsx.SignOffComment:
			so.Comment = val
		}
	}
}

// added reads the rows the auditor typed into the Attestations sheet.
func (im *importer) added() {
	g := im.got[xlsx.SheetAttest]
	col := func(name string) int { return slices.Index(attestHeader, name) }
	for r := 1; r < len(g); r++ {
		row := g[r]
		if blank(row) || !im.isAdded(row) {
			continue
		}
		get := func(name string) string { return strings.TrimSpace(cellAt(row, col(name))) }
		cell := func(name string) string { return ref(xlsx.SheetAttest, col(name)+1, r+1) }
		a := AddedAttestation{Cell: ref(xlsx.SheetAttest, 1, r+1), Row: r + 1, ID: get(attID),
			Evidence: get(attEvidence), AttestedBy: get(attAttestedBy), Note: get(attNote), expiresCell: cell(attExpires)}
		for _, name := range []string{attState, attUsed} {
			if get(name) != "" {
				im.ps.add(cell(name), "the %s column is slate's; leave it empty on a row you add", name)
			}
		}
		req := get(attRequirement)
		switch key, ok := im.ids[req]; {
		case req == "":
			im.ps.add(cell(attRequirement), "the requirement is empty; write the id of a requirement of the FR or NIST sheets, like \"SR 1.1\" or \"PE-3\"")
		case !ok:
			im.ps.add(cell(attRequirement), "%q is not a requirement of this workbook; write an id as the FR or NIST sheets show it, like \"SR 1.1\" or \"PE-3\"", req)
		default:
			a.Requirement = key
		}
		a.Scope, a.Zones = im.zoneList(get(attZones), cell(attZones))
		switch v := normVerdict(get(attVerdict)); {
		case v == "":
			im.ps.add(cell(attVerdict), "the verdict is empty; write %s", strings.Join(evidence.Verdicts, ", "))
		case !slices.Contains(evidence.Verdicts, v):
			im.ps.add(cell(attVerdict), "%q is not a verdict; write %s", get(attVerdict), strings.Join(evidence.Verdicts, ", "))
		default:
			a.Verdict = v
		}
		if a.Evidence == "" {
			im.ps.add(cell(attEvidence), "the evidence is empty; say what was examined, like \"Procedure OT-SEC-07 rev 3\"")
		}
		a.EvidenceType = "document"
		if t := strings.ToLower(get(attType)); t != "" {
			if slices.Contains(evidenceTypes, t) {
				a.EvidenceType = t
			} else {
				im.ps.add(cell(attType), "%q is not an evidence type; write %s", get(attType), strings.Join(evidenceTypes, ", "))
			}
		}
		a.Date = im.date(cellAt(row, col(attDate)), cell(attDate))
		a.Expires = im.date(cellAt(row, col(attExpires)), cell(attExpires))
		if a.Date != "" && a.Expires != "" && a.Expires <= a.Date {
			im.ps.add(a.expiresCell, "the attestation expires on %s, not after its date %s; set a later day", a.Expires, a.Date)
		}
		im.v.Added = append(im.v.Added, a)
	}
}

// zoneList parses the Zones cell of an added row into a scope and zones:
// "site-wide" (or "all zones") for the whole site, else names separated by
// commas, semicolons or bars. An empty cell is a problem: an attestation
// says where it holds.
func (im *importer) zoneList(s, cell string) (string, []string) {
	out := []string{}
	if strings.EqualFold(s, scorecard.SiteWide) || strings.EqualFold(s, allZones) {
		return evidence.ScopeSite, out
	}
	if s == "" {
		im.ps.add(cell, "the zones are empty; write the zones where the attestation was examined, like %q, or %q if it holds for the whole site",
			strings.Join(im.v.Zones[:min(2, len(im.v.Zones))], ", "), scorecard.SiteWide)
		return "", out
	}
	for name := range strings.FieldsFuncSeq(s, func(c rune) bool { return c == ',' || c == ';' || c == '|' }) {
		name = strings.TrimSpace(name)
		switch {
		case name == "":
		case !slices.Contains(im.v.Zones, name):
			im.ps.add(cell, "%q is not a zone of the assessment; use %s, or %q", name, strings.Join(im.v.Zones, ", "), scorecard.SiteWide)
		case !slices.Contains(out, name):
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return evidence.ScopeZones, out
}

// normVerdict accepts an attestation verdict in any case, with a space or
// hyphen for the underscore, and "n/a", as the attestation collector does.
func normVerdict(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "n/a" {
		return evidence.VerdictNotApplicable
	}
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// date reads a date cell: text YYYY-MM-DD, or a date the spreadsheet
// program stored as a serial number. Empty stays empty.
func (im *importer) date(s, cell string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return s
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 1 && n < 2958466 {
		if t, err := excelize.ExcelDateToTime(n, false); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	im.ps.add(cell, "%q is not a date; write it as YYYY-MM-DD, like \"2026-11-01\"", s)
	return ""
}

// AttestOptions say who stands behind the attestations an import writes
// and how long they hold.
type AttestOptions struct {
	// Auditor attests the verdicts, and the added rows that name nobody.
	Auditor string
	// Date is the day of the attestations, YYYY-MM-DD; "" means the
	// workbook's as_of.
	Date string
	// ValidFor is how many days an attestation holds when its row gives
	// no expiry.
	ValidFor int
}

// Outcome is what became of one review or added row.
type Outcome struct {
	Cell        string `json:"cell"`
	Requirement string `json:"requirement"`
	Verdict     string `json:"verdict"`
	Comment     string `json:"comment,omitempty"`
	// Attested is the verdict recorded (pass, fail, not_applicable), or
	// "" when nothing was.
	Attested string   `json:"attested,omitempty"`
	Zones    []string `json:"zones,omitempty"`
	// Action says in words what was done, or why nothing was.
	Action string `json:"action"`
}

// awaiting are the statuses a person's attestation may settle.
var awaiting = []string{scorecard.StatusManual, scorecard.StatusNotAssessed}

// Attestations turns the verdicts into attestations, as docs/assessment.md
// describes:
//
// Each verdict is the auditor's on one requirement in one zone:
//
//   - Agree on a manual or partial requirement confirms it where it awaits
//     an attestation (status manual or not_assessed): a pass attestation
//     for that zone, with the comment as its evidence. Elsewhere Agree
//     confirms the result and records nothing.
//   - Disagree says the requirement is not met where slate shows it met
//     or undecided (pass, manual, not_assessed): a fail attestation for
//     that zone, with the comment as its note. Where slate already shows
//     fail, waived or not_applicable the disagreement is listed only.
//   - Needs evidence, and a comment without a verdict, record nothing.
//   - Each added row of the Attestations sheet is one attestation.
//   - Verdicts and comments on the Gaps, Waivers and Countermeasures
//     sheets are listed, never attested.
//
// A verdict that records an attestation needs a comment; its absence is
// a *RefusedError naming the comment cell.
func (v *Verdicts) Attestations(opts AttestOptions) ([]evidence.Attestation, []Outcome, error) {
	var ps problems
	if strings.TrimSpace(opts.Auditor) == "" {
		return nil, nil, fmt.Errorf("attestations need an auditor")
	}
	if opts.ValidFor < 1 {
		return nil, nil, fmt.Errorf("attestations must hold for at least one day, not %d", opts.ValidFor)
	}
	date := cmp.Or(opts.Date, v.Identity.AsOf)
	day, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return nil, nil, fmt.Errorf("attestation date %q: use YYYY-MM-DD", date)
	}
	expires := day.AddDate(0, 0, opts.ValidFor).Format(time.DateOnly)
	source := path.Base(strings.ReplaceAll(v.Name, "\\", "/"))

	var atts []evidence.Attestation
	var outs []Outcome
	for _, rv := range v.Reviews {
		out := Outcome{Cell: rv.VerdictCell, Requirement: rv.Requirement, Verdict: rv.Verdict, Comment: rv.Comment}
		at := evidence.Attestation{Requirement: rv.Requirement, Scope: evidence.ScopeZones, EvidenceType: "other", AttestedBy: opts.Auditor, Date: date, Expires: expires}
		verdict, zones := rv.attests()
		switch {
		case verdict == evidence.VerdictPass:
			at.Verdict, at.Zones, at.Evidence = verdict, zones, rv.Comment
			at.Note = fmt.Sprintf("auditor verdict Agree, %s %s", source, rv.VerdictCell)
		case verdict == evidence.VerdictFail:
			at.Verdict, at.Zones, at.Note = verdict, zones, rv.Comment
			at.Evidence = fmt.Sprintf("auditor review, %s %s", source, rv.VerdictCell)
		case rv.Verdict == "Agree":
			out.Action = "confirmed; nothing awaits an attestation"
		case rv.Verdict == "Disagree":
			out.Action = "listed for follow-up: slate shows the zone neither met nor undecided"
		case rv.Verdict == "Needs evidence":
			out.Action = "listed: the auditor needs more evidence"
		default:
			out.Action = "comment only; no verdict"
		}
		if at.Verdict != "" {
			if rv.Comment == "" {
				ps.add(rv.CommentCell, "the verdict %s on %s needs a comment naming the evidence examined (it becomes the attestation's %s)",
					rv.Verdict, rv.ID, map[string]string{evidence.VerdictPass: "evidence", evidence.VerdictFail: "note"}[at.Verdict])
				continue
			}
			out.Attested, out.Zones = at.Verdict, at.Zones
			out.Action = fmt.Sprintf("attested %s in %s", at.Verdict, strings.Join(at.Zones, ", "))
			atts = append(atts, at)
		}
		outs = append(outs, out)
	}
	for _, a := range v.Added {
		at := evidence.Attestation{
			Requirement: a.Requirement, Scope: a.Scope, Zones: a.Zones, Verdict: a.Verdict, Evidence: a.Evidence, EvidenceType: a.EvidenceType,
			AttestedBy: cmp.Or(a.AttestedBy, opts.Auditor), Date: cmp.Or(a.Date, date), Note: a.Note,
		}
		at.Expires = a.Expires
		if at.Expires == "" {
			d, _ := time.Parse(time.DateOnly, at.Date)
			at.Expires = d.AddDate(0, 0, opts.ValidFor).Format(time.DateOnly)
		}
		if at.Expires <= at.Date {
			ps.add(a.expiresCell, "the attestation expires on %s, not after its date %s; set a later day", at.Expires, at.Date)
			continue
		}
		from := fmt.Sprintf("added in %s %s", source, a.Cell)
		if a.ID != "" {
			from += " as " + strconv.Quote(a.ID)
		}
		at.Note = strings.Join(slices.DeleteFunc([]string{a.Note, from}, func(s string) bool { return s == "" }), "; ")
		zones := strings.Join(a.Zones, ", ")
		if a.Scope == evidence.ScopeSite {
			zones = scorecard.SiteWide
		}
		atts = append(atts, at)
		outs = append(outs, Outcome{Cell: a.Cell, Requirement: a.Requirement, Verdict: "added", Attested: a.Verdict,
			Zones: a.Zones, Action: fmt.Sprintf("attested %s in %s", a.Verdict, zones)})
	}
	for _, n := range v.Notes {
		action := "listed: the auditor's note"
		if n.Verdict != "" {
			action = "listed: the auditor's verdict"
		}
		outs = append(outs, Outcome{Cell: n.Cell, Requirement: n.Sheet + ":" + n.Key, Verdict: n.Verdict, Comment: n.Comment, Action: action})
	}
	if err := ps.err(v.Name, false); err != nil {
		return nil, nil, err
	}
	return atts, outs, nil
}

// attests says what attestation the review records, if any: Agree on a
// manual or partial requirement passes the zone where it awaits an
// attestation; Disagree fails it where slate shows it met or undecided.
func (rv Review) attests() (string, []string) {
	switch rv.Verdict {
	case "Agree":
		if zones := rv.zonesWith(awaiting...); rv.Coverage != scorecard.CoverageAutomated && len(zones) > 0 {
			return evidence.VerdictPass, zones
		}
	case "Disagree":
		if zones := rv.zonesWith(scorecard.StatusPass, scorecard.StatusManual, scorecard.StatusNotAssessed); len(zones) > 0 {
			return evidence.VerdictFail, zones
		}
	}
	return "", nil
}

// WriteOutcomes lists what became of each review and added row, one a
// line: the cell, the requirement, the verdict and the action.
func WriteOutcomes(w io.Writer, outs []Outcome) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, o := range outs {
		_, id, _ := strings.Cut(o.Requirement, ":")
		line := fmt.Sprintf("  %s\t%s\t%s\t%s", o.Cell, id, o.Verdict, o.Action)
		if o.Attested == "" && o.Comment != "" {
			line += ": " + strings.ReplaceAll(o.Comment, "\n", " ")
		}
		if _, err := fmt.Fprintln(tw, line); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// zonesWith are the zones of the row whose status is one of statuses,
// sorted.
func (rv Review) zonesWith(statuses ...string) []string {
	var out []string
	for _, z := range rv.Zones {
		if slices.Contains(statuses, z.Status) {
			out = append(out, z.Zone)
		}
	}
	slices.Sort(out)
	return out
}

// CSVColumns are the columns WriteAttestationCSV writes, named as the
// attestation collector reads them.
var CSVColumns = []string{"requirement", "zones", "scope", "verdict", "evidence", "evidence_type", "attested_by", "date", "expires", "note"}

// WriteAttestationCSV writes atts in the attestation collector's CSV
// format: a header row, then one attestation per row, zones separated by
// semicolons, or none and scope site for a site-wide one.
func WriteAttestationCSV(w io.Writer, atts []evidence.Attestation) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return err
	}
	for _, a := range atts {
		scope := ""
		if a.Scope == evidence.ScopeSite {
			scope = evidence.ScopeSite
		}
		if err := cw.Write([]string{a.Requirement, strings.Join(a.Zones, ";"), scope, a.Verdict, a.Evidence, a.EvidenceType,
			a.AttestedBy, a.Date, a.Expires, a.Note}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
