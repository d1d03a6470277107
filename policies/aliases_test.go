package policies

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/slate-ot/slate/evidence"
)

// TestServiceAliases: the conduit matching of the policies
// (data.slate.lib.network.aliases) reads a conduit's service names as the
// engine accepts them (evidence.ProtocolAliases).
func TestServiceAliases(t *testing.T) {
	var opts []func(*rego.Rego)
	err := fs.WalkDir(FS, "lib", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(FS, path)
		opts = append(opts, rego.Module(path, string(src)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(append(opts, rego.Query("data.slate.lib.network.aliases"))...).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v %v", rs, err)
	}
	got := map[string]string{}
	for k, v := range rs[0].Expressions[0].Value.(map[string]any) {
		got[k], _ = v.(string)
	}
	if diff := cmp.Diff(evidence.ProtocolAliases(), got); diff != "" {
		t.Errorf("evidence.ProtocolAliases (-) and data.slate.lib.network.aliases (+) differ:\n%s", diff)
	}
}
