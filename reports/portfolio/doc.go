// Package portfolio is the one table of the formats `slate portfolio`
// writes (json, md, html, xlsx) and writes them into a folder. The view
// itself is built by engine/portfolio; the Markdown, HTML and workbook
// renderings live beside the scorecard's in reports/markdown, reports/html
// and reports/xlsx.
package portfolio
