package dissect

// State returns the state the flow's dissector keeps between packets (a
// telnet prompt awaiting its answer, a VNC handshake half seen), made by
// mk on first use. It lives with the flow's Recorder: one collection run,
// one flow, no bound and no sharing, so what is recorded never depends on
// how many other flows are open. A flow has one dissector, so one slot
// serves.
func (r *Recorder) State(mk func() any) any {
	if r.state == nil {
		r.state = mk()
	}
	return r.state
}

// DropState forgets the flow's dissector state once it has no more use.
func (r *Recorder) DropState() { r.state = nil }
