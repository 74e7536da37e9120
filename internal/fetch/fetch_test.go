package fetch

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/dns/dnsmessage"

	"github.com/factgraph/factgraph/internal/domain"
)

// newClient is a Client that may reach the given test servers and does
// not wait between requests unless o says so.
func newClient(t *testing.T, o Options, servers ...*httptest.Server) *Client {
	t.Helper()
	for _, s := range servers {
		o.AllowHosts = append(o.AllowHosts, s.Listener.Addr().String())
	}
	if o.PerHostInterval == 0 {
		o.PerHostInterval = -1
	}
	return New(o)
}

// wantRefused asserts err is a client-facing EINVALID error whose message
// holds each of parts.
func wantRefused(t *testing.T, err error, parts ...string) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("fetch succeeded, want a refusal mentioning %q", parts)
	}
	if code := domain.ErrorCode(err); code != domain.EINVALID {
		t.Fatalf("code %q, want %q (err %v)", code, domain.EINVALID, err)
	}
	msg := domain.ErrorMessage(err)
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("message %q lacks %q", msg, p)
		}
	}
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %T is not a *fetch.Error", err)
	}
	return fe
}

func TestAddrClasses(t *testing.T) {
	cases := map[string]string{
		"127.0.0.1": "loopback", "127.255.0.9": "loopback", "::1": "loopback",
		"::ffff:127.0.0.1": "loopback", "64:ff9b::7f00:1": "loopback", "2002:7f00:1::": "loopback",
		"10.1.2.3": "private", "172.16.5.4": "private", "172.31.255.1": "private", "192.168.1.1": "private",
		"fc00::1": "private", "fd12:3456::1": "private", "::ffff:10.0.0.1": "private", "::ffff:192.168.0.1": "private",
		"169.254.169.254": "link-local", "fe80::1": "link-local", "fe80::1%eth0": "link-local", "::ffff:169.254.1.1": "link-local",
		"224.0.0.1": "multicast", "239.255.255.250": "multicast", "ff02::1": "multicast",
		"0.0.0.0": "unspecified", "::": "unspecified", "::ffff:0.0.0.0": "unspecified",
		"100.64.0.1": "shared (carrier-grade NAT)", "198.18.0.1": "benchmarking", "192.0.2.1": "documentation",
		"2001:db8::1": "documentation", "240.0.0.1": "reserved", "255.255.255.255": "reserved",
		"93.184.215.14": "", "1.1.1.1": "", "2606:4700::1111": "", "::ffff:8.8.8.8": "", "172.32.0.1": "",
	}
	for s, want := range cases {
		if got := addrClass(netip.MustParseAddr(s)); got != want {
			t.Errorf("addrClass(%s) = %q, want %q", s, got, want)
		}
		// The dialer's check refuses the same, on the resolved address.
		err := checkAddr("tcp", netip.AddrPortFrom(netip.MustParseAddr(s), 80).String(), nil)
		if (err != nil) != (want != "") {
			t.Errorf("checkAddr(%s) = %v, want refusal %v", s, err, want != "")
		}
	}
}

