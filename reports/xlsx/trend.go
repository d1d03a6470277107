package xlsx

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"
)

// SheetTrend holds the runs of the scorecard's history, one a row; the
// workbook has it only when the scorecard carries history.
const SheetTrend = "Trend"

// trendMarkers tell the lines of a chart apart by shape as well as by
// colour.
var trendMarkers = []string{"circle", "square", "triangle", "diamond", "x", "star", "plus", "dash", "dot"}

// trendColumns are the fixed first columns of the Trend sheet.
var trendColumns = []string{"Run", "As of", "Signature", "Open gaps"}

// trend writes the Trend sheet: per run the open gaps (total and by
// owner), the lowest SL-achieved per zone and SL-achieved per zone and
// FR, with a line chart of the open gaps by owner and one of the lowest
// SL-achieved per zone.
func (b *book) trend() error {
	t := b.sc.Trend()
	if t == nil {
		return nil
	}
	if _, err := b.f.NewSheet(SheetTrend); err != nil {
		return err
	}
	header := slices.Clone(trendColumns)
	widths := []float64{28, 11, 11, 10}
	for _, o := range t.OpenByOwner {
		header = append(header, "Open gaps "+o.Name)
		widths = append(widths, 10)
	}
	lowestCol := len(header)
	for _, z := range t.Zones {
		header = append(header, z.Zone+" SL-A (lowest FR)")
		widths = append(widths, 12)
	}
	for _, z := range t.Zones {
		for _, fr := range t.FRs {
			header = append(header, z.Zone+" "+fr+" SL-A")
			widths = append(widths, 9)
		}
	}
	var rows [][]cell
	for i, r := range t.Runs {
		sig := "unverified"
		switch {
		case r.Current:
			sig = "this run"
		case r.Verified:
			sig = "verified"
		}
		row := []cell{{v: r.Label()}, {v: r.AsOf}, {v: sig}, {v: t.OpenGaps[i]}}
		for _, o := range t.OpenByOwner {
			row = append(row, cell{v: o.Values[i]})
		}
		for _, z := range t.Zones {
			lowest, present := z.Lowest()
			if present[i] {
				row = append(row, cell{v: lowest[i]})
			} else {
				row = append(row, cell{v: ""})
			}
		}
		for _, z := range t.Zones {
			for f := range t.FRs {
				if v := z.SLAchieved[i]; v != nil {
					row = append(row, cell{v: v[f]})
				} else {
					row = append(row, cell{v: ""})
				}
			}
		}
		rows = append(rows, row)
	}
	if err := b.table(SheetTrend, header, widths, rows); err != nil {
		return err
	}
	n := len(rows) + 1
	at := len(rows) + 4
	gaps := make([]int, 0, len(t.OpenByOwner)+1)
	for i := range len(t.OpenByOwner) + 1 {
		gaps = append(gaps, len(trendColumns)+i)
	}
	if err := b.trendChart(fmt.Sprintf("A%d", at), "Open gaps by owner, run by run", n, gaps, nil); err != nil {
		return err
	}
	var zones []int
	for i := range t.Zones {
		zones = append(zones, lowestCol+1+i)
	}
	maxLevel := 4.0
	return b.trendChart(fmt.Sprintf("A%d", at+22), "Lowest SL-achieved over FR1–FR7 per zone, run by run", n, zones, &maxLevel)
}

// trendChart adds a line chart at anchor with one series per column
// (1-based) of the Trend sheet, the runs as categories. yMax, when set,
// fixes the value axis from 0 to it in steps of 1.
func (b *book) trendChart(anchor, title string, rows int, cols []int, yMax *float64) error {
	if len(cols) == 0 {
		return nil
	}
	cats := fmt.Sprintf("'%s'!$A$2:$A$%d", SheetTrend, rows)
	var series []excelize.ChartSeries
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(c)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$1", SheetTrend, col),
			Categories: cats,
			Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetTrend, col, col, rows),
			Marker:     excelize.ChartMarker{Symbol: trendMarkers[i%len(trendMarkers)], Size: 7},
		})
	}
	chart := &excelize.Chart{
		Type:      excelize.Line,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		Dimension: excelize.ChartDimension{Width: 900, Height: 400},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
	}
	if yMax != nil {
		zero := 0.0
		chart.YAxis.Minimum, chart.YAxis.Maximum, chart.YAxis.MajorUnit = &zero, yMax, 1
	}
	return b.f.AddChart(SheetTrend, anchor, chart)
}
