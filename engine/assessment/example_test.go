package assessment_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/slate-ot/slate/engine/assessment"
)

func ExampleLoad() {
	path, err := assessment.Resolve("testdata/valid")
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := assessment.Load(path, assessment.LoadOptions{})
	var de *assessment.DiagError
	if errors.As(err, &de) {
		// Every problem at once, each with its place and source line.
		_ = de.WriteText(os.Stderr, 80, false)
		return
	}
	for _, z := range a.Zones {
		fmt.Println(z.Name, z.Kind, z.Owner, z.Networks, z.SLTarget)
	}
	// Output:
	// control ot OT [10.30.0.0/24 10.30.1.0/24] [2 2 3 2 3 2 1]
	// dmz dmz CISO [10.20.0.0/24] [2 2 2 2 2 2 2]
	// enterprise it IT [10.10.0.0/16 fd00:10::/48] [1 1 1 1 1 1 1]
}

func ExampleDiagError() {
	_, err := assessment.Load("testdata/errors/zone_refs.hcl", assessment.LoadOptions{})
	fmt.Println(err)
	// Output:
	// testdata/errors/zone_refs.hcl:14:14: Conduit joins a zone to itself; A conduit connects two different zones, but from and to are both "control"; change one of them.
	// testdata/errors/zone_refs.hcl:19:14: Unknown zone; No zone named "contrl" is declared; the only zone is "control". Fix the name or declare the zone. Did you mean "control"?
	// testdata/errors/zone_refs.hcl:21:14: Unknown zone; No zone named "enterprise" is declared; the only zone is "control". Fix the name or declare the zone.
	// testdata/errors/zone_refs.hcl:27:17: Unknown zone; No zone named "safety" is declared; the only zone is "control". Fix the name or declare the zone.
}
