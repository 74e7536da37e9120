package storage

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/stories"
	"gorm.io/gorm"
)

// batchWriter stores the first ingest of several articles in one
// transaction with the result of storing them one after the other: it
// reads the shared rows they touch (entities, claims, series, duplicate
// fingerprints) once, folds each article into them in order in memory,
// and then writes each table once. An article's cost is thus what it
// touches, read by key, plus its share of a few multi-row statements:
// never a read of a claim's statements or a series' figures, except the
// figures by named sources near the article's date of a series that may
// become conflicting.
type batchWriter struct {
	s     *Store
	r     *rawTx
	plans []*ingestPlan

	firstOf  map[string]int64 // fingerprint → first article with it
	entities map[string]*batchEntity
	claims   map[string]*batchClaim
	series   map[string]*batchSeries
	// sourced are the figures by a named source that this batch added,
	// by series: the part of a conflict window not yet in the database.
	sourced map[int64][]seriesFigure
	aliasIn map[aliasKey]bool

	newEntities, newClaims, newSeries []string // keys, in creation order
	renamed                           []*batchEntity

	articles, fts, aliases, links, statements, speakers, mentions, sources, figures, changes [][]any
	events                                                                                   []eventRow
}

type batchEntity struct {
	id         int64
	name, kind string
	stored     bool // in the database before the batch
}

type batchClaim struct {
	id          int64
	text        string
	status      string
	firstSeenAt time.Time
	updatedAt   time.Time
	stored      bool
	created     bool // a provisional row this transaction inserted
}

type batchSeries struct {
	id          int64
	row         seriesRow
	low, high   float64
	status      string
	conflicting bool
	updatedAt   time.Time
	stored      bool
	touched     bool
}

type aliasKey struct {
	entity int64
	key    string
}

