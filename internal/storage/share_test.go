package storage_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/factgraph/factgraph/internal/storage"
)

// maxConcurrentReads runs 8 reads at once under ctx and returns the most
// that ran together, each held for a while inside the database call.
func maxConcurrentReads(t *testing.T, s *storage.Store, ctx context.Context) int32 {
	t.Helper()
	var now, peak atomic.Int32
	name := "share_test:hold"
	hold := func(*gorm.DB) {
		n := now.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(30 * time.Millisecond)
		now.Add(-1)
	}
	if err := s.DB().Callback().Query().After("factgraph:share_acquire").Before("gorm:query").Register(name, hold); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.DB().Callback().Query().Remove(name) }()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, errs := s.ArticlesByIDs(ctx, []int64{1, 2, 3}); errs != nil {
				t.Errorf("ArticlesByIDs: %v", errs)
			}
		}()
	}
	wg.Wait()
	return peak.Load()
}

// TestOneRequestCannotHoldThePool shows that the reads of one request hold
// at most their share of the pool, however many run at once, while reads
// without a share (other requests together) may use all of it.
func TestOneRequestCannotHoldThePool(t *testing.T) {
	s := openSQLite(t)
	sqlDB, err := s.DB().DB()
	if err != nil {
		t.Fatal(err)
	}
	pool := int32(sqlDB.Stats().MaxOpenConnections)
	share := int32(s.ConnsPerRequest())
	if share < 1 || share >= pool {
		t.Fatalf("share %d of a pool of %d, want at least one and fewer than all", share, pool)
	}
	if got := maxConcurrentReads(t, s, s.ShareConns(context.Background())); got > share {
		t.Errorf("one request held %d connections at once, want at most %d of %d", got, share, pool)
	}
	if got := maxConcurrentReads(t, s, context.Background()); got <= share {
		t.Errorf("reads without a share ran %d at once: the test cannot tell the share from the pool", got)
	}
}
