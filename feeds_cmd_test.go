package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestFeedsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "feeds.db")
	feedsCmd := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append([]string{"feeds"}, append(args, "-db", db, "-log-level", "warn")...), &out, &errOut)
		return out.String() + errOut.String(), err
	}
	out, err := feedsCmd("add", "-every", "30m", "https://news.example/rss.xml", "https://other.example/atom")
	if err != nil || !strings.Contains(out, "added https://news.example/rss.xml, polled every 30m") {
		t.Fatalf("add: %v\n%s", err, out)
	}
	if out, err = feedsCmd("add", "https://news.example/rss.xml", "-every", "1h"); err != nil || !strings.Contains(out, "already subscribed; interval set for https://news.example/rss.xml, polled every 1h") {
		t.Fatalf("second add: %v\n%s", err, out)
	}
	if out, err = feedsCmd("add", "-every", "5s", "https://third.example/feed"); err == nil || !strings.Contains(err.Error(), "at most every 1m") {
		t.Fatalf("too short an interval: %v\n%s", err, out)
	}
	if out, err = feedsCmd("add", "file:///etc/passwd"); err == nil || !strings.Contains(err.Error(), "must start with http") {
		t.Fatalf("file URL: %v\n%s", err, out)
	}
	out, err = feedsCmd("list")
	if err != nil || !strings.Contains(out, "https://news.example/rss.xml") || !strings.Contains(out, "https://other.example/atom") || !strings.Contains(out, "never") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if out, err = feedsCmd("remove", "https://other.example/atom"); err != nil || !strings.Contains(out, "removed https://other.example/atom") {
		t.Fatalf("remove: %v\n%s", err, out)
	}
	if _, err = feedsCmd("remove", "https://other.example/atom"); err == nil || !strings.Contains(err.Error(), "no feed https://other.example/atom is subscribed") {
		t.Fatalf("second remove: %v", err)
	}
	if out, _ = feedsCmd("list"); strings.Contains(out, "other.example") {
		t.Fatalf("list after remove:\n%s", out)
	}
	if _, err = feedsCmd("add"); err == nil || exitCode(err, &bytes.Buffer{}) != 2 {
		t.Fatalf("add without URL: %v", err)
	}
}
