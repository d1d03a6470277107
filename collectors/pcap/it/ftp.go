package it

import (
	"bytes"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// FTP dissects the FTP control channel (RFC 959): commands, the server's
// banner, USER/PASS logins and AUTH TLS.
type FTP struct{}

func (FTP) Name() string { return "ftp" }

func (FTP) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.TCP, Number: 21}} }

// ftpClasses maps FTP commands to their operation class.
var ftpClasses = map[string]string{
	"USER": dissect.ClassSession, "PASS": dissect.ClassSession, "ACCT": dissect.ClassSession,
	"AUTH": dissect.ClassSession, "PBSZ": dissect.ClassSession, "PROT": dissect.ClassSession,
	"QUIT": dissect.ClassSession, "REIN": dissect.ClassSession, "PORT": dissect.ClassSession,
	"PASV": dissect.ClassSession, "EPRT": dissect.ClassSession, "EPSV": dissect.ClassSession,
	"TYPE": dissect.ClassSession, "MODE": dissect.ClassSession, "STRU": dissect.ClassSession,
	"NOOP": dissect.ClassSession, "FEAT": dissect.ClassSession, "OPTS": dissect.ClassSession,
	"SYST": dissect.ClassSession, "REST": dissect.ClassSession, "ABOR": dissect.ClassSession,
	"CWD": dissect.ClassSession, "CDUP": dissect.ClassSession, "PWD": dissect.ClassSession,
	"XPWD": dissect.ClassSession, "XCWD": dissect.ClassSession, "HELP": dissect.ClassSession,
	"RETR": dissect.ClassRead, "LIST": dissect.ClassRead, "NLST": dissect.ClassRead,
	"MLSD": dissect.ClassRead, "MLST": dissect.ClassRead, "SIZE": dissect.ClassRead,
	"MDTM": dissect.ClassRead, "STAT": dissect.ClassRead,
	"STOR": dissect.ClassWrite, "STOU": dissect.ClassWrite, "APPE": dissect.ClassWrite,
	"DELE": dissect.ClassWrite, "RNFR": dissect.ClassWrite, "RNTO": dissect.ClassWrite,
	"MKD": dissect.ClassWrite, "XMKD": dissect.ClassWrite, "RMD": dissect.ClassWrite,
	"XRMD": dissect.ClassWrite, "ALLO": dissect.ClassWrite, "MFMT": dissect.ClassWrite,
	"SITE": dissect.ClassDiagnostic,
}

// ftpVerbs maps FTP commands to their canonical name and class.
var ftpVerbs = func() map[string]struct{ name, class string } {
	m := make(map[string]struct{ name, class string }, len(ftpClasses))
	for k, v := range ftpClasses {
		m[k] = struct{ name, class string }{k, v}
	}
	return m
}()

const ftpMaxLine = 1024

// ftpVerb returns the command verb of a client line, upper-cased, or ""
// when the line does not start with a known verb.
func ftpVerb(line []byte) string {
	end := bytes.IndexByte(line, ' ')
	if end < 0 {
		end = len(line)
	}
	if end < 3 || end > 4 {
		return ""
	}
	var up [4]byte
	for i, c := range line[:end] {
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		up[i] = c
	}
	return ftpVerbs[string(up[:end])].name // "" when unknown; no allocation
}

// ftpReply reports whether line is a reply line "NNN " or "NNN-".
func ftpReply(line []byte) (code int, ok bool) {
	if len(line) < 4 || (line[3] != ' ' && line[3] != '-') {
		return 0, false
	}
	for _, c := range line[:3] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	code = int(line[0]-'0')*100 + int(line[1]-'0')*10 + int(line[2]-'0')
	return code, line[0] >= '1' && line[0] <= '6'
}

// Match: a server greeting "220 " / "220-" or a known command ending in
// CRLF within the first line.
func (FTP) Match(t dissect.Transport, dir dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	nl := bytes.IndexByte(p, '\n')
	if nl < 0 || nl > ftpMaxLine || !isText(bytes.TrimRight(p[:nl], "\r")) {
		return false
	}
	line := bytes.TrimRight(p[:nl], "\r")
	if dir == dissect.ToClient {
		code, ok := ftpReply(line)
		return ok && code == 220
	}
	v := ftpVerb(line)
	return v != "" && (v == "USER" || v == "AUTH" || v == "FEAT" || v == "SYST" || v == "OPTS" || v == "PASS")
}

// Dissect consumes whole lines. A USER line that ends the buffer is kept
// unconsumed until the next line arrives, so that it is paired with the
// PASS that follows without per-flow state.
func (FTP) Dissect(t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t != dissect.TCP {
		return len(buf)
	}
	consumed := 0
	user, haveUser := "", false
	for consumed < len(buf) {
		rest := buf[consumed:]
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			if len(rest) > ftpMaxLine {
				rec.Malformed()
				return len(buf)
			}
			break
		}
		line := bytes.TrimRight(rest[:nl], "\r")
		if dir == dissect.ToClient {
			ftpServerLine(line, rec)
			consumed += nl + 1
			continue
		}
		v := ftpVerb(line)
		if v == "" {
			if len(line) > 0 {
				rec.Malformed()
			}
			consumed += nl + 1
			continue
		}
		arg := []byte(nil)
		if sp := bytes.IndexByte(line, ' '); sp >= 0 {
			arg = line[sp+1:]
		}
		switch v {
		case "USER":
			if consumed+nl+1 == len(buf) && !haveUser {
				// Wait for the PASS line: keep USER for the next call.
				return consumed
			}
			user, haveUser = printable(arg, 64), true
			if u := string(lowerASCII([]byte(user))); u == "anonymous" || u == "ftp" {
				rec.Attr("anonymous", "true")
			}
		case "PASS":
			anon := false
			if haveUser {
				u := string(lowerASCII([]byte(user)))
				anon = u == "anonymous" || u == "ftp"
			}
			if !anon {
				rec.Credential("ftp_login", user, arg, isDefaultLogin(user, arg))
			}
			user, haveUser = "", false
		case "AUTH":
			rec.Attr("tls", "requested")
		}
		rec.Op(ftpVerbs[v].class, v, -1)
		consumed += nl + 1
	}
	return consumed
}

func ftpServerLine(line []byte, rec *dissect.Recorder) {
	code, ok := ftpReply(line)
	if !ok {
		return // continuation text of a multi-line reply
	}
	switch {
	case code == 220:
		rec.Attr("server_banner", printable(line[4:], 128))
	case code == 234:
		rec.Attr("tls", "accepted")
	case code == 530:
		rec.Event("login_failed", "FTP server refused a login (530)")
	}
	if line[3] == '-' {
		return
	}
	if code >= 400 {
		rec.Op(dissect.ClassError, "reply", code)
	} else {
		rec.Op(dissect.ClassResponse, "reply", code)
	}
}
