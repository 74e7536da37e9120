package storage_test

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

func TestAPIKeysSQLite(t *testing.T) { testAPIKeys(t, openSQLite) }

func TestAPIKeysPostgres(t *testing.T) {
	if os.Getenv("FACTGRAPH_TEST_POSTGRES") == "" {
		t.Skip("FACTGRAPH_TEST_POSTGRES not set")
	}
	testAPIKeys(t, openPostgres)
}

func testAPIKeys(t *testing.T, open func(*testing.T) *storage.Store) {
	t.Run("lifecycle", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		if keys, err := s.ListAPIKeys(ctx); err != nil || len(keys) != 0 {
			t.Fatalf("fresh store lists %v, %v", keys, err)
		}
		_, hash, _ := auth.NewSecret()
		k, err := s.CreateAPIKey(ctx, "newsroom", auth.RoleEditor, hash)
		if err != nil {
			t.Fatal(err)
		}
		if k.ID == 0 || k.Name != "newsroom" || k.Role != auth.RoleEditor || k.Hash != hash || k.CreatedAt.IsZero() || !k.Active() || k.LastUsedAt != nil {
			t.Fatalf("created %+v", k)
		}
		got, err := s.APIKeyByHash(ctx, hash)
		if err != nil || got.ID != k.ID || !got.CreatedAt.Equal(k.CreatedAt) {
			t.Fatalf("by hash: %+v, %v (want %+v)", got, err, k)
		}
		if _, err := s.APIKeyByHash(ctx, strings.Repeat("0", 64)); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("unknown hash: %v", err)
		}
		if _, err := s.CreateAPIKey(ctx, "copy", auth.RoleReader, hash); err == nil {
			t.Fatal("two keys share a hash")
		}

		at := time.Date(2025, 3, 2, 8, 0, 0, 123456000, time.UTC)
		if err := s.TouchAPIKey(ctx, k.ID, at); err != nil {
			t.Fatal(err)
		}
		got, _ = s.APIKeyByHash(ctx, hash)
		if got.LastUsedAt == nil || !got.LastUsedAt.Equal(at) {
			t.Fatalf("last used %v, want %v", got.LastUsedAt, at)
		}

		r, err := s.RevokeAPIKey(ctx, k.ID)
		if err != nil || r.Active() {
			t.Fatalf("revoke: %+v, %v", r, err)
		}
		again, err := s.RevokeAPIKey(ctx, k.ID)
		if err != nil || !again.RevokedAt.Equal(*r.RevokedAt) {
			t.Fatalf("revoking twice changed the time: %v then %v (%v)", r.RevokedAt, again.RevokedAt, err)
		}
		if _, err := s.RevokeAPIKey(ctx, 4242); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("revoke unknown: %v", err)
		}
		got, _ = s.APIKeyByHash(ctx, hash)
		if got.Active() {
			t.Fatal("revoked key reads back active")
		}

		_, h2, _ := auth.NewSecret()
		k2, _ := s.CreateAPIKey(ctx, "dashboard", auth.RoleReader, h2)
		list, err := s.ListAPIKeys(ctx)
		if err != nil || len(list) != 2 || list[0].ID != k.ID || list[1].ID != k2.ID || list[0].Active() || !list[1].Active() {
			t.Fatalf("list: %+v, %v", list, err)
		}
	})

	t.Run("bootstrap", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		// Servers starting together make one key between them.
		var wg sync.WaitGroup
		created := make(chan auth.Key, 8)
		for range 8 {
			wg.Go(func() {
				_, hash, _ := auth.NewSecret()
				k, ok, err := s.BootstrapAPIKey(ctx, auth.BootstrapName, auth.RoleAdmin, hash)
				if err != nil {
					t.Errorf("bootstrap: %v", err)
				}
				if ok {
					created <- k
				}
			})
		}
		wg.Wait()
		close(created)
		if n := len(created); n != 1 {
			t.Fatalf("%d keys created, want 1", n)
		}
		first := <-created
		if first.Role != auth.RoleAdmin || first.Name != auth.BootstrapName {
			t.Fatalf("bootstrap key %+v", first)
		}
		// With every key revoked, the next start makes none and returns
		// the key revoked last.
		second, err := s.CreateAPIKey(ctx, "second", auth.RoleEditor, "h2")
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{second.ID, first.ID} {
			if _, err := s.RevokeAPIKey(ctx, id); err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond)
		}
		_, hash, _ := auth.NewSecret()
		k, ok, err := s.BootstrapAPIKey(ctx, auth.BootstrapName, auth.RoleAdmin, hash)
		if err != nil || ok || k.ID != first.ID || k.Active() {
			t.Fatalf("after revoking all: %+v %t %v", k, ok, err)
		}
		if keys, _ := s.ListAPIKeys(ctx); len(keys) != 2 {
			t.Fatalf("%d keys after revoking all and restarting, want 2", len(keys))
		}
	})
}
