package storagetest

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

// workers is how many ingests race in the concurrency tests.
const workers = 8

func testConcurrentIdentical(t *testing.T, s *storage.Store) {
	var (
		calls   atomic.Int32
		created atomic.Int32
		wg      sync.WaitGroup
		ids     = make([]int64, workers)
		errs    = make([]error, workers)
		start   = make(chan struct{})
	)
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			a, c, err := s.IngestArticle(ctx(t), troopsArticle(), fixed(troopsAnalysis(t), &calls))
			errs[i] = err
			if err == nil {
				ids[i] = a.ID
				if c {
					created.Add(1)
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("ingest %d: %v", i, err)
		}
	}
	equal(t, "created", created.Load(), int32(1))
	for i, id := range ids {
		if id != ids[0] {
			t.Errorf("ingest %d returned article %d, ingest 0 returned %d", i, id, ids[0])
		}
	}
	if c := calls.Load(); c < 1 || c > workers {
		t.Errorf("analyze calls = %d", c)
	}
	equal(t, "articles", countRows(t, s, "articles"), int64(1))
	equal(t, "statements", countRows(t, s, "statements"), int64(3))
	equal(t, "claims", countRows(t, s, "claims"), int64(1))
	equal(t, "claim changes", countRows(t, s, "claim_changes"), int64(1))
	equal(t, "entities", countRows(t, s, "entities"), int64(5))
}

// testConcurrentSharedClaim races different articles that share an entity
// and a claim, alternately confirming and denying it: every one must be
// stored, the entity and the claim created once, and the claim's history
// must read as if the ingests had run one after the other.
func testConcurrentSharedClaim(t *testing.T, s *storage.Store) {
	var wg sync.WaitGroup
	errs := make([]error, workers)
	start := make(chan struct{})
	for i := range workers {
		status := domain.Confirmed
		if i%2 == 1 {
			status = domain.Denied
		}
		a := simple{title: "Report " + itoa(int64(i)), body: "Officials said the bridge was hit (report " + itoa(int64(i)) + ").",
			url: "https://race/" + itoa(int64(i)), speaker: "Officials", kind: domain.KindOther, status: status,
			claimKey: "bridge hit", claimText: "The bridge was hit", head: "bridge", value: float64(i)}
		an := a.analysis(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, created, err := s.IngestArticle(ctx(t), a.article(), fixed(an, nil))
			if err == nil && !created {
				t.Errorf("ingest %d: created = false", i)
			}
			errs[i] = err
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("ingest %d: %v", i, err)
		}
	}
	equal(t, "articles", countRows(t, s, "articles"), int64(workers))
	equal(t, "entities", countRows(t, s, "entities"), int64(1))
	equal(t, "claims", countRows(t, s, "claims"), int64(1))
	equal(t, "statements", countRows(t, s, "statements"), int64(workers))

	page, err := s.ListClaims(ctx(t), domain.ClaimFilter{}, domain.PageRequest{First: 5})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("claims = %v, %v", page.Items, err)
	}
	c := page.Items[0]
	equal(t, "status", c.Status, domain.Disputed)
	history := res(s.ChangesByClaim(ctx(t), []int64{c.ID}, all)).one(t, "ChangesByClaim")
	if len(history) != 2 {
		t.Fatalf("history = %s, want first status then DISPUTED", changesString(history))
	}
	if history[0].From != nil || history[1].From == nil || *history[1].From != history[0].To || history[1].To != domain.Disputed {
		t.Errorf("history = %s, want <nil>->X, X->DISPUTED", changesString(history))
	}
	stmts := res(s.StatementsByClaim(ctx(t), []int64{c.ID}, all)).one(t, "StatementsByClaim")
	equal(t, "claim statements", len(stmts), workers)
}