// writeBatch stores plans, articles that were never stored, in tx: see
// batchWriter. With announce, each article's live event is appended too.
// A duplicate ingest key fails the whole call with errAlreadyStored.
func (s *Store) writeBatch(tx *gorm.DB, plans []*ingestPlan, announce bool) error {
	w := &batchWriter{s: s, r: s.raw(tx), plans: plans,
		firstOf: map[string]int64{}, entities: map[string]*batchEntity{}, claims: map[string]*batchClaim{},
		series: map[string]*batchSeries{}, sourced: map[int64][]seriesFigure{}, aliasIn: map[aliasKey]bool{}}
	if err := w.load(); err != nil {
		return err
	}
	ids, err := w.r.allocIDs(w.counts())
	if err != nil {
		return err
	}
	take := func(table string) int64 {
		id := ids[table][0]
		ids[table] = ids[table][1:]
		return id
	}
	for _, k := range w.newEntities {
		w.entities[k].id = take("entities")
	}
	for _, k := range w.newClaims {
		w.claims[k].id = take("claims")
	}
	for _, k := range w.newSeries {
		w.series[k].id = take("series")
	}
	for _, p := range plans {
		if err := w.add(p, take, announce); err != nil {
			return err
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	if announce {
		return s.appendEvents(tx, w.events)
	}
	return nil
}

// load reads the shared rows the batch touches, and notes which are new.
func (w *batchWriter) load() error {
	var fps, ents, claims, series []string
	seen := map[string]bool{}
	add := func(list *[]string, prefix, k string) {
		if !seen[prefix+k] {
			seen[prefix+k] = true
			*list = append(*list, k)
		}
	}
	for _, p := range w.plans {
		if p.article.Fingerprint != "" {
			add(&fps, "f", p.article.Fingerprint)
		}
		for _, e := range p.entities {
			add(&ents, "e", e.key)
		}
		for _, k := range p.claimKeys {
			add(&claims, "c", k)
		}
		for _, k := range p.seriesKeys {
			add(&series, "s", k)
		}
	}
	r := w.r
	err := r.inStrings("SELECT fingerprint, MIN(id) FROM articles WHERE fingerprint IN (%s) GROUP BY fingerprint", fps,
		func(rows *sql.Rows) error {
			var fp string
			var id int64
			if err := rows.Scan(&fp, &id); err != nil {
				return err
			}
			w.firstOf[fp] = id
			return nil
		})
	if err != nil {
		return fmt.Errorf("find duplicates: %w", err)
	}
	if w.s.dialect == dialectPostgres {
		if err := w.createShared(ents, claims, series); err != nil {
			return err
		}
	}
	if err := w.selectShared(ents, claims, series); err != nil {
		return err
	}
	// New rows are numbered in the order one-by-one ingests would have
	// created them: article by article, keys sorted.
	for _, p := range w.plans {
		keys := make([]int, len(p.entities))
		for i := range keys {
			keys[i] = i
		}
		slices.SortFunc(keys, func(a, b int) int { return strings.Compare(p.entities[a].key, p.entities[b].key) })
		for _, i := range keys {
			e := p.entities[i]
			if w.entities[e.key] == nil {
				w.entities[e.key] = &batchEntity{name: e.name, kind: string(e.kind)}
				w.newEntities = append(w.newEntities, e.key)
			}
		}
		for i, k := range p.claimKeys {
			if w.claims[k] == nil {
				w.claims[k] = &batchClaim{text: p.claimTexts[i], status: pendingStatus}
				w.newClaims = append(w.newClaims, k)
			}
		}
		for i, k := range p.seriesKeys {
			if w.series[k] == nil {
				w.series[k] = &batchSeries{row: p.seriesRows[i], status: pendingStatus}
				w.newSeries = append(w.newSeries, k)
			}
		}
	}
	return nil
}

// createShared inserts, on PostgreSQL, every entity, claim and series the
// batch touches that is not stored yet, before anything is read or folded
// into them: provisional rows (a claim or series pending) that flush
// completes. A key already stored, or inserted meanwhile by another
// replica, is skipped; a key another replica is inserting at this moment
// is waited for. The keys go in sorted order, and nothing is locked yet,
// so replicas creating the same keys wait for each other instead of
// failing on the unique key or deadlocking, and selectShared then reads
// and locks them like any stored row.
func (w *batchWriter) createShared(ents, claims, series []string) error {
	r := w.r
	t := now()
	entity := map[string]planEntity{}
	claimText := map[string]string{}
	seriesRow := map[string]seriesRow{}
	for _, p := range w.plans {
		for _, e := range p.entities {
			if _, ok := entity[e.key]; !ok {
				entity[e.key] = e
			}
		}
		for i, k := range p.claimKeys {
			if _, ok := claimText[k]; !ok {
				claimText[k] = p.claimTexts[i]
			}
		}
		for i, k := range p.seriesKeys {
			if _, ok := seriesRow[k]; !ok {
				seriesRow[k] = p.seriesRows[i]
			}
		}
	}
	var rows [][]any
	for _, k := range slices.Sorted(slices.Values(ents)) {
		e := entity[k]
		rows = append(rows, []any{e.name, k, string(e.kind)})
	}
	if err := r.insert("entities", []string{"name", "name_key", "kind"}, rows, ` ON CONFLICT ("name_key") DO NOTHING`); err != nil {
		return err
	}
	rows = rows[:0]
	for _, k := range slices.Sorted(slices.Values(claims)) {
		rows = append(rows, []any{k, claimText[k], fold(claimText[k]), pendingStatus, t, t})
	}
	if err := r.insert("claims", []string{"key", "text", "text_fold", "status", "first_seen_at", "updated_at"}, rows,
		` ON CONFLICT ("key") DO NOTHING`); err != nil {
		return err
	}
	rows = rows[:0]
	for _, k := range slices.Sorted(slices.Values(series)) {
		x := seriesRow[k]
		rows = append(rows, []any{k, x.Label, x.LabelFold, x.Head, x.Unit, 0.0, 0.0, pendingStatus, false, t})
	}
	return r.insert("series", []string{"key", "label", "label_fold", "head", "unit", "low", "high", "status",
		"conflicting", "updated_at"}, rows, ` ON CONFLICT ("key") DO NOTHING`)
}

// selectShared reads the stored entities, claims and series of the keys
// given. On PostgreSQL the claims and series are locked, so that
// concurrent ingests touching one fold into it in turn, each seeing the
// last. A claim or series still pending is one this transaction created.
func (w *batchWriter) selectShared(ents, claims, series []string) error {
	r := w.r
	err := r.inStrings("SELECT id, name_key, name, kind FROM entities WHERE name_key IN (%s)", ents, func(rows *sql.Rows) error {
		var key string
		e := &batchEntity{stored: true}
		if err := rows.Scan(&e.id, &key, &e.name, &e.kind); err != nil {
			return err
		}
		w.entities[key] = e
		return nil
	})
	if err != nil {
		return fmt.Errorf("find entities: %w", err)
	}
	// On PostgreSQL the claims and series are locked, so that concurrent
	// ingests touching one fold into it in turn, each seeing the last.
	lock := ""
	if w.s.dialect == dialectPostgres {
		lock = " FOR UPDATE"
	}
	err = r.inStrings(`SELECT id, "key", status FROM claims WHERE "key" IN (%s) ORDER BY id`+lock, claims, func(rows *sql.Rows) error {
		var key string
		c := &batchClaim{stored: true}
		if err := rows.Scan(&c.id, &key, &c.status); err != nil {
			return err
		}
		c.created = c.status == pendingStatus
		w.claims[key] = c
		return nil
	})
	if err != nil {
		return fmt.Errorf("find claims: %w", err)
	}
	err = r.inStrings(`SELECT id, "key", low, high, status, conflicting, updated_at FROM series WHERE "key" IN (%s) ORDER BY id`+lock, series,
		func(rows *sql.Rows) error {
			var key string
			x := &batchSeries{stored: true}
			if err := rows.Scan(&x.id, &key, &x.low, &x.high, &x.status, &x.conflicting, &x.updatedAt); err != nil {
				return err
			}
			x.updatedAt = x.updatedAt.UTC()
			w.series[key] = x
			return nil
		})
	if err != nil {
		return fmt.Errorf("find series: %w", err)
	}
	return nil
}

// counts is how many keys of each table the batch needs.
func (w *batchWriter) counts() map[string]int {
	c := map[string]int{"articles": len(w.plans), "entities": len(w.newEntities),
		"claims": len(w.newClaims), "series": len(w.newSeries)}
	for _, p := range w.plans {
		c["statements"] += len(p.statements)
		c["figures"] += len(p.figures)
	}
	return c
}

// add folds one article into the batch, as writeIngest once stored it.
func (w *batchWriter) add(p *ingestPlan, take func(string) int64, announce bool) error {
	a := p.article
	// Stamped in the transaction, so that ingest times follow the order
	// in which ingests take the database's locks.
	a.IngestedAt = now()
	a.ID, a.DuplicateOfID = take("articles"), nil
	if a.Fingerprint != "" {
		if first, ok := w.firstOf[a.Fingerprint]; ok {
			a.DuplicateOfID = &first
		} else {
			w.firstOf[a.Fingerprint] = a.ID
		}
	}
	w.articles = append(w.articles, []any{a.ID, a.IngestKey, a.Title, a.Body, a.URL, a.Outlet, a.PublishedAt,
		a.IngestedAt, a.Fingerprint, a.DuplicateOfID, a.AnalysisVersion})
	if w.s.dialect == dialectSQLite {
		w.fts = append(w.fts, []any{a.ID, a.Title, a.Body})
	}

	entityIDs := w.addEntities(p)

	claimIDs := make([]int64, len(p.claimKeys))
	prev := make([]string, len(p.claimKeys))
	for i, k := range p.claimKeys {
		c := w.claims[k]
		if c.status == pendingStatus && c.firstSeenAt.IsZero() {
			c.firstSeenAt = a.IngestedAt
		}
		claimIDs[i], prev[i] = c.id, c.status
	}
	for i, e := range p.entities {
		w.links = append(w.links, []any{a.ID, entityIDs[i], e.ordinal})
	}
	stmtIDs := make([]int64, len(p.statements))
	for i, ps := range p.statements {
		st := p.analysis.Statements[ps.index]
		stmtIDs[i] = take("statements")
		var cs, ce, claim any
		if st.Content.End > st.Content.Start {
			cs, ce = st.Content.Start, st.Content.End
		}
		if ps.claim >= 0 {
			claim = claimIDs[ps.claim]
		}
		w.statements = append(w.statements, []any{stmtIDs[i], a.ID, i, st.Cue, string(st.Status), st.Text,
			st.Span.Start, st.Span.End, claim, st.CueSpan.Start, st.CueSpan.End, cs, ce, a.storyTime()})
		for pos, src := range ps.sources {
			var ent any
			if src.entity >= 0 {
				ent = entityIDs[src.entity]
			}
			w.sources = append(w.sources, []any{stmtIDs[i], pos, src.text, src.span.Start, src.span.End, ent})
		}
		for pos, e := range ps.speakers {
			w.speakers = append(w.speakers, []any{stmtIDs[i], entityIDs[e], pos})
		}
		for _, e := range ps.mentions {
			w.mentions = append(w.mentions, []any{stmtIDs[i], entityIDs[e]})
		}
	}

	at := a.storyTime()
	own := map[int64][]seriesFigure{}
	for i, pf := range p.figures {
		f := p.analysis.Figures[pf.index]
		var unit *string
		if f.Unit != "" {
			u := f.Unit
			unit = &u
		}
		var stmt, src *int64
		if pf.statement >= 0 {
			stmt = &stmtIDs[pf.statement]
		}
		if pf.source >= 0 {
			src = &entityIDs[pf.source]
		}
		sid := w.series[p.seriesKeys[pf.series]].id
		w.figures = append(w.figures, []any{take("figures"), a.ID, stmt, i, f.Text, f.Value, f.Low, f.High, f.Approximate,
			f.Subject, f.Head, unit, src, sid, at, string(f.Status), f.Span.Start, f.Span.End})
		own[sid] = append(own[sid], seriesFigure{SeriesID: sid, ArticleID: a.ID, Value: f.Value, Low: f.Low, High: f.High,
			Approximate: f.Approximate, Head: f.Head, Status: string(f.Status), SourceID: src, At: &at})
	}
	seriesIDs, err := w.foldSeries(p, own, at)
	if err != nil {
		return err
	}
	changed := w.foldClaims(p, claimIDs, prev)
	if announce {
		w.events = append(w.events, newEventRow(events.Event{ArticleID: a.ID, ClaimIDs: changed, SeriesIDs: seriesIDs}))
	}
	return nil
}

// addEntities folds the article's entities into the batch's, renaming an
// entity when the article spells it better and recording every other
// spelling as an alias, and returns their IDs aligned to p.entities.
func (w *batchWriter) addEntities(p *ingestPlan) []int64 {
	ids := make([]int64, len(p.entities))
	order := make([]int, len(p.entities))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(p.entities[a].key, p.entities[b].key) })
	var aliases []aliasRow
	for _, i := range order {
		pe := p.entities[i]
		e := w.entities[pe.key]
		if pe.name == e.name {
			continue
		}
		// The name shown is the best spelling any article has used, not
		// the first one stored, so that it does not depend on ingest
		// order; every other spelling stays an alias, so a search finds
		// the entity by it.
		spelling := pe.name
		if stories.BetterName(pe.name, e.name) {
			spelling, e.name = e.name, pe.name
			if e.stored && !slices.Contains(w.renamed, e) {
				w.renamed = append(w.renamed, e)
			}
		}
		if fold(spelling) != fold(e.name) {
			aliases = append(aliases, aliasRow{EntityID: e.id, Alias: spelling, AliasKey: fold(spelling)})
		}
	}
	for i, pe := range p.entities {
		ids[i] = w.entities[pe.key].id
		for _, al := range pe.aliases {
			aliases = append(aliases, aliasRow{EntityID: ids[i], Alias: al, AliasKey: fold(al)})
		}
	}
	slices.SortFunc(aliases, func(a, b aliasRow) int {
		if a.EntityID != b.EntityID {
			return cmp.Compare(a.EntityID, b.EntityID)
		}
		return strings.Compare(a.AliasKey, b.AliasKey)
	})
	for _, al := range aliases {
		k := aliasKey{al.EntityID, al.AliasKey}
		if !w.aliasIn[k] {
			w.aliasIn[k] = true
			w.aliases = append(w.aliases, []any{al.EntityID, al.Alias, al.AliasKey})
		}
	}
	return ids
}

