package slate.checks.netconfig.insecure_management_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.insecure_management as check

test_ssh_only_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
	check.assessed == {"control"} with input as fx.input_with([fx.good])
}

test_telnet_and_http_fail if {
	dev := fx.device({"management": object.union(fx.good.management, {
		"telnet": {"enabled": true, "line": 41},
		"http": {"enabled": true, "line": 6},
	})})
	findings := check.deny with input as fx.input_with([dev])
	{f.message | some f in findings} == {
		"sw1 accepts telnet management, which sends credentials in clear text",
		"sw1 accepts HTTP management, which sends credentials in clear text",
	}
	some f in findings
	f.subject == "device:sw1"
	f.zone == "control"
	f.evidence == [fx.ref("sw1.cfg", 41)]
}

test_no_configs_assess_nothing if {
	count(check.assessed) == 0 with input as fx.no_configs
	count(check.deny) == 0 with input as fx.no_configs
}
