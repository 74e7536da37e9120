package storage

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/stories"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// batchSize is how many rows one INSERT carries. It keeps a long article to
// a handful of statements while staying far below the databases' limits on
// bound parameters (about 20 columns × 200 rows).
const batchSize = 200

// IngestArticle stores an article and its analysis in one transaction. When
// the same article (same URL, or without URL the same title and body) was
// stored before, it returns that one with created=false and does not call
// analyze. analyze runs outside the transaction, so a slow analysis never
// holds database locks. On any error nothing is stored.
func (s *Store) IngestArticle(ctx context.Context, in domain.NewArticle, analyze func(title, body string) domain.Analysis) (*domain.Article, bool, error) {
	if err := validateNewArticle(in); err != nil {
		return nil, false, wrapErr("ingest", err)
	}
	key := ingestKey(in)
	if a, err := s.articleByKey(ctx, key); err == nil {
		return a, false, nil
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, false, err
	}
	if analyze == nil {
		return nil, false, wrapErr("ingest", domain.Errorf(domain.EINTERNAL, "no analyzer configured"))
	}

	p, err := newIngestPlan(in, key, analyze(in.Title, in.Body))
	if err != nil {
		return nil, false, wrapErr("ingest", err)
	}

	err = s.transact(ctx, func(tx *gorm.DB) error {
		return s.writeIngest(tx, p)
	})
	if errors.Is(err, errAlreadyStored) {
		a, err := s.articleByKey(ctx, key)
		if err != nil {
			return nil, false, err
		}
		return a, false, nil
	}
	if err != nil {
		return nil, false, wrapErr("ingest", err)
	}
	s.log.DebugContext(ctx, "article ingested", "article_id", p.article.ID,
		"statements", len(p.statements), "figures", len(p.figures), "claims", len(p.claimKeys))
	return p.article.toDomain(), true, nil
}

// validateNewArticle rejects input no article can have, whatever the API
// layer checked before.
func validateNewArticle(in domain.NewArticle) error {
	switch {
	case strings.TrimSpace(in.Title) == "":
		return domain.Errorf(domain.EINVALID, "title must not be empty")
	case strings.TrimSpace(in.Body) == "":
		return domain.Errorf(domain.EINVALID, "body must not be empty")
	case !utf8.ValidString(in.Title) || !utf8.ValidString(in.Body):
		return domain.Errorf(domain.EINVALID, "title and body must be valid UTF-8")
	case strings.ContainsRune(in.Title, 0) || strings.ContainsRune(in.Body, 0):
		return domain.Errorf(domain.EINVALID, "title and body must not contain NUL characters")
	}
	return nil
}

// articleByKey returns the article stored under an ingest key.
func (s *Store) articleByKey(ctx context.Context, key string) (*domain.Article, error) {
	var rows []articleRow
	if err := s.db.WithContext(ctx).Where("ingest_key = ?", key).Limit(1).Find(&rows).Error; err != nil {
		return nil, wrapErr("find article", err)
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "article not found")
	}
	return rows[0].toDomain(), nil
}

// writeIngest performs every write of one first ingest inside tx (see
// writeBatch).
func (s *Store) writeIngest(tx *gorm.DB, p *ingestPlan) error {
	return s.writeBatch(tx, []*ingestPlan{p}, false)
}

// priorAnalysis is what an article's previous analysis left in the shared
// rows: the claims and series it fed, with each claim's status before the
// new analysis is written, so that both old and new groups are recomputed.
type priorAnalysis struct {
	claimIDs    []int64
	claimStatus []string
	seriesIDs   []int64
	// What the article gave each claim and series, in a canonical form:
	// a group whose share is the same before and after keeps its
	// aggregates, so re-analysis recomputes only what really moved.
	claimShare, seriesShare map[int64]string
}

// addShare appends one part to a group's share; shares compare once
// sorted.
func addShare(shares map[int64][]string, id int64, part string) {
	shares[id] = append(shares[id], part)
}

// sortedShares turns per-group parts into canonical shares.
func sortedShares(shares map[int64][]string) map[int64]string {
	out := make(map[int64]string, len(shares))
	for id, parts := range shares {
		slices.Sort(parts)
		out[id] = strings.Join(parts, ";")
	}
	return out
}

// statementShare and figureShare are the parts of a statement and a figure
// that the aggregates of their claim and series depend on.
func statementShare(st statementRow) string { return st.Status }

