package xlsx

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
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
var GapsHeader = []string{"ID", "Status", "Owner", "Severity", "Zone", "Subject", "Rule", "Requirements", "Message", "Remediation", "Evidence", "Waivers", "Waived for", "Expired waivers", "Countermeasures", "Compensated for"}

// Write writes the workbook for sc to w.
func Write(w io.Writer, sc *scorecard.Scorecard) error {
	raw, err := build(sc)
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

// build returns the normalised workbook bytes.
func build(sc *scorecard.Scorecard) ([]byte, error) {
	asOf, err := time.Parse(time.DateOnly, sc.Assessment.AsOf)
	if err != nil {
		return nil, fmt.Errorf("scorecard as_of: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, sc: sc}
	if err := b.styles(); err != nil {
		return nil, err
	}
	b.gapRow = make(map[string]int, len(sc.Gaps))
	for i, g := range sc.Gaps {
		b.gapRow[g.ID] = i + 2
	}
	if err := f.SetSheetName("Sheet1", SheetOverview); err != nil {
		return nil, err
	}
	steps := []func() error{b.overview, b.topRisks, b.summary, b.trend}
	for _, fr := range FRs {
		steps = append(steps, func() error { return b.frSheet(fr) })
	}
	steps = append(steps, b.nist, b.gaps, b.vulnerabilities, b.waivers, b.countermeasures, b.attestations, b.evidence)
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("workbook: %w", err)
		}
	}
	stamp := asOf.Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{
		Created: stamp, Modified: stamp, Creator: sc.Engine.Name + " " + sc.Engine.Version,
		Title: "Assessment " + sc.Assessment.Name, Subject: sc.Assessment.Site,
	}); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return normalize(buf.Bytes(), asOf)
}

