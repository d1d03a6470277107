package reports

import (
	"bytes"
	"fmt"
	"io"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/html"
	"github.com/slate-ot/slate/reports/junit"
	"github.com/slate-ot/slate/reports/markdown"
	"github.com/slate-ot/slate/reports/named"
	"github.com/slate-ot/slate/reports/oscal"
	"github.com/slate-ot/slate/reports/sarif"
	"github.com/slate-ot/slate/reports/xlsx"
)

// Format is one output format: its name on the command line, the file name
// `slate assess` writes it under, and its writer.
type Format struct {
	Name  string
	File  string
	Write func(w io.Writer, sc *scorecard.Scorecard) error
	// Starter formats are those the output block of a new assessment file
	// asks for (`slate init`): the ones a person reads.
	Starter bool
}

// formats is the one table of report formats, sorted by name. Everyone
// else asks it: the CLI's flags, the assessment loader (through
// engine.Options.Formats) and `slate init`'s starter file.
var formats = []Format{
	{Name: "html", File: "scorecard.html", Write: html.Write, Starter: true},
	{Name: "json", File: "scorecard.json", Write: writeJSON, Starter: true},
	{Name: "junit", File: junit.FileName, Write: junit.Write},
	{Name: "md", File: markdown.FileName, Write: markdown.Write, Starter: true},
	{Name: "oscal", File: oscal.FileName, Write: oscal.Write},
	{Name: "sarif", File: sarif.FileName, Write: sarif.Write},
	{Name: "xlsx", File: "scorecard.xlsx", Write: xlsx.Write, Starter: true},
}

// Names lists the format names, sorted.
func Names() []string { return named.Names(formats, Format.name) }

// StarterNames lists the names of the starter formats, sorted.
func StarterNames() []string {
	var out []string
	for _, f := range formats {
		if f.Starter {
			out = append(out, f.Name)
		}
	}
	return out
}

// Lookup returns the format called name.
func Lookup(name string) (Format, error) {
	return named.Lookup(formats, Format.name, name, "report format")
}

func (f Format) name() string { return f.Name }

// Render writes sc in each named format and returns the files by name,
// ready for WriteFiles.
func Render(sc *scorecard.Scorecard, names []string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, name := range names {
		f, err := Lookup(name)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := f.Write(&buf, sc); err != nil {
			return nil, fmt.Errorf("%s report: %w", name, err)
		}
		files[f.File] = buf.Bytes()
	}
	return files, nil
}

// writeJSON writes the scorecard's canonical JSON.
func writeJSON(w io.Writer, sc *scorecard.Scorecard) error {
	raw, err := sc.Encode()
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}
