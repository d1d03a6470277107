package slate.checks.netconfig.remote_logging_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.remote_logging as check

findings(dev) := fs if {
	fs := check.deny with input as fx.input_with([dev])
}

with_logging(fields) := fx.device({"logging": object.union(fx.good.logging, fields)})

test_log_host_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
	count(findings(with_logging({"trap_severity": 7, "trap_severity_line": 30}))) == 0

	# A level the collector does not read says nothing.
	count(findings(with_logging({"trap_severity": 0, "trap_severity_known": false}))) == 0

	# Evidence without the level says nothing.
	count(findings(fx.device({"logging": object.remove(fx.good.logging, ["trap_severity", "trap_severity_known"])}))) == 0
}

test_no_log_host_fails if {
	dev := with_logging({"hosts": [], "trap_severity": 4})
	findings(dev) == {{
		"kind": "no-remote-log",
		"subject": "device:sw1", "zone": "control",
		"message": "sw1 sends its log to no remote server",
		"evidence": [{"document": "netconfig/net", "record": "sw1.cfg", "file": "sw1.cfg"}],
	}}
}

test_level_below_informational_fails if {
	warn := with_logging({"trap_level": "warnings", "trap_severity": 4, "trap_severity_line": 36})
	{[f.kind, f.message, f.evidence] | some f in findings(warn)} == {[
		"log-level",
		"sw1 sends its log servers only warnings and more severe messages, not informational ones (logins, configuration changes)",
		[fx.ref("sw1.cfg", 36)],
	]}
	none := with_logging({"trap_severity": -1, "trap_severity_line": 0})
	{[f.kind, f.message] | some f in findings(none)} == {["log-level", "sw1 sends nothing to its log servers (no logging level is set for them)"]}
}
