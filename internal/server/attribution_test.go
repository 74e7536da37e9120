package server_test

import (
	"testing"
)

// TestAttributionSpans reads back, through the API, where each part of an
// attribution stands: the cue, the reported content and each source as
// written, pronouns included, with the entity it resolves to. Every span
// must slice the body to the text the API gives for it.
func TestAttributionSpans(t *testing.T) {
	e := newEnv(t, "")
	body := "Port chief Ana Reis said 40 ships had been delayed. She added that no one was hurt. Egypt and Jordan denied the report."
	e.ingest(t, map[string]any{"title": "Port", "body": body})
	var resp struct {
		Articles struct {
			Edges []struct {
				Node struct {
					Body       string
					Statements []struct {
						Cue            string
						CueSpan        struct{ Start, End int }
						ContentSpan    *struct{ Start, End int }
						SourceMentions []struct {
							Text   string
							Span   struct{ Start, End int }
							Entity *struct{ Name string }
						}
					}
				}
			}
		}
	}
	e.client.MustPost(`{ articles(first: 1) { edges { node { body statements { cue cueSpan { start end } contentSpan { start end }
		sourceMentions { text span { start end } entity { name } } } } } } }`, &resp)
	st := resp.Articles.Edges[0].Node.Statements
	r := []rune(resp.Articles.Edges[0].Node.Body)
	slice := func(a, b int) string { return string(r[a:b]) }
	var got []string
	for _, s := range st {
		if slice(s.CueSpan.Start, s.CueSpan.End) != s.Cue {
			t.Errorf("cue span %v reads %q, cue is %q", s.CueSpan, slice(s.CueSpan.Start, s.CueSpan.End), s.Cue)
		}
		line := s.Cue + " |"
		if s.ContentSpan != nil {
			line += " " + slice(s.ContentSpan.Start, s.ContentSpan.End) + " |"
		}
		for _, m := range s.SourceMentions {
			if slice(m.Span.Start, m.Span.End) != m.Text {
				t.Errorf("mention span %v reads %q, text is %q", m.Span, slice(m.Span.Start, m.Span.End), m.Text)
			}
			name := "?"
			if m.Entity != nil {
				name = m.Entity.Name
			}
			line += " " + m.Text + "=" + name
		}
		got = append(got, line)
	}
	want := []string{
		"said | 40 ships had been delayed. | Port chief Ana Reis=Ana Reis",
		"added | that no one was hurt. | She=Ana Reis",
		"denied | the report. | Egypt=Egypt Jordan=Jordan",
	}
	if len(got) != len(want) {
		t.Fatalf("statements %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d: %q, want %q", i, got[i], want[i])
		}
	}
}
