package suricata

import "github.com/slate-ot/slate/evidence"

func evidenceSource() evidence.Source { return evidence.Source{Kind: Kind, Name: "fuzz"} }
