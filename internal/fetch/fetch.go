// Package fetch is the HTTP client for URLs that users and feeds give
// factgraph. Such a URL is untrusted: it must not reach the server's own
// networks (every connection's resolved address is checked, on every
// redirect), and factgraph must be a good guest on the sites it reads
// (robots.txt, a per-host rate limit, conditional GETs, bounded sizes and
// times, and a User-Agent that says who is asking).
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/time/rate"

	"github.com/factgraph/factgraph/internal/domain"
)

// Kind says what a fetched document is for, which decides the content
// types accepted and whether robots.txt applies.
type Kind int

const (
	// Page is an HTML article page: robots.txt is honoured and only
	// text/html is accepted.
	Page Kind = iota
	// Feed is an RSS, Atom or JSON feed: a feed is published to be
	// polled, so robots.txt is not consulted; HTML is refused.
	Feed
	// robotsTxt is the client's own fetch of a robots.txt.
	robotsTxt
)

// The defaults of Options: generous enough for any news page, small
// enough that one user cannot make the server fetch without end.
const (
	DefaultPerHostInterval = time.Second
	DefaultTimeout         = 20 * time.Second
	DefaultMaxBytes        = 5 << 20
	DefaultMaxRedirects    = 5
)

// Options configure a Client; the zero value of each field means its
// default.
type Options struct {
	// AllowHosts are hosts ("name" or "name:port") reachable whatever
	// they resolve to: intranet sources, and test servers on 127.0.0.1.
	AllowHosts []string
	// UserAgent is sent with every request; its first product token is
	// the name looked up in robots.txt. Default: factgraph/VERSION.
	UserAgent string
	// PerHostInterval is the least time between two requests to one
	// host (default 1s); negative means no limit.
	PerHostInterval time.Duration
	// Timeout bounds a whole fetch, redirects and body included (20s).
	Timeout time.Duration
	// MaxBytes bounds a response body after decompression (5 MiB).
	MaxBytes int64
	// MaxRedirects bounds the redirects followed (5).
	MaxRedirects int
	// Logger receives refusals and failures; nil discards them.
	Logger *slog.Logger
	// Resolver looks up host names; nil is the system's. Tests set one
	// that answers from a DNS server they run.
	Resolver *net.Resolver
}

// Client fetches untrusted URLs. It is safe for concurrent use, and meant
// to be shared: the rate limit and the robots.txt cache are per Client.
type Client struct {
	o     Options
	agent string // robots.txt product token
	http  *http.Client
	allow map[string]bool

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	robots   map[string]robotsEntry
}

type robotsEntry struct {
	rules   *robots
	expires time.Time
}

// robotsTTL is how long a host's robots.txt is trusted before it is read
// again.
const robotsTTL = time.Hour

// Request is one document to fetch. ETag and LastModified are the
// validators of the copy already held, for a conditional GET.
type Request struct {
	URL  string
	Kind Kind
	// ETag and LastModified come from an earlier Response.
	ETag, LastModified string
}

// Response is a fetched document, or word that the copy held is current.
type Response struct {
	// URL is where the document was found, after redirects.
	URL    string
	Status int
	// NotModified: the server answered 304 to the validators sent; Body
	// is empty and the copy held is current.
	NotModified bool
	// ContentType is the Content-Type header as sent, charset included.
	ContentType string
	Body        []byte
	// ETag and LastModified are the validators to send next time.
	ETag, LastModified string
}

// Error is a fetch that failed. It carries a message safe to show the
// user who gave the URL (as a domain EINVALID error: the URL cannot be
// used) and tells pollers whether trying again later may succeed.
type Error struct {
	// URL is the URL being fetched when it failed (a redirect's target).
	URL string
	// Status is the HTTP status of an error answer, else 0.
	Status int
	// Temporary: a timeout, a network failure, a 5xx or 429 answer, an
	// unreadable robots.txt. Refusals and 4xx answers are not.
	Temporary bool
	shown     *domain.Error
	cause     error
}

// Error implements error with the full detail, for logs.
func (e *Error) Error() string {
	if e.cause == nil {
		return e.shown.Message
	}
	return e.shown.Message + ": " + e.cause.Error()
}

// Unwrap exposes both the client-safe domain error and the cause.
func (e *Error) Unwrap() []error {
	if e.cause == nil {
		return []error{e.shown}
	}
	return []error{e.shown, e.cause}
}

