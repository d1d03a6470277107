package assets_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"

	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/evidence"
)

func ExampleCollector_Collect() {
	dir, _ := os.MkdirTemp("", "assets-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "inventory.csv")
	_ = os.WriteFile(path, []byte(
		"Hostname;IP Address;MAC;Firmware;SNMP Community\n"+
			"plc-01;10.10.1.10/24;001D.9CC8.03E1;V2.9.4;public\n"), 0o644)

	doc, err := assets.New().Collect(context.Background(), evidence.Source{
		Kind: assets.Kind, Name: "plant", Dir: dir, Files: []string{path},
		Zones: []evidence.Zone{{Name: "Cell 1", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.1.0/24")}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var data assets.Data
	_ = json.Unmarshal(doc.Data, &data)
	a := data.Assets[0]
	fmt.Println(doc.ID, a.ID)
	fmt.Println(a.Name, a.IP, a.MAC, a.Firmware, a.Zone, a.ZoneSource)
	fmt.Println("secret columns:", data.SecretColumns)
	// Output:
	// assets/plant inventory.csv:2
	// plc-01 10.10.1.10 00:1d:9c:c8:03:e1 V2.9.4 Cell 1 network
	// secret columns: [SNMP Community]
}
