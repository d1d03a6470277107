package assessment

import (
	"strings"
	"testing"
)

func TestParseAge(t *testing.T) {
	tests := []struct {
		in     string
		days   int
		detail string // a substring of the detail; "" when the age is valid
	}{
		{"30d", 30, ""},
		{"4w", 28, ""},
		{"0d", 0, ""},
		{" 2W ", 14, ""},
		{"7 d", 7, ""},
		{"36500d", 36500, ""},
		{"5215w", 0, "more than 36500 days"},
		{"36501d", 0, "more than 36500 days"},
		{"30", 0, "has no unit"},
		{"72h", 0, "shorter than a day"},
		{"1mo", 0, `unit "mo"`},
		{"d", 0, "not an age"},
		{"-3d", 0, "not an age"},
		{"", 0, "not an age"},
		{"1.5w", 0, `unit ".5w"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			days, detail := parseAge(tt.in)
			if tt.detail == "" {
				if detail != "" || days != tt.days {
					t.Errorf("parseAge(%q) = %d, %q; want %d", tt.in, days, detail, tt.days)
				}
				return
			}
			if !strings.Contains(detail, tt.detail) {
				t.Errorf("parseAge(%q) detail = %q; want it to mention %q", tt.in, detail, tt.detail)
			}
		})
	}
}
