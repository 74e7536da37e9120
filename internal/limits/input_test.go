package limits

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/factgraph/factgraph/internal/domain"
)

func TestCountTokens(t *testing.T) {
	tests := []struct {
		query string
		want  int
	}{
		{``, 0},
		{`{ a }`, 3},
		{`query Q($x: Int) { a(x: $x), b }`, 18},
		{"# note\n{ a }", 4},
		{`{ a(s: "a long string is one token") }`, 8},
		{"{ a } \x00 garbage", 3}, // stops at the lexical error
	}
	for _, tt := range tests {
		if got := countTokens(tt.query); got != tt.want {
			t.Errorf("countTokens(%q) = %d, want %d", tt.query, got, tt.want)
		}
	}
}

func TestCheckTokens(t *testing.T) {
	q := "{ " + strings.Repeat("a ", 8) + "}" // 10 tokens
	if err := checkTokens(q, 10); err != nil {
		t.Errorf("10 tokens at a limit of 10: %v", err)
	}
	wantError(t, checkTokens(q, 9), "query has 10 tokens, which exceeds the limit of 9")
	if err := checkTokens(q, -1); err != nil {
		t.Errorf("no limit: %v", err)
	}
}

func TestCheckVariables(t *testing.T) {
	l := Limits{}.WithDefaults()
	decode := func(s string) map[string]any {
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		var v map[string]any
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	keys := func(n int) map[string]any {
		m := map[string]any{}
		for i := range n {
			m[strings.Repeat("k", i+1)] = 1
		}
		return m
	}
	long := make([]any, 1000)
	tests := []struct {
		name string
		vars map[string]any
		msg  string // "" when accepted
	}{
		{"none", nil, ""},
		{"an article", decode(`{"in": {"title": "T", "body": "B", "url": null}, "first": 3}`), ""},
		{"50 keys", keys(50), ""},
		{"51 keys", keys(51), "variables object has 51 keys, which exceeds the limit of 50"},
		{"a list of 999", map[string]any{"ids": long[:999]}, ""},
		{"a list of 1000", map[string]any{"ids": long}, "variables hold 1001 values, which exceeds the limit of 1000"},
		{"8 levels", decode(`{"x": [[[[[[[[1]]]]]]]]}`), ""},
		{"9 levels", decode(`{"x": [[[[[[[[[1]]]]]]]]]}`), "variables nest 9 levels deep, which exceeds the limit of 8"},
		{"objects nest too", decode(`{"x": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": 1}}}}}}}}}}`), "variables nest 9 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkVariables(tt.vars, l)
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantError(t, err, tt.msg)
		})
	}
	off := Limits{MaxVariables: -1, MaxInputValues: -1, MaxInputDepth: -1}
	if err := checkVariables(map[string]any{"x": long, "y": decode(`{"a":[[[[[[[[[[[1]]]]]]]]]]]}`)}, off); err != nil {
		t.Errorf("limits off: %v", err)
	}
}

func TestCheckMeasurement(t *testing.T) {
	l := Limits{}.WithDefaults()
	tests := []struct {
		m   Measurement
		msg string
	}{
		{Measurement{Depth: 12, Fields: 500, Aliases: 30, Cost: 1 << 40}, ""},
		{Measurement{Depth: 14}, "query depth 14 exceeds the limit of 12"},
		{Measurement{Fields: 501}, "number of fields 501 exceeds the limit of 500"},
		{Measurement{Aliases: 31}, "number of aliases 31 exceeds the limit of 30"},
	}
	for _, tt := range tests {
		err := checkMeasurement(tt.m, l)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("%+v refused: %v", tt.m, err)
			}
			continue
		}
		wantError(t, err, tt.msg)
	}
	if err := checkMeasurement(Measurement{Depth: 100}, Limits{MaxDepth: -1}); err != nil {
		t.Errorf("depth off: %v", err)
	}
}

func TestWithDefaults(t *testing.T) {
	got := Limits{MaxDepth: 3, MaxAliases: -1}.WithDefaults()
	want := Limits{MaxDepth: 3, MaxComplexity: DefaultMaxComplexity, MaxAliases: -1, MaxFields: DefaultMaxFields,
		MaxTokens: DefaultMaxTokens, MaxVariables: DefaultMaxVariables, MaxInputValues: DefaultMaxInputValues,
		MaxInputDepth: DefaultMaxInputDepth, MaxResponseBytes: DefaultMaxResponseBytes, Timeout: DefaultTimeout}
	if got != want {
		t.Errorf("WithDefaults = %+v, want %+v", got, want)
	}
}

func wantError(t *testing.T, err *domain.Error, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted, want %q", msg)
	}
	if err.Code != domain.ETOOCOMPLEX || !strings.Contains(err.Message, msg) {
		t.Fatalf("got %v, want %s %q", err, domain.ETOOCOMPLEX, msg)
	}
}

// TestCheckShape shows the size limits applied to the whole text before
// validation: to every operation, not only the one asked for, and to
// fragments that no operation uses, since validation walks them all.
func TestCheckShape(t *testing.T) {
	schema := testSchema(t)
	l := Limits{}.WithDefaults()
	many := strings.Repeat("id ", 600)
	tests := []struct {
		name, query, msg string
	}{
		{"small", `{ item(id: "1") { id } }`, ""},
		{"not GraphQL", `{ item(`, ""},
		{"another operation", `query A { tags } query B { item(id: "1") { ` + many + `} }`, "number of fields 601 exceeds the limit of 500"},
		{"an unused fragment", `{ tags } fragment f on Item { ` + many + `}`, "number of fields 600 exceeds the limit of 500"},
		{"a cycle", `{ item(id: "1") { ...f } } fragment f on Item { owner { ...f } }`, ""},
		{"deep", `{ item(id: "1") { ` + strings.Repeat("owner { ", 12) + "id" + strings.Repeat(" }", 12) + ` } }`, "query depth 14 exceeds the limit of 12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkShape(schema, tt.query, l)
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantError(t, err, tt.msg)
		})
	}
}
