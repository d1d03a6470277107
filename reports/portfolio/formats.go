package portfolio

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/slate-ot/slate/engine/portfolio"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/html"
	"github.com/slate-ot/slate/reports/markdown"
	"github.com/slate-ot/slate/reports/named"
	"github.com/slate-ot/slate/reports/xlsx"
)

// Format is one output of `slate portfolio`.
type Format struct {
	Name string
	// File is the name it is written under in the output folder.
	File  string
	Write func(w io.Writer, p *portfolio.Portfolio) error
}

// formats is the one table of portfolio formats, sorted by name.
var formats = []Format{
	{Name: "html", File: "portfolio.html", Write: html.WritePortfolio},
	{Name: "json", File: "portfolio.json", Write: WriteJSON},
	{Name: "md", File: "portfolio.md", Write: markdown.WritePortfolio},
	{Name: "xlsx", File: "portfolio.xlsx", Write: xlsx.WritePortfolio},
}

// Names lists the format names, sorted.
func Names() []string { return named.Names(formats, Format.name) }

// Lookup returns the format called name.
func Lookup(name string) (Format, error) {
	return named.Lookup(formats, Format.name, name, "portfolio format")
}

func (f Format) name() string { return f.Name }

// WriteJSON writes the portfolio's canonical JSON.
func WriteJSON(w io.Writer, p *portfolio.Portfolio) error {
	raw, err := evidence.Canonical(p)
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

// Write renders p in each of the formats names into dir, which it creates,
// and returns the files written. Every format is rendered before any file
// is written.
func Write(dir string, p *portfolio.Portfolio, names []string) ([]string, error) {
	out := map[string][]byte{}
	var files []string
	for _, n := range names {
		f, err := Lookup(n)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := f.Write(&b, p); err != nil {
			return nil, fmt.Errorf("%s: %w", f.File, err)
		}
		if _, dup := out[f.File]; !dup {
			files = append(files, f.File)
		}
		out[f.File] = b.Bytes()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), out[name], 0o644); err != nil {
			return nil, err
		}
	}
	return files, nil
}
