package attestation_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/evidence"
)

func ExampleCollector_Collect() {
	dir, _ := os.MkdirTemp("", "attestation-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "physical.hcl")
	_ = os.WriteFile(path, []byte(`
attestation "badge-access" {
  requirements = ["PE-3", "SR 1.1"]
  zones        = ["control"]
  verdict      = "pass"
  evidence     = "Badge system export 2026-10-02, photo P-0142"
  attested_by  = "J. Moreau, OT security lead"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}
`), 0o644)

	doc, err := attestation.New().Collect(context.Background(), evidence.Source{
		Kind: attestation.Kind, Name: "site-visit", Dir: dir, Files: []string{path},
		Zones: []evidence.Zone{{Name: "control"}, {Name: "cell"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var data evidence.AttestationData
	_ = json.Unmarshal(doc.Data, &data)
	for _, a := range data.Attestations {
		fmt.Println(a.ID, a.Verdict, a.Zones, "until", a.Expires, "at", fmt.Sprintf("%s:%d", a.File, a.Line))
	}
	// Output:
	// badge-access/iec62443-3-3:SR 1.1 pass [control] until 2027-10-02 at physical.hcl:2
	// badge-access/nist-800-53r5:PE-3 pass [control] until 2027-10-02 at physical.hcl:2
}

func ExampleError() {
	dir, _ := os.MkdirTemp("", "attestation-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "procedures.csv")
	_ = os.WriteFile(path, []byte("requirement;zones;scope;verdict;evidence;attested_by;date;expires\n"+
		"SR 7.3;control;;passed;Procedure OT-SEC-07;J. Moreau;2026-10-02;2027-10-02\n"+
		"SR 7.3;;site;pass;Procedure OT-SEC-07;J. Moreau;2026-10-02;2026-04-02\n"+
		"SR 7.4;;;pass;Restore test of scada-srv-01;J. Moreau;2026-10-02;2027-10-02\n"), 0o644)

	_, err := attestation.New().Collect(context.Background(), evidence.Source{
		Kind: attestation.Kind, Name: "procedures", Dir: dir, Files: []string{path},
		Zones: []evidence.Zone{{Name: "control"}, {Name: "cell"}},
	})
	fmt.Println(err)
	// Output:
	// procedures.csv:2: Invalid verdict; "passed" is not a valid verdict; use "pass", "fail" or "not_applicable". Did you mean "pass"?
	// procedures.csv:3: Expiry not after the date; The attestation expires on 2026-04-02, which is not after the day it was made (2026-10-02); an attestation holds for a period, so set expires to a later day.
	// procedures.csv:4: Missing scope; The row does not say where it holds; list the zones where it was examined in the zones column, like "cell;control", or write site in the scope column if it holds for the whole site, like a site security policy.
}