type book struct {
	f      *excelize.File
	sc     *scorecard.Scorecard
	gapRow map[string]int // gap id → row on the Gaps sheet

	header, wrap, link, auditor int
	status, severity            map[string]int
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
		var id int
		id, err = b.f.NewStyle(s)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	b.header = newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"BFBFBF"}}, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.wrap = newStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.link = newStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}})
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
			m[k] = newStyle(&excelize.Style{Font: &excelize.Font{Color: c[1], Bold: k == scorecard.StatusFail || k == evidence.SeverityCritical}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}, Alignment: &excelize.Alignment{Vertical: "top"}})
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
// header, sets an autofilter and the column widths.
func (b *book) table(sheet string, header []string, widths []float64, rows [][]cell) error {
	f := b.f
	for i, h := range header {
		ref, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, ref, h); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	if err := f.SetCellStyle(sheet, "A1", last, b.header); err != nil {
		return err
	}
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := f.SetCellValue(sheet, ref, v.v); err != nil {
				return err
			}
			style := v.style
			if style == 0 {
				style = b.wrap
			}
			if v.link != "" {
				if err := f.SetCellHyperLink(sheet, ref, v.link, "Location"); err != nil {
					return err
				}
				style = b.link
			}
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return err
			}
		}
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(header), max(len(rows)+1, 2))
	return f.AutoFilter(sheet, "A1:"+end, nil)
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
		{{v: "Signature"}, {v: "Kept next to this file when the run is signed (scorecard.xlsx.sig, slate.intoto.json); without them the workbook is unsigned."}},
		{{v: "Open gaps"}, {v: sc.Totals.OpenGaps}},
		{{v: "Waived gaps"}, {v: sc.Totals.Waived}},
		{{v: "How to verify"}, {v: "Run `slate verify DIR --key cosign.pub` on the signed output directory: it checks every signature and digest and re-runs the evaluation from the signed evidence bundle, requiring the same bytes. Or, in that directory, `cosign verify-blob --key cosign.pub --signature scorecard.xlsx.sig --insecure-ignore-tlog=true scorecard.xlsx`. Without signatures, re-run `slate assess` on the same evidence, policies and assessment file and compare the three digests above; every figure in this workbook is taken from that scorecard."}},
		{{v: "Status legend"}, {v: statusLegend()}},
	}
	return b.table(SheetOverview, []string{"Item", "Value"}, []float64{26, 100}, rows)
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
		if gr, ok := b.gapRow[rc.Gaps[0]]; ok {
			gaps.link = fmt.Sprintf("'%s'!A%d", SheetGaps, gr)
		}
		f := rc.Factors
		rows = append(rows, []cell{{v: i + 1}, {v: rc.Score}, {v: rc.Severity, style: b.severity[rc.Severity]},
			{v: strings.Join(rc.Owners, ", ")}, {v: rc.Where()}, gaps, {v: rc.Title}, {v: rc.Subject}, {v: rc.Message},
			{v: rc.Remediation}, {v: rc.ID}, {v: fmt.Sprintf("severity %d × exposure %d × SL-T %d", f.Severity, f.Exposure, f.SLTarget)}})
	}
	return b.table(SheetTopRisks, TopRisksHeader, []float64{6, 7, 10, 10, 16, 6, 40, 30, 60, 60, 16, 30}, rows)
}

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
			rows = append(rows, []cell{{v: z.Name}, {v: z.Kind}, {v: fr.ID}, {v: fr.Name}, {v: fr.Target}, {v: fr.Achieved},
				{v: fr.Reachable}, {v: fr.Label()}, {v: verdict, style: b.status[st]},
				{v: strings.Join(fr.Waived, ", ")}, {v: strings.Join(fr.Compensated, ", ")},
				{v: strings.Join(fr.MissingForTarget, ", ")}, {v: strings.Join(fr.MissingForNext, ", ")}})
		}
	}
	header := []string{"Zone", "Kind", "FR", "Name", "SL-T", "SL-A confirmed", "SL-A reachable", "SL-A (range)", "Verdict",
		"Waived (accepted, not achieved)", "Compensated", "Missing for target", "Missing for next level"}
	if err := b.table(SheetSummary, header, []float64{14, 8, 6, 40, 6, 9, 9, 14, 22, 30, 30, 50, 50}, rows); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	n := len(rows) + 1
	cats := fmt.Sprintf("'%s'!$A$2:$C$%d", SheetSummary, n)
	return b.f.AddChart(SheetSummary, "K2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: fmt.Sprintf("'%s'!$E$1", SheetSummary), Categories: cats, Values: fmt.Sprintf("'%s'!$E$2:$E$%d", SheetSummary, n)},
			{Name: fmt.Sprintf("'%s'!$F$1", SheetSummary), Categories: cats, Values: fmt.Sprintf("'%s'!$F$2:$F$%d", SheetSummary, n)},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "SL-target vs SL-achieved per zone and FR"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 1100, Height: 420},
	})
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
// fr is set): id, title, level columns, then status and findings per zone,
// then how it is assessed and links to its gaps.
func (b *book) requirementRows(framework, fr string, level func(scorecard.Requirement) string) [][]cell {
	zones := b.zoneNames()
	var rows [][]cell
	for _, r := range b.sc.Requirements {
		if r.Framework != framework || (fr != "" && r.FR != fr) {
			continue
		}
		row := []cell{{v: r.ID}, {v: r.Title}, {v: level(r)}}
		byZone := make(map[string]scorecard.ZoneStatus, len(r.Zones))
		var gaps []string
		for _, zs := range r.Zones {
			byZone[zs.Zone] = zs
			gaps = append(gaps, zs.Gaps...)
		}
		for _, z := range zones {
			zs, ok := byZone[z]
			if !ok {
				row = append(row, cell{v: ""}, cell{v: ""})
				continue
			}
			st := zs.Status
			if zs.Required {
				st += " (required)"
			}
			findings := cell{v: zs.Findings}
			if len(zs.Gaps) > 0 {
				if gr, ok := b.gapRow[zs.Gaps[0]]; ok {
					findings.link = fmt.Sprintf("'%s'!A%d", SheetGaps, gr)
				}
			}
			row = append(row, cell{v: st, style: b.status[zs.Status]}, findings)
		}
		how := b.howAssessed(r)
		slices.Sort(gaps)
		gaps = slices.Compact(gaps)
		row = append(row, cell{v: how}, cell{v: strings.Join(gaps, ", ")},
			cell{v: "", style: b.auditor}, cell{v: "", style: b.auditor})
		rows = append(rows, row)
	}
	return rows
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

func (b *book) requirementHeader(levelName string) ([]string, []float64) {
	header := []string{"ID", "Title", levelName}
	widths := []float64{14, 50, 12}
	for _, z := range b.zoneNames() {
		header = append(header, z+" status", z+" findings")
		widths = append(widths, 16, 9)
	}
	header = append(header, "How assessed", "Gaps", AuditorVerdict, AuditorComment)
	widths = append(widths, 36, 30, 16, 40)
	return header, widths
}

func (b *book) frSheet(fr string) error {
	if _, err := b.f.NewSheet(fr); err != nil {
		return err
	}
	header, widths := b.requirementHeader("Required at SL")
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
	return b.auditorColumns(fr, len(header), len(rows))
}

func (b *book) nist() error {
	if _, err := b.f.NewSheet(SheetNIST); err != nil {
		return err
	}
	header, widths := b.requirementHeader("Baselines")
	rows := b.requirementRows(frameworkNIST, "", func(r scorecard.Requirement) string { return strings.Join(r.Baselines, ", ") })
	if err := b.table(SheetNIST, header, widths, rows); err != nil {
		return err
	}
	return b.auditorColumns(SheetNIST, len(header), len(rows))
}

// auditorColumns turns the last two columns of a requirement sheet into
// the auditor's: a verdict chosen from AuditorVerdicts and a free comment.
// They stay editable; the rest of the sheet is protected (no password: the
// protection guards against slips, not against the auditor) while sorting,
// filtering and resizing still work.
func (b *book) auditorColumns(sheet string, cols, rows int) error {
	verdictCol, _ := excelize.ColumnNumberToName(cols - 1)
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", verdictCol, verdictCol, max(rows+1, 2)))
	if err := dv.SetDropList(AuditorVerdicts); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Auditor verdict", "Choose "+strings.Join(AuditorVerdicts, ", ")+".")
	if err := b.f.AddDataValidation(sheet, dv); err != nil {
		return err
	}
	return b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		AutoFilter: true, Sort: true, FormatColumns: true, FormatRows: true,
		SelectLockedCells: true, SelectUnlockedCells: true,
	})
}

