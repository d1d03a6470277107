package slate.checks.netconfig.central_aaa_test

import data.slate.checks.netconfig.breadth_fixtures_test as bx
import data.slate.checks.netconfig.central_aaa as check
import data.slate.checks.netconfig.fixtures_test as fx

messages(devs) := {f.message | some f in findings} if {
	findings := check.deny with input as fx.input_with(devs)
}

kinds(devs) := {[f.kind, f.message] | some f in findings} if {
	findings := check.deny with input as fx.input_with(devs)
}

test_central_aaa_passes if {
	cases := [
		bx.device({}),
		bx.with_aaa({"login_methods": ["tacacs+", "local"]}),
		bx.with_aaa({"login_methods": ["group", "ISE", "local-case"]}),
		bx.with_aaa({"login_methods": ["[", "tacplus", "password", "]"]}),
		bx.with_aaa({"login_methods": ["[radius", "password]"]}),
		# An ASA's per-service lists are not recorded: servers with keys pass.
		bx.device({"vendor": "cisco_asa", "aaa": object.union(bx.aaa, {"login_methods": []})}),
	]
	every dev in cases {
		count(check.deny) == 0 with input as fx.input_with([dev])
	}
	check.assessed == {"control"} with input as fx.input_with([bx.device({})])
}

test_local_accounts_only_fails if {
	dev := bx.with_aaa({"servers": [], "login_methods": ["local"], "line": 10})
	findings := check.deny with input as fx.input_with([dev])
	{[f.subject, f.zone, f.message, f.evidence] | some f in findings} == {[
		"device:sw1", "control",
		"sw1 does not authenticate administrators against central AAA: no TACACS+ or RADIUS server is configured",
		[fx.ref("sw1.cfg", 10), fx.ref("sw1.cfg", 8)],
	]}
}

test_no_aaa_at_all_points_at_the_file if {
	dev := bx.with_aaa({"servers": [], "login_methods": [], "local_fallback": false, "line": 0})
	findings := check.deny with input as fx.input_with([object.union(dev, {"users": []})])
	[f.evidence | some f in findings] == [[{"document": "netconfig/net", "record": "sw1.cfg", "file": "sw1.cfg"}]]
}

test_server_without_key_fails if {
	dev := bx.with_aaa({"servers": [
		{"protocol": "radius", "address": "10.10.0.41", "key_set": false, "line": 13},
		{"protocol": "tacacs+", "address": "10.10.0.40", "key_set": true, "line": 12},
	]})
	findings := check.deny with input as fx.input_with([dev])
	{[f.message, f.evidence] | some f in findings} == {[
		"sw1: RADIUS server 10.10.0.41 has no shared key",
		[fx.ref("sw1.cfg", 13)],
	]}
}

test_login_methods_that_bypass_the_servers_fail if {
	messages([bx.with_aaa({"login_methods": ["local", "group", "tacacs+"]})]) == {"sw1 tries local before its AAA servers (login methods: local group tacacs+)"}
	messages([bx.with_aaa({"login_methods": ["local"]})]) == {"sw1 does not use its AAA servers for administrator logins (login methods: local)"}
	messages([bx.with_aaa({"login_methods": []})]) == {"sw1 does not use its AAA servers for administrator logins (no login method list)"}
	messages([bx.with_aaa({"login_methods": ["[", "password", "tacplus", "]"]})]) == {"sw1 tries password before its AAA servers (login methods: password tacplus)"}
	messages([bx.with_aaa({"login_methods": ["enable", "group", "tacacs+", "none"]})]) == {
		"sw1 tries enable before its AAA servers (login methods: enable group tacacs+ none)",
		"sw1 lets administrators in without authentication when its AAA servers do not answer (login methods: enable group tacacs+ none)",
	}
}

test_method_finding_cites_the_aaa_line if {
	findings := check.deny with input as fx.input_with([bx.with_aaa({"login_methods": ["local"], "line": 11})])
	[f.evidence | some f in findings] == [[fx.ref("sw1.cfg", 11)]]
}

test_comware_is_not_judged if {
	dev := bx.with_aaa({"servers": [], "login_methods": []})
	inp := fx.input_with([object.union(dev, {"vendor": "hp_comware"})])
	count(check.deny) == 0 with input as inp
	count(check.assessed) == 0 with input as inp
}

test_no_configurations_assess_nothing if {
	count(check.deny) == 0 with input as fx.no_configs
	count(check.assessed) == 0 with input as fx.no_configs
}

test_findings_name_their_kind if {
	kinds([bx.with_aaa({"servers": [], "login_methods": ["local"]})]) == {[
		"no-central-aaa",
		"sw1 does not authenticate administrators against central AAA: no TACACS+ or RADIUS server is configured",
	]}
	kinds([bx.with_aaa({"servers": [{"protocol": "radius", "address": "10.10.0.41", "key_set": false, "line": 13}]})]) == {["server-without-key", "sw1: RADIUS server 10.10.0.41 has no shared key"]}
	kinds([bx.with_aaa({"login_methods": ["local", "group", "tacacs+", "none"]})]) == {
		["servers-unused", "sw1 tries local before its AAA servers (login methods: local group tacacs+ none)"],
		["unauthenticated-fallback", "sw1 lets administrators in without authentication when its AAA servers do not answer (login methods: local group tacacs+ none)"],
	}
}
