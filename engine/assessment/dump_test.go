package assessment

import (
	"errors"
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	a, err := Load(p, testOptions)
	var de *DiagError
	diags := []*struct{}{}
	_ = diags
	if errors.As(err, &de) {
		for _, d := range de.Diags {
			fmt.Printf("DIAG\t%d\t%d\t%s\t%s\n", d.Subject.Start.Line, d.Subject.Start.Column, severity(d.Severity), d.Summary)
		}
		return
	}
	for _, d := range a.Warnings {
		fmt.Printf("DIAG\t%d\t%d\t%s\t%s\n", d.Subject.Start.Line, d.Subject.Start.Column, severity(d.Severity), d.Summary)
	}
}
