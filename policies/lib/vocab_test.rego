# The vocabulary the engine gives the policies (data.slate.vocab, from its
# Go definitions; policies/vocab.json for the plain opa CLI) is there, and
# the values the shared helpers hand to findings belong to it.
package slate.lib.vocab_test

import data.slate.lib.breadth

zones := [
	{"name": "cell", "kind": "ot"},
	{"name": "office", "kind": "it"},
]

test_vocabulary_present if {
	"critical" in data.slate.vocab.severities
	"not_assessed" in data.slate.vocab.statuses
	"OT" in data.slate.vocab.owners
}

test_breadth_owner_in_vocabulary if {
	owners := {breadth.owner(z) | some z in ["cell", "office", ""]} with input.assessment.zones as zones
	owners == {"OT", "IT"}
	every o in owners {
		o in data.slate.vocab.owners
	}
}
