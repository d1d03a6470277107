package traffic

import (
	"fmt"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

// SourceOptions are the options every traffic source block may set that
// the collector reads (zones and min_observation are the engine's).
type SourceOptions struct {
	// MaxFlows is the number of flows kept; past it new ones are
	// counted (Data.FlowsDropped), not stored.
	MaxFlows int
	// Sensor, when set, names the sensor of every input of the source.
	Sensor string
}

// ParseSourceOptions reads max_flows (a whole number of at least 1,
// default def) and, when withSensor is set, sensor (a name) from a source
// block's options. Values come from HCL (int, int64, float64) or JSON
// (json.Number).
func ParseSourceOptions(in map[string]any, def int, withSensor bool) (SourceOptions, error) {
	o := SourceOptions{MaxFlows: def}
	n, err := evidence.WholeOption(in, "max_flows", int64(def), 1)
	if err != nil {
		return o, err
	}
	o.MaxFlows = int(min(n, 1<<31-1))
	if v, ok := in["sensor"]; ok && withSensor {
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return o, fmt.Errorf("option sensor must be a name, not %v", v)
		}
		o.Sensor = s
	}
	return o, nil
}
