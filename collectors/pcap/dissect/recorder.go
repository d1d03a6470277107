package dissect

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/slate-ot/slate/evidence"
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

// Credential is a credential seen in cleartext: the fact, never the secret.
type Credential struct {
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

// Facts are what dissectors recorded on one flow.
type Facts struct {
	Ops         []Op              `json:"ops,omitempty"`
	Attrs       map[string]string `json:"attrs,omitempty"`
	Events      []Event           `json:"events,omitempty"`
	Credentials []Credential      `json:"credentials,omitempty"`
	// Dropped counts facts over the bounds.
	Dropped int `json:"dropped,omitempty"`
	// Malformed counts PDUs the dissector could not parse.
	Malformed int `json:"malformed,omitempty"`
}

// Recorder collects the facts of one flow. The reader gives each flow one;
// it is not safe for concurrent use.
type Recorder struct {
	key    []byte
	ops    map[opKey]int // index into order and counts
	order  []opKey
	counts []int
	// seen are the first and last times of each operation in order, for
	// the Timed classes.
	seen [][2]int64
	// now is the time of the packet being dissected, when timed.
	now   int64
	timed bool
	// last caches the most recent operation: a flow mostly repeats one.
	last    opKey
	lastIdx int
	facts   Facts

	// state is what the flow's dissector keeps between packets.
	state any
}

type opKey struct {
	class, name string
	code        int
}

// NewRecorder returns a recorder whose credential fingerprints are keyed
// with key (the source's evidence.Source.FingerprintKey; nil for none).
func NewRecorder(key []byte) *Recorder {
	return &Recorder{key: key}
}

// SetTime gives the capture time (nanoseconds since the epoch) of the
// packet whose bytes are dissected next: operations of the Timed classes
// and events recorded from then on carry it.
func (r *Recorder) SetTime(ns int64) { r.now, r.timed = ns, true }

// Op counts one operation.
func (r *Recorder) Op(class, name string, code int) {
	k := opKey{class, name, code}
	if len(r.order) > 0 && k == r.last {
		r.counts[r.lastIdx]++
		r.see(r.lastIdx)
		return
	}
	if r.ops == nil {
		r.ops = make(map[opKey]int, 4)
	}
	i, ok := r.ops[k]
	if !ok {
		if len(r.order) >= MaxOps {
			r.facts.Dropped++
			return
		}
		i = len(r.order)
		r.ops[k] = i
		r.order = append(r.order, k)
		r.counts = append(r.counts, 0)
		r.seen = append(r.seen, [2]int64{r.now, r.now})
	}
	r.counts[i]++
	r.see(i)
	r.last, r.lastIdx = k, i
}

// see widens the times of operation i to the current packet's.
func (r *Recorder) see(i int) {
	s := &r.seen[i]
	s[0], s[1] = min(s[0], r.now), max(s[1], r.now)
}

// Attr records a fact with a value ("security_mode" = "None", "version" =
// "2c"). When a key is recorded again with another value, every value is
// kept, sorted and joined by "|" ("None|SignAndEncrypt"), so policies see
// them all.
func (r *Recorder) Attr(key, value string) {
	if r.facts.Attrs == nil {
		r.facts.Attrs = make(map[string]string, 4)
	}
	old, ok := r.facts.Attrs[key]
	switch {
	case !ok:
		if len(r.facts.Attrs) >= MaxAttrs {
			r.facts.Dropped++
			return
		}
		r.facts.Attrs[key] = value
	case old != value && !containsValue(old, value):
		vals := append(splitValues(old), value)
		slices.Sort(vals)
		r.facts.Attrs[key] = joinValues(vals)
	}
}

// Event records a notable occurrence.
func (r *Recorder) Event(kind, message string) {
	if len(r.facts.Events) >= MaxEvents {
		r.facts.Dropped++
		return
	}
	e := Event{Kind: kind, Message: message}
	if r.timed {
		e.Time = Stamp(r.now)
	}
	r.facts.Events = append(r.facts.Events, e)
}

// Malformed counts a PDU that could not be parsed.
func (r *Recorder) Malformed() { r.facts.Malformed++ }

// Credential records that a credential crossed the wire in cleartext. The
// secret is fingerprinted and dropped; it must not be passed anywhere else.
func (r *Recorder) Credential(kind, user string, secret []byte, isDefault bool) {
	c := Credential{Kind: kind, User: user, Strength: evidence.SecretStrength(secret, isDefault),
		Fingerprint: evidence.Fingerprint(r.key, secret, isDefault), Default: isDefault}
	if slices.Contains(r.facts.Credentials, c) {
		return
	}
	if len(r.facts.Credentials) >= MaxCredentials {
		r.facts.Dropped++
		return
	}
	r.facts.Credentials = append(r.facts.Credentials, c)
}

// Facts returns what was recorded, sorted for output. The recorder may go
// on recording afterwards.
func (r *Recorder) Facts() Facts {
	f := r.facts
	f.Ops = make([]Op, 0, len(r.order))
	for i, k := range r.order {
		op := Op{Class: k.class, Name: k.name, Code: k.code, Count: r.counts[i]}
		if r.timed && Timed(k.class) {
			op.FirstSeen, op.LastSeen = Stamp(r.seen[i][0]), Stamp(r.seen[i][1])
		}
		f.Ops = append(f.Ops, op)
	}
	slices.SortFunc(f.Ops, func(a, b Op) int {
		return cmp.Or(cmp.Compare(a.Class, b.Class), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Name, b.Name))
	})
	if len(f.Ops) == 0 {
		f.Ops = nil
	}
	if f.Attrs != nil {
		f.Attrs = maps.Clone(f.Attrs)
	}
	f.Events = slices.Clone(f.Events)
	f.Credentials = slices.Clone(f.Credentials)
	slices.SortFunc(f.Credentials, func(a, b Credential) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.User, b.User), cmp.Compare(a.Strength, b.Strength), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	return f
}

func splitValues(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '|' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func joinValues(vals []string) string {
	n := 0
	for _, v := range vals {
		n += len(v) + 1
	}
	b := make([]byte, 0, n)
	for i, v := range vals {
		if i > 0 {
			b = append(b, '|')
		}
		b = append(b, v...)
	}
	return string(b)
}

func containsValue(joined, v string) bool {
	return slices.Contains(splitValues(joined), v)
}