func refused(rawURL string, format string, a ...any) *Error {
	return &Error{URL: rawURL, shown: domain.Errorf(domain.EINVALID, format, a...)}
}

// New makes a Client with o's settings, defaults filled in.
func New(o Options) *Client {
	if o.UserAgent == "" {
		o.UserAgent = "factgraph/" + version() + " (+https://github.com/factgraph/factgraph)"
	}
	if o.PerHostInterval == 0 {
		o.PerHostInterval = DefaultPerHostInterval
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	c := &Client{
		o:        o,
		allow:    map[string]bool{},
		limiters: map[string]*rate.Limiter{},
		robots:   map[string]robotsEntry{},
	}
	c.agent, _, _ = strings.Cut(strings.ToLower(o.UserAgent), "/")
	for _, h := range o.AllowHosts {
		if k := allowKey(h); k != "" {
			c.allow[k] = true
		}
	}
	tr := &http.Transport{
		// Never a proxy from the environment: the proxy would make the
		// connection, and its address is not the one to check.
		Proxy:                 nil,
		DialContext:           c.dial,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
	}
	c.http = &http.Client{
		Transport:     limitedTransport{c: c, next: tr},
		CheckRedirect: c.checkRedirect,
		Timeout:       o.Timeout,
	}
	return c
}

// version is factgraph's module version as built, for the User-Agent.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// allowKey normalises an allowed host: "name" or "name:port", lower case,
// IPv6 without brackets when there is no port.
func allowKey(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if host, port, err := net.SplitHostPort(h); err == nil {
		return net.JoinHostPort(host, port)
	}
	return strings.Trim(h, "[]")
}

// allowed reports whether hostport ("host:port" as dialled) was named in
// AllowHosts, with or without its port.
func (c *Client) allowed(hostport string) bool {
	host, port, err := net.SplitHostPort(strings.ToLower(hostport))
	if err != nil {
		return c.allow[strings.Trim(strings.ToLower(hostport), "[]")]
	}
	return c.allow[host] || c.allow[net.JoinHostPort(host, port)]
}

// blockedAddr is the refusal of a connection to an address in a blocked
// range, raised by the dialer's Control after name resolution.
type blockedAddr struct {
	ip    netip.Addr
	class string
}

func (b *blockedAddr) Error() string {
	return fmt.Sprintf("address %s is %s", b.ip, b.class)
}

// dial connects to addr. Unless addr's host is allowed, the address each
// attempt connects to (resolved, so after DNS) is checked just before the
// connection is made: a name that resolves to the server's own network is
// refused however it got into the URL.
func (c *Client) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Resolver: c.o.Resolver}
	if !c.allowed(addr) {
		d.Control = checkAddr
	}
	return d.DialContext(ctx, network, addr)
}

// checkAddr is a net.Dialer Control: it refuses an address in a blocked
// range before the socket connects.
func checkAddr(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("unexpected address %q: %w", address, err)
	}
	if class := addrClass(ap.Addr()); class != "" {
		return &blockedAddr{ip: ap.Addr(), class: class}
	}
	return nil
}

// limitedTransport holds every request (robots.txt and redirects too) to
// the per-host rate.
type limitedTransport struct {
	c    *Client
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.c.limiter(req.URL.Host).Wait(req.Context()); err != nil {
		return nil, err
	}
	return t.next.RoundTrip(req)
}

// maxLimiters bounds the per-host limiters kept; past it the idle ones
// are dropped.
const maxLimiters = 10000

func (c *Client) limiter(host string) *rate.Limiter {
	host = strings.ToLower(host)
	c.mu.Lock()
	defer c.mu.Unlock()
	if l, ok := c.limiters[host]; ok {
		return l
	}
	if len(c.limiters) >= maxLimiters {
		for h, l := range c.limiters {
			if l.Tokens() >= 1 {
				delete(c.limiters, h)
			}
		}
	}
	every := rate.Every(c.o.PerHostInterval)
	if c.o.PerHostInterval < 0 {
		every = rate.Inf
	}
	l := rate.NewLimiter(every, 1)
	c.limiters[host] = l
	return l
}

type kindKey struct{}

func kindOf(ctx context.Context) Kind {
	k, _ := ctx.Value(kindKey{}).(Kind)
	return k
}

