package xlsx

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// Sheet names, in workbook order.
const (
	SheetOverview = "Overview"
	SheetTopRisks = "Top risks"
	SheetSummary  = "Summary"
	SheetNIST     = "NIST 800-53"
	SheetGaps     = "Gaps"
	SheetWaivers  = "Waivers"
	// SheetCountermeasures lists the compensating countermeasures and the
	// check overrides of the assessment.
	SheetCountermeasures = "Countermeasures"
	SheetAttest          = "Attestations"
	SheetEvidence        = "Evidence"
)

// FRs are the IEC 62443-3-3 foundational requirements, one sheet each.
var FRs = []string{"FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"}

const (
	frameworkIEC  = "iec62443-3-3"
	frameworkNIST = "nist-800-53r5"
)

// Auditor columns of the requirement sheets, and the verdicts the first
// accepts.
const (
	AuditorVerdict = "Auditor verdict"
	AuditorComment = "Auditor comment"
)

// AuditorVerdicts are the choices of the auditor verdict column.
var AuditorVerdicts = []string{"Agree", "Disagree", "Needs evidence"}

// GapsHeader is the header row of the Gaps sheet.
var GapsHeader = []string{"ID", "Status", "Owner", "Severity", "Zone", "Subject", "Rule", "Requirements", "Message", "Remediation", "Evidence", "Waivers", "Waived for", "Expired waivers", "Countermeasures", "Compensated for", AuditorVerdict, AuditorComment}

// gapsWidths are the column widths of the Gaps sheet.
var gapsWidths = []float64{15, 9, 8, 9, 10, 22, 15, 30, 60, 90, 44, 14, 14, 12, 14, 14, 15, 30}

// Write writes the workbook for sc to w: its parts sorted and dated
// as_of (sortedZip), so that two runs give the same bytes, and none of
// them held whole in memory.
func Write(w io.Writer, sc *scorecard.Scorecard) error {
	asOf, err := time.Parse(time.DateOnly, sc.Assessment.AsOf)
	if err != nil {
		return fmt.Errorf("scorecard as_of: %w", err)
	}
	f, rows, err := newBook(sc, asOf, true)
	if err != nil {
		return err
	}
	defer f.Close()
	defer rows.close()
	part, err := sheetPart(f, SheetGaps)
	if err != nil {
		return err
	}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		z := newSortedZip(w, asOf)
		z.insert(part, sheetDataEnd, rows)
		return z
	})
	// The buffer excelize makes stays empty: the zip goes to w.
	if _, err := f.WriteToBuffer(); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// sheetPart is the name of sheet's part in f's zip.
func sheetPart(f *excelize.File, sheet string) (string, error) {
	for id, name := range f.GetSheetMap() {
		if name == sheet {
			return "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml", nil
		}
	}
	return "", fmt.Errorf("workbook: no %s sheet", sheet)
}

// newBook makes the workbook for sc. With direct, the rows of the Gaps
// sheet are made apart (startGapRows) while the rest is built, for the
// zip writer to put into the sheet's part; without, excelize writes them
// (gapRowsExcelize), as the tests compare.
func newBook(sc *scorecard.Scorecard, asOf time.Time, direct bool) (_ *excelize.File, _ *gapRows, err error) {
	f := excelize.NewFile()
	b := &book{f: f, sc: sc}
	defer func() {
		if err != nil {
			b.rows.close()
			_ = f.Close()
		}
	}()
	if err := b.styles(); err != nil {
		return nil, nil, err
	}
	if direct && len(sc.Gaps) <= maxGaps {
		// Started first: the scorecard's digest (pageTexts) and the other
		// sheets are made meanwhile.
		b.rows = b.startGapRows()
	}
	b.byID = make([]int32, len(sc.Gaps))
	for i := range b.byID {
		b.byID[i] = int32(i)
	}
	slices.SortFunc(b.byID, func(x, y int32) int { return cmp.Or(strings.Compare(sc.Gaps[x].ID, sc.Gaps[y].ID), cmp.Compare(x, y)) })
	if err := b.pageTexts(); err != nil {
		return nil, nil, err
	}
	if err := f.SetSheetName("Sheet1", SheetOverview); err != nil {
		return nil, nil, err
	}
	steps := []func() error{b.overview, b.topRisks, b.summary, b.trend}
	for _, fr := range FRs {
		steps = append(steps, func() error { return b.frSheet(fr) })
	}
	steps = append(steps, b.nist, b.gaps, b.vulnerabilities, b.waivers, b.countermeasures, b.attestations, b.evidence, b.signOff)
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, nil, fmt.Errorf("workbook: %w", err)
		}
	}
	// The sheets written by other files are protected here; the
	// Attestations sheet stays open for the rows an auditor adds.
	for _, sheet := range []string{SheetTrend, SheetVulnerabilities} {
		if idx, _ := f.GetSheetIndex(sheet); idx >= 0 {
			if err := b.protect(sheet); err != nil {
				return nil, nil, err
			}
		}
	}
	stamp := asOf.Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{
		Created: stamp, Modified: stamp, Creator: sc.Engine.Name + " " + sc.Engine.Version,
		Title: "Assessment " + sc.Assessment.Name, Subject: sc.Assessment.Site,
	}); err != nil {
		return nil, nil, err
	}
	f.SetActiveSheet(0)
	return f, b.rows, nil
}