func figureShare(f figureRow) string {
	var src int64
	if f.SourceID != nil {
		src = *f.SourceID
	}
	var at time.Time
	if f.At != nil {
		at = f.At.UTC()
	}
	return fmt.Sprint(f.Value, "|", ptrVal(f.Low), "|", ptrVal(f.High), "|", f.Approximate, "|", f.Head, "|",
		f.Status, "|", src, "|", at.UnixMicro())
}

func ptrVal(p *float64) any {
	if p == nil {
		return "-"
	}
	return *p
}

// writeAnalysis writes the new analysis rows of a re-analysed article:
// entities and their links, claims, series, statements and figures, then
// recomputes the aggregates of every claim and series the article feeds
// now or fed before (prior). First ingests go through writeBatch.
func (s *Store) writeAnalysis(tx *gorm.DB, p *ingestPlan, prior *priorAnalysis) error {
	entityIDs, err := s.upsertEntities(tx, p)
	if err != nil {
		return err
	}
	claimIDs, prevStatus, err := s.findOrCreateClaims(tx, p)
	if err != nil {
		return err
	}

	seriesIDs, err := s.findOrCreateSeries(tx, p)
	if err != nil {
		return err
	}

	links := make([]articleEntityRow, len(p.entities))
	for i, e := range p.entities {
		links[i] = articleEntityRow{ArticleID: p.article.ID, EntityID: entityIDs[i], Ordinal: e.ordinal}
	}
	if err := createInBatches(tx, links); err != nil {
		return fmt.Errorf("insert article entities: %w", err)
	}

	stmts := make([]statementRow, len(p.statements))
	at := p.article.storyTime()
	for i, ps := range p.statements {
		st := p.analysis.Statements[ps.index]
		stmts[i] = statementRow{
			ArticleID: p.article.ID, Ordinal: i, Cue: st.Cue, Status: string(st.Status),
			Text: st.Text, SpanStart: st.Span.Start, SpanEnd: st.Span.End,
			CueStart: st.CueSpan.Start, CueEnd: st.CueSpan.End, At: &at,
		}
		if st.Content.End > st.Content.Start {
			cs, ce := st.Content.Start, st.Content.End
			stmts[i].ContentStart, stmts[i].ContentEnd = &cs, &ce
		}
		if ps.claim >= 0 {
			id := claimIDs[ps.claim]
			stmts[i].ClaimID = &id
		}
	}
	if err := createInBatches(tx, stmts); err != nil {
		return fmt.Errorf("insert statements: %w", err)
	}

	var speakers []speakerRow
	var mentions []mentionRow
	var sources []sourceRow
	for i, ps := range p.statements {
		for pos, src := range ps.sources {
			r := sourceRow{StatementID: stmts[i].ID, Position: pos, Text: src.text, SpanStart: src.span.Start, SpanEnd: src.span.End}
			if src.entity >= 0 {
				id := entityIDs[src.entity]
				r.EntityID = &id
			}
			sources = append(sources, r)
		}
		for pos, e := range ps.speakers {
			speakers = append(speakers, speakerRow{StatementID: stmts[i].ID, EntityID: entityIDs[e], Position: pos})
		}
		for _, e := range ps.mentions {
			mentions = append(mentions, mentionRow{StatementID: stmts[i].ID, EntityID: entityIDs[e]})
		}
	}
	if err := createInBatches(tx, speakers); err != nil {
		return fmt.Errorf("insert speakers: %w", err)
	}
	if err := createInBatches(tx, mentions); err != nil {
		return fmt.Errorf("insert mentions: %w", err)
	}
	if err := createInBatches(tx, sources); err != nil {
		return fmt.Errorf("insert sources: %w", err)
	}

	figs := make([]figureRow, len(p.figures))
	for i, pf := range p.figures {
		f := p.analysis.Figures[pf.index]
		figs[i] = figureRow{
			ArticleID: p.article.ID, Ordinal: i, Text: f.Text, Value: f.Value, Low: f.Low, High: f.High,
			Approximate: f.Approximate, Subject: f.Subject, Head: f.Head, Status: string(f.Status),
			SpanStart: f.Span.Start, SpanEnd: f.Span.End,
		}
		if f.Unit != "" {
			unit := f.Unit
			figs[i].Unit = &unit
		}
		if pf.statement >= 0 {
			id := stmts[pf.statement].ID
			figs[i].StatementID = &id
		}
		if pf.source >= 0 {
			id := entityIDs[pf.source]
			figs[i].SourceID = &id
		}
		sid := seriesIDs[pf.series]
		figs[i].SeriesID = &sid
		at := p.article.storyTime()
		figs[i].At = &at
	}
	if err := createInBatches(tx, figs); err != nil {
		return fmt.Errorf("insert figures: %w", err)
	}
	claimIDs, prevStatus, seriesIDs = prior.moved(claimIDs, prevStatus, seriesIDs, stmts, figs)
	if err := s.updateSeries(tx, seriesIDs); err != nil {
		return err
	}
	return s.updateClaims(tx, p, claimIDs, prevStatus)
}

