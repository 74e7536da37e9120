package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary run as the factgraph command itself, so
// that tests can start a real server process and signal it.
func TestMain(m *testing.M) {
	if os.Getenv("FACTGRAPH_TEST_RUN_COMMAND") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// serverProcess is factgraph running as a child process.
type serverProcess struct {
	cmd  *exec.Cmd
	addr string
	log  *lockedBuffer
	done chan error
}

// startServer starts factgraph with args and waits until it listens.
func startServer(t *testing.T, args ...string) *serverProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "FACTGRAPH_TEST_RUN_COMMAND=1")
	logs := &lockedBuffer{}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProcess{cmd: cmd, log: logs, done: make(chan error, 1)}
	listening := make(chan string, 1)
	re := regexp.MustCompile(`factgraph listening"? addr=(\S+)`)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			fmt.Fprintln(logs, sc.Text())
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				listening <- m[1]
			}
		}
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	})
	select {
	case p.addr = <-listening:
	case err := <-p.done:
		t.Fatalf("server exited before listening: %v\n%s", err, logs.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not start:\n%s", logs.String())
	}
	return p
}

// wait waits for the process to exit and returns its exit code.
func (p *serverProcess) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case err := <-p.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(within):
		t.Fatalf("server did not exit within %s:\n%s", within, p.log.String())
	}
	return -1
}

func ingestBody(title string) []byte {
	b, _ := json.Marshal(map[string]any{
		"query":     `mutation($t: String!, $b: String!) { ingestArticle(input: {title: $t, body: $b}) { created } }`,
		"variables": map[string]any{"t": title, "b": "The ministry said " + title + " involved 40 people in 3 towns."},
	})
	return b
}

// TestSIGTERMFinishesRequestsSentBeforeIt signals a real server process
// while clients ingest over keep-alive connections. Every request sent
// before the signal must be answered in full, including one whose first
// bytes were on an idle keep-alive connection when the signal came, and the
// process must exit 0.
func TestSIGTERMFinishesRequestsSentBeforeIt(t *testing.T) {
	p := startServer(t, "-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "drain.db"),
		"-auth", "off", "-access-log=false", "-shutdown-timeout", "10s")
	url := "http://" + p.addr + "/query"

	// A keep-alive connection, used once and then idle, on which the next
	// request has begun when the signal arrives.
	conn, err := net.Dial("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	rawPost := func(body []byte) string {
		return fmt.Sprintf("POST /query HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", p.addr, len(body), body)
	}
	if _, err := io.WriteString(conn, rawPost(ingestBody("first on the idle connection"))); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()

	// Concurrent ingests, each worker on its own keep-alive connection.
	var (
		signalled         atomic.Bool
		okBefore, lost    atomic.Int64
		mu                sync.Mutex
		failures          []string
		wg                sync.WaitGroup
		stop              = make(chan struct{})
		transport         = &http.Transport{MaxIdleConnsPerHost: 8}
		client            = &http.Client{Transport: transport, Timeout: 20 * time.Second}
		workers, maxAfter = 8, 3
	)
	defer transport.CloseIdleConnections()
	for w := range workers {
		wg.Go(func() {
			after := 0
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				before := !signalled.Load()
				if !before {
					if after++; after > maxAfter {
						return
					}
				}
				resp, err := client.Post(url, "application/json", bytes.NewReader(ingestBody(fmt.Sprintf("worker %d item %d", w, i))))
				if err != nil {
					if before {
						lost.Add(1)
						mu.Lock()
						failures = append(failures, err.Error())
						mu.Unlock()
					}
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				switch {
				case resp.StatusCode == http.StatusOK && bytes.Contains(body, []byte(`"created":true`)):
					if before {
						okBefore.Add(1)
					}
				case before:
					lost.Add(1)
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%d %s", resp.StatusCode, body))
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(700 * time.Millisecond)

	// The next request on the idle connection starts: its first bytes
	// reach the server, which is still waiting for the rest.
	next := rawPost(ingestBody("second on the idle connection"))
	if _, err := io.WriteString(conn, next[:3]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)

	signalled.Store(true)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond)
	_, werr := io.WriteString(conn, next[3:])
	resp, rerr := http.ReadResponse(br, nil)
	switch {
	case werr != nil || rerr != nil:
		t.Errorf("the request begun before the signal was cut: write %v, read %v", werr, rerr)
	default:
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`"created":true`)) {
			t.Errorf("the request begun before the signal got %d %s", resp.StatusCode, body)
		}
	}

	code := p.wait(t, 15*time.Second)
	close(stop)
	wg.Wait()
	if code != 0 {
		t.Errorf("exit code %d, want 0\n%s", code, p.log.String())
	}
	if n := lost.Load(); n > 0 {
		t.Errorf("%d of the requests sent before the signal failed: %s", n, strings.Join(failures, "; "))
	}
	if okBefore.Load() < int64(workers) {
		t.Errorf("only %d ingests succeeded before the signal; the load did not run", okBefore.Load())
	}
	t.Logf("%d ingests sent before the signal, all answered; exit code %d", okBefore.Load(), code)
}
