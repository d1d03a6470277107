package mfa_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/mfa"
)

// BenchmarkScubaGearExport collects the 1.7 MB ScubaGear sample export.
func BenchmarkScubaGearExport(b *testing.B) {
	dir, err := filepath.Abs("testdata/corpus")
	if err != nil {
		b.Fatal(err)
	}
	src := newSource(dir, []string{filepath.Join(dir, "scubagear_sample_ProviderSettingsExport.json")}, nil)
	c := mfa.New()
	for b.Loop() {
		if _, err := c.Collect(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCSVUsers collects a generic CSV export of 100,000 users: the
// time must grow with the rows, not with their square.
func BenchmarkCSVUsers(b *testing.B) {
	dir := b.TempDir()
	var sb strings.Builder
	sb.WriteString("username,display name,enabled,groups,mfa enforced,methods,last sign-in\n")
	for i := range 100_000 {
		fmt.Fprintf(&sb, "user%06d,User %d,true,OT-Operators;Staff,%t,app;sms,2026-11-%02d\n", i, i, i%3 != 0, 1+i%28)
	}
	path := filepath.Join(dir, "users.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	src := newSource(dir, []string{path}, nil)
	c := mfa.New()
	for b.Loop() {
		if _, err := c.Collect(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
}
