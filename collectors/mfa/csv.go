package mfa

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/slate-ot/slate/collectors/internal/textin"
	"github.com/slate-ot/slate/evidence"
)

// csvFields are the fields a generic CSV export may give, the keys of the
// columns option.
var csvFields = []string{"user", "name", "upn", "enabled", "groups", "roles", "privileged", "remote_access", "mfa_enforced", "mfa_registered", "methods", "last_sign_in", "shared", "ot_access", "guest", "description"}

// synonyms are normalised header texts for each field.
var synonyms = map[string][]string{
	"user":           {"user", "username", "userid", "account", "accountname", "login", "samaccountname", "id", "uid", "useridentity"},
	"name":           {"name", "displayname", "fullname", "userdisplayname"},
	"upn":            {"upn", "userprincipalname", "email", "mail", "emailaddress"},
	"enabled":        {"enabled", "active", "accountenabled", "status", "state"},
	"groups":         {"groups", "group", "memberof", "usergroups", "usergroup"},
	"roles":          {"roles", "role", "adminroles", "permissions"},
	"privileged":     {"privileged", "admin", "isadmin", "administrator", "privilegedaccount"},
	"remote_access":  {"remoteaccess", "vpn", "vpnprofile", "remote", "accesspath", "jumphost", "remoteaccesspath"},
	"mfa_enforced":   {"mfaenforced", "mfarequired", "mfa", "2fa", "twofactor", "mfastatus", "enforcemfa"},
	"mfa_registered": {"mfaregistered", "ismfaregistered", "enrolled", "mfaenrolled"},
	"methods":        {"methods", "method", "mfamethod", "mfamethods", "factors", "factor", "authmethods", "authenticationmethods"},
	"last_sign_in":   {"lastsignin", "lastlogin", "lastlogon", "lastsignindatetime", "lastseen"},
	"shared":         {"shared", "sharedaccount", "generic", "genericaccount"},
	"ot_access":      {"otaccess", "otzones", "zones", "zone"},
	"guest":          {"guest", "usertype", "external"},
	"description":    {"description", "comment", "comments", "notes", "note", "remarks"},
}

// secretHeader tells columns whose values are credentials.
func secretHeader(h string) bool {
	for _, w := range []string{"password", "passwd", "secret", "hash", "pin", "seed", "privatekey", "apikey", "token"} {
		if strings.Contains(h, w) && !strings.Contains(h, "last") {
			return true
		}
	}
	return false
}

