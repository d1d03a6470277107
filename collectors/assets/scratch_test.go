package assets

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

func TestScratch(t *testing.T) {
	dir, _ := filepath.Abs("testdata")
	for _, f := range []string{os.Getenv("F")} {
		src := evidence.Source{Kind: "assets", Name: "x", Dir: dir, Files: []string{filepath.Join(dir, f)},
			Zones: []evidence.Zone{{Name: "Cell 1", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.1.0/24")}}, {Name: "DMZ", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.0.0/24")}}, {Name: "Supervisory", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.2.0/24")}}}}
		doc, err := New().Collect(context.Background(), src)
		if err != nil {
			fmt.Println("ERR", err)
			continue
		}
		var v any
		json.Unmarshal(doc.Data, &v)
		b, _ := json.MarshalIndent(map[string]any{"prov": doc.Provenance, "data": v}, "", " ")
		fmt.Println(string(b))
	}
}
