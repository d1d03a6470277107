package slate.checks.netconfig.vty_access_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.vty_access as check

line(fields) := object.union(
	{"kind": "vty", "name": "vty 0 4", "transport_input": ["ssh"], "access_class": "MGMT", "exec_timeout_seconds": 600, "exec_timeout_default": false, "login": "aaa", "line": 40},
	fields,
)

with_lines(lines) := fx.device({"management": object.union(fx.good.management, {"lines": lines})})

test_restricted_lines_pass if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
	closed := with_lines([line({"access_class": "", "transport_input": ["none"]})])
	count(check.deny) == 0 with input as fx.input_with([closed])
	refused := with_lines([line({"access_class": "", "transport_input": ["default"], "login": "password_missing"})])
	count(check.deny) == 0 with input as fx.input_with([refused])
}

test_open_and_idle_lines_fail if {
	dev := with_lines([
		line({"access_class": "", "line": 40}),
		line({"name": "vty 5 15", "exec_timeout_seconds": 3600, "line": 44}),
		line({"kind": "console", "name": "con 0", "access_class": "", "exec_timeout_seconds": 0, "line": 38}),
	])
	findings := check.deny with input as fx.input_with([dev])
	{[f.kind, f.message, f.evidence[0].line] | some f in findings} == {
		["no-access-class", "sw1: line vty 0 4 accepts remote logins from any address (no access class)", 40],
		["idle-remote-session", "sw1: line vty 5 15 keeps idle sessions open for 60 minutes", 44],
		["idle-local-session", "sw1: line con 0 never ends idle sessions", 38],
	}
}
