package slate.checks.netconfig.login_banner_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.login_banner as check

test_banner_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
}

test_no_banner_fails if {
	dev := fx.device({"banner": {"present": false, "kind": "", "line": 0}})
	findings := check.deny with input as fx.input_with([dev])
	{f.message | some f in findings} == {"sw1 shows no login banner"}
}
