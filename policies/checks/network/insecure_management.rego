# METADATA
# title: No insecure management protocols in OT zones
# description: >-
#   Captured traffic shows no device in an OT zone serving, or being
#   managed over, telnet, FTP, plain HTTP, SNMP v1/v2c or SMB version 1:
#   protocols that carry credentials and commands in cleartext or are
#   obsolete.
# scope: package
# custom:
#   id: SLATE-NET-003
#   requirements:
#     - iec62443-3-3:SR 4.1
#     - iec62443-3-3:SR 7.7
#     - nist-800-53r5:CM-7
#     - nist-800-53r5:SC-8
#   severity: medium
#   owner: OT
#   why: >-
#     Telnet, FTP, plain HTTP, SNMP v1/v2c and SMB v1 carry commands and
#     credentials without protection: IEC 62443-3-3 SR 4.1 (information
#     confidentiality, of information in transit) and SP 800-53r5 SC-8
#     (transmission confidentiality and integrity) fail; running such
#     services where they are not needed also fails SR 7.7 (least
#     functionality) and CM-7.
#   remediation: >-
#     Disable telnet, FTP, HTTP, SNMP v1/v2c and SMB v1 on devices in OT
#     zones; use SSH, SFTP, HTTPS, SNMPv3 with authPriv and SMB 3 with
#     encryption instead, and block the old protocols at the zone boundary.
package slate.checks.network.insecure_management

import data.slate.lib.network

assessed contains zone if {
	some zone in network.evidence_zones
	zone in network.ot_zones
}

not_applicable contains name if {
	network.present
	some name, _ in network.zones_by_name
	not name in network.ot_zones
}

always_insecure := {"telnet": "telnet", "ftp": "FTP", "http": "plain HTTP"}

# insecure(flow) names what makes the flow's protocol insecure.
insecure(flow) := always_insecure[flow.protocol]

insecure(flow) := sprintf("SNMP v%s", [v]) if {
	flow.protocol == "snmp"
	some v in ["1", "2c"]
	network.attr_has(flow, "version", v)
}

insecure(flow) := "SMB version 1" if {
	flow.protocol == "smb"
	network.attr(flow, "smb1") == "true"
}

# ot_end is the OT zone of the flow: the server's if it is OT, else the
# client's.
ot_end(flow) := flow.server.zone if flow.server.zone in network.ot_zones

ot_end(flow) := flow.client.zone if {
	not flow.server.zone in network.ot_zones
	flow.client.zone in network.ot_zones
}

deny contains finding if {
	some c in network.management_conversations
	zone := ot_end(c)
	some flow in c.flows
	what := insecure(flow)
	finding := {
		"subject": network.subject(flow),
		"zone": zone,
		"message": sprintf("%s uses %s to %s in OT zone %s", [flow.client.ip, what, network.endpoint(flow.server), zone]),
		"evidence": [network.ref(flow)],
		"exposure": network.flow_exposure(flow),
	}
}
