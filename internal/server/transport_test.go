package server_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

const subscription = `subscription { articleAnalyzed { id title } }`

type analyzedResp struct {
	ArticleAnalyzed struct{ ID, Title string }
}

// ingestWhenSubscribed keeps ingesting fresh articles until one is seen by
// the subscriber (a subscription registers asynchronously), then stops.
func ingestWhenSubscribed(t *testing.T, e *env, done <-chan struct{}) {
	ingestUntil(done, func(int) {
		in := map[string]any{"title": "Live " + time.Now().Format(time.RFC3339Nano), "body": "Officials said 7 ships arrived."}
		var resp ingestResp
		_ = e.client.Post(ingestMutation, &resp, client.Var("in", in))
	})
}

func TestSubscriptionOverGraphQLWS(t *testing.T) {
	e := newEnv(t, "")
	sub := e.client.Websocket(subscription)
	defer sub.Close()
	done := make(chan struct{})
	defer close(done)
	ingestWhenSubscribed(t, e, done)
	var resp analyzedResp
	if err := sub.Next(&resp); err != nil {
		t.Fatalf("next: %v", err)
	}
	if !strings.HasPrefix(resp.ArticleAnalyzed.Title, "Live ") || resp.ArticleAnalyzed.ID == "" {
		t.Fatalf("event %+v", resp)
	}
}

func TestSubscriptionOverGraphQLTransportWS(t *testing.T) {
	e := newEnv(t, "")
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/query", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer c.CloseNow()
	if c.Subprotocol() != "graphql-transport-ws" {
		t.Fatalf("server chose subprotocol %q", c.Subprotocol())
	}
	type msg struct {
		ID      string          `json:"id,omitempty"`
		Type    string          `json:"type"`
		Payload json.RawMessage `json:"payload,omitempty"`
	}
	if err := wsjson.Write(ctx, c, msg{Type: "connection_init"}); err != nil {
		t.Fatal(err)
	}
	var m msg
	if err := wsjson.Read(ctx, c, &m); err != nil || m.Type != "connection_ack" {
		t.Fatalf("ack: %+v %v", m, err)
	}
	payload, _ := json.Marshal(map[string]any{"query": subscription})
	if err := wsjson.Write(ctx, c, msg{ID: "s1", Type: "subscribe", Payload: payload}); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	defer close(done)
	ingestWhenSubscribed(t, e, done)
	for {
		if err := wsjson.Read(ctx, c, &m); err != nil {
			t.Fatalf("read: %v", err)
		}
		if m.Type == "ping" || m.Type == "pong" {
			continue
		}
		if m.Type != "next" || m.ID != "s1" {
			t.Fatalf("got %+v, want next for s1", m)
		}
		var r struct{ Data analyzedResp }
		if err := json.Unmarshal(m.Payload, &r); err != nil || r.Data.ArticleAnalyzed.ID == "" {
			t.Fatalf("payload %s: %v", m.Payload, err)
		}
		break
	}
	_ = wsjson.Write(ctx, c, msg{ID: "s1", Type: "complete"})
}

func TestSubscriptionOverSSE(t *testing.T) {
	e := newEnv(t, "")
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	body, _ := json.Marshal(map[string]any{"query": subscription})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/query", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	done := make(chan struct{})
	defer close(done)
	ingestWhenSubscribed(t, e, done)
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if data, ok := strings.CutPrefix(line, "data: "); ok {
			var r struct{ Data analyzedResp }
			if err := json.Unmarshal([]byte(data), &r); err != nil || r.Data.ArticleAnalyzed.ID == "" {
				t.Fatalf("event %q: %v", data, err)
			}
			return
		}
	}
	t.Fatalf("stream ended without an event: %v", sc.Err())
}

func TestGETServesQueriesOnly(t *testing.T) {
	e := newEnv(t, "")
	get := func(q string) (int, string) {
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/query?query="+url.QueryEscape(q), nil))
		return rec.Code, rec.Body.String()
	}
	code, body := get(`{ articles { totalCount } }`)
	if code != http.StatusOK || !strings.Contains(body, `"totalCount":0`) {
		t.Fatalf("GET query: %d %s", code, body)
	}
	code, body = get(`mutation { ingestArticle(input: {title: "T", body: "B"}) { created } }`)
	if code == http.StatusOK || !strings.Contains(body, "only allow query") {
		t.Fatalf("GET mutation: %d %s", code, body)
	}
	if n := e.articleCount(t); n != 0 {
		t.Fatalf("a GET stored %d articles", n)
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	e := newEnv(t, "")
	q := `{ articles { totalCount } }`
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	post := func(query string) string {
		body, _ := json.Marshal(map[string]any{"query": query, "extensions": ext})
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		e.handler.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	if got := post(""); !strings.Contains(got, "PersistedQueryNotFound") {
		t.Fatalf("unknown hash: %s", got)
	}
	if got := post(q); !strings.Contains(got, `"totalCount":0`) {
		t.Fatalf("register: %s", got)
	}
	if got := post(""); !strings.Contains(got, `"totalCount":0`) {
		t.Fatalf("by hash: %s", got)
	}
}

func TestIntrospection(t *testing.T) {
	e := newEnv(t, "")
	var resp struct {
		Schema struct {
			QueryType struct{ Name string }
		} `json:"__schema"`
	}
	e.client.MustPost(`{ __schema { queryType { name } } }`, &resp)
	if resp.Schema.QueryType.Name != "Query" {
		t.Fatalf("introspection: %+v", resp)
	}
}