// foldSeries adds the article's figures (own, by series) to the
// aggregates of their series and returns the series, sorted. Bounds,
// status and latest date fold in exactly. A series not yet conflicting
// becomes so only through a pair of figures by two named sources, one of
// them new, within the conflict window: only when the article brings a
// figure by a named source are the named sources' figures around its date
// read (from the database and from this batch).
func (w *batchWriter) foldSeries(p *ingestPlan, own map[int64][]seriesFigure, at time.Time) ([]int64, error) {
	var ids, probe []int64
	bySeries := map[int64]*batchSeries{}
	for _, k := range p.seriesKeys {
		x := w.series[k]
		ids = append(ids, x.id)
		bySeries[x.id] = x
		if x.status != pendingStatus && x.conflicting {
			continue
		}
		if x.stored && slices.ContainsFunc(own[x.id], func(f seriesFigure) bool { return f.SourceID != nil }) {
			probe = append(probe, x.id)
		}
	}
	near, err := w.mayConflict(probe, own, at)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		x := bySeries[id]
		next := seriesAggregate(own[id])
		if x.status != pendingStatus {
			next.Low, next.High = min(next.Low, x.low), max(next.High, x.high)
			if x.updatedAt.After(next.UpdatedAt) {
				next.UpdatedAt = x.updatedAt
			}
			next.Status = domain.Aggregate([]domain.Status{next.Status, domain.Status(x.status)})
		}
		var mine []seriesFigure
		for _, f := range own[id] {
			if f.SourceID != nil {
				mine = append(mine, f)
			}
		}
		switch {
		case x.status != pendingStatus && x.conflicting:
			next.Conflicting = true
		case len(mine) == 0:
			// no pair of the window is new, and no old pair conflicts
			next.Conflicting = false
		default:
			window := append(near[id], mine...)
			for _, f := range w.sourced[id] {
				if d := f.at().Sub(at).Abs(); d <= stories.ConflictWindow {
					window = append(window, f)
				}
			}
			next.Conflicting = stories.Conflicting(observations(window))
		}
		w.sourced[id] = append(w.sourced[id], mine...)
		x.low, x.high, x.status, x.conflicting, x.updatedAt = next.Low, next.High, string(next.Status), next.Conflicting, next.UpdatedAt
		x.touched = true
	}
	slices.Sort(ids)
	return ids, nil
}

