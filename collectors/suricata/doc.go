// Package suricata is the Suricata collector: it reads the EVE JSON logs
// Suricata sensors write and turns them into evidence of kind "suricata",
// the same typed traffic evidence as a capture's (evidence/traffic), so
// that every network and joined check reads it unchanged, plus the
// sensor's alerts as facts of their own.
//
//	source "suricata" "span" {
//	  files = ["eve/**/eve*.json*"]
//	}
//
// # Reading
//
// One JSON object per line (Suricata's eve.json), plain or gzip (found by
// magic bytes), through package collectors/logfile. A source may list
// many files: rotated logs (eve.json.1, eve-2024-05-01.json.gz) and the
// logs of several sensors side by side. Files are read in parallel, at
// most GOMAXPROCS at a time, each into an aggregate bounded by the flows
// it names, then merged in file order, so the result does not depend on
// scheduling and memory follows distinct flows, not lines.
//
// The sensor of a file is the source's sensor option, else the host
// field of its events (Suricata's sensor-name), else the directory above
// it (passing over a date directory and "current"), else the source's
// name. Each input records its sensor and its first and last record time;
// the observation window spans every sensor's records, and the evidence
// date is the day the sensor that stopped first stopped.
//
// # Bad input
//
// A line that is not a JSON object, a field read here with the wrong JSON
// type and a bad timestamp or address stop the file with an error naming
// file and line; a gzip member cut short or corrupt, with one naming the
// byte of the file as it is (compressed) where decompression stopped and
// the last line read before it, as the capture collector names a place in
// a gzip capture (a line of the decompressed data is no place a user can
// find in the file they have); every bad file
// of the source is reported at once (evidence.InputErrors), and the CLI
// exits 3. One exception: the newest plain file of a log a sensor may
// still be writing (in a directory, the file named as the log's stem plus
// ".json", else the last plain ".json" file in name order) may end in a
// line the sensor has not finished; that line is left out with a
// warning, the evidence is marked incomplete, and the complete lines are
// read. Event types not read are counted per file and listed as
// warnings, never errors.
//
// # Flows
//
// Events join their flow by flow_id (the flow of one sensor run; the
// tuple is part of the key, so that two flows a run gave one id stay
// apart); an event without flow_id joins the flow of its tuple. A flow no
// flow event describes (an alerts-only log) is built from the tuples of
// its events. The client end is the flow event's source; else an
// app-layer event's (Suricata logs them client first); else an alert's,
// turned by its direction field or the ends of its flow section; else
// (and for DNS answers, which older versions logged server first) the
// end that is not on a server's port (below 1024 or one a capture
// dissector registers). Flows are TCP and UDP only, as in the model; the
// events of other transports are counted (alerts on them are kept, see
// below). The same conversation seen by two sensors (or given two ids) is
// one flow whose counts add up, as for two captures of it.
//
// Fields read from each event type:
//
//	common      timestamp, event_type, flow_id, host, src_ip, src_port,
//	            dest_ip, dest_port, proto (TCP, UDP; others counted),
//	            app_proto, vlan (array, or one number as older versions
//	            wrote), direction, ether.src_mac/dest_mac
//	flow        flow.pkts_toserver/toclient, bytes_toserver/toclient,
//	            start, end, state; tcp.tcp_flags_ts/tc (the handshake:
//	            state established or closed, or SYN one way and SYN-ACK
//	            the other)
//	netflow     netflow.pkts, bytes, start, end: one direction; used only
//	            for flows no flow event describes
//	alert       alert.signature, signature_id, gid, rev, category,
//	            severity, action; flow.src_ip (orientation)
//	anomaly     anomaly.type, event, layer: an event suricata_anomaly
//	modbus      request/response function_raw, unit_id, mei.raw,
//	            exception.raw/code: operations by function code as the
//	            capture dissector names and classes them, errors for
//	            exceptions (code | 0x80) with a modbus_exception event
//	dnp3        application.function_code of the message (and of
//	            request/response in alerts), iin.indicators
//	            (no_func_code_support): operations as the dissector's,
//	            restart and stop events, secure_authentication
//	enip, cip   request/response command (Suricata's names and
//	            unknown-N), status, cip.service (names and unknown-N),
//	            cip.class_name (Connection Manager services), cip.status,
//	            cip.multiple, identity (vendor_id, product_code,
//	            product_name, revision, device_type)
//	tls         version (as the dissector writes it: "TLS1.2"; SSLv3 to
//	            TLS 1.1 also deprecated_version), sni, subject, issuerdn,
//	            notafter, ja3.hash, ja3s.hash
//	ssh         client/server proto_version (ssh1 when not 2.0) and
//	            software_version
//	http        hostname, http_method, status, http_user_agent
//	smb         dialect (smb1 or smb2), command, share, ntlmssp.user
//	rdp         event_type initial_request (cookie as user_hint),
//	            initial_response (protocol as selected, nla; error_code,
//	            reason), connect_request (client.build, client.version)
//	snmp        version, pdu_type, community (v1, v2c)
//	ftp         command, command_data of USER and PASS, completion_code
//	            (530: login_failed)
//	dhcp        dhcp_type, hostname, client_mac, assigned_ip (a lease
//	            binds the address to the MAC for the devices)
//	dns         type, rrtype (queries[].rrtype in version 3), rcode
//	ntp         version, mode
//
// Ignored: every other field (payloads, packets, files, metadata, HTTP
// headers and URLs, certificates' fingerprints and serials, DNS answers)
// and every other event type (stats, fileinfo, drop, quic, smtp...),
// which are counted.
//
// Protocol names: Suricata's app_proto modbus, dnp3, enip, tls, ssh,
// http, smb, rdp, snmp, ftp, dns, ntp, telnet and rfb (vnc) are slate's;
// a flow of any other (dhcp, krb5, quic...) names no protocol and keeps
// Suricata's name as its app_proto fact. A flow whose detection failed
// (app_proto "failed"), and a UDP flow without app_proto, are labelled by
// port as the capture collector labels flows.
//
// # Secrets
//
// SNMP communities and FTP passwords go to the flow's recorder
// (collectors/pcap/dissect), which keeps the strength class and, for a
// long secret, the fingerprint under the site's key, never the secret;
// the USER name is kept. HTTP headers (an Authorization header) and URLs
// (query strings) are not decoded at all.
//
// # Alerts
//
// Alerts become traffic.Alert facts (data.alerts): one per flow and
// signature (gid, signature_id, rev, action) with the flow's id and ends,
// the signature, category, severity and action, how often it fired and
// when first and last, the sensor, Suricata's flow_id and the file:line
// of the first. At most MaxAlerts signatures per flow are kept
// (alerts_dropped counts the rest). Alerts on packets of no TCP or UDP
// flow (ICMP) are kept by their addresses, with no flow id.
//
// # Provenance
//
// Provenance lists every file with its size and SHA-256, the records read
// and skipped, and warnings. Each flow's facts cite where it was read:
// suricata_flow_event ("file:line" of its flow event, or
// suricata_event, its first event, when it has none) and
// suricata_flow_id.
//
// It imports the capture collector's dissect package (the recorder) and
// its operation vocabularies (ot.Vocabulary, it.DefaultLogin), never the
// engine or a report.
package suricata
