package engine_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps the layering of DESIGN.md: evidence imports
// nothing of the project; engine reaches neither collectors nor reports;
// collectors and reports do not import each other. The catalogs are data
// with no project imports: collectors may read them (attestations name
// requirements), as everyone else does. The engine holds no registry
// client (packs in OCI registries reach it through PackFetcher), and oci
// knows nothing of the engine.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	forbidden := map[string][]string{
		"github.com/slate-ot/slate/evidence":              {"github.com/slate-ot/slate/"},
		"github.com/slate-ot/slate/engine/catalog":        {"github.com/slate-ot/slate/"},
		"github.com/slate-ot/slate/evidence/advisory":     {"github.com/slate-ot/slate/engine", "github.com/slate-ot/slate/collectors", "github.com/slate-ot/slate/reports", "github.com/slate-ot/slate/cmd", "github.com/open-policy-agent/opa"},
		"github.com/slate-ot/slate/evidence/attest":       {"github.com/slate-ot/slate/engine", "github.com/slate-ot/slate/collectors", "github.com/slate-ot/slate/reports", "github.com/slate-ot/slate/cmd"},
		"github.com/slate-ot/slate/reports/drift":         {"github.com/slate-ot/slate/collectors", "github.com/open-policy-agent/opa"},
		"github.com/slate-ot/slate/reports/trend":         {"github.com/slate-ot/slate/collectors", "github.com/open-policy-agent/opa"},
		"github.com/slate-ot/slate/engine":                {"github.com/slate-ot/slate/collectors", "github.com/slate-ot/slate/reports", "github.com/slate-ot/slate/cmd", "github.com/slate-ot/slate/oci", "github.com/google/go-containerregistry/pkg/v1/remote"},
		"github.com/slate-ot/slate/oci":                   {"github.com/slate-ot/slate/engine", "github.com/slate-ot/slate/collectors", "github.com/slate-ot/slate/reports", "github.com/slate-ot/slate/cmd"},
		"github.com/slate-ot/slate/collectors":            {"github.com/slate-ot/slate/engine", "github.com/slate-ot/slate/reports"},
		"github.com/slate-ot/slate/reports":               {"github.com/slate-ot/slate/collectors", "github.com/open-policy-agent/opa", "github.com/hashicorp/hcl"},
		"github.com/slate-ot/slate/engine/verify":         {"github.com/slate-ot/slate/collectors", "github.com/slate-ot/slate/reports", "github.com/slate-ot/slate/cmd"},
		"github.com/slate-ot/slate/reports/xlsx/returned": {"github.com/slate-ot/slate/collectors", "github.com/open-policy-agent/opa", "github.com/slate-ot/slate/cmd"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == pkg || dep == "github.com/slate-ot/slate/engine/catalog" {
				continue
			}
			for _, b := range bad {
				if strings.HasPrefix(dep, b) {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}
