package traffic

import (
	"encoding/json"
	"testing"
)

func TestParseSourceOptions(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      map[string]any
		sensor  bool
		want    SourceOptions
		wantErr string
	}{
		{"defaults", nil, true, SourceOptions{MaxFlows: 10}, ""},
		{"hcl int", map[string]any{"max_flows": 5}, false, SourceOptions{MaxFlows: 5}, ""},
		{"json number", map[string]any{"max_flows": json.Number("7")}, false, SourceOptions{MaxFlows: 7}, ""},
		{"whole float", map[string]any{"max_flows": 3.0}, false, SourceOptions{MaxFlows: 3}, ""},
		{"huge", map[string]any{"max_flows": int64(1) << 40}, false, SourceOptions{MaxFlows: 1<<31 - 1}, ""},
		{"fraction", map[string]any{"max_flows": 2.5}, false, SourceOptions{}, "option max_flows must be a whole number, not 2.5"},
		{"zero", map[string]any{"max_flows": 0}, false, SourceOptions{}, "option max_flows must be at least 1, not 0"},
		{"text", map[string]any{"max_flows": "many"}, false, SourceOptions{}, "option max_flows must be a number, not string"},
		{"sensor", map[string]any{"sensor": "span-1"}, true, SourceOptions{MaxFlows: 10, Sensor: "span-1"}, ""},
		{"sensor blank", map[string]any{"sensor": " "}, true, SourceOptions{}, "option sensor must be a name, not  "},
		{"sensor not read", map[string]any{"sensor": 3}, false, SourceOptions{MaxFlows: 10}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseSourceOptions(tc.in, 10, tc.sensor)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}