func TestRefusedURLs(t *testing.T) {
	c := New(Options{PerHostInterval: -1})
	cases := []struct{ url, want string }{
		{"ftp://files.example/a", "only http and https"},
		{"file:///etc/passwd", "only http and https"},
		{"javascript:alert(1)", "only http and https"},
		{"gopher://old.example/", "only http and https"},
		{"data:text/html,hello", "only http and https"},
		{"news.example/story", "only http and https"},
		{"http:///nohost", "no host"},
		{"http://user:secret@news.example/", "credentials"},
		{"http://%zz/", "is not a URL"},
		{"http://127.0.0.1/", "127.0.0.1 is a loopback address"},
		{"http://127.1.2.3:8081/", "loopback"},
		{"http://[::1]/", "::1 is a loopback address"},
		{"http://[::ffff:127.0.0.1]/", "loopback"},
		{"http://10.1.2.3/", "private"},
		{"http://172.16.0.1/", "private"},
		{"http://192.168.0.10/admin", "private"},
		{"http://[fd00::5]/", "private"},
		{"http://[::ffff:10.0.0.1]/", "private"},
		{"http://169.254.169.254/latest/meta-data/", "link-local"},
		{"http://[fe80::1]/", "link-local"},
		{"http://[fe80::1%25eth0]:8080/", "link-local"},
		{"http://224.0.0.251/", "multicast"},
		{"http://[ff02::1]/", "multicast"},
		{"http://0.0.0.0/", "unspecified"},
		{"http://[::]/", "unspecified"},
		{"http://100.64.1.1/", "carrier-grade NAT"},
		{"http://198.18.0.5/", "benchmarking"},
		{"http://240.1.1.1/", "reserved"},
		{"http://" + strings.Repeat("a", 5000) + ".example/", "longer than 4096"},
	}
	for _, cs := range cases {
		_, err := c.Fetch(context.Background(), Request{URL: cs.url, Kind: Page})
		fe := wantRefused(t, err, cs.want)
		if fe.Temporary {
			t.Errorf("%s: a refusal is not temporary", cs.url)
		}
	}
}

// dnsServer answers A and AAAA queries from names, on a UDP port of the
// loopback interface, and returns a resolver that asks only it.
func dnsServer(t *testing.T, names map[string][]netip.Addr) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if out := dnsAnswer(buf[:n], names); out != nil {
				_, _ = pc.WriteTo(out, from)
			}
		}
	}()
	addr := pc.LocalAddr().String()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", addr)
	}}
}

func dnsAnswer(q []byte, names map[string][]netip.Addr) []byte {
	var p dnsmessage.Parser
	h, err := p.Start(q)
	if err != nil {
		return nil
	}
	question, err := p.Question()
	if err != nil {
		return nil
	}
	name := strings.TrimSuffix(strings.ToLower(question.Name.String()), ".")
	addrs, known := names[name]
	rcode := dnsmessage.RCodeSuccess
	if !known {
		rcode = dnsmessage.RCodeNameError
	}
	b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RCode: rcode})
	b.EnableCompression()
	_ = b.StartQuestions()
	_ = b.Question(question)
	_ = b.StartAnswers()
	rh := dnsmessage.ResourceHeader{Name: question.Name, Class: dnsmessage.ClassINET, TTL: 60}
	for _, a := range addrs {
		switch {
		case question.Type == dnsmessage.TypeA && a.Is4():
			_ = b.AResource(rh, dnsmessage.AResource{A: a.As4()})
		case question.Type == dnsmessage.TypeAAAA && a.Is6():
			_ = b.AAAAResource(rh, dnsmessage.AAAAResource{AAAA: a.As16()})
		}
	}
	out, err := b.Finish()
	if err != nil {
		return nil
	}
	return out
}