type book struct {
	f  *excelize.File
	sc *scorecard.Scorecard
	// byID are the indexes of the gaps sorted by id (then place): four
	// bytes a gap, where a map by id would cost a hundred.
	byID []int32
	// digest is the scorecard's sha256; pageHeader and pageFooter what
	// every printed page says.
	digest, pageHeader, pageFooter string

	header, wrap, link, auditor int
	status, severity            map[string]int

	// rows are the Gaps sheet's rows being made, nil when excelize
	// writes them.
	rows *gapRows
}

// Colours follow the usual Excel "good/bad/neutral" pairs, dark text on
// a light fill, so the contrast stays readable; the text says the status
// anyway.
var statusColours = map[string][2]string{
	scorecard.StatusPass:               {"C6EFCE", "006100"},
	scorecard.StatusFail:               {"FFC7CE", "9C0006"},
	scorecard.StatusWaived:             {"FFEB9C", "7A4A00"},
	scorecard.StatusCompensated:        {"DDEBF7", "00457A"},
	scorecard.FRUndetermined:           {"FFF2CC", "7A4A00"},
	scorecard.CountermeasureUnattested: {"FFC7CE", "9C0006"},
	scorecard.StatusNotAssessed:        {"D9D9D9", "000000"},
	scorecard.StatusManual:             {"DDEBF7", "1F3864"},
	scorecard.StatusNotApplicable:      {"F2F2F2", "404040"},
	scorecard.GapOpen:                  {"FFC7CE", "9C0006"},
	scorecard.WaiverActive:             {"FFEB9C", "7A4A00"},
	scorecard.WaiverExpired:            {"FFC7CE", "9C0006"},
	scorecard.WaiverUnused:             {"F2F2F2", "404040"},
	scorecard.AttestationValid:         {"C6EFCE", "006100"},
	scorecard.AttestationFuture:        {"D9D9D9", "000000"},
}

// statusNotes explain the statuses a reader could take for others.
var statusNotes = map[string]string{
	scorecard.StatusNotAssessed: "no evidence: never counted as passing",
	scorecard.StatusManual:      "needs a person to confirm",
	scorecard.StatusWaived:      "a risk accepted: never counted as passing",
	scorecard.StatusCompensated: "a valid countermeasure stands in: counts toward SL-A",
}

// statusLegend names every status (scorecard.Statuses, in their order)
// with its note.
func statusLegend() string {
	parts := make([]string, len(scorecard.Statuses))
	for i, s := range scorecard.Statuses {
		parts[i] = s
		if n := statusNotes[s]; n != "" {
			parts[i] += " (" + n + ")"
		}
	}
	return strings.Join(parts, ", ")
}

var severityColours = map[string][2]string{
	evidence.SeverityCritical: {"C00000", "FFFFFF"},
	evidence.SeverityHigh:     {"FFC7CE", "9C0006"},
	evidence.SeverityMedium:   {"FFEB9C", "7A4A00"},
	evidence.SeverityLow:      {"DDEBF7", "1F3864"},
	evidence.SeverityInfo:     {"F2F2F2", "404040"},
}

func (b *book) styles() error {
	var err error
	newStyle := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		if s.Font != nil && s.Font.Family == "" {
			// A font without a name and size is drawn in the spreadsheet
			// program's fallback (a serif at 10 pt in LibreOffice), wider
			// than the rows are sized for.
			s.Font.Family, s.Font.Size = fontFamily, fontSize
		}
		var id int
		id, err = b.f.NewStyle(s)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	b.header = newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"BFBFBF"}}, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.wrap = newStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.link = newStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	// Auditor cells: unlocked (the generated cells are protected), with a
	// pale yellow fill so the auditor sees where to write.
	b.auditor = newStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E5"}},
		Border:     []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}},
		Alignment:  &excelize.Alignment{Vertical: "top", WrapText: true},
		Protection: &excelize.Protection{Locked: false}})
	mk := func(colours map[string][2]string) map[string]int {
		m := make(map[string]int, len(colours))
		for _, k := range slices.Sorted(maps.Keys(colours)) {
			c := colours[k]
			m[k] = newStyle(&excelize.Style{Font: &excelize.Font{Color: c[1], Bold: k == scorecard.StatusFail || k == evidence.SeverityCritical}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
		}
		return m
	}
	b.status = mk(statusColours)
	b.severity = mk(severityColours)
	return err
}

// cell is one value with an optional style and an optional in-workbook
// link target ("Gaps!A5").
type cell struct {
	v     any
	style int
	link  string
}

// table writes a header and rows from A1 on a normal sheet, freezes the
// header, sets an autofilter, the column widths, row heights that show
// every wrapped line, and the print setup.
func (b *book) table(sheet string, header []string, widths []float64, rows [][]cell) error {
	if err := b.tableAt(sheet, 1, header, widths, rows); err != nil {
		return err
	}
	if err := b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(header), max(len(rows)+1, 2))
	if err := b.f.AutoFilter(sheet, "A1:"+end, nil); err != nil {
		return err
	}
	// After the autofilter, which rewrites the sheet properties.
	return b.printSetup(sheet, 1)
}