// gaps streams the Gaps sheet: it is the one that grows with the plant.
func (b *book) gaps() error {
	if _, err := b.f.NewSheet(SheetGaps); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(SheetGaps)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, wd := range []float64{16, 9, 8, 10, 12, 24, 15, 28, 50, 60, 40, 20, 20} {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	head := make([]any, len(GapsHeader))
	for i, h := range GapsHeader {
		head[i] = excelize.Cell{StyleID: b.header, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, g := range b.sc.Gaps {
		zone := scorecard.ZoneLabel(g.Zone)
		vals := []any{
			excelize.Cell{StyleID: b.wrap, Value: g.ID},
			excelize.Cell{StyleID: b.status[g.Status], Value: g.Status},
			excelize.Cell{StyleID: b.wrap, Value: g.Owner},
			excelize.Cell{StyleID: b.severity[g.Severity], Value: g.Severity},
			excelize.Cell{StyleID: b.wrap, Value: zone},
			excelize.Cell{StyleID: b.wrap, Value: g.Subject},
			excelize.Cell{StyleID: b.wrap, Value: g.Rule},
			excelize.Cell{StyleID: b.wrap, Value: strings.Join(g.Requirements, ", ")},
			excelize.Cell{StyleID: b.wrap, Value: g.Message},
			excelize.Cell{StyleID: b.wrap, Value: g.Remediation},
			excelize.Cell{StyleID: b.wrap, Value: refs(g.Evidence)},
			excelize.Cell{StyleID: b.wrap, Value: strings.Join(g.Waivers, ", ")},
			excelize.Cell{StyleID: b.wrap, Value: strings.Join(g.WaivedFor, ", ")},
			excelize.Cell{StyleID: b.wrap, Value: strings.Join(g.ExpiredWaivers, ", ")},
			excelize.Cell{StyleID: b.wrap, Value: strings.Join(g.Countermeasures, ", ")},
			excelize.Cell{StyleID: b.wrap, Value: strings.Join(g.CompensatedFor, ", ")},
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, vals); err != nil {
			return err
		}
	}
	// A table rather than AutoFilter: AutoFilter would read the streamed
	// sheet back into memory.
	end, _ := excelize.CoordinatesToCellName(len(GapsHeader), max(len(b.sc.Gaps)+1, 2))
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + end, Name: "GapList", StyleName: "TableStyleLight1"}); err != nil {
		return err
	}
	return sw.Flush()
}

// refs renders evidence references one a line: "file:line (document)".
func refs(rs []evidence.Ref) string {
	var lines []string
	for _, r := range rs {
		s := cmp.Or(r.File, r.Record, r.Document)
		if r.Line > 0 {
			s += fmt.Sprintf(":%d", r.Line)
		}
		if r.File != "" && r.Record != "" && !strings.HasPrefix(r.Record, r.File) {
			s += " record " + r.Record
		}
		s += " (" + r.Document + ")"
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

func (b *book) waivers() error {
	if _, err := b.f.NewSheet(SheetWaivers); err != nil {
		return err
	}
	var rows [][]cell
	for _, w := range b.sc.Waivers {
		zone := scorecard.ZoneLabel(w.Zone)
		rows = append(rows, []cell{{v: w.Name}, {v: w.Status, style: b.status[w.Status]}, {v: w.Requirement}, {v: zone}, {v: w.Subject},
			{v: w.ApprovedBy}, {v: w.Expires}, {v: w.Findings}, {v: w.Reason}, {v: w.CompensatingControl}})
	}
	header := []string{"Name", "Status", "Requirement", "Zone", "Subject", "Approved by", "Expires", "Findings covered", "Reason", "Compensating control"}
	return b.table(SheetWaivers, header, []float64{24, 10, 22, 10, 20, 26, 11, 9, 50, 40}, rows)
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
			{v: c.ApprovedBy}, {v: c.Expires}, {v: c.Cells}})
	}
	for _, o := range b.sc.Overrides {
		rows = append(rows, []cell{{v: "check override"}, {v: o.Rule}, {v: o.Change()}, {v: ""},
			{v: strings.Join(o.Dropped, ", ")}, {v: ""}, {v: o.Reason}, {v: ""}, {v: o.ApprovedBy}, {v: ""}, {v: ""}})
	}
	header := []string{"Kind", "Name", "State", "Why not active", "Requirements (dropped, for an override)", "Zones", "Description or reason",
		"Evidence", "Approved by", "Expires", "Cells compensated"}
	return b.table(SheetCountermeasures, header, []float64{16, 24, 16, 30, 30, 16, 50, 40, 26, 11, 9}, rows)
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
	return b.table(SheetAttest, header, []float64{24, 22, 16, 12, 9, 6, 26, 11, 11, 11, 50, 40, 24}, rows)
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
	return b.table(SheetEvidence, header, []float64{26, 10, 16, 90, 9, 9, 11, 50, 40}, rows)
}
