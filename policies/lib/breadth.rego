# Helpers shared by checks that judge OT zones from network evidence: who
# owns a zone's findings, which switch ports face the devices of an OT zone,
# and which addresses seen on the wire lie outside every declared zone.
# No findings here.
package slate.lib.breadth

import data.slate.lib.netconfig
import data.slate.lib.network

zone_kinds := {zone.name: object.get(zone, "kind", "") | some zone in input.assessment.zones}

# ot_zones are the zones the assessment declares as OT.
ot_zones := {name | some name, kind in zone_kinds; kind == "ot"}

# owner is who fixes a finding in the zone: OT for OT zones, IT for every
# other zone and for the whole site.
default owner(_) := "IT"

owner(zone) := "OT" if zone in ot_zones

# access_ports(dev) are the device's access-mode interfaces in OT zones:
# the ports where a device of the zone is plugged in. Shut-down and spare
# ports are kept, with their flags, for the checks to weigh. The engine
# lists them once for every check (input.index.netconfig.access_ports, by
# the device's key); they are made here when the input has none.
access_ports(dev) := input.index.netconfig.access_ports[dev.key]

access_ports(dev) := [i |
	some i in dev.interfaces
	i.mode == "access"
	i.zone in ot_zones
] if not input.index.netconfig.access_ports

# access_zones are the OT zones with at least one access port in the
# configurations: the zones whose edge ports the evidence speaks for.
access_zones := {i.zone |
	some dev in netconfig.devices
	some i in access_ports(dev)
}

# declared_networks are the networks of every declared zone.
declared_networks := [n | some zone in input.assessment.zones; some n in object.get(zone, "networks", [])]

# special_networks hold addresses that name no remote host: this network,
# loopback, link-local, multicast and broadcast.
special_networks := [
	"0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.255.255.255/32",
	"::/128", "::1/128", "fe80::/10", "ff00::/8",
]

# flow_ips are the addresses at either end of some flow with an end
# outside the declared networks (network.external_flows): every outside
# address, and the inside ones that talk to one. Addresses repeat over
# many flows, so they are sorted into inside and outside once.
flow_ips := client_ips | server_ips

client_ips := {ip | some flow in network.external_flows; ip := flow.client.ip}

server_ips := {ip | some flow in network.external_flows; ip := flow.server.ip}

# inside_ips are the flow addresses in a declared zone network, by address
# rather than by the flow's zone, which a VLAN may have set.
inside_ips := {ip | some [_, ip] in net.cidr_contains_matches(declared_networks, flow_ips)}

special_ips := {ip | some [_, ip] in net.cidr_contains_matches(special_networks, flow_ips)}

# outside_ips are the flow addresses that lie in no declared zone network
# and name a single remote host.
outside_ips := (flow_ips - inside_ips) - special_ips
