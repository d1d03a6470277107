package evidence

import "testing"

func TestSuggestion(t *testing.T) {
	options := []string{"max_age", "files", "columns"}
	for _, tc := range []struct{ given, want string }{
		{"max_agee", ` Did you mean "max_age"?`},
		{"FILES", ` Did you mean "files"?`},
		{"colums", ` Did you mean "columns"?`},
		{"vendor", ""},
		{"", ""},
	} {
		if got := Suggestion(tc.given, options); got != tc.want {
			t.Errorf("Suggestion(%q) = %q, want %q", tc.given, got, tc.want)
		}
	}
}

func TestQuoteList(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, `"a"`},
		{[]string{"a", "b"}, `"a" or "b"`},
		{[]string{"a", "b", "c"}, `"a", "b" or "c"`},
	} {
		if got := QuoteList(tc.names); got != tc.want {
			t.Errorf("QuoteList(%v) = %q, want %q", tc.names, got, tc.want)
		}
	}
}
