package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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
		},
	})
}
