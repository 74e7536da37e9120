package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgxlisten"
	"gorm.io/gorm"

	"github.com/factgraph/factgraph/internal/events"
)

// eventsChannel is the PostgreSQL NOTIFY channel an appended event is
// announced on. The payload is only a hint (the event's sequence number):
// listeners read the log itself, so a notification from another schema of
// the same database, or a lost one, costs a query and never an event.
const eventsChannel = "factgraph_events"

// eventRow is one entry of the live event log: the IDs an ingest touched.
// Seq is its cursor; appends are serialised, so Seq grows in commit order.
type eventRow struct {
	Seq       int64     `gorm:"primaryKey;autoIncrement"`
	ArticleID int64     `gorm:"not null"`
	ClaimIDs  string    `gorm:"not null;default:''"`
	SeriesIDs string    `gorm:"not null;default:''"`
	At        time.Time `gorm:"not null"`
}

func (eventRow) TableName() string { return "live_events" }

// AppendEvent records an event at the end of the log and returns its
// sequence number, pruning what falls out of the retention window. On
// PostgreSQL the append holds a table lock that only other appends wait for
// (readers do not), so sequence numbers become visible in the order they
// were handed out, and the commit notifies every replica.
func (s *Store) AppendEvent(ctx context.Context, ev events.Event) (int64, error) {
	rows := []eventRow{newEventRow(ev)}
	err := s.transact(ctx, func(tx *gorm.DB) error { return s.appendEvents(tx, rows) })
	if err != nil {
		return 0, wrapErr("append event", err)
	}
	return rows[0].Seq, nil
}

func newEventRow(ev events.Event) eventRow {
	return eventRow{ArticleID: ev.ArticleID, ClaimIDs: joinIDs(ev.ClaimIDs), SeriesIDs: joinIDs(ev.SeriesIDs), At: now()}
}

// appendEvents appends rows to the log inside tx, in order, as AppendEvent
// describes: one lock, one prune and one notification for all of them.
func (s *Store) appendEvents(tx *gorm.DB, rows []eventRow) error {
	if len(rows) == 0 {
		return nil
	}
	for i := range rows {
		rows[i].Seq = 0 // a replay numbers the events afresh
	}
	if s.dialect == dialectPostgres {
		if err := tx.Exec("LOCK TABLE live_events IN EXCLUSIVE MODE").Error; err != nil {
			return err
		}
	}
	if err := tx.CreateInBatches(rows, batchSize).Error; err != nil {
		return err
	}
	last := rows[len(rows)-1].Seq
	if err := tx.Where("seq <= ?", last-s.keepEvents()).Delete(&eventRow{}).Error; err != nil {
		return err
	}
	if s.dialect == dialectPostgres {
		return tx.Exec("SELECT pg_notify(?, ?)", eventsChannel, strconv.FormatInt(last, 10)).Error
	}
	return nil
}

// KeepEvents sets how many of the newest events the live log keeps (by
// default events.Retention): the furthest a subscriber may fall behind and
// still catch up. Set it before serving.
func (s *Store) KeepEvents(n int64) { s.eventRetention = max(n, 1) }

func (s *Store) keepEvents() int64 {
	if s.eventRetention == 0 {
		return events.Retention
	}
	return s.eventRetention
}

// EventsAfter returns up to limit events of the log after the cursor after,
// oldest first, and the highest sequence number that appends may have
// pruned by the time of the read: every append prunes what lies KeepEvents
// below it, so that is the newest one minus KeepEvents.
func (s *Store) EventsAfter(ctx context.Context, after int64, limit int) ([]events.Event, int64, error) {
	var rows []struct {
		Seq, ArticleID, Latest int64
		ClaimIDs, SeriesIDs    string
	}
	err := s.db.WithContext(ctx).Raw(`SELECT seq, article_id, claim_ids, series_ids,
		(SELECT max(seq) FROM live_events) AS latest
		FROM live_events WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit).Scan(&rows).Error
	if err != nil {
		return nil, 0, wrapErr("read events", err)
	}
	if len(rows) == 0 {
		// Nothing after the cursor, so the newest event is at or below
		// it, and so is everything pruned.
		return nil, 0, nil
	}
	out := make([]events.Event, len(rows))
	for i, r := range rows {
		claims, err := splitIDs(r.ClaimIDs)
		if err != nil {
			return nil, 0, fmt.Errorf("storage: read event %d: %w", r.Seq, err)
		}
		series, err := splitIDs(r.SeriesIDs)
		if err != nil {
			return nil, 0, fmt.Errorf("storage: read event %d: %w", r.Seq, err)
		}
		out[i] = events.Event{Seq: r.Seq, ArticleID: r.ArticleID, ClaimIDs: claims, SeriesIDs: series}
	}
	return out, rows[0].Latest - s.keepEvents(), nil
}

// LatestEvent returns the sequence number of the newest event, 0 when the
// log is empty.
func (s *Store) LatestEvent(ctx context.Context) (int64, error) {
	var latest *int64
	if err := s.db.WithContext(ctx).Raw("SELECT max(seq) FROM live_events").Scan(&latest).Error; err != nil {
		return 0, wrapErr("read latest event", err)
	}
	if latest == nil {
		return 0, nil
	}
	return *latest, nil
}

// SharesEvents reports whether other processes append to the same log
// while this one serves it (PostgreSQL replicas), so that the broker
// listens for their appends.
func (s *Store) SharesEvents() bool { return s.dialect == dialectPostgres }

// WatchEvents calls wake whenever another process (or this one) appends to
// the log, and once after every (re)connection, since appends made while
// the listener was away were not announced to it. It blocks until ctx ends,
// reconnecting after a second when the connection drops. SQLite has no
// other writers to hear from, so it only waits for ctx there.
func (s *Store) WatchEvents(ctx context.Context, wake func()) error {
	if s.dialect != dialectPostgres {
		<-ctx.Done()
		return nil
	}
	l := &pgxlisten.Listener{
		Connect: func(ctx context.Context) (*pgx.Conn, error) {
			return pgx.Connect(ctx, s.dsn)
		},
		LogError: func(ctx context.Context, err error) {
			if ctx.Err() == nil {
				s.log.WarnContext(ctx, "listening for live events", "err", err)
			}
		},
		ReconnectDelay: time.Second,
	}
	l.Handle(eventsChannel, wakeHandler(wake))
	if err := l.Listen(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("storage: listen for events: %w", err)
	}
	return nil
}

// wakeHandler turns every notification, and every fresh connection, into
// a wake-up.
type wakeHandler func()

func (w wakeHandler) HandleNotification(context.Context, *pgconn.Notification, *pgx.Conn) error {
	w()
	return nil
}

func (w wakeHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	w()
	return nil
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func splitIDs(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	ids := make([]int64, len(parts))
	for i, p := range parts {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("bad id list %q: %w", s, err)
		}
		ids[i] = id
	}
	return ids, nil
}