// checkURL parses a user-given URL and refuses what must never be
// fetched: another scheme, credentials, no host, and a literal address in
// a blocked range (names are checked when connecting).
func (c *Client) checkURL(raw string) (*url.URL, error) {
	shown := raw
	if len(shown) > 200 {
		shown = shown[:200] + "…"
	}
	if len(raw) > 4096 {
		return nil, refused(raw, "URL is longer than 4096 bytes")
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, refused(raw, "%q is not a URL", shown)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, refused(raw, "URL %q: only http and https URLs can be fetched", shown)
	}
	if u.Hostname() == "" {
		return nil, refused(raw, "URL %q has no host", shown)
	}
	if u.User != nil {
		return nil, refused(raw, "URL %q holds credentials; give the URL without them", shown)
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil && !c.allowed(u.Host) {
		if class := addrClass(ip); class != "" {
			return nil, refused(raw, "refused: %s is a %s address; factgraph fetches public addresses only", u.Hostname(), class)
		}
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// checkRedirect applies to every redirect what applies to the first URL,
// and the redirect limit.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.o.MaxRedirects {
		return refused(via[0].URL.String(), "%s redirected more than %d times", via[0].URL.Redacted(), c.o.MaxRedirects)
	}
	if _, err := c.checkURL(req.URL.String()); err != nil {
		return err
	}
	if kindOf(req.Context()) == Page {
		return c.robotsAllow(req.Context(), req.URL)
	}
	return nil
}

// Fetch gets r.URL, following redirects. A refused URL, address, type or
// size, an error answer and a network failure are all *Error, whose
// domain error says to the user what went wrong.
func (c *Client) Fetch(ctx context.Context, r Request) (*Response, error) {
	u, err := c.checkURL(r.URL)
	if err != nil {
		return nil, err
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	ctx = context.WithValue(ctx, kindKey{}, r.Kind)
	if r.Kind == Page {
		if err := c.robotsAllow(ctx, u); err != nil {
			return nil, c.failure(parent, u, err)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, refused(r.URL, "URL %q cannot be requested", u.Redacted())
	}
	req.Header.Set("User-Agent", c.o.UserAgent)
	req.Header.Set("Accept", accept[r.Kind])
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.failure(parent, u, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL
	out := &Response{
		URL:          final.String(),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		out.ETag = or(out.ETag, r.ETag)
		out.LastModified = or(out.LastModified, r.LastModified)
		c.o.Logger.DebugContext(ctx, "fetched: not modified", "url", out.URL)
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, statusError(final, resp.StatusCode)
	}
	if err := checkType(r.Kind, out.ContentType); err != nil {
		err.URL = out.URL
		return nil, err
	}
	if resp.ContentLength > c.o.MaxBytes {
		return nil, c.tooLarge(final)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.o.MaxBytes+1))
	if err != nil {
		return nil, c.failure(parent, final, err)
	}
	if int64(len(body)) > c.o.MaxBytes {
		return nil, c.tooLarge(final)
	}
	out.Body = body
	c.o.Logger.DebugContext(ctx, "fetched", "url", out.URL, "status", out.Status, "bytes", len(body), "took", time.Since(start))
	return out, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (c *Client) tooLarge(u *url.URL) *Error {
	return refused(u.String(), "%s is larger than %s, the most factgraph reads", u.Redacted(), sizeText(c.o.MaxBytes))
}

func sizeText(n int64) string {
	if n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// accept is the Accept header of each kind.
var accept = map[Kind]string{
	Page:      "text/html",
	Feed:      "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8",
	robotsTxt: "text/plain",
}

// feedTypes are the media types a feed may come as.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/rdf+xml":   true,
	"application/xml":       true,
	"text/xml":              true,
	"application/json":      true,
}

// checkType refuses a document whose media type its kind does not read.
func checkType(k Kind, contentType string) *Error {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(contentType)), ";")
	}
	switch {
	case k == Page && mt == "text/html", k == Feed && feedTypes[mt]:
		return nil
	case mt == "":
		return refused("", "the server sent no content type; factgraph reads only %s", want(k))
	}
	return refused("", "the content type is %s; factgraph reads only %s", mt, want(k))
}

func want(k Kind) string {
	if k == Feed {
		return "RSS, Atom and JSON feeds"
	}
	return "HTML pages (text/html)"
}

// statusError is an error answer, told to the user by its status.
func statusError(u *url.URL, status int) *Error {
	e := refused(u.String(), "%s answered %d %s", u.Redacted(), status, http.StatusText(status))
	e.Status = status
	e.Temporary = status >= 500 || status == http.StatusTooManyRequests || status == http.StatusRequestTimeout
	return e
}

// failure turns what went wrong during a fetch of u into an *Error: a
// refusal raised on the way (a blocked address, a redirect) keeps its
// message, and network failures get one naming the host but no address.
// When parent itself ended (the caller gave up), its error is returned.
func (c *Client) failure(parent context.Context, u *url.URL, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		if fe.URL == "" {
			fe.URL = u.String()
		}
		c.o.Logger.Info("fetch refused", "url", fe.URL, "err", err)
		return fe
	}
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		if at, perr := url.Parse(ue.URL); perr == nil {
			u = at
		}
	}
	host := u.Hostname()
	var blocked *blockedAddr
	if errors.As(err, &blocked) {
		c.o.Logger.Warn("fetch refused: blocked address", "url", u.String(), "addr", blocked.ip.String(), "class", blocked.class)
		shown := "refused: %s resolves to a %s address; factgraph fetches public addresses only"
		if ip, perr := netip.ParseAddr(host); perr == nil && ip.WithZone("") == blocked.ip.WithZone("") {
			shown = "refused: %s is a %s address; factgraph fetches public addresses only"
		}
		return &Error{URL: u.String(), shown: domain.Errorf(domain.EINVALID, shown, host, blocked.class), cause: err}
	}
	if perr := parent.Err(); perr != nil {
		return fmt.Errorf("fetch %s: %w", u.Redacted(), perr)
	}
	e := &Error{URL: u.String(), Temporary: true, cause: err}
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		e.Temporary = false
		e.shown = domain.Errorf(domain.EINVALID, "no such host: %s", host)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		e.shown = domain.Errorf(domain.EINVALID, "%s did not answer within %s", host, c.o.Timeout)
	default:
		e.shown = domain.Errorf(domain.EINVALID, "could not fetch from %s: the connection failed", host)
	}
	c.o.Logger.Info("fetch failed", "url", u.String(), "err", err)
	return e
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// robotsAllow refuses u when its host's robots.txt disallows it to this
// client's agent. A missing robots.txt (4xx) allows everything; one that
// cannot be read (5xx, network failure) allows nothing for now, as RFC
// 9309 asks, and is a temporary failure.
func (c *Client) robotsAllow(ctx context.Context, u *url.URL) error {
	rules, err := c.robotsFor(ctx, u)
	if err != nil {
		return err
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !rules.allowed(path) {
		return refused(u.String(), "%s asks crawlers not to fetch this page (robots.txt)", u.Hostname())
	}
	return nil
}

func (c *Client) robotsFor(ctx context.Context, u *url.URL) (*robots, error) {
	origin := u.Scheme + "://" + strings.ToLower(u.Host)
	c.mu.Lock()
	e, ok := c.robots[origin]
	c.mu.Unlock()
	if ok && time.Now().Before(e.expires) {
		return e.rules, nil
	}
	rules, err := c.readRobots(context.WithValue(ctx, kindKey{}, robotsTxt), origin)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.robots) >= maxLimiters {
		clear(c.robots)
	}
	c.robots[origin] = robotsEntry{rules: rules, expires: time.Now().Add(robotsTTL)}
	c.mu.Unlock()
	return rules, nil
}

func (c *Client) readRobots(ctx context.Context, origin string) (*robots, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.o.UserAgent)
	req.Header.Set("Accept", accept[robotsTxt])
	resp, err := c.http.Do(req)
	if err != nil {
		// Told apart by the caller, as the page's own fetch would be.
		return nil, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode <= 299:
		body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
		if err != nil {
			return nil, &Error{URL: req.URL.String(), Temporary: true, cause: err,
				shown: domain.Errorf(domain.EINVALID, "could not read robots.txt of %s; try again later", req.URL.Host)}
		}
		return parseRobots(string(body), c.agent), nil
	case resp.StatusCode >= 400 && resp.StatusCode <= 499:
		return &robots{}, nil
	}
	e := refused(req.URL.String(), "robots.txt of %s answered %d; try again later", req.URL.Host, resp.StatusCode)
	e.Status, e.Temporary = resp.StatusCode, true
	return nil, e
}
