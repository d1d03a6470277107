package traffic

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
)

// Operation classes, for policies that ask "are there writes?" without
// knowing every protocol's function codes.
const (
	ClassRead       = "read"
	ClassWrite      = "write"      // changes process data or configuration
	ClassControl    = "control"    // operate, select/operate, start/stop, restart
	ClassProgram    = "program"    // download/upload logic or firmware, file transfer
	ClassDiagnostic = "diagnostic" // diagnostics, identification, device control
	ClassSession    = "session"    // connect, handshake, keep-alive, login
	ClassResponse   = "response"   // replies and unsolicited reports
	ClassError      = "error"      // exceptions and error replies
)

// Bounds on what one flow may record, so memory stays bounded by the
// number of flows whatever the capture holds.
const (
	MaxOps         = 64
	MaxAttrs       = 32
	MaxEvents      = 16
	MaxCredentials = 8
)

// Op is one kind of operation seen on a flow, with how often.
type Op struct {
	Class string `json:"class"`
	Name  string `json:"name"`
	// Code is the protocol's own number for it (a Modbus function code,
	// a DNP3 function code, a CIP service), -1 when it has none.
	Code  int `json:"code"`
	Count int `json:"count"`
	// FirstSeen and LastSeen are the capture times of the first and last
	// of them (RFC 3339 UTC with nanoseconds), kept for the classes that
	// change a device (write, control, program: see Timed), which checks
	// hold against maintenance windows, and only when the reader gave the
	// recorder the packets' times (SetTime).
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}

// Timed reports whether the operations of class carry the times they were
// seen: those that change a device's data, state or logic.
func Timed(class string) bool {
	return class == ClassWrite || class == ClassControl || class == ClassProgram
}

// StampLayout is how facts write capture times: RFC 3339 in UTC with
// nanoseconds, of fixed width, so that two of them compare as strings
// the way the times do.
const StampLayout = "2006-01-02T15:04:05.000000000Z07:00"

// Stamp writes a capture time given in nanoseconds since the epoch.
func Stamp(ns int64) string { return time.Unix(0, ns).UTC().Format(StampLayout) }

// Event is a notable occurrence worth a sentence: an exception, a cold
// restart, a PLC stop. Only the first MaxEvents per flow are kept; Dropped
// counts the rest.
type Event struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	// Time is the capture time of the packet that carried it (as
	// Op.FirstSeen), omitted when the reader gave no times.
	Time string `json:"time,omitempty"`
}

// FlowCredential is a credential seen in cleartext on one flow: the fact,
// never the secret. Data.Credentials lists them with their flow.
type FlowCredential struct {
	// Kind says what it was: "ftp_login", "telnet_login", "http_basic",
	// "snmp_community".
	Kind string `json:"kind"`
	// User is the account name where the protocol has one (not a secret).
	User string `json:"user,omitempty"`
	// Strength classes the secret (evidence.SecretStrength): "empty",
	// "default", "short", "low_entropy" or "long".
	Strength string `json:"strength"`
	// Fingerprint identifies a "long" secret for reuse checks
	// (evidence.Fingerprint); "" for any other class or when the site has
	// no fingerprint key.
	Fingerprint string `json:"fingerprint"`
	// Default is set when the secret is a vendor default ("public",
	// "private", a well-known default password).
	Default bool `json:"default"`
}

// Facts are what was recorded about one flow's application protocol: by
// a capture's dissector, or from a sensor's protocol log.
type Facts struct {
	Ops         []Op              `json:"ops,omitempty"`
	Attrs       map[string]string `json:"attrs,omitempty"`
	Events      []Event           `json:"events,omitempty"`
	Credentials []FlowCredential  `json:"credentials,omitempty"`
	// Dropped counts facts over the bounds.
	Dropped int `json:"dropped,omitempty"`
	// Malformed counts PDUs the dissector could not parse.
	Malformed int `json:"malformed,omitempty"`
}