// moved returns the claims (with their status before) and series whose
// aggregates re-analysis must recompute: those the article feeds now or
// fed before whose share from the article changed.
func (prior *priorAnalysis) moved(claimIDs []int64, prevStatus []string, seriesIDs []int64,
	stmts []statementRow, figs []figureRow) ([]int64, []string, []int64) {
	cs, ss := map[int64][]string{}, map[int64][]string{}
	for _, st := range stmts {
		if st.ClaimID != nil {
			addShare(cs, *st.ClaimID, statementShare(st))
		}
	}
	for _, f := range figs {
		if f.SeriesID != nil {
			addShare(ss, *f.SeriesID, figureShare(f))
		}
	}
	claimShare, seriesShare := sortedShares(cs), sortedShares(ss)

	var ids []int64
	var prev []string
	seen := map[int64]bool{}
	for i, id := range claimIDs {
		seen[id] = true
		if prevStatus[i] == pendingStatus || claimShare[id] != prior.claimShare[id] {
			ids, prev = append(ids, id), append(prev, prevStatus[i])
		}
	}
	for i, id := range prior.claimIDs {
		if !seen[id] {
			ids, prev = append(ids, id), append(prev, prior.claimStatus[i])
		}
	}
	var series []int64
	for _, id := range uniqueIDs(append(slices.Clone(seriesIDs), prior.seriesIDs...)) {
		if seriesShare[id] != prior.seriesShare[id] {
			series = append(series, id)
		}
	}
	return ids, prev, series
}

// createInBatches inserts rows a batch at a time; an empty slice is a no-op.
func createInBatches[T any](tx *gorm.DB, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	return tx.CreateInBatches(rows, batchSize).Error
}

// upsertEntities makes sure every entity of the article exists, keeping the
// kind of the first sighting and adding the article's new aliases, and
// returns their IDs aligned to p.entities. Names are inserted in sorted
// order so that concurrent ingests take their locks in the same order.
func (s *Store) upsertEntities(tx *gorm.DB, p *ingestPlan) ([]int64, error) {
	ids := make([]int64, len(p.entities))
	if len(p.entities) == 0 {
		return ids, nil
	}
	rows := make([]entityRow, len(p.entities))
	keys := make([]string, len(p.entities))
	for i, e := range p.entities {
		rows[i] = entityRow{Name: e.name, NameKey: e.key, Kind: string(e.kind)}
		keys[i] = e.key
	}
	slices.SortFunc(rows, func(a, b entityRow) int { return strings.Compare(a.NameKey, b.NameKey) })
	if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "name_key"}}, DoNothing: true}).
		CreateInBatches(rows, batchSize).Error; err != nil {
		return nil, fmt.Errorf("insert entities: %w", err)
	}
	var found []entityRow
	if err := tx.Select("id", "name_key", "name").Where("name_key IN ?", keys).Order("name_key").Find(&found).Error; err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	byKey := make(map[string]int64, len(found))
	for _, f := range found {
		byKey[f.NameKey] = f.ID
	}
	// The name shown is the best spelling any article has used, not the
	// first one stored, so that it does not depend on ingest order; every
	// other spelling stays an alias, so a search finds the entity by it.
	// plan entities are unique by key
	nameOf := make(map[string]string, len(p.entities))
	for _, e := range p.entities {
		nameOf[e.key] = e.name
	}
	var aliases []aliasRow
	for _, f := range found {
		name := nameOf[f.NameKey]
		if name == f.Name {
			continue
		}
		spelling := name
		if stories.BetterName(name, f.Name) {
			if err := tx.Model(&entityRow{}).Where("id = ?", f.ID).Update("name", name).Error; err != nil {
				return nil, fmt.Errorf("rename entity: %w", err)
			}
			spelling, f.Name = f.Name, name
		}
		if fold(spelling) != fold(f.Name) {
			aliases = append(aliases, aliasRow{EntityID: f.ID, Alias: spelling, AliasKey: fold(spelling)})
		}
	}
	for i, e := range p.entities {
		id, ok := byKey[e.key]
		if !ok {
			return nil, fmt.Errorf("entity %q vanished after insert", e.name)
		}
		ids[i] = id
		for _, a := range e.aliases {
			aliases = append(aliases, aliasRow{EntityID: id, Alias: a, AliasKey: fold(a)})
		}
	}
	if len(aliases) > 0 {
		slices.SortFunc(aliases, func(a, b aliasRow) int {
			if a.EntityID != b.EntityID {
				return cmp.Compare(a.EntityID, b.EntityID)
			}
			return strings.Compare(a.AliasKey, b.AliasKey)
		})
		if err := tx.Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "entity_id"}, {Name: "alias_key"}}, DoNothing: true,
		}).CreateInBatches(aliases, batchSize).Error; err != nil {
			return nil, fmt.Errorf("insert aliases: %w", err)
		}
	}
	return ids, nil
}

