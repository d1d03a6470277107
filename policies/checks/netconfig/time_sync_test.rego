package slate.checks.netconfig.time_sync_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.time_sync as check

test_ntp_server_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
}

test_no_ntp_fails if {
	dev := fx.device({"hostname": "", "ntp": {"servers": [], "authentication": {"enabled": false, "line": 0}}})
	findings := check.deny with input as fx.input_with([dev])
	{[f.subject, f.message] | some f in findings} == {["device:sw1.cfg", "sw1.cfg synchronises its clock with no NTP server"]}
}