// MergeFacts combines the facts of one flow seen in two inputs (two
// capture files, two sensors' logs): operations are added up and their
// times widened, attribute values joined as a Recorder joins them, events
// kept up to MaxEvents, credentials kept once each. Either may be nil;
// neither is changed.
func MergeFacts(a, b *Facts) *Facts {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	out := *a
	ops := slices.Clone(a.Ops)
	for _, op := range b.Ops {
		i := slices.IndexFunc(ops, func(o Op) bool { return o.Class == op.Class && o.Name == op.Name && o.Code == op.Code })
		if i >= 0 {
			ops[i].Count += op.Count
			ops[i].FirstSeen = Earlier(ops[i].FirstSeen, op.FirstSeen)
			ops[i].LastSeen = max(ops[i].LastSeen, op.LastSeen)
		} else {
			ops = append(ops, op)
		}
	}
	SortOps(ops)
	out.Ops = ops
	if len(b.Attrs) > 0 {
		attrs := maps.Clone(a.Attrs)
		if attrs == nil {
			attrs = map[string]string{}
		}
		for k, v := range b.Attrs {
			if old, ok := attrs[k]; ok && old != v {
				vals := append(strings.Split(old, "|"), strings.Split(v, "|")...)
				slices.Sort(vals)
				attrs[k] = strings.Join(slices.Compact(vals), "|")
			} else {
				attrs[k] = v
			}
		}
		out.Attrs = attrs
	}
	out.Events = append(slices.Clone(a.Events), b.Events...)
	if len(out.Events) > MaxEvents {
		out.Dropped += len(out.Events) - MaxEvents
		out.Events = out.Events[:MaxEvents]
	}
	creds := slices.Clone(a.Credentials)
	for _, c := range b.Credentials {
		if !slices.Contains(creds, c) {
			creds = append(creds, c)
		}
	}
	SortCredentials(creds)
	out.Credentials = creds
	out.Dropped += b.Dropped
	out.Malformed += b.Malformed
	return &out
}

// MergeFactsInto merges b into dst in place, leaving dst as
// *MergeFacts(dst, b) would be, without copying what dst holds: for a
// collector merging the facts of many inputs into facts of its own. dst
// must share no slice or map with b or with anything still in use; b is
// not changed.
func MergeFactsInto(dst, b *Facts) {
	if b == nil {
		return
	}
	for _, op := range b.Ops {
		i := slices.IndexFunc(dst.Ops, func(o Op) bool { return o.Class == op.Class && o.Name == op.Name && o.Code == op.Code })
		if i >= 0 {
			d := &dst.Ops[i]
			d.Count += op.Count
			d.FirstSeen = Earlier(d.FirstSeen, op.FirstSeen)
			d.LastSeen = max(d.LastSeen, op.LastSeen)
		} else {
			dst.Ops = append(dst.Ops, op)
		}
	}
	SortOps(dst.Ops)
	if len(b.Attrs) > 0 {
		if dst.Attrs == nil {
			dst.Attrs = make(map[string]string, len(b.Attrs))
		}
		for k, v := range b.Attrs {
			if old, ok := dst.Attrs[k]; ok && old != v {
				vals := append(strings.Split(old, "|"), strings.Split(v, "|")...)
				slices.Sort(vals)
				dst.Attrs[k] = strings.Join(slices.Compact(vals), "|")
			} else {
				dst.Attrs[k] = v
			}
		}
	}
	if len(b.Events) > 0 {
		dst.Events = append(dst.Events, b.Events...)
		if len(dst.Events) > MaxEvents {
			dst.Dropped += len(dst.Events) - MaxEvents
			dst.Events = slices.Clip(dst.Events[:MaxEvents])
		}
	}
	for _, c := range b.Credentials {
		if !slices.Contains(dst.Credentials, c) {
			dst.Credentials = append(dst.Credentials, c)
		}
	}
	SortCredentials(dst.Credentials)
	dst.Dropped += b.Dropped
	dst.Malformed += b.Malformed
}

// SortOps sorts operations as facts list them: by class, code and name.
func SortOps(ops []Op) {
	slices.SortFunc(ops, func(x, y Op) int {
		return cmp.Or(cmp.Compare(x.Class, y.Class), cmp.Compare(x.Code, y.Code), cmp.Compare(x.Name, y.Name))
	})
}

// SortCredentials sorts a flow's credentials as facts list them: by kind,
// user, strength and fingerprint.
func SortCredentials(creds []FlowCredential) {
	slices.SortFunc(creds, func(x, y FlowCredential) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.User, y.User), cmp.Compare(x.Strength, y.Strength), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
}

// Earlier is the earlier of two Stamp times, "" when neither is set: the
// stamps are of fixed width and compare as strings.
func Earlier(a, b string) string {
	if a == "" || b != "" && b < a {
		return b
	}
	return a
}
