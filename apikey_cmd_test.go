package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

func TestAPIKeyCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "keys.db")
	apikey := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append([]string{"apikey"}, args...), &out, &errOut)
		return out.String(), errOut.String(), err
	}

	out, errOut, err := apikey("create", "-role", "editor", "-name", "newsroom", "-db", db, "-log-level", "warn")
	if err != nil {
		t.Fatalf("create: %v\n%s", err, errOut)
	}
	secret := strings.TrimSpace(out)
	if !strings.HasPrefix(secret, auth.SecretPrefix) || strings.Contains(secret, "\n") {
		t.Fatalf("create printed %q, want the secret alone", out)
	}
	if !strings.Contains(errOut, "shown only once") || strings.Contains(errOut, secret) {
		t.Fatalf("create notice %q", errOut)
	}
	if _, _, err := apikey("create", "-role", "reader", "-name", "dashboard", "-db", db, "-log-level", "warn"); err != nil {
		t.Fatal(err)
	}

	// The secret works, as an editor.
	store, err := storage.Open(context.Background(), db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	p, err := auth.NewKeys(store, nil).Authenticate(context.Background(), "Bearer "+secret, "")
	store.Close()
	if err != nil || p.Role != auth.RoleEditor || p.Name != "newsroom" {
		t.Fatalf("created key authenticates as %+v, %v", p, err)
	}

	out, _, err = apikey("list", "-db", db, "-log-level", "warn")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], `"newsroom"`) || !strings.Contains(lines[1], "editor") ||
		!strings.Contains(lines[1], "active") || !strings.Contains(lines[2], "reader") {
		t.Fatalf("list:\n%s", out)
	}
	if strings.Contains(out, secret) || strings.Contains(out, auth.HashSecret(secret)) {
		t.Fatal("list shows the secret or its hash")
	}

	// Flags may follow the ID.
	id := strings.Fields(lines[1])[0]
	out, _, err = apikey("revoke", id, "-db", db, "-log-level", "warn")
	if err != nil || !strings.Contains(out, "revoked API key "+id) {
		t.Fatalf("revoke: %q, %v", out, err)
	}
	out, _, _ = apikey("list", "-db", db, "-log-level", "warn")
	if lines := strings.Split(out, "\n"); !strings.Contains(lines[1], "revoked 20") || !strings.Contains(lines[2], "active") {
		t.Fatalf("list after revoke:\n%s", out)
	}
	revokedAt := strings.Fields(strings.Split(out, "\n")[1])[6]

	// Revoking again says so, and keeps the first time.
	again, _, err := apikey("revoke", id, "-db", db, "-log-level", "warn")
	if err != nil || !strings.Contains(again, "was revoked before, at "+revokedAt) || !strings.Contains(again, "nothing changed") {
		t.Fatalf("second revoke: %q, %v", again, err)
	}
	if out2, _, _ := apikey("list", "-db", db, "-log-level", "warn"); out2 != out {
		t.Fatalf("a second revoke changed the keys:\n%s\nthen\n%s", out, out2)
	}
	store, _ = storage.Open(context.Background(), db, slog.New(slog.DiscardHandler))
	_, err = auth.NewKeys(store, nil).Authenticate(context.Background(), "Bearer "+secret, "")
	store.Close()
	if domain.ErrorCode(err) != domain.EUNAUTHENTICATED {
		t.Fatalf("revoked key: %v", err)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "missing command"},
		{[]string{"rotate"}, "unknown command"},
		{[]string{"create", "-name", "x", "-db", db}, "the -role flag is required"},
		{[]string{"create", "-role", "root", "-name", "x", "-db", db}, "unknown role"},
		{[]string{"create", "-role", "reader", "-db", db, "-log-level", "warn"}, "needs a name"},
		{[]string{"revoke", "-db", db}, "exactly one key ID"},
		{[]string{"revoke", "abc", "-db", db}, "not a key ID"},
		{[]string{"revoke", "99", "-db", db, "-log-level", "warn"}, "no API key 99"},
		{[]string{"list", "extra", "-db", db}, "unexpected argument"},
	} {
		if _, _, err := apikey(c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("apikey %v: %v, want %q", c.args, err, c.want)
		}
	}
}