// foldClaims adds the article's statements to the status of their claims
// (a status is a function of which statuses occur, so the status so far
// folded with the new ones is exact) and records each change; it returns
// the claims whose status changed, sorted.
func (w *batchWriter) foldClaims(p *ingestPlan, ids []int64, prev []string) []int64 {
	if len(ids) == 0 {
		return nil
	}
	statuses := make(map[int64][]domain.Status, len(ids))
	for i, id := range ids {
		if prev[i] != pendingStatus {
			statuses[id] = append(statuses[id], domain.Status(prev[i]))
		}
	}
	for _, ps := range p.statements {
		if ps.claim >= 0 {
			id := ids[ps.claim]
			statuses[id] = append(statuses[id], p.analysis.Statements[ps.index].Status)
		}
	}
	// The claims are locked by now (on SQLite the whole database is), so
	// this time orders the change after every earlier one to these claims.
	t := now()
	var changed []int64
	for i, k := range p.claimKeys {
		c := w.claims[k]
		next := string(domain.Aggregate(statuses[ids[i]]))
		c.status, c.updatedAt = next, t
		if next == prev[i] {
			continue
		}
		var from any
		if prev[i] != pendingStatus {
			from = prev[i]
		}
		w.changes = append(w.changes, []any{ids[i], p.article.ID, from, next, t})
		changed = append(changed, ids[i])
	}
	slices.Sort(changed)
	return changed
}