// tableAt writes a header at row top and the rows below it, with column
// widths and row heights.
func (b *book) tableAt(sheet string, top int, header []string, widths []float64, rows [][]cell) error {
	f := b.f
	for i, h := range header {
		ref, _ := excelize.CoordinatesToCellName(i+1, top)
		if err := f.SetCellStr(sheet, ref, h); err != nil {
			return err
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, top)
	last, _ := excelize.CoordinatesToCellName(len(header), top)
	if err := f.SetCellStyle(sheet, first, last, b.header); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, top, headerHeight(header, widths)); err != nil {
		return err
	}
	for r, row := range rows {
		texts := make([]string, len(row))
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, top+r+1)
			if err := f.SetCellValue(sheet, ref, v.v); err != nil {
				return err
			}
			texts[c] = fmt.Sprint(v.v)
			style := v.style
			if style == 0 {
				style = b.wrap
			}
			if v.link != "" {
				if err := f.SetCellHyperLink(sheet, ref, v.link, "Location"); err != nil {
					return err
				}
				if v.style == 0 {
					style = b.link
				}
			}
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return err
			}
		}
		if err := f.SetRowHeight(sheet, top+r+1, rowHeight(texts, widths)); err != nil {
			return err
		}
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) overview() error {
	sc := b.sc
	var frameworks []string
	for _, fw := range sc.Assessment.Frameworks {
		frameworks = append(frameworks, fw.DisplayName())
	}
	rows := [][]cell{
		{{v: "Assessment"}, {v: sc.Assessment.Name}},
		{{v: "Site"}, {v: sc.Assessment.Site}},
		{{v: "As of"}, {v: sc.Assessment.AsOf}},
		{{v: "Assessment file"}, {v: sc.Assessment.File}},
		{{v: "Frameworks"}, {v: strings.Join(frameworks, ", ")}},
		{{v: "Engine"}, {v: sc.Engine.Name + " " + sc.Engine.Version}},
		{{v: "Scorecard format"}, {v: sc.Format}},
		{{v: "Evidence bundle digest"}, {v: sc.Digests.Bundle}},
		{{v: "Policies digest"}, {v: sc.Digests.Policies}},
		{{v: "Assessment digest"}, {v: sc.Digests.Assessment}},
		{{v: "Scorecard digest"}, {v: b.digest + " (of scorecard.json; printed at the foot of every page)"}},
		{{v: "Signature"}, {v: "Kept next to this file when the run is signed (scorecard.xlsx.sig, slate.intoto.json); without them the workbook is unsigned."}},
		{{v: "Open gaps"}, {v: sc.Totals.OpenGaps}},
		{{v: "Waived gaps"}, {v: sc.Totals.Waived}},
		{{v: "How to verify"}, {v: "Run `slate verify DIR --key cosign.pub` on the signed output directory: it checks every signature and digest and re-runs the evaluation from the signed evidence bundle, requiring the same bytes. Or, in that directory, `cosign verify-blob --key cosign.pub --signature scorecard.xlsx.sig --insecure-ignore-tlog=true scorecard.xlsx`. Without signatures, re-run `slate assess` on the same evidence, policies and assessment file and compare the three digests above; every figure in this workbook is taken from that scorecard."}},
		{{v: "Status legend"}, {v: statusLegend()}},
	}
	if err := b.table(SheetOverview, []string{"Item", "Value"}, []float64{26, 100}, rows); err != nil {
		return err
	}
	return b.protect(SheetOverview)
}

// TopRisksHeader is the header row of the Top risks sheet.
var TopRisksHeader = []string{"Rank", "Score", "Severity", "Owner", "Zones", "Gaps", "Title", "Subject", "Lead finding", "First remediation", "Root cause", "Score factors"}

// topRisks writes the top open root causes by risk, the list every report
// shows (sc.TopRootCauses).
func (b *book) topRisks() error {
	if _, err := b.f.NewSheet(SheetTopRisks); err != nil {
		return err
	}
	var rows [][]cell
	for i, rc := range b.sc.TopRootCauses(scorecard.TopRisks) {
		gaps := cell{v: len(rc.Gaps)}
		if gr, ok := b.gapRow(rc.Gaps[0]); ok {
			gaps.link = fmt.Sprintf("'%s'!A%d", SheetGaps, gr)
		}
		f := rc.Factors
		rows = append(rows, []cell{{v: i + 1}, {v: rc.Score}, {v: rc.Severity, style: b.severity[rc.Severity]},
			{v: strings.Join(rc.Owners, ", ")}, {v: rc.Where()}, gaps, {v: rc.Title}, {v: rc.Subject}, {v: rc.Message},
			{v: rc.Remediation}, {v: rc.ID}, {v: fmt.Sprintf("severity %d × exposure %d × SL-T %d", f.Severity, f.Exposure, f.SLTarget)}})
	}
	if err := b.table(SheetTopRisks, TopRisksHeader, []float64{5, 6, 9, 9, 14, 5, 36, 28, 70, 90, 16, 24}, rows); err != nil {
		return err
	}
	return b.protect(SheetTopRisks)
}

// SummaryTop is the Summary sheet's header row: the chart fills the rows
// above it, on the sheet's first screen.
const SummaryTop = 24

// chartRows are the rows the Summary's chart covers, from the first; the
// one below it is left blank above the table.
const chartRows = SummaryTop - 2

