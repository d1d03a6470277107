package engine_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/engine"
)

// TestFingerprintKey: the key comes from SLATE_FINGERPRINT_KEY (hex or
// base64); else, when the options allow the key file, from
// .slate/fingerprint.key, made on first use; else there is none. A bad key
// is an error naming where it came from.
func TestFingerprintKey(t *testing.T) {
	key := bytes.Repeat([]byte{0xa5}, 32)
	env := func(v string) func(string) string {
		return func(name string) string {
			if name == engine.FingerprintKeyEnv {
				return v
			}
			return ""
		}
	}
	tests := []struct {
		name    string
		env     string
		file    string // "" for none
		useFile bool
		want    []byte // nil: no key; "new": checked below
		newFile bool
		err     string
	}{
		{name: "env hex", env: hex.EncodeToString(key), want: key},
		{name: "env base64", env: base64.StdEncoding.EncodeToString(key), want: key},
		{name: "env before file", env: hex.EncodeToString(key), file: strings.Repeat("11", 32), want: key},
		{name: "file", file: hex.EncodeToString(key) + "\n", useFile: true, want: key},
		{name: "file not used", file: hex.EncodeToString(key) + "\n", want: nil},
		{name: "none", want: nil},
		{name: "created", useFile: true, newFile: true},
		{name: "env too short", env: "abcd", err: "SLATE_FINGERPRINT_KEY: fingerprint key is 2 bytes"},
		{name: "env not a key", env: "not a key!", err: "SLATE_FINGERPRINT_KEY: fingerprint key is neither hex nor base64"},
		{name: "file too short", file: "abcd\n", useFile: true, err: filepath.Join(".slate", "fingerprint.key") + ": fingerprint key is 2 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, ".slate", "fingerprint.key")
			if tc.file != "" {
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(tc.file), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, err := engine.FingerprintKey(dir, engine.Options{Getenv: env(tc.env), FingerprintKeyFile: tc.useFile})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.newFile {
				if !bytes.Equal(got, tc.want) {
					t.Errorf("key %x, want %x", got, tc.want)
				}
				if _, err := os.Stat(path); tc.file == "" && err == nil {
					t.Errorf("a key file was made")
				}
				return
			}
			if len(got) != 32 || bytes.Equal(got, make([]byte, 32)) {
				t.Fatalf("new key %x", got)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
			}
			// The next run reads the same key.
			again, err := engine.FingerprintKey(dir, engine.Options{Getenv: env(""), FingerprintKeyFile: true})
			if err != nil || !bytes.Equal(again, got) {
				t.Errorf("second run key %x (%v), want %x", again, err, got)
			}
		})
	}
}