// flush writes the batch, parents before children.
func (w *batchWriter) flush() error {
	r := w.r
	if err := r.insert("articles", []string{"id", "ingest_key", "title", "body", "url", "outlet", "published_at",
		"ingested_at", "fingerprint", "duplicate_of_id", "analysis_version"}, w.articles, ""); err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errAlreadyStored
		}
		return err
	}
	if err := r.insert(ftsTable, []string{"docid", "title", "body"}, w.fts, ""); err != nil {
		return err
	}
	var rows [][]any
	for _, k := range w.newEntities {
		e := w.entities[k]
		rows = append(rows, []any{e.id, e.name, k, e.kind})
	}
	if err := r.insert("entities", []string{"id", "name", "name_key", "kind"}, rows, ""); err != nil {
		return err
	}
	if len(w.renamed) > 0 {
		ids := make([]int64, len(w.renamed))
		byID := map[int64]*batchEntity{}
		for i, e := range w.renamed {
			ids[i], byID[e.id] = e.id, e
		}
		if err := r.updateByID("entities", []string{"name"}, nil, ids, func(id int64) []any { return []any{byID[id].name} }); err != nil {
			return err
		}
	}
	if err := r.insert("entity_aliases", []string{"entity_id", "alias", "alias_key"}, w.aliases,
		" ON CONFLICT (entity_id, alias_key) DO NOTHING"); err != nil {
		return err
	}
	rows = rows[:0]
	for _, k := range w.newClaims {
		c := w.claims[k]
		rows = append(rows, []any{c.id, k, c.text, fold(c.text), c.status, c.firstSeenAt, c.updatedAt})
	}
	if err := r.insert("claims", []string{"id", "key", "text", "text_fold", "status", "first_seen_at", "updated_at"}, rows, ""); err != nil {
		return err
	}
	rows = rows[:0]
	for _, k := range w.newSeries {
		x := w.series[k]
		rows = append(rows, []any{x.id, k, x.row.Label, x.row.LabelFold, x.row.Head, x.row.Unit, x.low, x.high, x.status,
			x.conflicting, x.updatedAt})
	}
	if err := r.insert("series", []string{"id", "key", "label", "label_fold", "head", "unit", "low", "high", "status",
		"conflicting", "updated_at"}, rows, ""); err != nil {
		return err
	}
	if err := r.insert("article_entities", []string{"article_id", "entity_id", "ordinal"}, w.links, ""); err != nil {
		return err
	}
	if err := r.insert("statements", []string{"id", "article_id", "ordinal", "cue", "status", "text", "span_start", "span_end",
		"claim_id", "cue_start", "cue_end", "content_start", "content_end", "at"}, w.statements, ""); err != nil {
		return err
	}
	if err := r.insert("statement_speakers", []string{"statement_id", "entity_id", "position"}, w.speakers, ""); err != nil {
		return err
	}
	if err := r.insert("statement_mentions", []string{"statement_id", "entity_id"}, w.mentions, ""); err != nil {
		return err
	}
	if err := r.insert("statement_sources", []string{"statement_id", "position", "text", "span_start", "span_end", "entity_id"},
		w.sources, ""); err != nil {
		return err
	}
	if err := r.insert("figures", []string{"id", "article_id", "statement_id", "ordinal", "text", "value", "low", "high",
		"approximate", "subject", "head", "unit", "source_id", "series_id", "at", "status", "span_start", "span_end"},
		w.figures, ""); err != nil {
		return err
	}
	var seriesIDs []int64
	seriesByID := map[int64]*batchSeries{}
	for _, x := range w.series {
		if x.stored && x.touched {
			seriesIDs = append(seriesIDs, x.id)
			seriesByID[x.id] = x
		}
	}
	slices.Sort(seriesIDs)
	if err := r.updateByID("series", []string{"low", "high", "status", "conflicting", "updated_at"}, seriesCasts, seriesIDs,
		func(id int64) []any {
			x := seriesByID[id]
			return []any{x.low, x.high, x.status, x.conflicting, x.updatedAt}
		}); err != nil {
		return err
	}
	var claimIDs, createdIDs []int64
	claimByID := map[int64]*batchClaim{}
	for _, c := range w.claims {
		switch {
		case c.created:
			createdIDs = append(createdIDs, c.id)
		case c.stored:
			claimIDs = append(claimIDs, c.id)
		}
		claimByID[c.id] = c
	}
	slices.Sort(claimIDs)
	slices.Sort(createdIDs)
	times := castOf{"first_seen_at": "timestamptz", "updated_at": "timestamptz"}
	if err := r.updateByID("claims", []string{"status", "updated_at"}, times, claimIDs,
		func(id int64) []any { c := claimByID[id]; return []any{c.status, c.updatedAt} }); err != nil {
		return err
	}
	if err := r.updateByID("claims", []string{"status", "first_seen_at", "updated_at"}, times, createdIDs,
		func(id int64) []any { c := claimByID[id]; return []any{c.status, c.firstSeenAt, c.updatedAt} }); err != nil {
		return err
	}
	return r.insert("claim_changes", []string{"claim_id", "article_id", "from_status", "to_status", "at"}, w.changes, "")
}

