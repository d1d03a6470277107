// Package schemaerr turns a JSON Schema validation error into the places
// in the document it failed at, for messages that name them.
package schemaerr

import (
	"errors"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var english = message.NewPrinter(language.English)

// Leaves returns the leaf failures of a validation error, each with its
// place in the document ("/document/tracking: missing property 'id'"),
// sorted and unique so that a message is the same each run; nil when err
// is no *jsonschema.ValidationError.
func Leaves(err error) []string {
	ve, ok := errors.AsType[*jsonschema.ValidationError](err)
	if !ok {
		return nil
	}
	var leaves []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, "/"+strings.Join(e.InstanceLocation, "/")+": "+e.ErrorKind.LocalizedString(english))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	slices.Sort(leaves)
	return slices.Compact(leaves)
}
