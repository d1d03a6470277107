package dissect

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"unique"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// The facts a Recorder keeps are the traffic model's (evidence/traffic):
// these names let dissectors write them without knowing where they live.
const (
	ClassRead       = traffic.ClassRead
	ClassWrite      = traffic.ClassWrite
	ClassControl    = traffic.ClassControl
	ClassProgram    = traffic.ClassProgram
	ClassDiagnostic = traffic.ClassDiagnostic
	ClassSession    = traffic.ClassSession
	ClassResponse   = traffic.ClassResponse
	ClassError      = traffic.ClassError

	MaxOps         = traffic.MaxOps
	MaxAttrs       = traffic.MaxAttrs
	MaxEvents      = traffic.MaxEvents
	MaxCredentials = traffic.MaxCredentials

	StampLayout = traffic.StampLayout
)

type (
	// Op is traffic.Op.
	Op = traffic.Op
	// Event is traffic.Event.
	Event = traffic.Event
	// Credential is traffic.FlowCredential.
	Credential = traffic.FlowCredential
	// Facts is traffic.Facts.
	Facts = traffic.Facts
)

// Timed is traffic.Timed.
func Timed(class string) bool { return traffic.Timed(class) }

// Stamp is traffic.Stamp.
func Stamp(ns int64) string { return traffic.Stamp(ns) }

// Recorder collects the facts of one flow. The reader gives each flow one;
// it is not safe for concurrent use.
type Recorder struct {
	key []byte
	// ops are the operations in the order first seen, each with its
	// count and times; index finds them once there are more than
	// smallOps.
	ops   []opEntry
	index map[opKey]int
	// now is the time of the packet being dissected, when timed.
	now   int64
	timed bool
	// last is the most recent operation: a flow mostly repeats one.
	last  int
	facts Facts

	// state is what the flow's dissector keeps between packets.
	state any
}

type opKey struct {
	class, name string
	code        int
}

// opStat is the count of one operation and, for the Timed classes, the
// first and last times it was seen: beside its key, so that counting one
// touches one place in memory.
type opStat struct {
	count       int
	first, last int64
	timed       bool
}

type opEntry struct {
	opKey
	opStat
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

// Op counts one operation. A flow records few distinct operations, so
// they are looked up in order (comparing the code first, and strings that
// are mostly the dissector's own constants); past smallOps a map indexes
// them.
func (r *Recorder) Op(class, name string, code int) {
	if r.last < len(r.ops) {
		if o := &r.ops[r.last]; code == o.code && name == o.name && class == o.class {
			r.see(&o.opStat)
			return
		}
	}
	i := -1
	if r.index != nil {
		if j, ok := r.index[opKey{class, name, code}]; ok {
			i = j
		}
	} else {
		for j := range r.ops {
			if o := &r.ops[j]; o.code == code && o.name == name && o.class == class {
				i = j
				break
			}
		}
	}
	if i < 0 {
		if len(r.ops) >= MaxOps {
			r.facts.Dropped++
			return
		}
		i = len(r.ops)
		// Copies, as for Attr: a name may be a slice of a log line. The
		// copy is the one canonical string of its value (unique), so that
		// a million flows naming one operation share its name.
		k := opKey{unique.Make(class).Value(), unique.Make(name).Value(), code}
		r.ops = append(r.ops, opEntry{k, opStat{first: r.now, last: r.now, timed: Timed(class)}})
		if r.index != nil {
			r.index[k] = i
		} else if len(r.ops) > smallOps {
			r.index = make(map[opKey]int, 2*len(r.ops))
			for j, o := range r.ops {
				r.index[o.opKey] = j
			}
		}
	}
	r.see(&r.ops[i].opStat)
	r.last = i
}

// smallOps is how many operations a recorder looks up without a map.
const smallOps = 16

// see counts an operation, and widens its times to the current packet's
// when its class is timed.
func (r *Recorder) see(s *opStat) {
	s.count++
	if s.timed {
		s.first, s.last = min(s.first, r.now), max(s.last, r.now)
	}
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
		// A copy, so that a value sliced out of a larger buffer (a log
		// line) does not keep that buffer alive with the flow's facts.
		r.facts.Attrs[unique.Make(key).Value()] = strings.Clone(value)
	case old != value && !containsValue(old, value):
		vals := append(splitValues(old), value)
		slices.Sort(vals)
		r.facts.Attrs[key] = joinValues(vals)
	}
}

// AttrBytes is Attr for a value in bytes, which are copied only when the
// value is not the one already recorded for key: a dissector may pass a
// slice of its packet, or of a buffer it reuses.
func (r *Recorder) AttrBytes(key string, value []byte) {
	if old, ok := r.facts.Attrs[key]; ok && old == string(value) {
		return
	}
	r.Attr(key, string(value))
}

// Event records a notable occurrence.
func (r *Recorder) Event(kind, message string) {
	if len(r.facts.Events) >= MaxEvents {
		r.facts.Dropped++
		return
	}
	e := Event{Kind: strings.Clone(kind), Message: strings.Clone(message)}
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
	c := Credential{Kind: strings.Clone(kind), User: strings.Clone(user), Strength: evidence.SecretStrength(secret, isDefault),
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
	f := r.sorted()
	if f.Attrs != nil {
		f.Attrs = maps.Clone(f.Attrs)
	}
	f.Events = slices.Clone(f.Events)
	f.Credentials = slices.Clone(f.Credentials)
	sortCredentials(f.Credentials)
	return f
}

// Take returns what was recorded, sorted for output, as Facts does but
// without copying what it holds: the recorder must not be used again. A
// collector that keeps a million flows' facts takes them once, at the
// end.
func (r *Recorder) Take() Facts {
	f := r.sorted()
	sortCredentials(f.Credentials)
	*r = Recorder{}
	return f
}

// sorted is the facts with the operations made a sorted list; the rest
// is shared with the recorder.
func (r *Recorder) sorted() Facts {
	f := r.facts
	f.Ops = make([]Op, 0, len(r.ops))
	for _, o := range r.ops {
		k, st := o.opKey, o.opStat
		op := Op{Class: k.class, Name: k.name, Code: k.code, Count: st.count}
		if r.timed && st.timed {
			op.FirstSeen, op.LastSeen = Stamp(st.first), Stamp(st.last)
		}
		f.Ops = append(f.Ops, op)
	}
	slices.SortFunc(f.Ops, func(a, b Op) int {
		return cmp.Or(cmp.Compare(a.Class, b.Class), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Name, b.Name))
	})
	if len(f.Ops) == 0 {
		f.Ops = nil
	}
	return f
}

func sortCredentials(cs []Credential) {
	slices.SortFunc(cs, func(a, b Credential) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.User, b.User), cmp.Compare(a.Strength, b.Strength), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
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
