// Package netconfig reads the saved configurations of switches, routers
// and firewalls into one evidence document of kind "netconfig", one device
// per file, in a device model that is the same for every vendor.
//
// It reads Cisco IOS/IOS-XE, NX-OS, ASA and IOS-XR, Arista EOS and HP/H3C
// Comware (indentation-structured: ParseIndented builds a tree of lines),
// and Juniper Junos in both the brace and the "set" format
// (ParseJunosBraces and ParseJunosSet turn both into the same statement
// paths). Junos "groups" are inherited where "apply-groups" names them
// (wildcards such as "<ge-*>" matched against the file's own paths; the
// file's own statements win), and "interfaces interface-range"
// statements apply to every member; facts read through them carry the
// line of the group or range statement. The vendor comes from the source block's `vendor` option or is
// detected from the content (Detect); a file of no known format, a binary
// file or a truncated one (an unterminated banner, an unclosed Junos
// block) is an *evidence.InputError naming the file and, where there is
// one, the line; the collector reads on past it, and when several files
// are bad every one is reported (an *evidence.InputErrors). Lines the collector does not interpret are kept counted
// (unknown_lines, provenance records_skipped), never an error. Two files
// with the same hostname are two devices, told apart by file: provenance
// warns at the later file's hostname line, naming the earlier file, and
// policies label each as "hostname (file)".
//
// Secrets never reach the evidence: passwords and hashes are recorded by
// storage class and strength, SNMP communities by strength class and, when
// long, a keyed fingerprint (evidence.Fingerprint with the source's
// FingerprintKey), TACACS+/RADIUS keys and
// pre-shared keys by their presence only.
//
// It describes what the configuration says and never decides compliance.
// From this project it imports only the evidence package.
//
// # The document
//
// Policies see input.evidence.netconfig[_].data as {"devices": [Device]},
// sorted by file. Every list is present (possibly empty) and sorted. A
// "line" is the 1-based line of the file the fact came from; 0 marks a
// vendor default that holds because the file does not say otherwise.
//
// Device:
//   - file: the configuration, relative to the assessment directory.
//   - vendor: cisco_ios, cisco_nxos, cisco_asa, cisco_iosxr, arista_eos,
//     hp_comware or juniper_junos; vendor_source: "option" or "detected".
//   - hostname, hostname_line; os_version, os_version_line ("" and 0 when
//     the file does not say).
//   - config_lines: configuration lines read (comments and blank lines
//     excluded); unknown_lines: those the collector did not interpret.
//   - management_address: the first address ("10.0.0.1/24") of a
//     management interface (mgmt*, Management*, fxp0, me0, em0, ...), "" if
//     none; management_zone: its zone, "" if none.
//   - management: ssh, telnet, http, https, each {enabled, version (ssh
//     only, "2"), line}; lines: the console/aux/vty lines, each {kind
//     ("console", "aux", "vty", "tty"), name ("vty 0 4"), transport_input
//     (as written; IOS vty lines without one get ["default"], the
//     platform default, which on IOS accepts telnet), default_version (the
//     OS version the file names when the default applies, else ""),
//     access_class (ACL name, "" for none), exec_timeout_seconds (0 =
//     never), exec_timeout_default (true when not written: 600 s assumed),
//     login ("none": anyone gets in, "password", "password_missing": login
//     asks for a line password never set, so every session is refused,
//     "local", "aaa"), login_list (the AAA method list the line uses,
//     "default" when it names none, "" without AAA; a list whose first
//     method is "none" makes login "none"; AAA without a default list
//     means "local"), telnet_login (a telnet session can log in: the
//     transport lets telnet in and login does not refuse every session),
//     line}. Telnet counts as enabled when a vty line has telnet_login,
//     or the vendor's telnet server is on.
//   - aaa: servers [{protocol "tacacs+"|"radius", address, key_set, line}],
//     local_fallback (local accounts are tried when the servers fail or
//     are listed with "local"/"password"), login_methods (the default
//     login method list as written), line (first aaa line, 0 if none or
//     when "no aaa new-model" turns AAA off; negated aaa lines are not
//     read).
//   - users: [{name, privilege (level or role/class as written),
//     password {class, strength, line}, line}] by name.
//   - enable_secret: {class, strength, line} or null.
//   - stored_secrets: [{context, class, strength, line}] by line: the other
//     credentials the file stores, never their values: console/aux/vty
//     line passwords ("line vty 0 4"), "ip ftp password", "ip http client
//     password", key chain keys ("key chain NAME key N"), TACACS+/RADIUS
//     keys ("tacacs-server key", "tacacs-server host ADDR", "radius server
//     NAME"), SNMP users with authentication ("snmp-server user NAME":
//     plaintext passphrases or snmp_localized_key), and on Junos every
//     $9$ secret ("junos_type9", reversible) wherever it appears, named
//     by its statement path ("security ike policy P pre-shared-key
//     ascii-text", "system radius-server ADDR secret", "snmp community"),
//     and every secret written in clear where Junos expects one ("secret",
//     "authentication-key", "md5 N key", "simple-password",
//     "pre-shared-key ascii-text|hexadecimal", SNMPv3
//     "authentication-password"/"privacy-password", NTP "value"):
//     class "plaintext". Junos encrypts such a value when it commits, but
//     the file holds it in clear. Redaction placeholders ("<SCRUBBED>",
//     "%CENSORED%", "****") are no secret.
//     Classes: plaintext, cisco_type7 (reversible), md5_type5,
//     sha256_type4, aes_type6 (encrypted under the device's master key),
//     sha256_type8, scrypt_type9, sha512_type10 (IOS-XR secret 10), ...
//   - password_encryption: {enabled, line}: Cisco service
//     password-encryption.
//   - password_policy: what the device demands of a new password set in
//     clear (a hash pasted into the file is never checked): {enforced,
//     min_length (0: no minimum), character_classes (how many of upper
//     case, lower case, digits and special characters a password must
//     mix; 0: none), setting (the commands, or the vendor default), line}.
//     Read for IOS ("security passwords min-length", and the weakest
//     "aaa common-criteria policy" a username names), ASA
//     ("password-policy minimum-*"), NX-OS ("password strength-check", on
//     by default: 8 characters, 3 classes) and Junos ("system login
//     password", 6 characters and one change of character set by
//     default); for other vendors it stays empty and says nothing.
//   - snmp: communities [{strength (evidence.SecretStrength), fingerprint
//     ("fp:" + 16 hex for a long community under a key, else ""), access "ro"|"rw",
//     acl (the ACL or client list named, "" for none), default (a factory
//     or widely guessed community such as public or private), restricted
//     (only some managers may use it: an ACL the file defines, a Junos
//     client list, or on an ASA the hosts snmp-server host lets poll; an
//     ACL the file does not define restricts nothing), hosts (ASA: those
//     managers, sorted; [] elsewhere), line}]; on an ASA a community named
//     only on a host line is listed too; v3_users [{name, level
//     "noauth"|"auth"|"priv", line}]; trap_hosts [{address, version, line}].
//   - logging: hosts [{address, line}], buffered {enabled, line},
//     trap_level (as written), trap_severity (the least severe level sent
//     to the remote servers as a syslog severity, 0 emergencies ... 6
//     informational, 7 debugging; -1 when nothing is sent: an ASA without
//     "logging enable" and "logging trap"), trap_severity_known (false for
//     Comware, whose levels are not read), trap_severity_line (0: the
//     vendor default, informational for IOS, IOS-XR and EOS; NX-OS sends
//     notifications to a server without a level), timestamps {enabled,
//     line}.
//   - ntp: servers [{address, key (a key is configured for it), line}],
//     authentication {enabled, line}.
//   - banner: {present, kind ("login", "motd", "exec"), line}.
//   - interfaces: [{name, description, shutdown, mode ("access", "trunk",
//     "routed", "hybrid" or ""), access_vlan, native_vlan, allowed_vlans
//     (as written), addresses [{prefix "a.b.c.d/len", zone, line}], acl_in,
//     acl_out (ACL or filter names, "" for none), port_security,
//     bpdu_guard, dot1x, physical (a front-panel port, not a VLAN,
//     loopback, tunnel or sub-interface), spare (a physical access port
//     whose description says unused/spare/parking, or that has no
//     description and sits in VLAN 1, no VLAN, or a VLAN whose name says
//     unused/parking/blackhole), zone, zone_source
//     ("address": the zone whose networks hold an address of the
//     interface; "vlan": the zone that declares its access VLAN; ""), line}]
//     in file order. Junos logical units are interfaces of their own
//     ("ge-0/0/0.0").
//   - vlans: [{id, name, zone (the zone declaring the id, ""), line}] by id.
//   - acls: [{name, type ("standard", "extended", "ipv6", "mac",
//     "filter"), entries [{action "permit"|"deny"|"remark"|"other",
//     protocol, src, src_ports, dst, dst_ports, src_members, dst_members,
//     dst_port_members (what an "object"/"object-group" operand stands
//     for: its addresses, ports or ICMP types, nested groups and ASA
//     "object-group group TYPE" flattened, sorted; empty for a literal or
//     undefined one; a service group given as the protocol supplies the
//     ports), protocol_members (the protocols of a protocol or service
//     group given as the protocol: "permit object-group SVC any any"),
//     line}] in order,
//     ends_in_deny (the last rule explicitly denies all that is left:
//     deny ip any any, or a Junos term without "from" that discards),
//     applied_to (where it is used: "<interface> in", "<interface> out",
//     "line <name>" for an access class; sorted), line}] by name.
//   - routing: static_routes (count), protocols [{name, line}].
//   - cdp, lldp, dhcp_snooping, arp_inspection: {enabled, line}.
//   - spare_ports: total (count of spare interfaces) and open (names of
//     those not shut down).
//
// Password classes: none, plaintext, cisco_type7, md5_type5, sha256_type4,
// sha256_type8, scrypt_type9, sha256_crypt, sha512_crypt, asa_md5,
// asa_nt, asa_pbkdf2, junos_md5 ($1$), junos_sha256 ($5$), junos_sha512
// ($6$), junos_type9 ($9$), comware_cipher, comware_hash, ssh_key,
// unknown. Strengths: "none" (no password), "plaintext", "reversible"
// (decodable without a key), "weak" (a fast or broken hash) and "strong"
// (a salted slow hash, or a key).
package netconfig
