package vers

import (
	"testing"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2.9.4", "2.9.4", 0},
		{"V2.9.4", "2.9.4", 0},
		{"v2.9.4", "V2.9.4", 0},
		{"2.9", "2.9.0", 0},
		{"2.10", "2.9", 1},
		{"07.0.02", "7.0.2", 0},
		{"HiOS 07.0.02", "07.0.03", -1},
		{"rev. 8.3.0", "8.2.9", 1},
		{"R9.85", "R9.90", -1},
		{"SV3.51", "SV4.10", -1},
		{"SV3.51", "V3.51", 0},
		{"8.1x", "8.1", 1},
		{"7.5 SP2", "7.5", 1},
		{"7.5 SP2", "7.5 SP1", 1},
		{"2.1a", "2.1", 1},
		{"2.1a", "2.1b", -1},
		{"2.1.1", "2.1a", 1},
		{"1.9-40", "1.9-39", 1},
		{"2.26.2.4", "2.26.2.10", -1},
		{"v.32.011", "32.11", 0},
		{"FW26", "FW19", 1},
		{"5866", "5867", -1},
		{"R520.2", "R520.10", -1},
		{"V17.0.0.0", "V17", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			got, ok := Compare(tt.a, tt.b)
			if !ok || got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, %v; want %d", tt.a, tt.b, got, ok, tt.want)
			}
			back, _ := Compare(tt.b, tt.a)
			if back != -tt.want {
				t.Errorf("Compare(%q, %q) = %d; not the opposite of %d", tt.b, tt.a, back, tt.want)
			}
		})
	}
	for _, bad := range [][2]string{{"", "1"}, {"beta", "1.0"}, {"1.0", "n/a"}} {
		if _, ok := Compare(bad[0], bad[1]); ok {
			t.Errorf("Compare(%q, %q) ordered versions without numbers", bad[0], bad[1])
		}
	}
}

