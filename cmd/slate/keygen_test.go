package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/slate-ot/slate/evidence/attest"
)

func TestKeygen(t *testing.T) {
	t.Setenv(passwordEnv, "keygen-password")
	tests := []struct {
		name     string
		existing []string // files present before keygen, by suffix
		wantCode int
	}{
		{name: "fresh", wantCode: ExitOK},
		{name: "private key exists", existing: []string{".key"}, wantCode: ExitUsage},
		{name: "public key exists", existing: []string{".pub"}, wantCode: ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := filepath.Join(t.TempDir(), "site")
			for _, suffix := range tt.existing {
				if err := os.WriteFile(prefix+suffix, []byte("keep me"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			if got := runWith(context.Background(), []string{"keygen", "--output-key-prefix", prefix}, &stdout, &stderr); got != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr:\n%s", got, tt.wantCode, stderr.String())
			}
			if tt.wantCode != ExitOK {
				// Nothing written, nothing overwritten.
				for _, suffix := range []string{".key", ".pub"} {
					raw, err := os.ReadFile(prefix + suffix)
					switch {
					case slices.Contains(tt.existing, suffix) && string(raw) != "keep me":
						t.Errorf("%s overwritten", suffix)
					case !slices.Contains(tt.existing, suffix) && err == nil:
						t.Errorf("%s written although keygen refused", suffix)
					}
				}
				return
			}
			for suffix, mode := range map[string]os.FileMode{".key": 0o600, ".pub": 0o644} {
				fi, err := os.Stat(prefix + suffix)
				if err != nil {
					t.Fatal(err)
				}
				// The umask may take bits away, never add them.
				if fi.Mode().Perm()&^mode != 0 {
					t.Errorf("%s mode %v, want at most %v", suffix, fi.Mode().Perm(), mode)
				}
			}
			priv, _ := os.ReadFile(prefix + ".key")
			if _, err := attest.LoadPrivateKey(priv, []byte("keygen-password")); err != nil {
				t.Errorf("the written key does not load: %v", err)
			}
			pub, _ := os.ReadFile(prefix + ".pub")
			if _, err := attest.LoadPublicKey(pub); err != nil {
				t.Errorf("the written public key does not load: %v", err)
			}
		})
	}
}
