package zeek

import (
	"net/netip"
	"testing"
)

// TestConvID: two conversation keys have the same packed id exactly when
// they are equal, whichever field tells them apart.
func TestConvID(t *testing.T) {
	base := convKey{tuple: tuple{orig: netip.MustParseAddr("10.0.0.1"), resp: netip.MustParseAddr("10.0.0.2"), op: 40000, rp: 502}, proto: "tcp"}
	variants := map[string]func(k *convKey){
		"same":          func(k *convKey) {},
		"orig address":  func(k *convKey) { k.orig = netip.MustParseAddr("10.0.0.3") },
		"resp address":  func(k *convKey) { k.resp = netip.MustParseAddr("10.0.0.3") },
		"IPv4 in IPv6":  func(k *convKey) { k.orig = netip.MustParseAddr("::ffff:10.0.0.1") },
		"IPv6 zone":     func(k *convKey) { k.orig = netip.MustParseAddr("fe80::1%eth0") },
		"other zone":    func(k *convKey) { k.orig = netip.MustParseAddr("fe80::1%eth1") },
		"orig port":     func(k *convKey) { k.op = 40001 },
		"resp port":     func(k *convKey) { k.rp = 503 },
		"ports swapped": func(k *convKey) { k.op, k.rp = 502, 40000 },
		"udp":           func(k *convKey) { k.proto = "udp" },
		"vlan":          func(k *convKey) { k.vlan = 10 },
		"inner vlan":    func(k *convKey) { k.inner = 10 },
		"vlan -1":       func(k *convKey) { k.vlan = -1 },
	}
	keys := map[string]convKey{}
	for name, change := range variants {
		k := base
		change(&k)
		keys[name] = k
	}
	keys["zone again"] = convKey{tuple: tuple{orig: netip.MustParseAddr("fe80::1%eth0"), resp: base.resp, op: base.op, rp: base.rp}, proto: "tcp"}
	for n1, k1 := range keys {
		for n2, k2 := range keys {
			if same := k1.id() == k2.id(); same != (k1 == k2) {
				t.Errorf("%s and %s: same id %v, equal keys %v", n1, n2, same, k1 == k2)
			}
		}
	}
}
