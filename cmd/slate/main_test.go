package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/evidence/attest"
)

// testFingerprintKey is the fingerprint key of the tests, so that no
// in-process run creates a key file beside the examples.
var testFingerprintKey = strings.Repeat("5a", 32)

func TestMain(m *testing.M) {
	// A script's slate runs this binary again: it keeps the script's value.
	if _, ok := os.LookupEnv("SLATE_FINGERPRINT_KEY"); !ok {
		os.Setenv("SLATE_FINGERPRINT_KEY", testFingerprintKey)
	}
	testscript.Main(m, map[string]func(){
		"slate": func() { os.Exit(run(context.Background(), os.Args[1:])) },
	})
}

// TestScript runs the end-to-end scenarios in testdata/script. Each script
// sees $EXAMPLES, the repository's examples folder.
func TestScript(t *testing.T) {
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", examples)
			// A fixed fingerprint key, so that no run creates a key file
			// beside the examples; fingerprint_key.txtar unsets it.
			env.Setenv("SLATE_FINGERPRINT_KEY", testFingerprintKey)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exitcode N CMD ARGS... runs CMD and checks its exit code is N.
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exitcode N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exitcode: %v", err)
				}
				err = ts.Exec(args[1], args[2:]...)
				got := 0
				var ee *exec.ExitError
				switch {
				case errors.As(err, &ee):
					got = ee.ExitCode()
				case err != nil:
					ts.Fatalf("exitcode: %v", err)
				}
				if got != want {
					ts.Fatalf("exit code %d, want %d", got, want)
				}
			},
			"tamper-each": tamperEach,
			"xlsx-set":    xlsxSet,
			"remanifest":  remanifest,
			"tamper-pack": tamperPack,
			// Registries (registry_test.go).
			"memregistry":     memRegistry,
			"registry":        dockerRegistry,
			"env-from-stdout": envFromStdout,
			"opa-oci":         opaOCI,
		},
		Condition: interopCondition,
	})
}

// tamperEach DIR KEY changes, in a copy of the signed directory DIR, one
// byte of one file at a time (its first, middle and last byte) and checks
// that 'slate verify COPY --key KEY' exits 4 every time.
func tamperEach(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: tamper-each DIR KEY")
	}
	dir, key := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	names, err := attest.ListDir(dir)
	ts.Check(err)
	if len(names) == 0 {
		ts.Fatalf("tamper-each: %s is empty", dir)
	}
	n := 0
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		ts.Check(err)
		for _, at := range slices.Compact([]int{0, len(raw) / 2, len(raw) - 1}) {
			if at < 0 {
				continue
			}
			tampered := filepath.Join(ts.MkAbs("tampered"), strconv.Itoa(n))
			n++
			copyDir(ts, dir, tampered)
			changed := slices.Clone(raw)
			changed[at] ^= 0x01
			ts.Check(os.WriteFile(filepath.Join(tampered, filepath.FromSlash(name)), changed, 0o644))
			err := ts.Exec("slate", "verify", tampered, "--key", key)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 4 {
				ts.Fatalf("byte %d of %s changed: slate verify gives %v, want exit 4", at, name, err)
			}
			ts.Check(os.RemoveAll(tampered))
		}
	}
	ts.Logf("%d file(s), %d change(s), each refused with exit 4", len(names), n)
}

// remanifest DIR writes DIR/manifest.json anew from the files it lists as
// they are now, as someone who edited a report would to get it signed.
func remanifest(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: remanifest DIR")
	}
	dir := ts.MkAbs(args[0])
	m, err := attest.ReadManifest(dir)
	ts.Check(err)
	files := map[string][]byte{}
	for _, name := range m.Names() {
		files[name], err = os.ReadFile(filepath.Join(dir, name))
		ts.Check(err)
	}
	raw, err := attest.NewManifest(files)
	ts.Check(err)
	ts.Check(os.WriteFile(filepath.Join(dir, attest.ManifestFile), raw, 0o644))
}

// copyDir copies the files below src to dst.
func copyDir(ts *testscript.TestScript, src, dst string) {
	names, err := attest.ListDir(src)
	ts.Check(err)
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
		ts.Check(err)
		target := filepath.Join(dst, filepath.FromSlash(name))
		ts.Check(os.MkdirAll(filepath.Dir(target), 0o755))
		ts.Check(os.WriteFile(target, raw, 0o644))
	}
}

// tamperPack FILE ENTRY appends a line to the entry ENTRY of the tar.gz
// FILE, keeping every other entry (and a signature) as it was.
func tamperPack(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: tamper-pack FILE ENTRY")
	}
	file := ts.MkAbs(args[0])
	raw, err := os.ReadFile(file)
	ts.Check(err)
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	ts.Check(err)
	tr := tar.NewReader(zr)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	found := false
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		ts.Check(err)
		body, err := io.ReadAll(tr)
		ts.Check(err)
		if strings.TrimPrefix(h.Name, "/") == args[1] {
			body = append(body, "\n# changed\n"...)
			h.Size = int64(len(body))
			found = true
		}
		ts.Check(tw.WriteHeader(h))
		_, err = tw.Write(body)
		ts.Check(err)
	}
	if !found {
		ts.Fatalf("%s has no entry %s", args[0], args[1])
	}
	ts.Check(tw.Close())
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(file, buf.Bytes(), 0o644))
}

// xlsxSet FILE SHEET CELL VALUE [CELL VALUE...] writes values into a
// workbook, as an auditor's spreadsheet program would.
func xlsxSet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 || len(args)%2 != 0 {
		ts.Fatalf("usage: xlsx-set FILE SHEET CELL VALUE [CELL VALUE...]")
	}
	path := ts.MkAbs(args[0])
	f, err := excelize.OpenFile(path)
	if err != nil {
		ts.Fatalf("xlsx-set: %v", err)
	}
	defer f.Close()
	for i := 2; i < len(args); i += 2 {
		if err := f.SetCellValue(args[1], args[i], args[i+1]); err != nil {
			ts.Fatalf("xlsx-set: %v", err)
		}
	}
	if err := f.Save(); err != nil {
		ts.Fatalf("xlsx-set: %v", err)
	}
}
