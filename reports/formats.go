package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

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
	// WriteWith, when set, is Write for the given Options: formats whose
	// bytes depend on where the output is read (the SARIF log's paths).
	WriteWith func(o Options) func(w io.Writer, sc *scorecard.Scorecard) error
	// Also are the files the format writes beside File (the OSCAL
	// assessment plan beside the results), each from the scorecard alone.
	Also []Output
	// Starter formats are those the output block of a new assessment file
	// asks for (`slate init`): the ones a person reads.
	Starter bool
}

// Output is one file a format writes.
type Output struct {
	File  string
	Write func(w io.Writer, sc *scorecard.Scorecard) error
}

// Options are what reports depend on besides the scorecard: where they are
// read. The zero Options give every format's plain output.
type Options struct {
	// SARIF places the SARIF log's paths in the repository.
	SARIF sarif.Options
}

// Outputs are the files f writes with o, File first.
func (f Format) Outputs(o Options) []Output {
	main := Output{File: f.File, Write: f.Write}
	if f.WriteWith != nil {
		main.Write = f.WriteWith(o)
	}
	return append([]Output{main}, f.Also...)
}

// Recorded returns the Options the reports in dir were written with, as
// they record them (the SARIF log its base), so that they can be made
// again from the scorecard byte for byte. A dir without such reports gives
// the zero Options.
func Recorded(dir string) (Options, error) {
	var o Options
	path := filepath.Join(dir, sarif.FileName)
	raw, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return o, nil
	case err != nil:
		return o, err
	}
	o.SARIF, err = sarif.Recorded(path, raw)
	return o, err
}

// formats is the one table of report formats, sorted by name. Everyone
// else asks it: the CLI's flags, the assessment loader (through
// engine.Options.Formats) and `slate init`'s starter file.
var formats = []Format{
	{Name: "html", File: "scorecard.html", Write: html.Write, Starter: true},
	{Name: "json", File: "scorecard.json", Write: writeJSON, Starter: true},
	{Name: "junit", File: junit.FileName, Write: junit.Write},
	{Name: "md", File: markdown.FileName, Write: markdown.Write, Starter: true},
	{Name: "oscal", File: oscal.FileName, Write: oscal.Write, Also: []Output{{File: oscal.PlanFileName, Write: oscal.WritePlan}}},
	{Name: "sarif", File: sarif.FileName, Write: sarif.Write, WriteWith: func(o Options) func(io.Writer, *scorecard.Scorecard) error {
		return o.SARIF.Write
	}},
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

// Render writes sc in each named format with the zero Options and returns
// the files by name, ready for WriteFiles.
func Render(sc *scorecard.Scorecard, names []string) (map[string][]byte, error) {
	return RenderWith(sc, names, Options{})
}

// RenderWith is Render with Options.
func RenderWith(sc *scorecard.Scorecard, names []string, o Options) (map[string][]byte, error) {
	outs, err := OutputsOf(names, o)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, out := range outs {
		var buf bytes.Buffer
		if err := out.Write(&buf, sc); err != nil {
			return nil, fmt.Errorf("report %s: %w", out.File, err)
		}
		files[out.File] = buf.Bytes()
	}
	return files, nil
}

// OutputsOf returns the files the named formats write with o, in the
// order of names, for a caller that writes each file as it is made
// rather than holding it (a large run's reports).
func OutputsOf(names []string, o Options) ([]Output, error) {
	var outs []Output
	for _, name := range names {
		f, err := Lookup(name)
		if err != nil {
			return nil, err
		}
		outs = append(outs, f.Outputs(o)...)
	}
	return outs, nil
}

// writeJSON writes the scorecard's canonical JSON, a gap at a time.
func writeJSON(w io.Writer, sc *scorecard.Scorecard) error {
	_, err := sc.WriteTo(w)
	return err
}
