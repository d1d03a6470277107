package traffic

import (
	"encoding/json"
	"fmt"
	"strings"
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
	if v, ok := in["max_flows"]; ok {
		var n int64
		switch x := v.(type) {
		case json.Number:
			i, err := x.Int64()
			if err != nil {
				return o, fmt.Errorf("option max_flows must be a whole number, not %s", x)
			}
			n = i
		case int:
			n = int64(x)
		case int64:
			n = x
		case float64:
			n = int64(x)
			if float64(n) != x {
				return o, fmt.Errorf("option max_flows must be a whole number, not %v", x)
			}
		default:
			return o, fmt.Errorf("option max_flows must be a number, not %T", v)
		}
		if n < 1 {
			return o, fmt.Errorf("option max_flows must be at least 1, not %d", n)
		}
		o.MaxFlows = int(min(n, 1<<31-1))
	}
	if v, ok := in["sensor"]; ok && withSensor {
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return o, fmt.Errorf("option sensor must be a name, not %v", v)
		}
		o.Sensor = s
	}
	return o, nil
}
