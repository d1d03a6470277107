package slate.checks.netconfig.spare_ports_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.spare_ports as check

test_no_open_spare_ports_passes if {
	dev := fx.device({"spare_ports": {"total": 1, "open": []}})
	count(check.deny) == 0 with input as fx.input_with([dev])
}

test_open_spare_ports_fail if {
	dev := fx.device({
		"interfaces": array.concat(fx.good.interfaces, [fx.iface({"name": "Gi0/2", "mode": "access", "spare": true, "physical": true, "line": 60})]),
		"spare_ports": {"total": 1, "open": ["Gi0/2"]},
	})
	findings := check.deny with input as fx.input_with([dev])
	{[f.message, f.evidence] | some f in findings} == {[
		"sw1 has 1 unused access ports that are not shut down: Gi0/2",
		[fx.ref("sw1.cfg", 60)],
	]}
}