// TestParse holds every range form of the advisories in the developer
// corpus (see testdata/csaf/NOTICE.md) to what it means.
func TestParse(t *testing.T) {
	type probe struct {
		v    string
		want Verdict
	}
	tests := []struct {
		text        string
		exact       bool
		kind        string
		note        string
		problem     bool
		undecidable bool
		probes      []probe
	}{
		{text: "vers:generic/>=2.0|<2.9.4", kind: KindVers, probes: []probe{{"1.9", Out}, {"2.0", In}, {"2.9.3", In}, {"2.9.4", Out}}},
		{text: "vers:generic/<1.0|>=2.0|<2.5", kind: KindVers, probes: []probe{{"0.9", In}, {"1.5", Out}, {"2.4", In}, {"2.5", Out}}},
		{text: "vers:generic/>=3.0", kind: KindVers, probes: []probe{{"2.9", Out}, {"3.1", In}}},
		{text: "vers:generic/1.2|1.4", kind: KindVers, probes: []probe{{"1.2", In}, {"1.3", Out}}},
		{text: "vers:generic/!=1.3", kind: KindVers, probes: []probe{{"1.2", In}, {"1.3", Out}}},
		{text: "vers:all/<V5.5.2", kind: KindVers, probes: []probe{{"V5.5.1", In}, {"5.5.2", Out}, {"V5.6", Out}}},
		{text: "vers:all/<V3.3", kind: KindVers, probes: []probe{{"V3.2.9", In}, {"V3.3", Out}}},
		{text: "vers:all/*", kind: KindVers, probes: []probe{{"V1.0", In}, {"anything", In}, {"", Unknown}}},
		{text: "vers:all/*", exact: true, kind: KindVers, probes: []probe{{"2.0", In}}},
		{text: "vers:all", kind: KindVers, problem: true, undecidable: true},
		{text: "< V21.9", kind: KindProse, probes: []probe{{"V21.8", In}, {"V21.9", Out}}},
		{text: "< V2.9.2", kind: KindProse, probes: []probe{{"V2.9.1", In}, {"V2.9.7", Out}}},
		{text: "<12.38", kind: KindProse, probes: []probe{{"12.37", In}, {"12.38", Out}}},
		{text: "<9.9.00", kind: KindProse, probes: []probe{{"9.8.99", In}, {"9.9", Out}}},
		{text: "< 1.4.9", kind: KindProse, probes: []probe{{"1.4.8", In}}},
		{text: "< 2.26.2.4", kind: KindProse, probes: []probe{{"2.26.2.3", In}, {"2.26.2.4", Out}}},
		{text: "<= 5866", kind: KindProse, probes: []probe{{"5866", In}, {"5867", Out}}},
		{text: "<= 3.7", kind: KindProse, probes: []probe{{"3.7", In}, {"3.8", Out}}},
		{text: "<= 1.9-40", kind: KindProse, probes: []probe{{"1.9-40", In}, {"1.9-41", Out}}},
		{text: "<= 4.8.488.0", kind: KindProse, probes: []probe{{"4.8.488.0", In}, {"4.8.489", Out}}},
		{text: "<=8.1.1.3", kind: KindProse, probes: []probe{{"8.1.1.3", In}, {"8.2", Out}}},
		{text: "<= HiOS 07.0.02", kind: KindProse, probes: []probe{{"07.0.02", In}, {"HiOS 07.0.03", Out}}},
		{text: "< SV3.51", kind: KindProse, probes: []probe{{"SV3.50", In}, {"V3.51", Out}}},
		{text: "< R9.90", kind: KindProse, probes: []probe{{"R9.85", In}, {"R9.90", Out}}},
		{text: "< 8.1x", kind: KindProse, probes: []probe{{"8.0x", In}, {"8.00", In}, {"8.09", In}, {"8.10", Out}, {"8.20", Out}}},
		{text: ">= 7.4x | <= 8.0x", kind: KindProse, probes: []probe{{"7.39", Out}, {"7.40", In}, {"7.41", In}, {"8.01", In}, {"8.09", In}, {"8.10", Out}}},
		{text: "< 7.03 /7.04", kind: KindProse, problem: true, probes: []probe{{"7.02", In}, {"7.03", In}, {"7.04", Out}}},
		{text: "<  rev. 8.3.0", kind: KindProse, probes: []probe{{"rev. 8.2.9", In}, {"8.3.0", Out}}},
		{text: "< 1.49 (1.29 for NX7)", kind: KindProse, note: "1.29 for NX7", probes: []probe{{"1.48", In}, {"1.49", Out}}},
		{text: ">= 2.0 | <= 2.7", kind: KindProse, probes: []probe{{"1.9", Out}, {"2.0", In}, {"2.7", In}, {"2.8", Out}}},
		{text: ">=12.0.1|<=12.0.14", kind: KindProse, probes: []probe{{"12.0.0", Out}, {"12.0.10", In}, {"12.0.15", Out}}},
		{text: "<= 9.9x", kind: KindProse, probes: []probe{{"9.99", In}, {"10.00", Out}}},
		{text: "> 1.2x", kind: KindProse, probes: []probe{{"1.29", Out}, {"1.30", In}}},
		{text: ">= 1.0 | >= 2.4", kind: KindProse, problem: true, undecidable: true, probes: []probe{{"2.5", Unknown}, {"0.5", Unknown}}},
		{text: ">= R4.01.00 | <= R4.05.00 (if RS4E5000 or RS4E5100 are installed)", kind: KindProse,
			note: "if RS4E5000 or RS4E5100 are installed", probes: []probe{{"R4.03.00", In}, {"R4.06.00", Out}}},
		{text: ">= R6.01.10 | <= R6.09.00 - (if VP6E5000 is installed)", kind: KindProse,
			note: "if VP6E5000 is installed", probes: []probe{{"R6.01.10", In}, {"R6.09.01", Out}}},
		{text: ">FW19_up_to_and_including_FW26", kind: KindFirmwareNumber,
			probes: []probe{{"FW19", Out}, {"FW20", In}, {"03.10.08(22)", In}, {"FW26", In}, {"FW27", Out}, {"04.02.13", Unknown}}},
		{text: `<=The_first_5_digits_of_serial_No._"26061"`, kind: KindSerial, problem: true, undecidable: true,
			probes: []probe{{"26000", Unknown}, {"1.0", Unknown}}},
		{text: "2.4", exact: true, kind: KindExact, probes: []probe{{"2.4", In}, {"2.4.0", In}, {"2.5", Out}}},
		{text: "03.2.00", exact: true, kind: KindExact, probes: []probe{{"3.2", In}}},
		{text: "v.32.011", exact: true, kind: KindExact, probes: []probe{{"32.011", In}, {"V32.12", Out}}},
		{text: "v2.001", exact: true, kind: KindExact, probes: []probe{{"2.001", In}}},
		{text: "8.2", exact: true, kind: KindExact, probes: []probe{{"8.2", In}, {"8.1.1.3", Out}}},
		{text: "and  5.028", exact: true, kind: KindExact, problem: true, probes: []probe{{"5.028", In}}},
		{text: "AND 5.1", exact: true, kind: KindExact, problem: true, probes: []probe{{"5.1", In}}},
		{text: "and \xc7\xc2\xca", exact: true, kind: KindExact, problem: true, undecidable: true},
		{text: "<= 2.0", exact: true, kind: KindProse, probes: []probe{{"1.0", In}}},
		{text: "unknown", exact: true, kind: KindExact, problem: true, undecidable: true, probes: []probe{{"1.0", Unknown}}},
		{text: "   ", kind: KindUnreadable, problem: true, undecidable: true},
		{text: "< beta", kind: KindUnreadable, problem: true, undecidable: true, probes: []probe{{"1.0", Unknown}}},
		{text: "<= 2020", kind: KindProse, probes: []probe{{"2019", In}, {"2021", Out}, {"no number", Unknown}}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := Parse(tt.text, tt.exact)
			if r.Kind != tt.kind || r.Note != tt.note || (r.Problem != "") != tt.problem || r.Undecidable() != tt.undecidable {
				t.Fatalf("Parse(%q) = kind %q note %q problem %q undecidable %v; want kind %q note %q problem %v undecidable %v",
					tt.text, r.Kind, r.Note, r.Problem, r.Undecidable(), tt.kind, tt.note, tt.problem, tt.undecidable)
			}
			if r.Raw != tt.text {
				t.Errorf("Raw = %q", r.Raw)
			}
			for _, p := range tt.probes {
				if got := r.Contains(p.v); got != p.want {
					t.Errorf("%s contains %q: %v, want %v", r, p.v, got, p.want)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"vers:generic/>=2.0|<2.9.4", "< V21.9", ">= 2.0 | <= 2.7", "<  rev. 8.3.0",
		">FW19_up_to_and_including_FW26", "< 8.1x", "< 7.03 /7.04", ">= R6.01.10 | <= R6.09.00 - (if VP6E5000 is installed)"} {
		f.Add(s, "2.9.3", false)
	}
	f.Fuzz(func(t *testing.T, text, v string, exact bool) {
		r := Parse(text, exact)
		got := r.Contains(v)
		if r.Undecidable() && got != Unknown {
			t.Fatalf("undecidable range %q placed %q: %v", text, v, got)
		}
		_ = r.String()
		if a, ok := Compare(v, text); ok {
			if b, _ := Compare(text, v); b != -a {
				t.Fatalf("Compare not antisymmetric on %q, %q", v, text)
			}
		}
	})
}