func (b *book) summary() error {
	if _, err := b.f.NewSheet(SheetSummary); err != nil {
		return err
	}
	var rows [][]cell
	for _, z := range b.sc.Zones {
		for _, fr := range z.FRs {
			st, verdict := scorecard.StatusPass, "meets target"
			switch fr.State {
			case scorecard.FRBelow:
				st, verdict = scorecard.StatusFail, "below target"
			case scorecard.FRUndetermined:
				st, verdict = scorecard.FRUndetermined, "undetermined: only unknowns in the way"
			}
			p := b.sc.ProgressOf(z.Name, fr.ID)
			rows = append(rows, []cell{{v: z.Name}, {v: z.Kind}, {v: fr.ID}, {v: fr.Name}, {v: fr.Target}, {v: fr.Achieved},
				{v: fr.Reachable}, {v: fr.Label()}, {v: p.String()}, {v: verdict, style: b.status[st]},
				{v: strings.Join(fr.Waived, ", ")}, {v: strings.Join(fr.Compensated, ", ")},
				{v: strings.Join(fr.MissingForTarget, ", ")}, {v: strings.Join(fr.MissingForNext, ", ")}})
		}
	}
	header := []string{"Zone", "Kind", "FR", "Name", "SL-T", "SL-A confirmed", "SL-A reachable", "SL-A (range)", "Requirements for target", "Verdict",
		"Waived (accepted, not achieved)", "Compensated", "Missing for target", "Missing for next level"}
	top := 1
	if len(rows) > 0 {
		top = SummaryTop
	}
	if err := b.tableAt(SheetSummary, top, header, []float64{12, 8, 5, 30, 5, 11, 11, 12, 14, 16, 20, 20, 40, 40}, rows); err != nil {
		return err
	}
	if err := b.printSetup(SheetSummary, top); err != nil {
		return err
	}
	if err := b.protect(SheetSummary); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	// The rows under the chart get their height written out, so that
	// every program draws the chart, anchored to them, above the table.
	for r := 1; r < top; r++ {
		if err := b.f.SetRowHeight(SheetSummary, r, lineHeight); err != nil {
			return err
		}
	}
	first, n := top+1, top+len(rows)
	cats := fmt.Sprintf("'%s'!$A$%d:$C$%d", SheetSummary, first, n)
	series := func(col string) excelize.ChartSeries {
		return excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$%s$%d", SheetSummary, col, top), Categories: cats,
			Values: fmt.Sprintf("'%s'!$%s$%d:$%s$%d", SheetSummary, col, first, col, n)}
	}
	// Every bar is labelled with its level, so an SL-A of 0, which draws
	// no bar, still shows as a 0 on the axis.
	return b.f.AddChart(SheetSummary, "A1", &excelize.Chart{
		Type:      excelize.Col,
		Series:    []excelize.ChartSeries{series("E"), series("F")},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "SL-target vs SL-achieved per zone and FR (labels show 0 where no bar is drawn)"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		Dimension: excelize.ChartDimension{Width: 1000, Height: chartRows * chartRowPixels},
	})
}

// SheetSignOff is where the auditor signs the assessment off: who, when,
// an overall opinion and one per zone.
const SheetSignOff = "Sign-off"

// SignOffOpinions are the choices of the opinion cells of the Sign-off
// sheet.
var SignOffOpinions = []string{"Agree with the scorecard", "Agree with reservations", "Disagree", "Unable to conclude"}

// Items of the Sign-off sheet, in column A; the auditor writes in column B.
const (
	SignOffAuditor = "Auditor"
	SignOffOrg     = "Organisation"
	SignOffDate    = "Date (YYYY-MM-DD)"
	SignOffOverall = "Overall opinion"
	SignOffComment = "Overall comment"
	// SignOffZones heads the per-zone opinions below the items.
	SignOffZones = "Zone"
)

// SignOffItems are the items above the zone table, in order.
var SignOffItems = []string{SignOffAuditor, SignOffOrg, SignOffDate, SignOffOverall, SignOffComment}

// SignOffZoneHeader is the header of the per-zone opinions.
var SignOffZoneHeader = []string{SignOffZones, "SL-A/SL-T per FR", "Opinion", "Comment"}