// pendingStatus marks a claim row inserted by a transaction that has not yet
// computed its aggregate. It is never visible outside that transaction.
const pendingStatus = ""

// findOrCreateClaims returns the IDs of the article's claims, aligned to
// p.claimKeys, and each claim's status before this ingest (pendingStatus
// for a new claim). Missing claims are inserted with ON CONFLICT DO NOTHING,
// so a replica creating the same claim concurrently is not an error. On
// Postgres the rows are then locked, so that concurrent ingests touching a
// claim recompute its aggregate one after the other and each sees the
// statements of the ones before.
func (s *Store) findOrCreateClaims(tx *gorm.DB, p *ingestPlan) ([]int64, []string, error) {
	if len(p.claimKeys) == 0 {
		return nil, nil, nil
	}
	t := p.article.IngestedAt
	rows := make([]claimRow, len(p.claimKeys))
	for i, k := range p.claimKeys {
		rows[i] = claimRow{Key: k, Text: p.claimTexts[i], TextFold: fold(p.claimTexts[i]),
			Status: pendingStatus, FirstSeenAt: t, UpdatedAt: t}
	}
	if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).
		CreateInBatches(rows, batchSize).Error; err != nil {
		return nil, nil, fmt.Errorf("insert claims: %w", err)
	}
	q := tx.Select("id", "key", "status").Where("key IN ?", p.claimKeys).Order("id")
	if s.dialect == dialectPostgres {
		q = q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
	}
	var found []claimRow
	if err := q.Find(&found).Error; err != nil {
		return nil, nil, fmt.Errorf("find claims: %w", err)
	}
	byKey := make(map[string]claimRow, len(found))
	for _, f := range found {
		byKey[f.Key] = f
	}
	ids := make([]int64, len(p.claimKeys))
	prev := make([]string, len(p.claimKeys))
	for i, k := range p.claimKeys {
		f, ok := byKey[k]
		if !ok {
			return nil, nil, fmt.Errorf("claim %q vanished after insert", k)
		}
		ids[i], prev[i] = f.ID, f.Status
	}
	return ids, prev, nil
}

