package engine_test

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// runaway is a check whose deny rule walks 10^10 pairs of numbers: left
// alone it runs for hours, so only the deadline can end it.
const runaway = `# METADATA
# title: Runaway
# scope: package
# custom:
#   id: X-RUNAWAY
#   requirements: ["SR 7.3"]
#   severity: high
#   owner: OT
#   remediation: R.
package slate.checks.x.runaway

assessed contains "control"

deny contains {"subject": "s", "message": "m"} if {
	some a in numbers.range(1, 100000)
	some b in numbers.range(1, 100000)
	a * b == -1
}
`

// quick is a check that finishes at once.
const quick = `# METADATA
# title: Quick
# scope: package
# custom:
#   id: X-QUICK
#   requirements: ["SR 7.3"]
#   severity: high
#   owner: OT
#   remediation: R.
package slate.checks.x.quick

assessed contains "control"
`

// TestPolicyDeadline: a check that would run for hours is stopped at the
// configured deadline with a PolicyError naming its file and line, and a
// deadline a quick check (and every built-in check of the site) finishes
// well within leaves them unaffected. That deadline is seconds, not the
// runaway's 200 ms: the built-in checks run under it too, and on a busy
// machine under the race detector one may take longer than 200 ms.
func TestPolicyDeadline(t *testing.T) {
	hcl := site + "\npolicies {\n  paths = [\"policies\"]\n}\n"
	for _, tc := range []struct {
		name, rego string
		timeout    time.Duration
		want       *regexp.Regexp // nil: the run succeeds
	}{
		{"runaway stopped", runaway, 200 * time.Millisecond,
			// The check is named, and so is the size of the input, with
			// the option a large site raises.
			regexp.MustCompile(`policies/p\.rego:1: slate\.checks\.x\.runaway \(X-RUNAWAY\): evaluation stopped after 200ms, the policy timeout\n` +
				`The input held assets: 1 record in 1 document\. .*a site this size may need more than 200ms a check, so raise --policy-timeout \(for example to 800ms\)`)},
		{"quick check passes", quick, 10 * time.Second, nil},
		{"default deadline", quick, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeInventorySite(t, hcl, map[string]string{"policies/p.rego": tc.rego})
			_, err := engine.Assess(context.Background(), dir, collectors.Default, engine.Options{
				Getenv:        func(string) string { return "" },
				PolicyTimeout: tc.timeout,
			})
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Assess: %v", err)
				}
				return
			}
			var pe *engine.PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a PolicyError", err)
			}
			if !tc.want.MatchString(err.Error()) {
				t.Errorf("error %q does not match %s", err, tc.want)
			}
		})
	}
}

// TestPolicyDeadlineCancel: cancelling the run's context is reported as
// such, not as a policy running out of time.
func TestPolicyDeadlineCancel(t *testing.T) {
	hcl := site + "\npolicies {\n  paths = [\"policies\"]\n}\n"
	dir := writeSite(t, hcl, map[string]string{"policies/p.rego": runaway})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := engine.Assess(ctx, dir, collectors.Default, engine.Options{
		Getenv:        func(string) string { return "" },
		PolicyTimeout: time.Hour,
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want the context's deadline error", err)
	}
	var pe *engine.PolicyError
	if errors.As(err, &pe) {
		t.Errorf("cancellation reported as a policy error: %v", err)
	}
}