// signOff writes the Sign-off sheet: the items with a cell for the
// auditor each, then one row per zone with its levels and the auditor's
// opinion and comment. Only the auditor's cells are unlocked.
func (b *book) signOff() error {
	sheet := SheetSignOff
	if _, err := b.f.NewSheet(sheet); err != nil {
		return err
	}
	f := b.f
	widths := []float64{22, 60, 26, 60}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	set := func(ref string, v any, style int) error {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, style)
	}
	title := []string{"Sign-off of " + b.sc.Assessment.Name + " (" + b.sc.Assessment.Site + ", as of " + b.sc.Assessment.AsOf + ")",
		"Write in the shaded cells; the opinions offer " + strings.Join(SignOffOpinions, ", ") + "."}
	for i, ref := range []string{"A1", "B1"} {
		if err := set(ref, title[i], b.header); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sheet, 1, headerHeight(title, widths)); err != nil {
		return err
	}
	for i, item := range SignOffItems {
		r := i + 2
		if err := set(fmt.Sprintf("A%d", r), item, b.header); err != nil {
			return err
		}
		if err := set(fmt.Sprintf("B%d", r), "", b.auditor); err != nil {
			return err
		}
		h := 2 * lineHeight
		if item == SignOffComment {
			h = 5 * lineHeight
		}
		if err := f.SetRowHeight(sheet, r, float64(h)); err != nil {
			return err
		}
	}
	overall := fmt.Sprintf("B%d", 2+slices.Index(SignOffItems, SignOffOverall))
	if err := b.opinionList(sheet, overall); err != nil {
		return err
	}
	top := len(SignOffItems) + 3
	for c, h := range SignOffZoneHeader {
		ref, _ := excelize.CoordinatesToCellName(c+1, top)
		if err := set(ref, h, b.header); err != nil {
			return err
		}
	}
	for i, z := range b.sc.Zones {
		r := top + 1 + i
		var levels []string
		for _, fr := range z.FRs {
			levels = append(levels, fr.ID+" "+fr.Label()+fr.Mark())
		}
		text := strings.Join(levels, ", ")
		for c, v := range []any{z.Name, text, "", ""} {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			style := b.wrap
			if c >= 2 {
				style = b.auditor
			}
			if err := set(ref, v, style); err != nil {
				return err
			}
		}
		if err := f.SetRowHeight(sheet, r, max(rowHeight([]string{z.Name, text}, widths), 3*lineHeight)); err != nil {
			return err
		}
	}
	if len(b.sc.Zones) > 0 {
		if err := b.opinionList(sheet, fmt.Sprintf("C%d:C%d", top+1, top+len(b.sc.Zones))); err != nil {
			return err
		}
	}
	if err := b.printSetup(sheet, top); err != nil {
		return err
	}
	return b.protect(sheet)
}

func (b *book) opinionList(sheet, sqref string) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	if err := dv.SetDropList(SignOffOpinions); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Opinion", "Choose "+strings.Join(SignOffOpinions, ", ")+".")
	return b.f.AddDataValidation(sheet, dv)
}

// zoneNames are the zones in scorecard order.
func (b *book) zoneNames() []string {
	var names []string
	for _, z := range b.sc.Zones {
		names = append(names, z.Name)
	}
	return names
}

// requirementRows renders the requirements of one framework (and FR, when
// fr is set): id, title, level columns, then per zone its status (with
// the findings, linked to the first gap) and the auditor's verdict and
// comment, then the evidence and attestations, how it is assessed and
// its gaps.
func (b *book) requirementRows(framework, fr string, level func(scorecard.Requirement) string) [][]cell {
	zones := b.zoneNames()
	var rows [][]cell
	for _, r := range b.sc.Requirements {
		if r.Framework != framework || (fr != "" && r.FR != fr) {
			continue
		}
		byZone := make(map[string]scorecard.ZoneStatus, len(r.Zones))
		var gaps []string
		for _, zs := range r.Zones {
			byZone[zs.Zone] = zs
			gaps = append(gaps, zs.Gaps...)
		}
		slices.Sort(gaps)
		gaps = slices.Compact(gaps)
		// The id links to the first gap the Gaps column lists: a link on a
		// status of two lines would print on one, cut (LibreOffice does
		// not wrap a cell that holds a link).
		id := cell{v: r.ID}
		if len(gaps) > 0 {
			if gr, ok := b.gapRow(gaps[0]); ok {
				id.link = fmt.Sprintf("'%s'!A%d", SheetGaps, gr)
			}
		}
		row := []cell{id, {v: r.Title}, {v: level(r)}}
		for _, z := range zones {
			zs, ok := byZone[z]
			if !ok {
				row = append(row, cell{v: ""}, cell{v: "", style: b.auditor}, cell{v: "", style: b.auditor})
				continue
			}
			row = append(row, cell{v: StatusText(zs), style: b.status[zs.Status]}, cell{v: "", style: b.auditor}, cell{v: "", style: b.auditor})
		}
		row = append(row, cell{v: b.evidenceText(r, zones, byZone)}, cell{v: b.howAssessed(r)}, cell{v: joinCell(gaps, ", ")})
		rows = append(rows, row)
	}
	return rows
}

// gapIndex returns the index in the scorecard's gaps of the gap id (the
// last, should two share it).
func (b *book) gapIndex(id string) (int, bool) {
	gaps := b.sc.Gaps
	j := sort.Search(len(b.byID), func(k int) bool { return gaps[b.byID[k]].ID > id })
	if j == 0 || gaps[b.byID[j-1]].ID != id {
		return 0, false
	}
	return int(b.byID[j-1]), true
}

// gapRow returns the row of gap id on the Gaps sheet.
func (b *book) gapRow(id string) (int, bool) {
	i, ok := b.gapIndex(id)
	return i + 2, ok
}

// joinCell joins list with sep as strings.Join does, stopping once the
// text passes what a cell holds (excelize.TotalCellChars, counted in
// UTF-16 units as excelize counts them): excelize cuts the rest, and a
// requirement failed by a million gaps would otherwise be joined whole.
func joinCell(list []string, sep string) string {
	var b strings.Builder
	units := 0
	for i, s := range list {
		if i > 0 {
			b.WriteString(sep)
			units += utf16Len(sep)
		}
		b.WriteString(s)
		if units += utf16Len(s); units > excelize.TotalCellChars {
			break
		}
	}
	return b.String()
}

