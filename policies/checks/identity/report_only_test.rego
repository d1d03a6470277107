package slate.checks.identity.report_only_test

import data.slate.checks.identity.fixtures_test as fx
import data.slate.checks.identity.report_only

test_enforced_policies_are_quiet if {
	count(report_only.deny) == 0 with input as fx.compliant
	report_only.assessed == {"control", "dmz"} with input as fx.compliant
}

test_report_only_mfa_policy if {
	ro := fx.policy({"id": "p2", "name": "CA105 phishing-resistant", "state": "report_only", "enforcing": false})
	blk := fx.policy({"id": "p3", "name": "Block legacy", "state": "report_only", "requires_mfa": false, "blocks": true})
	findings := report_only.deny with input as fx.input_with([], [ro, blk], "blocked")
	findings == {{
		"subject": "policy:CA105 phishing-resistant", "zone": "",
		"message": "MFA policy \"CA105 phishing-resistant\" is report-only and enforces nothing",
		"evidence": [{"document": "mfa/idp", "record": "p2", "file": "ca.json"}],
	}}
}

test_no_policies_assesses_nothing if {
	count(report_only.assessed) == 0 with input as fx.input_with([fx.good_admin], [], "unknown")
}
