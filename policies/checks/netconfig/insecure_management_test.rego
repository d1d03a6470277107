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

test_default_transport_named if {
	dev := fx.device({"management": object.union(fx.good.management, {
		"telnet": {"enabled": true, "line": 50},
		"lines": [{"kind": "vty", "name": "vty 0 4", "line": 50, "transport_input": ["default"], "default_version": "12.4", "telnet_login": true}],
	})})
	findings := check.deny with input as fx.input_with([dev])
	{f.message | some f in findings} == {"sw1 accepts telnet management, which sends credentials in clear text (line vty 0 4 names no transport input, and the platform default of version 12.4 lets telnet in)"}
}

test_default_transport_without_version if {
	dev := fx.device({"management": object.union(fx.good.management, {
		"telnet": {"enabled": true, "line": 50},
		"lines": [{"kind": "vty", "name": "vty 0 4", "line": 50, "transport_input": ["default"], "default_version": "", "telnet_login": true}],
	})})
	findings := check.deny with input as fx.input_with([dev])
	{f.message | some f in findings} == {"sw1 accepts telnet management, which sends credentials in clear text (line vty 0 4 names no transport input, and the platform default lets telnet in)"}
}

test_no_configs_assess_nothing if {
	count(check.assessed) == 0 with input as fx.no_configs
	count(check.deny) == 0 with input as fx.no_configs
}