// htmlServer stands for a server on the internal network: it counts the
// requests that reach it.
func htmlServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<p>internal</p>")
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// TestNamesResolvingToBlockedAddresses checks the address a name resolves
// to, at connect time: the URL holds only a name, so only the dialer's
// check can refuse it.
func TestNamesResolvingToBlockedAddresses(t *testing.T) {
	srv, hits := htmlServer(t)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	names := map[string][]netip.Addr{
		"intranet.test":  {netip.MustParseAddr("10.0.0.7")},
		"loop.test":      {netip.MustParseAddr("127.0.0.1")},
		"metadata.test":  {netip.MustParseAddr("169.254.169.254")},
		"ula.test":       {netip.MustParseAddr("fd00::7")},
		"mapped.test":    {netip.MustParseAddr("::ffff:127.0.0.1")},
		"v6loop.test":    {netip.MustParseAddr("::1")},
		"cgnat.test":     {netip.MustParseAddr("100.64.0.9")},
		"allowed.test":   {netip.MustParseAddr("127.0.0.1")},
		"multicast.test": {netip.MustParseAddr("239.1.2.3")},
	}
	for name, addrs := range names {
		for _, a := range addrs {
			// Guard: were the check broken, this test would connect to
			// the address; it must never do so outside loopback.
			if checkAddr("tcp", netip.AddrPortFrom(a, 80).String(), nil) == nil {
				t.Fatalf("checkAddr lets %s (%s) through", a, name)
			}
		}
	}
	c := New(Options{PerHostInterval: -1, Resolver: dnsServer(t, names), AllowHosts: []string{"allowed.test"}})
	for name, class := range map[string]string{
		"intranet.test": "private", "loop.test": "loopback", "metadata.test": "link-local", "ula.test": "private",
		"mapped.test": "loopback", "v6loop.test": "loopback", "cgnat.test": "shared (carrier-grade NAT)", "multicast.test": "multicast",
	} {
		_, err := c.Fetch(context.Background(), Request{URL: fmt.Sprintf("http://%s:%d/", name, port), Kind: Feed})
		fe := wantRefused(t, err, name+" resolves to a "+class+" address")
		if strings.Contains(domain.ErrorMessage(err), ".0.") {
			t.Errorf("message %q shows the resolved address", domain.ErrorMessage(err))
		}
		_ = fe
	}
	if hits.Load() != 0 {
		t.Fatalf("the internal server was reached %d times", hits.Load())
	}
	// A name in AllowHosts reaches what it resolves to.
	resp, err := c.Fetch(context.Background(), Request{URL: fmt.Sprintf("http://allowed.test:%d/", port), Kind: Feed})
	if err == nil {
		t.Fatalf("text/html fetched as a feed: %+v", resp)
	}
	wantRefused(t, err, "content type is text/html")
	if hits.Load() != 1 {
		t.Fatalf("allowed host reached %d times, want 1", hits.Load())
	}
	_, err = c.Fetch(context.Background(), Request{URL: "http://nonexistent.test/", Kind: Page})
	wantRefused(t, err, "no such host: nonexistent.test")
}

func TestRedirects(t *testing.T) {
	internal, internalHits := htmlServer(t)
	var pub *httptest.Server
	pub = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/to-loopback":
			http.Redirect(w, r, internal.URL+"/", http.StatusFound)
		case r.URL.Path == "/to-localhost":
			http.Redirect(w, r, strings.Replace(internal.URL, "127.0.0.1", "localhost", 1)+"/", http.StatusMovedPermanently)
		case r.URL.Path == "/to-file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case r.URL.Path == "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/", http.StatusTemporaryRedirect)
		case strings.HasPrefix(r.URL.Path, "/hop/"):
			var n int
			fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
			if n > 0 {
				http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<p>arrived</p>")
		default:
			http.NotFound(w, r)
		}
	}))
	defer pub.Close()
	c := newClient(t, Options{}, pub)
	for path, want := range map[string]string{
		"/to-loopback":  "127.0.0.1 is a loopback address",
		"/to-localhost": "localhost resolves to a loopback address",
		"/to-file":      "only http and https",
		"/to-metadata":  "169.254.169.254 is a link-local address",
		"/hop/6":        "redirected more than 5 times",
	} {
		_, err := c.Fetch(context.Background(), Request{URL: pub.URL + path, Kind: Feed})
		wantRefused(t, err, want)
	}
	if internalHits.Load() != 0 {
		t.Fatalf("a redirect reached the internal server %d times", internalHits.Load())
	}
	resp, err := c.Fetch(context.Background(), Request{URL: pub.URL + "/hop/5", Kind: Page})
	if err != nil {
		t.Fatalf("5 redirects: %v", err)
	}
	if resp.URL != pub.URL+"/hop/0" || string(resp.Body) != "<p>arrived</p>" {
		t.Fatalf("final URL %q body %q", resp.URL, resp.Body)
	}
}