// updateClaims brings the aggregate status of every claim re-analysis
// touched up to date from all its statements (re-analysis takes statements
// away as well as adding them), stamps updated_at, and records a change
// wherever the status moved. Claims are updated in one statement.
func (s *Store) updateClaims(tx *gorm.DB, p *ingestPlan, ids []int64, prev []string) error {
	if len(ids) == 0 {
		return nil
	}
	statuses := make(map[int64][]domain.Status, len(ids))
	var rows []struct {
		ClaimID int64
		Status  string
	}
	if err := tx.Model(&statementRow{}).Distinct("claim_id", "status").
		Where(s.inIDs("claim_id", ids)).Find(&rows).Error; err != nil {
		return fmt.Errorf("read claim statements: %w", err)
	}
	for _, r := range rows {
		statuses[r.ClaimID] = append(statuses[r.ClaimID], domain.Status(r.Status))
	}

	// The claims are locked by now (on SQLite the whole database is), so
	// this time orders the change after every earlier one to these claims.
	t := now()
	byStatus := map[domain.Status][]int64{}
	var changes []claimChangeRow
	for i, id := range ids {
		next := domain.Aggregate(statuses[id])
		byStatus[next] = append(byStatus[next], id)
		if string(next) == prev[i] {
			continue
		}
		c := claimChangeRow{ClaimID: id, ArticleID: p.article.ID, ToStatus: string(next), At: t}
		if prev[i] != pendingStatus {
			from := prev[i]
			c.FromStatus = &from
		}
		changes = append(changes, c)
	}
	// One UPDATE for every claim of the article, whatever their statuses.
	var cases strings.Builder
	var args []any
	cases.WriteString("CASE")
	for _, st := range []domain.Status{domain.Confirmed, domain.Claimed, domain.Unconfirmed, domain.Denied, domain.Disputed} {
		if group := byStatus[st]; len(group) > 0 {
			in := s.inIDs("id", group)
			cases.WriteString(" WHEN " + in.SQL + " THEN ?")
			args = append(append(args, in.Vars...), string(st))
		}
	}
	cases.WriteString(" ELSE status END")
	if err := tx.Model(&claimRow{}).Where(s.inIDs("id", uniqueIDs(ids))).
		Updates(map[string]any{"status": gorm.Expr(cases.String(), args...), "updated_at": t}).Error; err != nil {
		return fmt.Errorf("update claims: %w", err)
	}
	if err := createInBatches(tx, changes); err != nil {
		return fmt.Errorf("insert claim changes: %w", err)
	}
	return nil
}

// ingestPlan is an analysis checked and rearranged for storage: entities
// merged by canonical name, statements and figures in text order, every
// cross reference resolved to a position in these slices. Building it
// before the transaction means a malformed analysis fails fast and can
// never panic or leave half an article behind.
type ingestPlan struct {
	article  *articleRow
	analysis domain.Analysis

	entities   []planEntity
	statements []planStatement
	figures    []planFigure
	claimKeys  []string // sorted, unique
	claimTexts []string // aligned to claimKeys
	seriesKeys []string // sorted, unique
	seriesRows []seriesRow
}

type planEntity struct {
	name, key string
	kind      domain.EntityKind
	aliases   []string
	ordinal   int
}

type planStatement struct {
	index    int   // into analysis.Statements
	speakers []int // into plan.entities, unique, in analysis order
	mentions []int // into plan.entities, unique
	claim    int   // into plan.claimKeys, or -1
	sources  []planSource
}

// planSource is a source mention of a statement, its entity resolved to a
// position in plan.entities (-1 when it resolves to nothing).
type planSource struct {
	text   string
	span   domain.Span
	entity int
}

type planFigure struct {
	index     int // into analysis.Figures
	statement int // into plan.statements, or -1
	source    int // into plan.entities, or -1
	series    int // into plan.seriesKeys
}

// runeIndex maps code point offsets of a text to byte offsets, built on
// first use: most analyses have a few source mentions, each sliced once.
type runeIndex struct {
	text string
	at   []int32
}

// slice returns the text in a code point span known to lie inside it.
func (x *runeIndex) slice(sp domain.Span) string {
	if x.at == nil {
		x.at = make([]int32, 0, len(x.text)+1)
		for b := range x.text {
			x.at = append(x.at, int32(b))
		}
		x.at = append(x.at, int32(len(x.text)))
	}
	return x.text[x.at[sp.Start]:x.at[sp.End]]
}

// invalidAnalysis reports a defect of the analysis. It is internal: the
// client's article is fine, the pipeline that read it is not.
func invalidAnalysis(format string, args ...any) error {
	return domain.Errorf(domain.EINTERNAL, "analysis: "+format, args...)
}

