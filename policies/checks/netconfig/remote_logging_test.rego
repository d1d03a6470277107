package slate.checks.netconfig.remote_logging_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.remote_logging as check

test_log_host_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
}

test_no_log_host_fails if {
	dev := fx.device({"logging": object.union(fx.good.logging, {"hosts": []})})
	findings := check.deny with input as fx.input_with([dev])
	findings == {{
		"subject": "device:sw1", "zone": "control",
		"message": "sw1 sends its log to no remote server",
		"evidence": [{"document": "netconfig/net", "record": "sw1.cfg", "file": "sw1.cfg"}],
	}}
}
