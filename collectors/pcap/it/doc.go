// Package it dissects IT protocols that matter when seen in OT networks:
// telnet, FTP, HTTP (with Basic authentication), SNMP, TLS, SSH, RDP,
// SMB, DNS, NTP and VNC — including the cleartext credentials some carry, which
// are recorded as facts with a strength class and, when long, a keyed
// fingerprint (dissect.Recorder.Credential), never as secrets.
//
// Every dissector is recognised by payload (Match is strict, so a
// well-known port carrying other traffic is not mislabelled and odd ports
// are still recognised) and dissects TCP streams incrementally, keeping
// what it has not consumed for the next call.
//
// # Vocabulary
//
// Policies are written against the names below: the flow's protocol name,
// its ops (class/name/code), attrs (key = value; a key seen with several
// values holds them sorted and joined by "|"), events (kind) and
// credentials (kind). Op codes are -1 where the protocol has no number.
//
// telnet (tcp/23). Match: the stream starts with IAC WILL/WONT/DO/DONT or
// IAC SB.
//   - ops: session/negotiate (one per option command), session/login_prompt,
//     session/password_prompt (the server's output ends with "login:",
//     "username:", "user name:" / "password:"), session/login (the
//     client's line after a login prompt: the user name).
//   - credentials: telnet_login (user = the line typed after the login
//     prompt; the secret is the line typed after the password prompt,
//     backspace/delete applied; default when user/password is a
//     well-known factory pair such as admin/admin, root/root).
//   - The client's line arrives byte by byte: the unterminated tail is
//     left unconsumed (at most 256 bytes). Which prompt was seen last is
//     per-flow state kept in a bounded table keyed by the flow's Recorder.
//
// ftp (tcp/21). Match: a "220" greeting, or a USER/PASS/AUTH/FEAT/SYST/OPTS
// command line.
//   - ops: one per command, named by the verb, code -1. Class session:
//     USER PASS ACCT AUTH PBSZ PROT QUIT REIN PORT PASV EPRT EPSV TYPE MODE
//     STRU NOOP FEAT OPTS SYST REST ABOR CWD CDUP PWD XPWD XCWD HELP; read:
//     RETR LIST NLST MLSD MLST SIZE MDTM STAT; write: STOR STOU APPE DELE
//     RNFR RNTO MKD XMKD RMD XRMD ALLO MFMT; diagnostic: SITE. Unknown
//     verbs count as malformed. Replies: response/reply or (>= 400)
//     error/reply with the reply code as code.
//   - attrs: server_banner (text of the 220 line, printable, at most 128
//     bytes), anonymous = "true" (USER anonymous or ftp), tls = "requested"
//     (AUTH sent) / "accepted" (234 reply).
//   - events: login_failed (a 530 reply).
//   - credentials: ftp_login (USER/PASS; not recorded for anonymous
//     logins, whose "password" is an e-mail address: see attr anonymous).
//
// http (tcp/80, 8000, 8008, 8080, 8888). Match: a complete request line
// "METHOD target HTTP/1.x" to the server or status line to the client.
//   - ops: the method, code -1: read GET HEAD OPTIONS PROPFIND; write POST
//     PUT DELETE PATCH PROPPATCH MKCOL COPY MOVE LOCK UNLOCK; diagnostic
//     TRACE; session CONNECT. Responses: response/status or (>= 400)
//     error/status with the status code.
//   - attrs: host (request Host, <= 64 bytes), user_agent (<= 128), server
//     (<= 128), auth = basic|digest|ntlm|negotiate|bearer|other (the
//     Authorization scheme; only Basic carries a recoverable secret),
//     auth_offered (the WWW-Authenticate scheme, lower case).
//   - credentials: http_basic (user from the decoded "user:password").
//   - Whole header blocks are consumed; bodies are skipped by
//     Content-Length when in the buffer, otherwise the dissector drops
//     what it holds and resynchronises on the next start line.
//
// snmp (udp/161, 162). Match: a BER message with version 0, 1 or 3 and,
// for v1/v2c, a community and a PDU tag; for v3, a well-formed
// msgGlobalData.
//   - ops: read get(0) getnext(1) getbulk(5); write set(3); response
//     response(2) trap(4, v1) inform(6) trap(7, v2) report(8); code is
//     the PDU tag number. v3: session/v3_message.
//   - attrs: version = 1|2c|3; security_level = noAuthNoPriv|authNoPriv|
//     authPriv (v3 msgFlags); sys_descr, the sysDescr.0 a v1/v2c
//     get-response carries (<= 128 printable characters, line breaks as
//     spaces), which names the agent's maker, model and software on most
//     devices.
//   - credentials: snmp_community (no user; default when the community is
//     a factory one: public, private, community, manager, admin, cisco,
//     ILMI, ...). Not recorded from a response with an empty community.
//
// tls (tcp/443, 4843, 8443, 993, 995, 465, 636, 990 and any port). Match:
// a handshake record with a ClientHello (to server) or ServerHello (to
// client).
//   - ops: session/client_hello(1), session/server_hello(2),
//     session/change_cipher_spec(20), error/alert (code: the alert
//     description, fatal alerts only).
//   - attrs: sni, client_version (highest version offered, including the
//     supported_versions extension), version (negotiated: SSL3.0,
//     TLS1.0 ... TLS1.3, from supported_versions when present), cipher
//     (IANA name for common suites, "0x%04x" otherwise),
//     deprecated_version (= version when below TLS1.2), cert_subject (the
//     subject of the server's own certificate, "C=DE, O=..., CN=..." in
//     the certificate's order, from a TLS 1.2 or earlier Certificate
//     message; TLS 1.3 sends it encrypted). Every handshake message of a
//     record is read.
//   - Nothing after the handshake is looked at.
//
// ssh (tcp/22). Match: "SSH-<2.0|1.99|1.5|1.3>-<software>".
//   - ops: session/banner.
//   - attrs: version (protocol version of each side: 2.0, 1.99, 1.5),
//     server_software / client_software (the software version, <= 64
//     bytes), ssh1 = "true" when a side offers protocol 1 (1.x, including
//     1.99, which means 2.0 with fallback to 1).
//
// rdp (tcp/3389). Match: a TPKT/X.224 Connection Request whose variable
// part is an RDP cookie ("Cookie: mstshash=" or a routing token) and/or an
// RDP_NEG_REQ, or a Connection Confirm with RDP_NEG_RSP/FAILURE. S7comm
// and other ISO-on-TCP users carry TSAP parameters there and do not match.
//   - ops: session/connection_request(0xe0), session/connection_confirm
//     (0xd0), error/negotiation_failure (code: the failure code).
//   - attrs: requested, selected = "rdp" (standard RDP security) or a
//     comma list of tls, credssp, rdstls, credssp_early_auth; nla =
//     "true" when the server selected CredSSP, "false" otherwise;
//     user_hint (the mstshash cookie: a user name, not a secret).
//   - events: rdp_negotiation_failure.
//
// smb (tcp/445, 139; udp/138). Match: an NBSS session message carrying
// \xffSMB, \xfeSMB, \xfdSMB or \xfcSMB, an NBSS session request, or a
// NetBIOS datagram (direct/broadcast) carrying an SMB1 mailslot message.
//   - ops: requests only (class/name/code = command). SMB2: session
//     negotiate session_setup logoff tree_connect tree_disconnect close
//     lock cancel echo oplock_break; read create (opening is classed read;
//     writes show as write/set_info) read query_directory change_notify
//     query_info; write flush write set_info; diagnostic ioctl. SMB1:
//     session close echo tree_disconnect negotiate session_setup_andx
//     logoff_andx tree_connect_andx nt_cancel; read read read_andx
//     open_andx nt_create_andx; write write write_andx delete rename;
//     diagnostic trans trans2 nt_trans; others session/0xNN. Error replies
//     (status with severity error, except MORE_PROCESSING_REQUIRED):
//     error/error (-1). Encrypted and compressed SMB3 messages:
//     session/encrypted, session/compressed.
//   - attrs: version = "1" for SMB1 and the SMB2 dialect from a NEGOTIATE
//     response (2.0.2, 2.1, 3.0, 3.0.2, 3.1.1); smb1 = "true" when any
//     SMB1 is seen; smb2 = "true" for SMB2/3; encrypted = "true"
//     (transform header seen); transport = "netbios_datagram" for udp/138.
//   - udp/138: the NetBIOS datagram service's browser announcements are
//     SMB1 transactions to a mailslot, as tshark shows them (nbdgm, smb,
//     mailslot, browser); they are labelled smb so that policies asking
//     "is SMB1 spoken here?" see them (op diagnostic/trans).
//
// dns (udp/53, tcp/53 with its length prefix). Match: a header with 1..4
// questions, sane counts and questions that parse exactly. NBNS names
// (one 32-byte label of A..P), mDNS names (ending in .local) and queries
// whose every name is a single label (LLMNR) are not DNS and do not match
// even though they share its format.
//   - ops: read/query (code: opcode), write/update (5), diagnostic/notify
//     (4), response/response (code: opcode), error/<rcode name> (formerr
//     servfail nxdomain notimp refused, or "rcode"; code: the rcode).
//   - attrs: qtypes (each query type asked, by name: A NS CNAME SOA PTR
//     MX TXT AAAA SRV NAPTR DS DNSKEY SVCB HTTPS IXFR AXFR ANY, anything
//     else "other"; a bounded set).
//   - events: dns_zone_transfer (an AXFR/IXFR query).
//   - Names are not recorded: they are site data of little use to
//     policies and unbounded.
//
// ntp (udp/123). Match: version 1..4 and a mode whose packet shape is
// right (48 bytes and more for modes 1..5; the control header and data
// length for mode 6; implementation 2/3 for mode 7).
//   - ops: session/symmetric_active(1), session/symmetric_passive(2),
//     read/client(3), response/server(4), response/broadcast(5),
//     diagnostic/control(6), diagnostic/private(7).
//   - attrs: version.
//   - events: ntp_monlist (a mode 7 MON_GETLIST request, the
//     amplification vector).
//
// vnc (tcp/5900, 5901). Match: an RFB ProtocolVersion message, "RFB
// xxx.yyy\n" (RFC 6143 §7.1.1), from either side. Only the handshake is
// read: ProtocolVersion, security types, VNC Authentication and
// SecurityResult; the session after it, and a security type's own
// protocol (TLS, VeNCrypt, RA2, ...), are not looked at.
//   - ops: session/protocol_version (one per side), session/security_types
//     (the server's offer), session/security_type (the client's choice;
//     code: the type number), session/vnc_auth_challenge and
//     session/vnc_auth_response (VNC Authentication's 16-byte DES
//     challenge and response), response/security_result(0) or
//     error/security_result (code: the failure), session/client_init
//     (code: the shared flag), error/connection_failed (the server offered
//     no type).
//   - attrs: version (each side's, "3.8"; versions other than 3.3, 3.7
//     and 3.8 are read as 3.3, and 3.889 as 3.8, as RFC 6143 says);
//     security_types (each type the server offers) and security_type
//     (the type in use: chosen by the client from 3.7 on, by the server in
//     3.3), by name: none(1), vnc_auth(2, DES challenge-response with a
//     password of at most 8 characters), ra2(5), ra2ne(6), tight(16),
//     ultra(17), tls(18), vencrypt(19), sasl(20), md5(21), xvp(22),
//     secure_tunnel(23), integrated_ssh(24), apple_dh(30), invalid(0),
//     and type_N for any other.
//   - events: vnc_auth_failed (SecurityResult failed), vnc_connection_failed
//     (no security type; the server's reason, printable, <= 128 bytes).
//   - The challenge and response are never recorded. Which side has sent
//     what is per-flow state kept in a bounded table keyed by the flow's
//     Recorder.
package it