// utf16Len is the length of s in UTF-16 units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// StatusText is what a requirement sheet shows for one zone: the status,
// "(required)" when the zone's target selects the requirement, and the
// number of findings on a second line.
func StatusText(zs scorecard.ZoneStatus) string {
	st := zs.Status
	if zs.Required {
		st += " (required)"
	}
	if zs.Findings > 0 {
		st += fmt.Sprintf("\n%d finding(s)", zs.Findings)
	}
	return st
}

// maxRefs bounds the evidence references a requirement row cites per
// zone; the Gaps sheet lists them all.
const maxRefs = 2

// evidenceText cites, zone by zone, the attestation a status rests on and
// the file and line of the findings behind its gaps.
func (b *book) evidenceText(r scorecard.Requirement, zones []string, byZone map[string]scorecard.ZoneStatus) string {
	var lines []string
	for _, z := range zones {
		zs, ok := byZone[z]
		if !ok {
			continue
		}
		if zs.Attestation != "" {
			lines = append(lines, z+": attestation "+zs.Attestation)
		}
		// The first maxRefs distinct references are cited, the others
		// counted: a set, as a cell can hold a million gaps.
		var cited []string
		seen := map[string]bool{}
		for _, id := range zs.Gaps {
			i, ok := b.gapIndex(id)
			if !ok {
				continue
			}
			for _, ref := range b.sc.Gaps[i].Evidence {
				s := cmp.Or(ref.File, ref.Record, ref.Document)
				if ref.Line > 0 {
					s += fmt.Sprintf(":%d", ref.Line)
				}
				if !seen[s] {
					seen[s] = true
					if len(cited) < maxRefs {
						cited = append(cited, s)
					}
				}
			}
		}
		for _, s := range cited {
			lines = append(lines, z+": "+s)
		}
		if len(seen) > maxRefs {
			lines = append(lines, fmt.Sprintf("%s: %d more on the Gaps sheet", z, len(seen)-maxRefs))
		}
	}
	return strings.Join(lines, "\n")
}

// howAssessed says how a requirement is assessed: its coverage class, the
// checks behind it (those whose result a person must confirm marked) and
// what an attestation must add.
func (b *book) howAssessed(r scorecard.Requirement) string {
	manual := make(map[string]bool, len(b.sc.Rules))
	for _, rule := range b.sc.Rules {
		manual[rule.ID] = rule.Manual
	}
	var checks []string
	for _, id := range r.Rules {
		if manual[id] {
			id += " (confirm by hand)"
		}
		checks = append(checks, id)
	}
	for _, id := range r.MappedRules {
		checks = append(checks, id+" (via mapping)")
	}
	switch r.Coverage {
	case scorecard.CoverageAutomated:
		return "automated: " + strings.Join(checks, ", ")
	case scorecard.CoveragePartial:
		return "partial: " + strings.Join(checks, ", ") + "; the rest by attestation"
	default:
		return "manual: by attestation"
	}
}

// Columns of the requirement sheets: the level column's name, the
// suffixes of the three columns each zone has, and the columns after
// them.
const (
	LevelIEC    = "Required at SL"
	LevelNIST   = "Baselines"
	ZoneStatus  = " status"
	ZoneVerdict = " verdict"
	ZoneComment = " comment"
	ColEvidence = "Evidence and attestations"
	ColHow      = "How assessed"
	ColGaps     = "Gaps"
	ZoneColumns = 3
	LeadColumns = 3
)

// RequirementHeader is the header row of a requirement sheet for zones.
func RequirementHeader(level string, zones []string) []string {
	header := []string{"ID", "Title", level}
	for _, z := range zones {
		header = append(header, z+ZoneStatus, z+ZoneVerdict, z+ZoneComment)
	}
	return append(header, ColEvidence, ColHow, ColGaps)
}

func (b *book) requirementHeader(level string) ([]string, []float64) {
	zones := b.zoneNames()
	widths := []float64{11, 36, 9}
	for range zones {
		widths = append(widths, 14, 15, 20)
	}
	widths = append(widths, 50, 32, 16)
	return RequirementHeader(level, zones), widths
}

func (b *book) frSheet(fr string) error {
	if _, err := b.f.NewSheet(fr); err != nil {
		return err
	}
	header, widths := b.requirementHeader(LevelIEC)
	rows := b.requirementRows(frameworkIEC, fr, func(r scorecard.Requirement) string {
		var s []string
		for _, l := range r.SL {
			s = append(s, fmt.Sprint(l))
		}
		return strings.Join(s, ", ")
	})
	if err := b.table(fr, header, widths, rows); err != nil {
		return err
	}
	return b.auditorColumns(fr, len(rows))
}

func (b *book) nist() error {
	if _, err := b.f.NewSheet(SheetNIST); err != nil {
		return err
	}
	header, widths := b.requirementHeader(LevelNIST)
	rows := b.requirementRows(frameworkNIST, "", func(r scorecard.Requirement) string { return strings.Join(r.Baselines, ", ") })
	if err := b.table(SheetNIST, header, widths, rows); err != nil {
		return err
	}
	return b.auditorColumns(SheetNIST, len(rows))
}

