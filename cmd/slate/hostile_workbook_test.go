package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	wt "github.com/slate-ot/slate/internal/workbook/workbooktest"
)

// maxRSS is the most memory a run on a hostile workbook may take.
const maxRSS = 512 << 20

// child runs this test binary as slate (testscript.Main dispatches on the
// program name) and returns its exit code, stderr and peak memory.
func child(t *testing.T, args ...string) (code int, stderr string, rss int64, took time.Duration) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Args[0] = "slate"
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	start := time.Now()
	err = cmd.Run()
	took = time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("run slate: %v", err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this system")
	}
	return cmd.ProcessState.ExitCode(), errBuf.String(), ru.Maxrss * 1024, took
}

const hostileAssessment = `assessment "h" {
  site = "H"
}
framework "iec62443-3-3" {}
zone "cell" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.10.1.0/24"]
  sl_target = 2
}
zone "control" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.10.2.0/24"]
  sl_target = 2
}
source "assets" "inv" {
  files = ["evidence/inventory.xlsx"]
}
`

// TestHostileWorkbooks: workbooks a few hundred kilobytes on disk that
// inflate to gigabytes, jump to row 99,999,999,999, or are cut short or
// hold garbage end, in assess and import-workbook alike, with exit 3, a
// message naming the file, the part and the limit, no output, in bounded
// memory and a few seconds. A valid workbook, the control, assesses.
func TestHostileWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs slate as a child process")
	}
	const mib = 1 << 20
	header := wt.SheetHead + wt.Rows(1, wt.Inventory...)
	base := wt.Base(wt.Sheet(wt.Inventory...), "plc-01")
	var bigParts []wt.Part
	for i := range 5 {
		bigParts = append(bigParts, wt.Part{Name: "xl/media/image" + string(rune('1'+i)) + ".png", Body: strings.Repeat("\x00", mib), Times: 250})
	}
	tests := []struct {
		name  string
		parts []wt.Part
		want  []string // in stderr besides the file
	}{{
		name:  "shared string of 900 MiB",
		parts: wt.With(base, wt.Part{Name: wt.StringsPart, Head: `<sst><si><t>`, Body: strings.Repeat("A", mib), Times: 900, Tail: `</t></si></sst>`}),
		want:  []string{"xl/sharedStrings.xml", "max_part_bytes"},
	}, {
		name:  "shared string of 200 MiB",
		parts: wt.With(base, wt.Part{Name: wt.StringsPart, Head: `<sst><si><t>`, Body: strings.Repeat("A", mib), Times: 200, Tail: `</t></si></sst>`}),
		want:  []string{"xl/sharedStrings.xml", "shared string 0 holds more than 32767 characters", "max_cell_chars"},
	}, {
		name:  "900 MiB of white space in the sheet",
		parts: wt.With(base, wt.Part{Name: wt.SheetPart, Head: header, Body: strings.Repeat(" ", mib), Times: 900, Tail: wt.SheetTail}),
		want:  []string{"xl/worksheets/sheet1.xml", "max_part_bytes"},
	}, {
		name:  "parts inflating to 1.25 GiB",
		parts: wt.With(base, bigParts...),
		want:  []string{"xl/media/image5.png", "max_workbook_bytes"},
	}, {
		name:  "part inflating past its declared size",
		parts: wt.With(base, wt.Part{Name: wt.SheetPart, Head: header, Body: strings.Repeat(" ", mib), Times: 900, Tail: wt.SheetTail, Declared: 64 << 10}),
		want:  []string{"xl/worksheets/sheet1.xml", "corrupt zip member"},
	}, {
		name:  "row 99999999999 after the header",
		parts: wt.With(base, wt.Part{Name: wt.SheetPart, Head: header + `<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>x</t></is></c></row>` + wt.SheetTail}),
		want:  []string{"xl/worksheets/sheet1.xml", "row number 99999999999 is beyond Excel's last row, 1048576"},
	}, {
		name:  "sheet cut in a row",
		parts: wt.With(base, wt.Part{Name: wt.SheetPart, Head: wt.Sheet(wt.Inventory...)[:1000]}),
		want:  []string{"xl/worksheets/sheet1.xml", "the XML ends early", "row 4"},
	}, {
		name:  "garbage in a row",
		parts: wt.With(base, wt.Part{Name: wt.SheetPart, Head: header + `<row r="7"><c r="A7" t="inlineStr"><is><t>x</t></is></c><c r="B7" t="inlineStr"><is><t>\x01\x02</t></is>` + "\x00\xff" + `</c></row>` + wt.SheetTail}),
		want:  []string{"xl/worksheets/sheet1.xml", "malformed XML"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "evidence"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "assessment.hcl"), []byte(hostileAssessment), 0o644); err != nil {
				t.Fatal(err)
			}
			book := filepath.Join(dir, "evidence", "inventory.xlsx")
			if err := wt.Write(book, tc.parts...); err != nil {
				t.Fatal(err)
			}
			if fi, _ := os.Stat(book); fi.Size() > 2*mib {
				t.Fatalf("the workbook takes %d bytes on disk", fi.Size())
			}
			out := filepath.Join(dir, "out")
			csv := filepath.Join(dir, "audit.csv")
			for _, args := range [][]string{
				{"assess", dir, "--out", out, "--as-of", "2026-11-01"},
				{"import-workbook", book, "--out", csv, "--auditor", "R. Auditor"},
			} {
				code, stderr, rss, took := child(t, args...)
				if code != ExitEvidence {
					t.Errorf("slate %s: exit %d, want %d\n%s", args[0], code, ExitEvidence, stderr)
				}
				for _, w := range append([]string{"inventory.xlsx"}, tc.want...) {
					if !strings.Contains(stderr, w) {
						t.Errorf("slate %s: stderr does not say %q:\n%s", args[0], w, stderr)
					}
				}
				if rss > maxRSS {
					t.Errorf("slate %s: peak memory %d MiB, more than %d MiB", args[0], rss>>20, maxRSS>>20)
				}
				if took > 20*time.Second {
					t.Errorf("slate %s took %v", args[0], took)
				}
				t.Logf("slate %s: %d MiB, %v", args[0], rss>>20, took.Round(time.Millisecond))
			}
			for _, p := range []string{out, csv} {
				if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s was written", p)
				}
			}
		})
	}
	t.Run("control", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "evidence"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "assessment.hcl"), []byte(hostileAssessment), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := wt.Write(filepath.Join(dir, "evidence", "inventory.xlsx"), base...); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out")
		code, stderr, _, _ := child(t, "assess", dir, "--out", out, "--as-of", "2026-11-01", "--format", "json")
		if code != ExitOK && code != ExitFindings {
			t.Fatalf("slate assess of a valid workbook: exit %d\n%s", code, stderr)
		}
		raw, err := os.ReadFile(filepath.Join(out, "bundle.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"plc-01", "hist-01"} {
			if !bytes.Contains(raw, []byte(name)) {
				t.Errorf("bundle.json has no asset %s", name)
			}
		}
	})
}
