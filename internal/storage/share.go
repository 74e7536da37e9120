package storage

import (
	"context"

	"gorm.io/gorm"
)

// One request's reads run concurrently (the loaders of sibling fields, the
// aliases of root fields), and each takes a pool connection. Without a
// bound, one heavy query could hold every connection and a trivial request
// would wait for it. ShareConns gives a request a number of slots, a share
// of the pool; each read holds one for as long as it runs, so the rest of
// the pool always stays free for other requests. Writes are not shared out:
// a transaction holds its own connection from the start.

// connShare is the slots of one request.
type connShare chan struct{}

type shareKey struct{}

// shareSlotKey marks, on a statement, that it holds a slot to give back.
const shareSlotKey = "factgraph:share_slot"

// ShareConns returns ctx carrying a fresh share of the pool, for one
// request: its reads run at most ConnsPerRequest at a time.
func (s *Store) ShareConns(ctx context.Context) context.Context {
	return context.WithValue(ctx, shareKey{}, make(connShare, s.perRequest))
}

// ConnsPerRequest is how many pool connections one request's reads may hold
// at once: half of the pool, at least one.
func (s *Store) ConnsPerRequest() int { return s.perRequest }

// registerShare makes every read wait for a slot of its request's share,
// when its context carries one.
func registerShare(db *gorm.DB) error {
	acquire := func(tx *gorm.DB) {
		share, ok := tx.Statement.Context.Value(shareKey{}).(connShare)
		if !ok || tx.DryRun || tx.Error != nil {
			return
		}
		select {
		case share <- struct{}{}:
			tx.InstanceSet(shareSlotKey, share)
		case <-tx.Statement.Context.Done():
			_ = tx.AddError(tx.Statement.Context.Err())
		}
	}
	release := func(tx *gorm.DB) {
		if v, ok := tx.InstanceGet(shareSlotKey); ok {
			<-v.(connShare)
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().Before("gorm:query").Register("factgraph:share_acquire", acquire),
		cb.Query().After("gorm:after_query").Register("factgraph:share_release", release),
		cb.Row().Before("gorm:row").Register("factgraph:share_acquire", acquire),
		cb.Row().After("gorm:row").Register("factgraph:share_release", release),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