// auditorColumns gives every zone's verdict column of a requirement sheet
// the drop-down of AuditorVerdicts and protects the sheet: the verdict and
// comment columns stay editable.
func (b *book) auditorColumns(sheet string, rows int) error {
	for i := range b.sc.Zones {
		col, _ := excelize.ColumnNumberToName(LeadColumns + ZoneColumns*i + 2)
		if err := b.verdictList(sheet, col, 2, rows+1); err != nil {
			return err
		}
	}
	return b.protect(sheet)
}

// verdictList offers AuditorVerdicts in column col from row from to row to.
func (b *book) verdictList(sheet, col string, from, to int) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s%d:%s%d", col, from, col, max(to, from)))
	if err := dv.SetDropList(AuditorVerdicts); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, AuditorVerdict, "Choose "+strings.Join(AuditorVerdicts, ", ")+".")
	return b.f.AddDataValidation(sheet, dv)
}

// maxGaps is the most gaps the Gaps sheet holds: one a row below the
// header, on Excel's 1,048,576 rows.
var maxGaps = excelize.TotalRows - 1

// gaps streams the Gaps sheet: it is the one that grows with the plant.
// What a streamed sheet keeps of the sheet's settings must be set before
// the stream starts: print setup, protection, the verdict drop-down.
func (b *book) gaps() error {
	if _, err := b.f.NewSheet(SheetGaps); err != nil {
		return err
	}
	n := len(b.sc.Gaps)
	if n > maxGaps {
		return fmt.Errorf("the %s sheet holds at most %d gaps, one a row, and the run has %d: leave the workbook out of the run's formats (the machine-read reports list every gap)",
			SheetGaps, maxGaps, n)
	}
	if err := b.printSetup(SheetGaps, 1); err != nil {
		return err
	}
	verdictCol, _ := excelize.ColumnNumberToName(len(GapsHeader) - 1)
	if err := b.verdictList(SheetGaps, verdictCol, 2, n+1); err != nil {
		return err
	}
	if err := b.protect(SheetGaps); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(SheetGaps)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, wd := range gapsWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	head := make([]any, len(GapsHeader))
	for i, h := range GapsHeader {
		head[i] = excelize.Cell{StyleID: b.header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: rowHeight(GapsHeader, gapsWidths)}); err != nil {
		return err
	}
	if b.rows == nil {
		if err := b.gapRowsExcelize(sw); err != nil {
			return err
		}
	}
	// A table rather than AutoFilter: AutoFilter would read the streamed
	// sheet back into memory.
	end, _ := excelize.CoordinatesToCellName(len(GapsHeader), max(n+1, 2))
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + end, Name: "GapList", StyleName: "TableStyleLight1"}); err != nil {
		return err
	}
	return sw.Flush()
}

// gapRowsExcelize writes the Gaps sheet's rows through excelize's stream
// writer: the rows the ones made by startGapRows are held to.
func (b *book) gapRowsExcelize(sw *excelize.StreamWriter) error {
	// One row's cells, reused from row to row: the stream writer copies
	// what it needs of them.
	var texts []string
	styles := make([]int, len(GapsHeader))
	cells := make([]excelize.Cell, len(GapsHeader))
	vals := make([]any, len(GapsHeader))
	for c := range cells {
		vals[c] = &cells[c]
	}
	for i := range b.sc.Gaps {
		g := &b.sc.Gaps[i]
		texts = gapTexts(texts[:0], g)
		b.gapStyles(styles, g)
		for c, t := range texts {
			cells[c].Value, cells[c].StyleID = t, styles[c]
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), vals, excelize.RowOpts{Height: rowHeight(texts, gapsWidths)}); err != nil {
			return err
		}
	}
	return nil
}

// refs renders evidence references one a line: "file:line (document)".
func refs(rs []evidence.Ref) string {
	var lines []string
	for _, r := range rs {
		lines = append(lines, refText(r))
	}
	return strings.Join(lines, "\n")
}

// refText renders one evidence reference: "file:line (document)".
func refText(r evidence.Ref) string {
	s := cmp.Or(r.File, r.Record, r.Document)
	if r.Line > 0 {
		s += fmt.Sprintf(":%d", r.Line)
	}
	if r.File != "" && r.Record != "" && !strings.HasPrefix(r.Record, r.File) {
		s += " record " + r.Record
	}
	return s + " (" + r.Document + ")"
}

func (b *book) waivers() error {
	if _, err := b.f.NewSheet(SheetWaivers); err != nil {
		return err
	}
	var rows [][]cell
	for _, w := range b.sc.Waivers {
		zone := scorecard.ZoneLabel(w.Zone)
		rows = append(rows, []cell{{v: w.Name}, {v: w.Status, style: b.status[w.Status]}, {v: w.Requirement}, {v: zone}, {v: w.Subject},
			{v: w.ApprovedBy}, {v: w.Expires}, {v: w.Findings}, {v: w.Reason}, {v: w.CompensatingControl},
			{v: "", style: b.auditor}, {v: "", style: b.auditor}})
	}
	header := []string{"Name", "Status", "Requirement", "Zone", "Subject", "Approved by", "Expires", "Findings covered", "Reason", "Compensating control", AuditorVerdict, AuditorComment}
	return b.annotated(SheetWaivers, header, []float64{24, 10, 22, 10, 20, 26, 11, 9, 50, 40, 15, 30}, rows)
}