func TestLimitsAndTypes(t *testing.T) {
	big := strings.Repeat("x", DefaultMaxBytes+1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, big)
		case "/big-declared":
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			fmt.Fprint(w, big)
		case "/gzip-bomb":
			// A few KiB on the wire, over 5 MiB once decompressed.
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			fmt.Fprint(zw, big)
			zw.Close()
		case "/big-chunked":
			w.Header().Set("Content-Type", "text/html")
			for i := 0; i < len(big); i += 1 << 16 {
				fmt.Fprint(w, big[i:min(i+1<<16, len(big))])
				w.(http.Flusher).Flush()
			}
		case "/exact":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, big[1:])
		case "/json", "/feed.json":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"version":"https://jsonfeed.org/version/1.1"}`)
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprint(w, `<rss version="2.0"></rss>`)
		case "/textxml":
			w.Header().Set("Content-Type", "text/xml")
			fmt.Fprint(w, `<rss version="2.0"></rss>`)
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<p>page</p>")
		case "/notype":
			w.Header()["Content-Type"] = nil
			fmt.Fprint(w, "???")
		case "/image":
			w.Header().Set("Content-Type", "image/png")
			fmt.Fprint(w, "\x89PNG")
		case "/slow":
			time.Sleep(500 * time.Millisecond)
			w.Header().Set("Content-Type", "text/html")
		case "/gone":
			http.Error(w, "gone", http.StatusNotFound)
		case "/down":
			http.Error(w, "down", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := newClient(t, Options{}, srv)
	get := func(path string, k Kind) (*Response, error) {
		return c.Fetch(context.Background(), Request{URL: srv.URL + path, Kind: k})
	}
	_, err := get("/big", Page)
	wantRefused(t, err, "larger than 5 MiB")
	_, err = get("/big-chunked", Page)
	wantRefused(t, err, "larger than 5 MiB")
	_, err = get("/big-declared", Page)
	wantRefused(t, err, "larger than 5 MiB")
	_, err = get("/gzip-bomb", Page)
	wantRefused(t, err, "larger than 5 MiB")
	if r, err := get("/exact", Page); err != nil || len(r.Body) != DefaultMaxBytes {
		t.Fatalf("a body of exactly 5 MiB: %v", err)
	}
	_, err = get("/json", Page)
	wantRefused(t, err, "content type is application/json", "HTML pages")
	_, err = get("/page", Feed)
	wantRefused(t, err, "content type is text/html", "feeds")
	_, err = get("/image", Page)
	wantRefused(t, err, "image/png")
	_, err = get("/notype", Page)
	wantRefused(t, err, "no content type")
	for _, p := range []string{"/feed.json", "/rss", "/textxml"} {
		if _, err := get(p, Feed); err != nil {
			t.Errorf("feed %s: %v", p, err)
		}
	}
	fe := wantRefused(t, firstErr(get("/gone", Page)), "answered 404 Not Found")
	if fe.Status != 404 || fe.Temporary {
		t.Errorf("404: status %d temporary %v", fe.Status, fe.Temporary)
	}
	fe = wantRefused(t, firstErr(get("/down", Page)), "answered 503")
	if fe.Status != 503 || !fe.Temporary {
		t.Errorf("503: status %d temporary %v", fe.Status, fe.Temporary)
	}
	quick := newClient(t, Options{Timeout: 100 * time.Millisecond}, srv)
	_, err = quick.Fetch(context.Background(), Request{URL: srv.URL + "/slow", Kind: Page})
	if fe := wantRefused(t, err, "did not answer within 100ms"); !fe.Temporary {
		t.Error("a timeout is temporary")
	}
}

func firstErr(_ *Response, err error) error { return err }

func TestConditionalGetAndUserAgent(t *testing.T) {
	var agents []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.UserAgent())
		mu.Unlock()
		w.Header().Set("ETag", `"v2"`)
		w.Header().Set("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT")
		if r.Header.Get("If-None-Match") == `"v2"` || r.Header.Get("If-Modified-Since") == "Tue, 01 Dec 2026 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprint(w, "<feed/>")
	}))
	defer srv.Close()
	c := newClient(t, Options{}, srv)
	first, err := c.Fetch(context.Background(), Request{URL: srv.URL, Kind: Feed})
	if err != nil || first.NotModified || string(first.Body) != "<feed/>" {
		t.Fatalf("first fetch: %+v %v", first, err)
	}
	if first.ETag != `"v2"` || first.LastModified == "" {
		t.Fatalf("validators %q %q", first.ETag, first.LastModified)
	}
	for _, r := range []Request{{ETag: first.ETag}, {LastModified: first.LastModified}} {
		r.URL, r.Kind = srv.URL, Feed
		again, err := c.Fetch(context.Background(), r)
		if err != nil || !again.NotModified || len(again.Body) != 0 || again.Status != 304 {
			t.Fatalf("conditional fetch with %+v: %+v %v", r, again, err)
		}
		if again.ETag != `"v2"` {
			t.Errorf("validators lost on 304: %+v", again)
		}
	}
	for _, a := range agents {
		if !strings.HasPrefix(a, "factgraph/") {
			t.Errorf("User-Agent %q does not name factgraph", a)
		}
	}
}

func TestRobotsTxtHonoured(t *testing.T) {
	var robotsReads, pageHits atomic.Int64
	robotsStatus := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsReads.Add(1)
			if robotsStatus != http.StatusOK {
				w.WriteHeader(robotsStatus)
				return
			}
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: factgraph\nDisallow: /members/\n")
			return
		}
		pageHits.Add(1)
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/members/story", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		if strings.HasSuffix(r.URL.Path, ".xml") {
			w.Header().Set("Content-Type", "application/rss+xml")
		}
		fmt.Fprint(w, "<p>ok</p>")
	}))
	defer srv.Close()
	c := newClient(t, Options{}, srv)
	ctx := context.Background()
	if _, err := c.Fetch(ctx, Request{URL: srv.URL + "/news/1", Kind: Page}); err != nil {
		t.Fatalf("allowed page: %v", err)
	}
	_, err := c.Fetch(ctx, Request{URL: srv.URL + "/members/story", Kind: Page})
	wantRefused(t, err, "asks crawlers not to fetch this page (robots.txt)")
	_, err = c.Fetch(ctx, Request{URL: srv.URL + "/moved", Kind: Page})
	wantRefused(t, err, "robots.txt")
	if _, err := c.Fetch(ctx, Request{URL: srv.URL + "/members/feed.xml", Kind: Feed}); err != nil {
		t.Fatalf("a feed is not subject to robots.txt: %v", err)
	}
	if robotsReads.Load() != 1 {
		t.Errorf("robots.txt read %d times, want once (cached)", robotsReads.Load())
	}
	if pageHits.Load() != 3 { // /news/1, /moved, the feed
		t.Errorf("%d page requests, want 3", pageHits.Load())
	}
	// No robots.txt: everything allowed. An unreadable one: nothing, for now.
	robotsStatus = http.StatusNotFound
	if _, err := newClient(t, Options{}, srv).Fetch(ctx, Request{URL: srv.URL + "/members/x", Kind: Page}); err != nil {
		t.Fatalf("robots.txt 404: %v", err)
	}
	robotsStatus = http.StatusServiceUnavailable
	_, err = newClient(t, Options{}, srv).Fetch(ctx, Request{URL: srv.URL + "/news/2", Kind: Page})
	if fe := wantRefused(t, err, "robots.txt", "503", "try again later"); !fe.Temporary {
		t.Error("an unreadable robots.txt is temporary")
	}
}

func TestPerHostRateLimit(t *testing.T) {
	var mu sync.Mutex
	var arrivals []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		arrivals = append(arrivals, time.Now())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	const gap = 150 * time.Millisecond
	c := newClient(t, Options{PerHostInterval: gap}, srv)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := c.Fetch(context.Background(), Request{URL: srv.URL, Kind: Feed}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(arrivals) != 4 {
		t.Fatalf("%d requests arrived", len(arrivals))
	}
	// The limiter spaces the sends; arrivals may jitter, but the fourth
	// cannot come before three gaps after the first.
	if d := arrivals[3].Sub(arrivals[0]); d < 3*gap-20*time.Millisecond {
		t.Errorf("4 requests to one host within %v, want at least %v", d, 3*gap)
	}
	if d := New(Options{}).o.PerHostInterval; d != time.Second {
		t.Errorf("default interval %v, want 1s", d)
	}
}
