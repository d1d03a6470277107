package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/slate-ot/slate/evidence/traffic"
	"github.com/slate-ot/slate/policies"
)

// The engine knows no collector. What it knows of traffic evidence comes
// from two places: the typed model (evidence/traffic), whose JSON names
// the flow index reads by (trafficKeys), and the policy library's
// data.slate.traffic (policies/lib/traffic.rego, generated from the
// collector table and evidence/traffic), which says which kinds of
// documents hold traffic evidence. Every document of those kinds is read
// into the index (flowindex.go), whatever collector made it.

// trafficKinds are the evidence kinds whose documents hold traffic
// evidence: data.slate.traffic.kinds of the built-in library, which the
// policies read too.
var trafficKinds = sync.OnceValues(func() ([]string, error) {
	const path = "lib/traffic.rego"
	src, err := fs.ReadFile(policies.FS, path)
	if err != nil {
		return nil, err
	}
	m, err := ast.ParseModuleWithOpts(path, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, err
	}
	for _, r := range m.Rules {
		if r.Head.Name.String() != "kinds" || r.Head.Value == nil {
			continue
		}
		list, ok := r.Head.Value.Value.(*ast.Array)
		if !ok {
			break
		}
		var kinds []string
		for i := range list.Len() {
			s, ok := list.Elem(i).Value.(ast.String)
			if !ok {
				return nil, fmt.Errorf("%s: kinds holds %v, not a kind", path, list.Elem(i))
			}
			kinds = append(kinds, string(s))
		}
		return kinds, nil
	}
	return nil, fmt.Errorf("%s: no list of kinds", path)
})

// isTrafficKind reports whether documents of kind hold traffic evidence.
func isTrafficKind(kind string) bool {
	kinds, err := trafficKinds()
	if err != nil {
		panic(err) // the embedded library is checked by its tests
	}
	for _, k := range kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// jsonName is the JSON name of field of the struct type T.
func jsonName[T any](field string) string {
	f, ok := reflect.TypeFor[T]().FieldByName(field)
	if !ok {
		panic("evidence/traffic has no field " + field)
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		panic("evidence/traffic field " + field + " has no JSON name")
	}
	return name
}

// trafficKeys are the JSON names of the members of traffic evidence the
// flow index reads, from the model's own struct tags: renaming a field
// there renames it here.
var trafficKeys = struct {
	flows, assets                             string // of traffic.Data
	client, server, protocol, vlan, innerVLAN string // of traffic.Flow
	facts, transport, etherType, identifiedBy string
	zone, ip, mac, group, port                string // of traffic.Endpoint
	attrs, ops, class                         string // of traffic.Facts and traffic.Op
	conversation, endpoint                    []string
	counters                                  []string // a flow's packets and bytes, in this order
}{
	flows:        jsonName[traffic.Data]("Flows"),
	assets:       jsonName[traffic.Data]("Assets"),
	client:       jsonName[traffic.Flow]("Client"),
	server:       jsonName[traffic.Flow]("Server"),
	protocol:     jsonName[traffic.Flow]("Protocol"),
	vlan:         jsonName[traffic.Flow]("VLAN"),
	innerVLAN:    jsonName[traffic.Flow]("InnerVLAN"),
	facts:        jsonName[traffic.Flow]("Facts"),
	transport:    jsonName[traffic.Flow]("Transport"),
	etherType:    jsonName[traffic.Flow]("EtherType"),
	identifiedBy: jsonName[traffic.Flow]("IdentifiedBy"),
	zone:         jsonName[traffic.Endpoint]("Zone"),
	ip:           jsonName[traffic.Endpoint]("IP"),
	mac:          jsonName[traffic.Endpoint]("MAC"),
	group:        jsonName[traffic.Endpoint]("Group"),
	port:         jsonName[traffic.Endpoint]("Port"),
	attrs:        jsonName[traffic.Facts]("Attrs"),
	ops:          jsonName[traffic.Facts]("Ops"),
	class:        jsonName[traffic.Op]("Class"),
	counters: []string{
		jsonName[traffic.Flow]("BytesToCli"), jsonName[traffic.Flow]("BytesToSrv"),
		jsonName[traffic.Flow]("PacketsToCli"), jsonName[traffic.Flow]("PacketsToSrv"),
	},
}

func init() {
	k := &trafficKeys
	// A conversation is named by these members of a flow and of its ends
	// (see conversationKeys).
	k.conversation = []string{k.etherType, k.identifiedBy, k.innerVLAN, k.protocol, k.transport, k.vlan}
	k.endpoint = []string{k.group, k.ip, k.mac, k.zone}
}

// strictTraffic makes every traffic document be checked against the
// typed model (checkTraffic) and a document the index cannot read an
// error instead of a conversion with every flow kept. The engine's tests
// set it, so that a change of the model that the index does not follow
// fails them rather than making runs silently slower.
var strictTraffic bool

// checkTraffic decodes a traffic document's data into traffic.Data,
// refusing members the model does not have and values of another type.
func checkTraffic(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d traffic.Data
	if err := dec.Decode(&d); err != nil {
		return fmt.Errorf("traffic evidence does not match evidence/traffic: %w", err)
	}
	return nil
}