func (b *book) countermeasures() error {
	if _, err := b.f.NewSheet(SheetCountermeasures); err != nil {
		return err
	}
	var rows [][]cell
	for _, c := range b.sc.Countermeasures {
		var ev []string
		for _, f := range c.Evidence {
			ev = append(ev, f.Path+" sha256:"+f.SHA256)
		}
		if c.Attestation != "" {
			ev = append(ev, "attestation "+c.Attestation)
		}
		rows = append(rows, []cell{{v: "countermeasure"}, {v: c.Name}, {v: c.Status, style: b.status[c.Status]}, {v: c.Reason},
			{v: strings.Join(c.Requirements, ", ")}, {v: strings.Join(c.Zones, ", ")}, {v: c.Description}, {v: strings.Join(ev, "\n")},
			{v: c.ApprovedBy}, {v: c.Expires}, {v: c.Cells}, {v: "", style: b.auditor}, {v: "", style: b.auditor}})
	}
	for _, o := range b.sc.Overrides {
		rows = append(rows, []cell{{v: "check override"}, {v: o.Rule}, {v: o.Change()}, {v: ""},
			{v: strings.Join(o.Dropped, ", ")}, {v: ""}, {v: o.Reason}, {v: ""}, {v: o.ApprovedBy}, {v: ""}, {v: ""},
			{v: "", style: b.auditor}, {v: "", style: b.auditor}})
	}
	header := []string{"Kind", "Name", "State", "Why not active", "Requirements (dropped, for an override)", "Zones", "Description or reason",
		"Evidence", "Approved by", "Expires", "Cells compensated", AuditorVerdict, AuditorComment}
	return b.annotated(SheetCountermeasures, header, []float64{16, 24, 16, 30, 30, 16, 50, 40, 26, 11, 9, 15, 30}, rows)
}

func (b *book) attestations() error {
	if _, err := b.f.NewSheet(SheetAttest); err != nil {
		return err
	}
	var rows [][]cell
	for _, a := range b.sc.Attestations {
		zones := strings.Join(a.Zones, ", ")
		if a.Scope == evidence.ScopeSite {
			zones = scorecard.SiteWide
		}
		used := "no"
		if a.Used {
			used = "yes"
		}
		rows = append(rows, []cell{{v: a.ID}, {v: a.Requirement}, {v: zones}, {v: a.Verdict, style: b.status[verdictStatus(a.Verdict)]},
			{v: a.State, style: b.status[a.State]}, {v: used}, {v: a.AttestedBy}, {v: a.Date}, {v: a.Expires},
			{v: a.EvidenceType}, {v: a.Evidence}, {v: a.Note}, {v: fmt.Sprintf("%s:%d", a.File, a.Line)}})
	}
	header := []string{"ID", "Requirement", "Zones", "Verdict", "State", "Used", "Attested by", "Date", "Expires", "Evidence type", "Evidence", "Note", "Source"}
	return b.table(SheetAttest, header, []float64{26, 22, 16, 12, 9, 6, 26, 11, 11, 11, 70, 50, 24}, rows)
}

// annotated writes a table whose last two columns are the auditor's
// verdict and comment: the verdict offers AuditorVerdicts, the rest of the
// sheet is protected.
func (b *book) annotated(sheet string, header []string, widths []float64, rows [][]cell) error {
	if err := b.table(sheet, header, widths, rows); err != nil {
		return err
	}
	col, _ := excelize.ColumnNumberToName(len(header) - 1)
	if err := b.verdictList(sheet, col, 2, len(rows)+1); err != nil {
		return err
	}
	return b.protect(sheet)
}

// verdictStatus maps an attestation verdict to the status whose colours it
// shares.
func verdictStatus(v string) string {
	switch v {
	case "pass":
		return scorecard.StatusPass
	case "fail":
		return scorecard.StatusFail
	}
	return scorecard.StatusNotApplicable
}

func (b *book) evidence() error {
	if _, err := b.f.NewSheet(SheetEvidence); err != nil {
		return err
	}
	var rows [][]cell
	for _, e := range b.sc.Evidence {
		var files []string
		for _, fl := range e.Files {
			files = append(files, fmt.Sprintf("%s (%d bytes) sha256:%s", fl.Path, fl.Size, fl.SHA256))
		}
		complete := "complete"
		if e.Incomplete {
			complete = "incomplete"
		}
		window := e.Window
		if e.ObservedFrom != "" {
			window += fmt.Sprintf(" (%s to %s)", e.ObservedFrom, e.ObservedTo)
		}
		rows = append(rows, []cell{{v: e.Document}, {v: e.Kind}, {v: e.Collector + " " + e.CollectorVersion},
			{v: strings.Join(files, "\n")}, {v: e.RecordsRead}, {v: e.RecordsSkipped}, {v: complete}, {v: strings.Join(e.Warnings, "\n")},
			{v: window}})
	}
	header := []string{"Document", "Kind", "Collector", "Files (size, sha256)", "Records read", "Records skipped", "Complete", "Warnings", "Observation window"}
	if err := b.table(SheetEvidence, header, []float64{24, 10, 14, 90, 8, 8, 10, 50, 36}, rows); err != nil {
		return err
	}
	return b.protect(SheetEvidence)
}