// figureLowSQL and figureHighSQL are stories.Observation.Interval of a
// stored figure, in SQL; NULL stands for no upper bound. The database
// computes them in floating point as Go does, give or take the last digit,
// which mayConflict's margin absorbs.
const (
	figureScaleSQL = "CASE head WHEN 'year' THEN 12.0 WHEN 'month' THEN 1.0 WHEN 'week' THEN 7.0/30.44 WHEN 'day' THEN 1.0/30.44 ELSE 1.0 END"
	figureLowSQL   = "(CASE WHEN low IS NOT NULL THEN low*(" + figureScaleSQL + ") WHEN high IS NOT NULL THEN 0 ELSE value*(" +
		figureScaleSQL + ") END) * (CASE WHEN approximate THEN 0.85 ELSE 0.95 END)"
	figureHighSQL = "CASE WHEN low IS NOT NULL AND high IS NULL THEN NULL ELSE (CASE WHEN high IS NOT NULL THEN high*(" +
		figureScaleSQL + ") ELSE value*(" + figureScaleSQL + ") END) * (CASE WHEN approximate THEN 1.15 ELSE 1.05 END) END"
)

// mayConflict reads, of the stored figures of the series probe within the
// conflict window of at, those that may conflict with one of the new
// figures own: by another named source, with an interval disjoint from
// the new figure's (widened by a relative 1e-9, so that rounding never
// hides a conflict). The rule itself then decides on these few; the many
// figures that agree stay in the database.
func (w *batchWriter) mayConflict(probe []int64, own map[int64][]seriesFigure, at time.Time) (map[int64][]seriesFigure, error) {
	near := map[int64][]seriesFigure{}
	if len(probe) == 0 {
		return near, nil
	}
	var b strings.Builder
	var args []any
	b.WriteString("SELECT series_id, value, low, high, approximate, head, source_id, at FROM figures WHERE series_id IN (")
	for i, id := range probe {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('?')
		args = append(args, id)
	}
	// (series_id, at) is the index; the rest is tested on its rows.
	b.WriteString(") AND at BETWEEN ? AND ? AND source_id IS NOT NULL AND (")
	args = append(args, at.Add(-stories.ConflictWindow), at.Add(stories.ConflictWindow))
	first := true
	for _, id := range probe {
		for _, f := range own[id] {
			if f.SourceID == nil {
				continue
			}
			lo, hi := observations([]seriesFigure{f})[0].Interval()
			margin := 1e-9 * (math.Abs(lo) + 1)
			if !math.IsInf(hi, 1) {
				margin += 1e-9 * math.Abs(hi)
			}
			if !first {
				b.WriteString(" OR ")
			}
			first = false
			b.WriteString("(series_id = ? AND source_id <> ? AND ((" + figureHighSQL + ") < CAST(? AS double precision)")
			args = append(args, id, *f.SourceID, lo+margin)
			if !math.IsInf(hi, 1) {
				b.WriteString(" OR (" + figureLowSQL + ") > CAST(? AS double precision)")
				args = append(args, hi-margin)
			}
			b.WriteString("))")
		}
	}
	b.WriteString(")")
	err := w.r.scanAll(b.String(), args, func(rows *sql.Rows) error {
		var f seriesFigure
		var t time.Time
		if err := rows.Scan(&f.SeriesID, &f.Value, &f.Low, &f.High, &f.Approximate, &f.Head, &f.SourceID, &t); err != nil {
			return err
		}
		t = t.UTC()
		f.At = &t
		near[f.SeriesID] = append(near[f.SeriesID], f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read series figures: %w", err)
	}
	return near, nil
}

// seriesCasts types the aggregate columns of series for updateByID.
var seriesCasts = castOf{"low": "double precision", "high": "double precision", "conflicting": "boolean",
	"updated_at": "timestamptz"}
