package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
)

// storyMutation ingests an article and returns the claims and series it
// fed, so that a test can watch them.
const storyMutation = `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) {
  article { statements { claim { id status } } figures { series { id } } } } }`

type storyResp struct {
	IngestArticle struct {
		Article struct {
			Statements []struct {
				Claim *struct{ ID, Status string }
			}
			Figures []struct {
				Series struct{ ID string }
			}
		}
	}
}

func (e *env) ingestStory(t *testing.T, title, body string) storyResp {
	t.Helper()
	var resp storyResp
	in := map[string]any{"title": title, "body": body}
	if err := e.client.Post(storyMutation, &resp, client.Var("in", in)); err != nil {
		t.Fatalf("ingest %q: %v", title, err)
	}
	return resp
}

// ingestUntil calls ingest(0), ingest(1), ... every 50ms until done (at
// most 200 times), because a subscription registers asynchronously after
// it is opened and must see an ingest that comes after it.
func ingestUntil(done <-chan struct{}, ingest func(i int)) {
	go func() {
		for i := 0; i < 200; i++ {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
			ingest(i)
		}
	}()
}

// keepIngesting ingests the articles make(i) until done.
func keepIngesting(e *env, done <-chan struct{}, make func(i int) (title, body string)) {
	ingestUntil(done, func(i int) {
		title, body := make(i)
		var resp storyResp
		_ = e.client.Post(storyMutation, &resp, client.Var("in", map[string]any{"title": title, "body": body}))
	})
}

// within waits for next to fill resp, failing the test after 20 seconds
// rather than hanging it when no event comes.
// warmUp ingests throw-away articles until every subscription has
// received one, so that what a test measures starts with all of them
// listening. into receives each first message.
func warmUp(t *testing.T, e *env, into any, subs ...func(any) error) {
	t.Helper()
	warm := make(chan struct{})
	keepIngesting(e, warm, func(i int) (string, string) {
		return fmt.Sprintf("Warm-up %d", i), "Officials said 3 ships arrived."
	})
	for _, next := range subs {
		within(t, next, into)
	}
	close(warm)
}

func within(t *testing.T, next func(any) error, resp any) {
	t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- next(resp) }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("next: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no event within 20s")
	}
}

// TestClaimChangedOverWebSocket watches one claim: a later article that
// denies what the first asserted moves it to DISPUTED, and the subscriber
// gets the claim in its new state; articles about other claims do not
// reach it.
func TestClaimChangedOverWebSocket(t *testing.T) {
	e := newEnv(t, "")
	first := e.ingestStory(t, "Harbour wall", "Port officials said the old harbour wall had collapsed after the storm.")
	if len(first.IngestArticle.Article.Statements) == 0 || first.IngestArticle.Article.Statements[0].Claim == nil {
		t.Fatalf("the first article yielded no claim: %+v", first)
	}
	claim := first.IngestArticle.Article.Statements[0].Claim
	if claim.Status != "CLAIMED" {
		t.Fatalf("first status %s, want CLAIMED", claim.Status)
	}

	sub := e.client.Websocket(`subscription($id: ID) { claimChanged(claimId: $id) { id status } }`, client.Var("id", claim.ID))
	defer sub.Close()
	done := make(chan struct{})
	defer close(done)
	keepIngesting(e, done, func(i int) (string, string) {
		if i%2 == 0 { // noise: another claim
			return "Bridge " + time.Now().Format(time.RFC3339Nano), "Engineers said the river bridge will reopen in May."
		}
		return "Denial " + time.Now().Format(time.RFC3339Nano), "The port authority denied that the old harbour wall had collapsed after the storm."
	})
	var resp struct {
		ClaimChanged struct{ ID, Status string }
	}
	within(t, sub.Next, &resp)
	if resp.ClaimChanged.ID != claim.ID || resp.ClaimChanged.Status != "DISPUTED" {
		t.Fatalf("event %+v, want claim %s DISPUTED", resp.ClaimChanged, claim.ID)
	}
}