func normHeader(h string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(strings.TrimSpace(h)) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// headerScore counts the cells of a header row that name a field or a
// column the columns option maps: the header is the first row.
func (r *run) headerScore(rec []string) (int, bool) {
	mapped := map[string]bool{}
	for _, h := range r.opts.columns {
		mapped[normHeader(h)] = true
	}
	n := 0
	for _, cell := range rec {
		h := normHeader(cell)
		if mapped[h] {
			n++
			continue
		}
		for _, f := range csvFields {
			if slices.Contains(synonyms[f], h) {
				n++
				break
			}
		}
	}
	return n, n > 0
}

// csv reads a generic user export; it returns the rows read.
func (r *run) csv(file string, text []byte) (int, error) {
	if te := textin.CheckLines(text, textin.MaxCSVLine); te != nil {
		return 0, &evidence.InputError{Path: file, Line: te.Line, Err: te.Err}
	}
	delim := r.opts.delimiter
	if delim == 0 {
		delim = textin.Sniff(text[:min(len(text), textin.SniffWindow)], 1, r.headerScore).Comma
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return 0, &evidence.InputError{Path: file, Line: 1, Err: errors.New("empty file: expected a CSV header")}
	}
	if err != nil {
		return 0, csvError(file, err)
	}
	col := map[string]int{}
	for f, h := range r.opts.columns {
		for i, cell := range header {
			if normHeader(cell) == normHeader(h) {
				col[f] = i
			}
		}
		if _, ok := col[f]; !ok {
			return 0, &evidence.InputError{Path: file, Line: 1, Err: fmt.Errorf("option columns: no column %q for %s in the header", h, f)}
		}
	}
	for i, cell := range header {
		h := normHeader(cell)
		if secretHeader(h) {
			r.secrets[strings.TrimSpace(cell)] = true
			continue
		}
		for _, f := range csvFields {
			if _, done := col[f]; done {
				continue
			}
			for _, syn := range synonyms[f] {
				if h == syn {
					col[f] = i
				}
			}
		}
	}
	if _, ok := col["user"]; !ok {
		if _, ok := col["upn"]; !ok {
			return 0, &evidence.InputError{Path: file, Line: 1, Err: fmt.Errorf("header names no user column (expected one of %s, or set columns = { user = \"...\" })", strings.Join(synonyms["user"], ", "))}
		}
		col["user"] = col["upn"]
	}
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rows, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) && !textin.IsBlank(rec) {
			return rows, &evidence.InputError{Path: file, Line: line, Err: fmt.Errorf(
				"row has %d fields but the header on line 1 has %d; quote fields that contain %q",
				len(rec), len(header), string(delim))}
		}
		get := func(f string) string {
			i, ok := col[f]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		id := get("user")
		if id == "" {
			if strings.TrimSpace(strings.Join(rec, "")) != "" {
				r.warn(file, line, "row has no user; skipped")
				r.prov.RecordsSkipped++
			}
			rows++
			continue
		}
		rows++
		u := r.user(id, "csv", file)
		if u.Line == 0 && u.File == file {
			u.Line = line
		}
		if v := get("name"); v != "" {
			u.Name = v
		}
		if v := get("description"); v != "" {
			u.Description = v
		}
		if v := get("upn"); v != "" {
			u.UPN = v
		}
		if b, ok := parseBool(get("enabled")); ok {
			u.Enabled = &b
		}
		u.Groups = append(u.Groups, splitList(get("groups"))...)
		if _, ok := col["groups"]; ok {
			u.groupsKnown = true
		}
		u.Roles = append(u.Roles, splitList(get("roles"))...)
		if b, ok := parseBool(get("privileged")); ok && b {
			u.Privileged = true
		}
		for _, p := range splitList(get("remote_access")) {
			if b, ok := parseBool(p); ok {
				if b {
					u.RemoteAccess = append(u.RemoteAccess, "csv:"+header[col["remote_access"]])
				}
				continue
			}
			u.RemoteAccess = append(u.RemoteAccess, p)
		}
		if v := get("mfa_enforced"); v != "" {
			b, ok := parseBool(v)
			if !ok {
				r.warn(file, line, fmt.Sprintf("MFA enforced %q is not yes or no; left unknown", evidence.Excerpt(v)))
			} else {
				u.csvEnforced = &b
			}
		}
		if b, ok := parseBool(get("mfa_registered")); ok {
			u.MFARegistered = &b
		}
		u.Methods = append(u.Methods, splitList(get("methods"))...)
		if v := get("last_sign_in"); v != "" {
			u.LastSignIn = v
		}
		if b, ok := parseBool(get("shared")); ok && b {
			u.Shared, u.SharedReason = true, "marked shared in the export"
		}
		if v := get("ot_access"); v != "" {
			if b, ok := parseBool(v); ok {
				u.csvOT = &b
			} else {
				t := true
				u.csvOT = &t
				u.OTZones = append(u.OTZones, splitList(v)...)
			}
		}
		if v := strings.ToLower(get("guest")); v == "guest" || v == "external" {
			u.Guest = true
		} else if b, ok := parseBool(v); ok && b {
			u.Guest = true
		}
	}
	return rows, nil
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &evidence.InputError{Path: file, Line: pe.Line, Err: fmt.Errorf("column %d: %v", pe.Column, pe.Err)}
	}
	return &evidence.InputError{Path: file, Err: err}
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1", "enabled", "enforced", "required", "on", "active", "x", "ja", "oui", "si", "sí":
		return true, true
	case "no", "n", "false", "0", "disabled", "not enforced", "none", "off", "inactive", "-", "optional", "nein", "non":
		return false, true
	}
	return false, false
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' || r == ',' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
