// Command load posts one GraphQL query to one or more endpoints from many
// concurrent clients for a fixed time each and prints requests per second
// and latency percentiles per endpoint. It measures read throughput of
// factgraph side by side with another GraphQL server over the same data
// (see bench/postgraphile/run.sh); it sends traffic only where -target
// points, for a bounded time.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// target is one endpoint and the query it is sent.
type target struct {
	name, url string
	body      []byte
}

// targets collects -target flags: name=url=queryfile.
type targets []target

func (t *targets) String() string { return fmt.Sprint(len(*t)) }

func (t *targets) Set(v string) error {
	parts := strings.SplitN(v, "=", 3)
	if len(parts) != 3 {
		return errors.New("want name=url=queryfile")
	}
	q, err := os.ReadFile(parts[2])
	if err != nil {
		return err
	}
	body, err := json.Marshal(map[string]string{"query": string(q)})
	if err != nil {
		return err
	}
	*t = append(*t, target{name: parts[0], url: parts[1], body: body})
	return nil
}

func main() {
	var ts targets
	flag.Var(&ts, "target", "name=url=queryfile: an endpoint and the file holding the query to send it (repeatable; run in turn)")
	clients := flag.Int("clients", 16, "concurrent clients, each with its own keep-alive connection")
	duration := flag.Duration("duration", 15*time.Second, "how long each endpoint is measured")
	warmup := flag.Duration("warmup", 2*time.Second, "how long each endpoint is loaded before measuring")
	rounds := flag.Int("rounds", 2, "how many times the endpoints are measured in turn (the best round is printed last)")
	flag.Parse()
	if len(ts) == 0 {
		fmt.Fprintln(os.Stderr, "load: give at least one -target")
		os.Exit(2)
	}
	fmt.Printf("%-14s %5s %9s %9s %9s %7s\n", "target", "round", "req/s", "p50 ms", "p95 ms", "errors")
	best := map[string]result{}
	for r := 1; r <= *rounds; r++ {
		for _, t := range ts {
			run(t, *clients, *warmup)
			res := run(t, *clients, *duration)
			fmt.Printf("%-14s %5d %9.1f %9.2f %9.2f %7d\n", t.name, r, res.rate, res.p50, res.p95, res.errors)
			if res.rate > best[t.name].rate {
				best[t.name] = res
			}
		}
	}
	for _, t := range ts {
		b := best[t.name]
		fmt.Printf("%-14s %5s %9.1f %9.2f %9.2f %7d\n", t.name, "best", b.rate, b.p50, b.p95, b.errors)
	}
}

// result is one measured run.
type result struct {
	rate, p50, p95 float64
	errors         int
}

// run loads t from clients goroutines for d and measures what came back.
func run(t target, clients int, d time.Duration) result {
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	defer hc.CloseIdleConnections()
	var (
		mu     sync.Mutex
		took   []time.Duration
		errs   int
		wg     sync.WaitGroup
		start  = time.Now()
		finish = start.Add(d)
	)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for time.Now().Before(finish) {
				t0 := time.Now()
				if err := post(hc, t); err != nil {
					bad++
					if bad == 1 {
						fmt.Fprintf(os.Stderr, "%s: %v\n", t.name, err)
					}
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			took, errs = append(took, mine...), errs+bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(took)
	res := result{rate: float64(len(took)) / elapsed.Seconds(), errors: errs}
	if len(took) > 0 {
		res.p50 = float64(took[len(took)/2].Microseconds()) / 1000
		res.p95 = float64(took[len(took)*95/100].Microseconds()) / 1000
	}
	return res
}

// post sends one request and fails on anything but a 200 without errors.
func post(hc *http.Client, t target) error {
	resp, err := hc.Post(t.url, "application/json", bytes.NewReader(t.body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
		return fmt.Errorf("status %d: %.300s", resp.StatusCode, out)
	}
	return nil
}
