package ot

import (
	"cmp"
	"slices"
	"strings"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// OpName is one operation a dissector of this package records: the
// protocol's own code for it, the name and the class (dissect.Class*).
type OpName struct {
	Code  int
	Name  string
	Class string
}

// Vocabulary returns the operations the dissectors record for one table
// of protocol codes, sorted by code, so that readers of other evidence of
// the same traffic (Zeek and Suricata logs) give operations the same names
// and classes and policies match them alike. Tables: "modbus" (function
// codes), "dnp3" (application function codes), "enip" (encapsulation
// commands), "cip" (services), "cip_connection_manager" (services of
// class 6), "s7comm" (job functions), "s7comm_userdata" (userdata
// groups), "s7comm_plus" (function codes), "bacnet_confirmed" and
// "bacnet_unconfirmed" (service choices), "opcua" (request type ids),
// "profinet_io_cm" (PNIO opnums), "c37118" (C37.118.2 command codes).
// Nil for any other name.
func Vocabulary(table string) []OpName {
	var out []OpName
	addMap := func(m map[int]string, class func(int) string) {
		for c, n := range m {
			out = append(out, OpName{c, n, class(c)})
		}
	}
	switch table {
	case "modbus":
		for c, f := range modbusFuncs {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "dnp3":
		for c, f := range dnp3Funcs {
			if f.name != "" {
				out = append(out, OpName{c, f.name, f.class})
			}
		}
	case "enip":
		for c, f := range enipCmds {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "cip":
		for c, f := range cipSvcs {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "cip_connection_manager":
		for c, f := range cipConnMgr {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "s7comm":
		for c, f := range s7Funcs {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "s7comm_userdata":
		m := map[int]string{}
		for g, n := range s7UserdataOps {
			m[g] = n
		}
		addMap(m, func(int) string { return dissect.ClassDiagnostic })
	case "s7comm_plus":
		for c, f := range s7plusFuncs {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "bacnet_confirmed":
		for c, f := range bacConfirmed {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "bacnet_unconfirmed":
		for c, f := range bacUnconfirmed {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "opcua":
		for c, f := range uaServices {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "profinet_io_cm":
		for c, f := range pnioOps {
			out = append(out, OpName{c, f.name, f.class})
		}
	case "c37118":
		for c, n := range c37CommandOps {
			if n != "" {
				out = append(out, OpName{c, n, dissect.ClassControl})
			}
		}
	default:
		return nil
	}
	slices.SortFunc(out, func(a, b OpName) int { return cmp.Compare(a.Code, b.Code) })
	return out
}

// UAPolicy is the security_policy attribute the OPC UA dissector writes
// for a security policy URI: the part after '#', "None" for an empty URI.
func UAPolicy(uri string) string { return uaPolicy([]byte(uri)) }

// UAMode is the security_mode attribute the OPC UA dissector writes for a
// MessageSecurityMode (1 None, 2 Sign, 3 SignAndEncrypt), "Invalid" for
// any other value.
func UAMode(mode int) string { return name(uaModes, mode, "Invalid") }

// UAToken is the user_token attribute the OPC UA dissector writes for a
// user identity token's binary encoding id (321 anonymous, 324 username,
// 327 certificate, 940 issued); ok is false for other ids.
func UAToken(id int) (string, bool) {
	t, ok := uaTokens[id]
	return t, ok
}

// UATokenByName is UAToken for a token type's name as OPC UA's schema
// gives it ("UserNameIdentityToken", "X509IdentityToken").
func UATokenByName(typ string) (string, bool) {
	switch strings.TrimSuffix(strings.TrimSuffix(typ, "_Encoding_DefaultBinary"), "_Encoding_DefaultXml") {
	case "AnonymousIdentityToken":
		return UAToken(321)
	case "UserNameIdentityToken":
		return UAToken(324)
	case "X509IdentityToken":
		return UAToken(327)
	case "IssuedIdentityToken":
		return UAToken(940)
	}
	return "", false
}
