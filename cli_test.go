package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// factgraph runs main as a process in dir with args (the test binary runs
// it, see TestMain) and returns what it printed and its exit code.
func factgraph(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "FACTGRAPH_TEST_RUN_COMMAND=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("factgraph %q did not end (it serves?):\n%s", args, errOut.String())
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

// assertEmpty fails when a command left files (a database) in dir.
func assertEmpty(t *testing.T, dir string, what string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("%s left %s behind", what, e.Name())
	}
}

func TestUnknownCommandsAndStrayArgumentsAreUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"bogus"}, []string{`unknown command "bogus"`, "factgraph ingest", "factgraph apikey"}},
		{[]string{"-addr", "127.0.0.1:0", "extra"}, []string{`unexpected argument "extra"`, "factgraph -h"}},
		{[]string{"-addr", "127.0.0.1:0", "ingest", "a.json"}, []string{`unexpected argument "ingest"`, "a command comes first"}},
		{[]string{"-no-such-flag"}, []string{"flag provided but not defined: -no-such-flag", "factgraph -h"}},
		{[]string{"reanalyze", "now"}, []string{"unexpected arguments", "factgraph reanalyze -h"}},
		{[]string{"ingest"}, []string{"no files given"}},
		{[]string{"apikey"}, []string{"missing command"}},
		{[]string{"apikey", "rotate"}, []string{`unknown command "rotate"`}},
		{[]string{"apikey", "create", "-name", "x"}, []string{"the -role flag is required"}},
		{[]string{"help", "bogus"}, []string{`unknown command "bogus"`}},
	} {
		dir := t.TempDir()
		_, stderr, code := factgraph(t, dir, c.args...)
		if code != 2 {
			t.Errorf("factgraph %q exited %d, want 2:\n%s", c.args, code, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("factgraph %q printed\n%s\nwant %q", c.args, stderr, w)
			}
		}
		if strings.Count(stderr, "factgraph:") != 1 {
			t.Errorf("factgraph %q should name the mistake once:\n%s", c.args, stderr)
		}
		assertEmpty(t, dir, strings.Join(c.args, " "))
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"-h"}, {"-help"}, {"help"}} {
		stdout, stderr, code := factgraph(t, dir, args...)
		if code != 0 {
			t.Errorf("factgraph %q exited %d:\n%s", args, code, stderr)
		}
		for _, c := range commands {
			if !strings.Contains(stdout, "factgraph "+c.name+" ") {
				t.Errorf("factgraph %q does not list %q:\n%s", args, c.name, stdout)
			}
		}
		for _, flagName := range []string{"-addr", "-db", "-auth"} {
			if !strings.Contains(stdout, flagName) {
				t.Errorf("factgraph %q does not show %s", args, flagName)
			}
		}
	}
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "-h"}, {"help", c.name}} {
			stdout, stderr, code := factgraph(t, dir, args...)
			if code != 0 || !strings.Contains(stdout, "factgraph "+c.name) {
				t.Errorf("factgraph %q exited %d, printed\n%s%s", args, code, stdout, stderr)
			}
		}
	}
	stdout, _, code := factgraph(t, dir, "apikey", "create", "-h")
	if code != 0 || !strings.Contains(stdout, "-role") {
		t.Errorf("apikey create -h exited %d:\n%s", code, stdout)
	}
	assertEmpty(t, dir, "help")
}

// TestBadSettingsChangeNothing shows that flags are checked and the port
// bound before the database is created and a first API key minted.
func TestBadSettingsChangeNothing(t *testing.T) {
	for _, args := range [][]string{
		{"-auth", "maybe"},
		{"-cors-origins", "not an origin"},
		{"-metrics-path", "/query"},
		{"-log-format", "yaml"},
		{"-playground-assets", "/no/such/folder"},
	} {
		dir := t.TempDir()
		_, stderr, code := factgraph(t, dir, append(args, "-addr", "127.0.0.1:0")...)
		if code != 2 || strings.Contains(stderr, "Bearer") {
			t.Errorf("factgraph %q exited %d:\n%s", args, code, stderr)
		}
		assertEmpty(t, dir, strings.Join(args, " "))
	}

	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	dir := t.TempDir()
	_, stderr, code := factgraph(t, dir, "-addr", busy.Addr().String())
	if code != 1 || !strings.Contains(stderr, "address already in use") || strings.Contains(stderr, "Bearer") {
		t.Errorf("busy port: exit %d:\n%s", code, stderr)
	}
	assertEmpty(t, dir, "a busy port")
}

func TestUnwritableDatabaseNamesThePath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ db, want string }{
		{filepath.Join(dir, "missing", "f.db"), "the folder " + filepath.Join(dir, "missing") + " does not exist"},
		{filepath.Join(file, "f.db"), file + " is not a folder"},
	}
	if runtime.GOOS == "linux" {
		// Not even root may create files in sysfs.
		if f, err := os.CreateTemp("/sys", "probe"); err == nil {
			f.Close()
			os.Remove(f.Name())
		} else {
			cases = append(cases, struct{ db, want string }{"/sys/f.db", "the folder /sys cannot be written"})
		}
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "readonly")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ db, want string }{filepath.Join(ro, "f.db"), "the folder " + ro + " cannot be written"})
	} else {
		t.Log("running as root, which may write into a folder without write permission: that case is held by /sys only")
	}
	for _, c := range cases {
		for _, args := range [][]string{{"-addr", "127.0.0.1:0", "-db", c.db}, {"apikey", "list", "-db", c.db}} {
			_, stderr, code := factgraph(t, dir, args...)
			if code != 1 || !strings.Contains(stderr, "the database file "+c.db+" cannot be written") || !strings.Contains(stderr, c.want) {
				t.Errorf("factgraph %q exited %d:\n%s\nwant the path and %q", args, code, stderr, c.want)
			}
		}
	}
}