// TestSeriesChangedOverSSE watches one series over server-sent events: a
// new figure of the same quantity from another source fires it, with the
// series' new aggregates.
func TestSeriesChangedOverSSE(t *testing.T) {
	e := newEnv(t, "")
	first := e.ingestStory(t, "Troops", "South Korea's spy agency said 1,500 North Korean troops had been sent to Russia.")
	if len(first.IngestArticle.Article.Figures) == 0 {
		t.Fatalf("the first article yielded no figure: %+v", first)
	}
	series := first.IngestArticle.Article.Figures[0].Series.ID

	// gqlgen's SSE client serves the whole stream into a recorder before
	// reading it, so the ingests start first and the stream is cut after
	// a few seconds.
	done := make(chan struct{})
	defer close(done)
	keepIngesting(e, done, func(i int) (string, string) {
		return "Estimate " + time.Now().Format(time.RFC3339Nano), "Ukraine's defence intelligence said 12,000 North Korean troops were in Russia."
	})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	sse := e.client.SSE(ctx, `subscription($id: ID) { seriesChanged(seriesId: $id) { id high figures { value } } }`, client.Var("id", series))
	defer sse.Close()
	var resp struct {
		SeriesChanged struct {
			ID      string
			High    float64
			Figures []struct{ Value float64 }
		}
	}
	// The SSE client hands back the whole response; the data is decoded
	// from it.
	var raw client.SSEResponse
	within(t, sse.Next, &raw)
	data, _ := json.Marshal(raw.Data)
	if err := json.Unmarshal(data, &resp); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	got := resp.SeriesChanged
	if got.ID != series || got.High != 12000 || len(got.Figures) < 2 {
		t.Fatalf("event %+v, want series %s with high 12000 and the new figure", got, series)
	}
}

// TestAnyClaimChanged: without an ID every claim whose status an ingest
// sets or moves is sent.
func TestAnyClaimChanged(t *testing.T) {
	e := newEnv(t, "")
	sub := e.client.Websocket(`subscription { claimChanged { id status } }`)
	defer sub.Close()
	done := make(chan struct{})
	defer close(done)
	keepIngesting(e, done, func(i int) (string, string) {
		return "Any " + time.Now().Format(time.RFC3339Nano), "Engineers said the river bridge will reopen in May."
	})
	var resp struct {
		ClaimChanged struct{ ID, Status string }
	}
	within(t, sub.Next, &resp)
	if resp.ClaimChanged.ID == "" || resp.ClaimChanged.Status != "CLAIMED" {
		t.Fatalf("event %+v", resp.ClaimChanged)
	}
}

// TestStorySubscriptionBadIDs: an ID of another type, or of nothing stored,
// is refused with a coded error before the subscription starts.
func TestStorySubscriptionBadIDs(t *testing.T) {
	e := newEnv(t, "")
	art := e.ingest(t, map[string]any{"title": "Ships", "body": "Officials said 7 ships arrived."})
	for _, tc := range []struct{ query, id, code string }{
		{`subscription($id: ID) { claimChanged(claimId: $id) { id } }`, art.IngestArticle.Article.ID, "BAD_USER_INPUT"},
		{`subscription($id: ID) { seriesChanged(seriesId: $id) { id } }`, "nonsense", "BAD_USER_INPUT"},
		{`subscription($id: ID) { seriesChanged(seriesId: $id) { id } }`, "RmlndXJlU2VyaWVzOjk5OTk5", "NOT_FOUND"},
	} {
		var resp map[string]any
		err := e.client.WebsocketOnce(tc.query, &resp, client.Var("id", tc.id))
		if err == nil || !strings.Contains(err.Error(), tc.code) {
			t.Errorf("%s with %q: err %v, want %s", tc.query, tc.id, err, tc.code)
		}
	}
}