// newIngestPlan validates an analysis against its article and prepares the
// rows to write.
func newIngestPlan(in domain.NewArticle, key string, an domain.Analysis) (*ingestPlan, error) {
	runes := utf8.RuneCountInString(in.Body)
	checkSpan := func(sp domain.Span) bool { return sp.Start >= 0 && sp.Start <= sp.End && sp.End <= runes }
	checkStatus := func(st domain.Status) bool { return st.Valid() && st != domain.Disputed }

	published := utcPtr(in.PublishedAt)
	if published != nil {
		t := published.Truncate(time.Microsecond)
		published = &t
	}
	p := &ingestPlan{
		article: &articleRow{
			IngestKey: key, Title: in.Title, Body: in.Body, URL: in.URL, Outlet: in.Outlet,
			PublishedAt: published, Fingerprint: fingerprint(in.Body), AnalysisVersion: an.Version,
		},
		analysis: an,
	}

	// Entities: merge found entities with the same canonical name, and
	// order them by first mention.
	groupOf := make([]int, len(an.Entities))
	byKey := map[string]int{}
	firstMention := []int{}
	firstIndex := []int{}
	for i, e := range an.Entities {
		name := strings.Join(strings.Fields(e.Name), " ")
		if name == "" {
			return nil, invalidAnalysis("entity %d has no name", i)
		}
		if !e.Kind.Valid() {
			return nil, invalidAnalysis("entity %d has unknown kind %q", i, e.Kind)
		}
		k := stories.EntityKey(name, e.Kind)
		g, ok := byKey[k]
		if !ok {
			g = len(p.entities)
			byKey[k] = g
			p.entities = append(p.entities, planEntity{name: name, key: k, kind: e.Kind})
			firstMention = append(firstMention, math.MaxInt)
			firstIndex = append(firstIndex, i)
		}
		groupOf[i] = g
		for _, m := range e.Mentions {
			if !checkSpan(m) {
				return nil, invalidAnalysis("entity %d has mention [%d,%d) outside the body", i, m.Start, m.End)
			}
			firstMention[g] = min(firstMention[g], m.Start)
		}
		forms := append([]string{e.Name}, e.Aliases...)
		for _, a := range forms {
			a = strings.Join(strings.Fields(a), " ")
			if a == "" || fold(a) == fold(name) || fold(a) == fold(p.entities[g].name) {
				continue
			}
			if !slices.ContainsFunc(p.entities[g].aliases, func(x string) bool { return fold(x) == fold(a) }) {
				p.entities[g].aliases = append(p.entities[g].aliases, a)
			}
		}
	}
	order := make([]int, len(p.entities))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if firstMention[a] != firstMention[b] {
			return firstMention[a] - firstMention[b]
		}
		return firstIndex[a] - firstIndex[b]
	})
	for rank, g := range order {
		p.entities[g].ordinal = rank
	}

	// Statements in text order; claims keyed and sorted.
	bodyRunes := &runeIndex{text: in.Body}
	stmtOrder := make([]int, len(an.Statements))
	for i := range stmtOrder {
		stmtOrder[i] = i
	}
	slices.SortStableFunc(stmtOrder, func(a, b int) int { return an.Statements[a].Span.Start - an.Statements[b].Span.Start })
	stmtPos := make([]int, len(an.Statements))
	claimText := map[string]string{}
	for pos, i := range stmtOrder {
		stmtPos[i] = pos
		st := an.Statements[i]
		if !checkStatus(st.Status) {
			return nil, invalidAnalysis("statement %d has invalid status %q", i, st.Status)
		}
		if !checkSpan(st.Span) {
			return nil, invalidAnalysis("statement %d has span [%d,%d) outside the body", i, st.Span.Start, st.Span.End)
		}
		if !checkSpan(st.CueSpan) || (st.Content != domain.Span{} && !checkSpan(st.Content)) {
			return nil, invalidAnalysis("statement %d has a cue or content span outside the body", i)
		}
		ps := planStatement{index: i, claim: -1}
		for _, m := range st.SourceMentions {
			if !checkSpan(m.Span) || m.Span.Start == m.Span.End {
				return nil, invalidAnalysis("statement %d has a source mention [%d,%d) outside the body", i, m.Span.Start, m.Span.End)
			}
			if m.Entity < -1 || m.Entity >= len(an.Entities) {
				return nil, invalidAnalysis("statement %d names source entity %d of %d", i, m.Entity, len(an.Entities))
			}
			src := planSource{text: bodyRunes.slice(m.Span), span: m.Span, entity: -1}
			if m.Entity >= 0 {
				src.entity = groupOf[m.Entity]
			}
			ps.sources = append(ps.sources, src)
		}
		for _, sp := range st.Speakers {
			if sp < 0 || sp >= len(an.Entities) {
				return nil, invalidAnalysis("statement %d names speaker %d of %d entities", i, sp, len(an.Entities))
			}
			if g := groupOf[sp]; !slices.Contains(ps.speakers, g) {
				ps.speakers = append(ps.speakers, g)
			}
		}
		for ei, e := range an.Entities {
			g := groupOf[ei]
			if slices.Contains(ps.mentions, g) {
				continue
			}
			for _, m := range e.Mentions {
				if m.Start >= st.Span.Start && m.End <= st.Span.End {
					ps.mentions = append(ps.mentions, g)
					break
				}
			}
		}
		if k := strings.TrimSpace(st.ClaimKey); k != "" {
			if _, ok := claimText[k]; !ok || claimText[k] == "" {
				claimText[k] = strings.TrimSpace(st.ClaimText)
			}
		}
		p.statements = append(p.statements, ps)
	}
	for k := range claimText {
		p.claimKeys = append(p.claimKeys, k)
	}
	slices.Sort(p.claimKeys)
	for _, k := range p.claimKeys {
		text := claimText[k]
		if text == "" {
			text = k
		}
		p.claimTexts = append(p.claimTexts, text)
	}
	for pos := range p.statements {
		if k := strings.TrimSpace(an.Statements[p.statements[pos].index].ClaimKey); k != "" {
			p.statements[pos].claim, _ = slices.BinarySearch(p.claimKeys, k)
		}
	}

	// Figures in text order.
	figOrder := make([]int, len(an.Figures))
	for i := range figOrder {
		figOrder[i] = i
	}
	slices.SortStableFunc(figOrder, func(a, b int) int { return an.Figures[a].Span.Start - an.Figures[b].Span.Start })
	for _, i := range figOrder {
		f := an.Figures[i]
		if !checkStatus(f.Status) {
			return nil, invalidAnalysis("figure %d has invalid status %q", i, f.Status)
		}
		if !checkSpan(f.Span) {
			return nil, invalidAnalysis("figure %d has span [%d,%d) outside the body", i, f.Span.Start, f.Span.End)
		}
		if !finite(f.Value) || (f.Low != nil && !finite(*f.Low)) || (f.High != nil && !finite(*f.High)) {
			return nil, invalidAnalysis("figure %d has a value that is not a finite number", i)
		}
		pf := planFigure{index: i, statement: -1, source: -1}
		switch {
		case f.Statement == -1:
		case f.Statement >= 0 && f.Statement < len(an.Statements):
			pf.statement = stmtPos[f.Statement]
		default:
			return nil, invalidAnalysis("figure %d refers to statement %d of %d", i, f.Statement, len(an.Statements))
		}
		switch {
		case f.Source == -1:
		case f.Source >= 0 && f.Source < len(an.Entities):
			pf.source = groupOf[f.Source]
		default:
			return nil, invalidAnalysis("figure %d refers to source %d of %d entities", i, f.Source, len(an.Entities))
		}
		p.figures = append(p.figures, pf)
	}

	// Series: a figure without a key is a series of its own, keyed by the
	// article and its place in it so that re-ingesting finds it again.
	seriesOf := make([]string, len(p.figures))
	bySeries := map[string]seriesRow{}
	for i, pf := range p.figures {
		f := an.Figures[pf.index]
		k, label, head := strings.TrimSpace(f.SeriesKey), f.SeriesLabel, f.Head
		if k == "" {
			k = fmt.Sprintf("figure:%s#%d", key, i)
			label = strings.TrimSpace(f.Subject)
			if label == "" {
				label = f.Text
			}
		} else if c := f.Measure.Class; c != "" && !strings.ContainsAny(c, ": ") {
			// a series of troops and soldiers is headed "troop"
			head = c
		}
		if label == "" {
			label = k
		}
		seriesOf[i] = k
		if _, ok := bySeries[k]; !ok {
			r := seriesRow{Key: k, Label: label, LabelFold: fold(label), Head: strings.ToLower(head), Status: pendingStatus}
			if f.Unit != "" {
				u := f.Unit
				r.Unit = &u
			}
			bySeries[k] = r
		}
	}
	for k := range bySeries {
		p.seriesKeys = append(p.seriesKeys, k)
	}
	slices.Sort(p.seriesKeys)
	for _, k := range p.seriesKeys {
		p.seriesRows = append(p.seriesRows, bySeries[k])
	}
	for i := range p.figures {
		p.figures[i].series, _ = slices.BinarySearch(p.seriesKeys, seriesOf[i])
	}
	return p, nil
}

// finite reports whether v can be stored and compared as a number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
