package collectors

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/slate-ot/slate/evidence"
)

// Collector reads the files of one source into one evidence document.
// Malformed input is an *evidence.InputError naming the file and place;
// problems it can skip become provenance warnings instead.
type Collector interface {
	Collect(ctx context.Context, src evidence.Source) (evidence.Document, error)
}

// Spec describes one evidence kind.
type Spec struct {
	// Kind is the first label of a `source` block.
	Kind string
	// Summary is one line for `slate collect --help` and the docs.
	Summary string
	// Options are the attributes a source block of this kind may set
	// besides `files`.
	Options []string
	// Data is the Go type of the documents' data, for the generated
	// evidence reference (cmd/docgen).
	Data reflect.Type
	// New returns a ready collector configured by cfg. A collector uses
	// what of cfg it can and ignores the rest.
	New func(cfg Config) Collector
	// Traffic is set for kinds whose documents hold traffic evidence
	// (data of type evidence/traffic.Data): the engine indexes their
	// flows and devices, and the network checks read them, whatever the
	// kind.
	Traffic bool
}

// Config is what a run gives every collector it makes.
type Config struct {
	// Progress, when not nil, may be told the bytes of input read so far
	// and the total, as often as the collector likes; a collector that
	// reads small inputs need never call it. Calls come from one
	// goroutine at a time.
	Progress func(read, total int64)
}

// Lookup returns the spec of kind.
func Lookup(kind string) (Spec, bool) {
	i := slices.IndexFunc(table, func(s Spec) bool { return s.Kind == kind })
	if i < 0 {
		return Spec{}, false
	}
	return table[i], true
}

// TrafficKinds returns the kinds that produce traffic evidence, sorted.
// The CLI passes them to the engine (engine.WithTrafficKinds), which
// knows no collector.
func TrafficKinds() []string {
	var out []string
	for _, s := range table {
		if s.Traffic {
			out = append(out, s.Kind)
		}
	}
	return out
}

// Specs returns every registered kind, sorted by kind.
func Specs() []Spec { return slices.Clone(table) }

// OptionsByKind returns, for each kind, the options its source blocks may
// set. The assessment loader uses it to check source blocks.
func OptionsByKind() map[string][]string {
	m := make(map[string][]string, len(table))
	for _, s := range table {
		m[s.Kind] = s.Options
	}
	return m
}

// Registry is the table of collectors as the engine consumes it.
type Registry struct {
	// Progress, when set, is asked for a progress callback for every
	// source (Config.Progress); done is called when its collector returns.
	// The registry has no idea of how progress is shown: the CLI draws a
	// bar on a terminal.
	Progress func(src evidence.Source) (update func(read, total int64), done func())
}

// Default is the registry of every built-in collector.
var Default Registry

// OptionsByKind returns OptionsByKind().
func (Registry) OptionsByKind() map[string][]string { return OptionsByKind() }

// CollectAll runs the collectors like CollectAll, with progress reporting
// when the registry has it.
func (r Registry) CollectAll(ctx context.Context, sources []evidence.Source) ([]evidence.Document, error) {
	return collectAll(ctx, sources, r.Progress)
}

// CollectAll runs the collector of every source, several at a time, and
// returns their documents sorted by id. When several sources have
// unreadable inputs, all of them are reported (an *evidence.InputErrors,
// in source order, so the message does not depend on scheduling); any
// other error of the first failing source is returned alone.
func CollectAll(ctx context.Context, sources []evidence.Source) ([]evidence.Document, error) {
	return collectAll(ctx, sources, nil)
}

func collectAll(ctx context.Context, sources []evidence.Source,
	progress func(evidence.Source) (func(read, total int64), func())) ([]evidence.Document, error) {
	docs := make([]evidence.Document, len(sources))
	errs := make([]error, len(sources))
	// Every kind is known before any collector starts, so that no error
	// returns while collectors it started still run.
	specs := make([]Spec, len(sources))
	for i, src := range sources {
		spec, ok := Lookup(src.Kind)
		if !ok {
			return nil, fmt.Errorf("source %q: unknown kind %q", src.Name, src.Kind)
		}
		specs[i] = spec
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, src := range sources {
		spec := specs[i]
		g.Go(func() error {
			var cfg Config
			if progress != nil {
				update, done := progress(src)
				defer done()
				cfg.Progress = update
			}
			docs[i], errs[i] = spec.New(cfg).Collect(ctx, src)
			return nil
		})
	}
	_ = g.Wait()
	// Input errors of every source are reported together, in source
	// order; any other error stops at the first.
	var bad evidence.InputErrors
	for _, err := range errs {
		if err == nil {
			continue
		}
		if _, ok := errors.AsType[*evidence.InputError](err); !ok {
			return nil, err
		}
		bad.Add(err)
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(docs, func(a, b evidence.Document) int { return cmp.Compare(a.ID, b.ID) })
	return docs, nil
}
