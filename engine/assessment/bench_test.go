package assessment

import "testing"

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load("testdata/valid/assessment.hcl", testOptions); err != nil {
			b.Fatal(err)
		}
	}
}
