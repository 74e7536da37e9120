package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/loader"
	"gorm.io/gorm"
)

// The Store is what the API's loaders read through.
var _ loader.Source = (*Store)(nil)

// The batch reads below serve the API's per-request loaders. Each issues a
// fixed number of statements whatever the number of keys (one for the rows,
// plus one for aliases or speakers), and returns results aligned to the keys
// as loader.Source requires: duplicates repeat, missing keys give nil or an
// empty list. A database failure fails the whole batch with one error.

// batchErr turns one failure into the whole-batch error form.
func batchErr(op string, err error) []error { return []error{wrapErr(op, err)} }

// alignOne places each object at every position of its key.
func alignOne[T any](keys []int64, byID map[int64]*T) []*T {
	out := make([]*T, len(keys))
	for i, k := range keys {
		out[i] = byID[k]
	}
	return out
}

// alignMany places each list at every position of its key, with an empty,
// non-nil list for keys that have none.
func alignMany[T any](keys []int64, byKey map[int64][]*T) [][]*T {
	out := make([][]*T, len(keys))
	for i, k := range keys {
		if l := byKey[k]; l != nil {
			out[i] = l
		} else {
			out[i] = []*T{}
		}
	}
	return out
}

// followingRedirects narrows q, over table, to the rows with the given
// IDs and the rows those IDs were redirected to, in one statement. Each
// row gets via_id: the requested ID that led to it through a redirect,
// NULL for a direct hit. An ID merged away thus keeps resolving to the
// object that absorbed it.
func (s *Store) followingRedirects(q *gorm.DB, table, kind string, ids []int64) *gorm.DB {
	from, redirected := s.inIDs("r.from_id", ids), s.inIDs("from_id", ids)
	return q.Table(table).Select(table+".*, r.from_id AS via_id").
		Joins("LEFT JOIN redirects r ON r.kind = ? AND r.to_id = "+table+".id AND "+from.SQL, append([]any{kind}, from.Vars...)...).
		Where(s.inIDs(table+".id", ids)).
		// Both alternatives name the rows by primary key, so the
		// statement reads them by index, never the whole table.
		Or(table+".id IN (SELECT to_id FROM redirects WHERE kind = ? AND "+redirected.SQL+")", append([]any{kind}, redirected.Vars...)...)
}

// viaIndex indexes objects by their own ID and by the redirected ID that
// led to them.
func viaIndex[T any](byID map[int64]*T, id int64, via *int64, o *T) {
	if byID[id] == nil {
		byID[id] = o
	}
	if via != nil {
		byID[*via] = o
	}
}

// ArticlesByIDs implements loader.Source.
func (s *Store) ArticlesByIDs(ctx context.Context, ids []int64) ([]*domain.Article, []error) {
	if len(ids) == 0 {
		return []*domain.Article{}, nil
	}
	var rows []articleRow
	if err := s.db.WithContext(ctx).Where(s.inIDs("id", uniqueIDs(ids))).Find(&rows).Error; err != nil {
		return nil, batchErr("articles by id", err)
	}
	byID := make(map[int64]*domain.Article, len(rows))
	for i := range rows {
		byID[rows[i].ID] = rows[i].toDomain()
	}
	return alignOne(ids, byID), nil
}

// EntitiesByIDs implements loader.Source.
func (s *Store) EntitiesByIDs(ctx context.Context, ids []int64) ([]*domain.Entity, []error) {
	if len(ids) == 0 {
		return []*domain.Entity{}, nil
	}
	db := s.db.WithContext(ctx)
	var found []struct {
		Row   entityRow `gorm:"embedded"`
		ViaID *int64
	}
	if err := s.followingRedirects(db, "entities", redirectEntity, uniqueIDs(ids)).Scan(&found).Error; err != nil {
		return nil, batchErr("entities by id", err)
	}
	rows := make([]entityRow, len(found))
	for i, f := range found {
		rows[i] = f.Row
	}
	ents, err := s.withAliases(db, rows)
	if err != nil {
		return nil, batchErr("entities by id", err)
	}
	byID := make(map[int64]*domain.Entity, len(ents))
	for i, e := range ents {
		viaIndex(byID, e.ID, found[i].ViaID, e)
	}
	return alignOne(ids, byID), nil
}

// withAliases converts entity rows, loading the aliases of all of them in
// one query. Aliases keep the order they were first recorded in.
func (s *Store) withAliases(db *gorm.DB, rows []entityRow) ([]*domain.Entity, error) {
	out := make([]*domain.Entity, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var aliases []aliasRow
	if err := db.Select("entity_id", "alias").Where(s.inIDs("entity_id", uniqueIDs(ids))).
		Order("entity_id, id").Find(&aliases).Error; err != nil {
		return nil, err
	}
	byEntity := make(map[int64][]string)
	for _, a := range aliases {
		byEntity[a.EntityID] = append(byEntity[a.EntityID], a.Alias)
	}
	for i := range rows {
		out[i] = rows[i].toDomain(byEntity[rows[i].ID])
	}
	return out, nil
}

// withSpeakers converts statement rows, loading the speakers of all of them
// in one query, in the order the analysis gave them.
func (s *Store) withSpeakers(db *gorm.DB, rows []statementRow) ([]*domain.Statement, error) {
	out := make([]*domain.Statement, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var sp []speakerRow
	if err := db.Where(s.inIDs("statement_id", uniqueIDs(ids))).
		Order("statement_id, position").Find(&sp).Error; err != nil {
		return nil, err
	}
	byStmt := make(map[int64][]int64)
	for _, r := range sp {
		byStmt[r.StatementID] = append(byStmt[r.StatementID], r.EntityID)
	}
	for i := range rows {
		out[i] = rows[i].toDomain(byStmt[rows[i].ID])
	}
	return out, nil
}

// StatementsByIDs implements loader.Source.
func (s *Store) StatementsByIDs(ctx context.Context, ids []int64) ([]*domain.Statement, []error) {
	if len(ids) == 0 {
		return []*domain.Statement{}, nil
	}
	db := s.db.WithContext(ctx)
	var rows []statementRow
	if err := db.Where(s.inIDs("id", uniqueIDs(ids))).Find(&rows).Error; err != nil {
		return nil, batchErr("statements by id", err)
	}
	stmts, err := s.withSpeakers(db, rows)
	if err != nil {
		return nil, batchErr("statements by id", err)
	}
	byID := make(map[int64]*domain.Statement, len(stmts))
	for _, st := range stmts {
		byID[st.ID] = st
	}
	return alignOne(ids, byID), nil
}

// FiguresByIDs implements loader.Source.
func (s *Store) FiguresByIDs(ctx context.Context, ids []int64) ([]*domain.Figure, []error) {
	if len(ids) == 0 {
		return []*domain.Figure{}, nil
	}
	var rows []figureRow
	if err := s.db.WithContext(ctx).Where(s.inIDs("id", uniqueIDs(ids))).Find(&rows).Error; err != nil {
		return nil, batchErr("figures by id", err)
	}
	byID := make(map[int64]*domain.Figure, len(rows))
	for i := range rows {
		byID[rows[i].ID] = rows[i].toDomain()
	}
	return alignOne(ids, byID), nil
}

// ClaimsByIDs implements loader.Source.
func (s *Store) ClaimsByIDs(ctx context.Context, ids []int64) ([]*domain.Claim, []error) {
	if len(ids) == 0 {
		return []*domain.Claim{}, nil
	}
	var found []struct {
		Row   claimRow `gorm:"embedded"`
		ViaID *int64
	}
	if err := s.followingRedirects(s.db.WithContext(ctx), "claims", redirectClaim, uniqueIDs(ids)).Scan(&found).Error; err != nil {
		return nil, batchErr("claims by id", err)
	}
	byID := make(map[int64]*domain.Claim, len(found))
	for _, f := range found {
		viaIndex(byID, f.Row.ID, f.ViaID, f.Row.toDomain())
	}
	return alignOne(ids, byID), nil
}

// StatementsByArticle implements loader.Source: text order.
func (s *Store) StatementsByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Statement, []error) {
	if len(articleIDs) == 0 {
		return [][]*domain.Statement{}, nil
	}
	db := s.db.WithContext(ctx)
	var rows []statementRow
	if err := db.Where(s.inIDs("article_id", uniqueIDs(articleIDs))).
		Order("article_id, ordinal").Find(&rows).Error; err != nil {
		return nil, batchErr("statements by article", err)
	}
	stmts, err := s.withSpeakers(db, rows)
	if err != nil {
		return nil, batchErr("statements by article", err)
	}
	byArticle := make(map[int64][]*domain.Statement)
	for _, st := range stmts {
		byArticle[st.ArticleID] = append(byArticle[st.ArticleID], st)
	}
	return alignMany(articleIDs, byArticle), nil
}

// FiguresByArticle implements loader.Source: text order.
func (s *Store) FiguresByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Figure, []error) {
	if len(articleIDs) == 0 {
		return [][]*domain.Figure{}, nil
	}
	var rows []figureRow
	if err := s.db.WithContext(ctx).Where(s.inIDs("article_id", uniqueIDs(articleIDs))).
		Order("article_id, ordinal").Find(&rows).Error; err != nil {
		return nil, batchErr("figures by article", err)
	}
	byArticle := make(map[int64][]*domain.Figure)
	for i := range rows {
		byArticle[rows[i].ArticleID] = append(byArticle[rows[i].ArticleID], rows[i].toDomain())
	}
	return alignMany(articleIDs, byArticle), nil
}

// ownedEntity is an entity row with the key it was fetched for.
type ownedEntity struct {
	OwnerID int64
	Row     entityRow `gorm:"embedded"`
}

// groupEntities converts owned entity rows with their aliases and groups
// them by owner, keeping row order.
func (s *Store) groupEntities(db *gorm.DB, owned []ownedEntity) (map[int64][]*domain.Entity, error) {
	rows := make([]entityRow, len(owned))
	for i := range owned {
		rows[i] = owned[i].Row
	}
	ents, err := s.withAliases(db, rows)
	if err != nil {
		return nil, err
	}
	byOwner := make(map[int64][]*domain.Entity)
	for i, e := range ents {
		byOwner[owned[i].OwnerID] = append(byOwner[owned[i].OwnerID], e)
	}
	return byOwner, nil
}

// EntitiesByArticle implements loader.Source: order of first mention.
func (s *Store) EntitiesByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Entity, []error) {
	if len(articleIDs) == 0 {
		return [][]*domain.Entity{}, nil
	}
	db := s.db.WithContext(ctx)
	var owned []ownedEntity
	if err := db.Table("article_entities AS ae").
		Select("ae.article_id AS owner_id, e.*").
		Joins("JOIN entities e ON e.id = ae.entity_id").
		Where(s.inIDs("ae.article_id", uniqueIDs(articleIDs))).
		Order("ae.article_id, ae.ordinal").Scan(&owned).Error; err != nil {
		return nil, batchErr("entities by article", err)
	}
	byArticle, err := s.groupEntities(db, owned)
	if err != nil {
		return nil, batchErr("entities by article", err)
	}
	return alignMany(articleIDs, byArticle), nil
}

// ClaimsByArticle implements loader.Source: the distinct claims the
// article's statements bear on, in the text order of their first statement.
func (s *Store) ClaimsByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Claim, []error) {
	if len(articleIDs) == 0 {
		return [][]*domain.Claim{}, nil
	}
	var owned []struct {
		OwnerID int64
		Row     claimRow `gorm:"embedded"`
	}
	if err := s.db.WithContext(ctx).Table("statements AS s").
		Select("s.article_id AS owner_id, c.*").
		Joins("JOIN claims c ON c.id = s.claim_id").
		Where(s.inIDs("s.article_id", uniqueIDs(articleIDs))).
		Group("s.article_id, c.id").
		Order("s.article_id, MIN(s.ordinal)").Scan(&owned).Error; err != nil {
		return nil, batchErr("claims by article", err)
	}
	byArticle := make(map[int64][]*domain.Claim)
	for i := range owned {
		byArticle[owned[i].OwnerID] = append(byArticle[owned[i].OwnerID], owned[i].Row.toDomain())
	}
	return alignMany(articleIDs, byArticle), nil
}

// FiguresByStatement implements loader.Source: text order.
func (s *Store) FiguresByStatement(ctx context.Context, statementIDs []int64) ([][]*domain.Figure, []error) {
	if len(statementIDs) == 0 {
		return [][]*domain.Figure{}, nil
	}
	var rows []figureRow
	if err := s.db.WithContext(ctx).Where(s.inIDs("statement_id", uniqueIDs(statementIDs))).
		Order("statement_id, ordinal").Find(&rows).Error; err != nil {
		return nil, batchErr("figures by statement", err)
	}
	byStmt := make(map[int64][]*domain.Figure)
	for i := range rows {
		byStmt[*rows[i].StatementID] = append(byStmt[*rows[i].StatementID], rows[i].toDomain())
	}
	return alignMany(statementIDs, byStmt), nil
}

// SourcesByArticle implements loader.Source: the sources as written of
// each article's statements, in text order, then in the order of each
// statement's speakers.
func (s *Store) SourcesByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Mention, []error) {
	if len(articleIDs) == 0 {
		return [][]*domain.Mention{}, nil
	}
	var rows []struct {
		ArticleID int64
		Row       sourceRow `gorm:"embedded"`
	}
	if err := s.db.WithContext(ctx).Table("statements AS s").
		Select("s.article_id, src.*").
		Joins("JOIN statement_sources src ON src.statement_id = s.id").
		Where(s.inIDs("s.article_id", uniqueIDs(articleIDs))).
		Order("s.article_id, s.ordinal, src.position").Scan(&rows).Error; err != nil {
		return nil, batchErr("sources by article", err)
	}
	byArticle := make(map[int64][]*domain.Mention)
	for _, r := range rows {
		byArticle[r.ArticleID] = append(byArticle[r.ArticleID], &domain.Mention{StatementID: r.Row.StatementID, ArticleID: r.ArticleID,
			Text: r.Row.Text, Span: domain.Span{Start: r.Row.SpanStart, End: r.Row.SpanEnd}, EntityID: r.Row.EntityID})
	}
	return alignMany(articleIDs, byArticle), nil
}

// articleAge is the order of "oldest article first": publication time where
// known, else ingest time, then ingest order.
const articleAge = "COALESCE(a.published_at, a.ingested_at), a.id"

// firstPerOwner keeps, of the rows that q selects as cols, the first limit
// of each owner in order, and sorts them by outerOrder (columns of the
// result). The lists of claims and series grow with every article stored:
// the database cuts each one to what the request asked for, so a read's
// rows are bounded by keys × limit, never by the size of the data.
func (s *Store) firstPerOwner(db, q *gorm.DB, cols, owner, order string, limit int, outerOrder string) *gorm.DB {
	inner := q.Select(cols + ", ROW_NUMBER() OVER (PARTITION BY " + owner + " ORDER BY " + order + ") AS rank_in_owner")
	return db.Table("(?) AS firsts", inner).Where("rank_in_owner <= ?", max(limit, 0)).Order(outerOrder)
}

// eachClaim reads, for every claim, the first limit rows of first(id) (a
// query over one claim, in its list's order, which the index
// statements_claim_at serves) and joins them into one statement, sorted
// by outerOrder. Each claim's read stops after limit rows, so the cost is
// claims × limit, never the size of a claim.
func (s *Store) eachClaim(db *gorm.DB, claimIDs []int64, limit int, first func(id int64) *gorm.DB, outerOrder string) *gorm.DB {
	parts := make([]string, len(claimIDs))
	args := make([]any, len(claimIDs))
	for i, id := range claimIDs {
		parts[i] = fmt.Sprintf("SELECT * FROM (?) AS claim%d", i)
		args[i] = first(id).Limit(max(limit, 0))
	}
	return db.Raw("SELECT * FROM ("+strings.Join(parts, " UNION ALL ")+") AS firsts ORDER BY "+outerOrder, args...)
}

// StatementsByClaim implements loader.Source: oldest article first, then
// text order.
func (s *Store) StatementsByClaim(ctx context.Context, claimIDs []int64, limit int) ([][]*domain.Statement, []error) {
	if len(claimIDs) == 0 {
		return [][]*domain.Statement{}, nil
	}
	db := s.db.WithContext(ctx)
	var rows []statementRow
	if err := s.eachClaim(db, uniqueIDs(claimIDs), limit, func(id int64) *gorm.DB {
		return db.Model(&statementRow{}).Where("claim_id = ?", id).Order("at, article_id, ordinal")
	}, "claim_id, at, article_id, ordinal").Scan(&rows).Error; err != nil {
		return nil, batchErr("statements by claim", err)
	}
	stmts, err := s.withSpeakers(db, rows)
	if err != nil {
		return nil, batchErr("statements by claim", err)
	}
	byClaim := make(map[int64][]*domain.Statement)
	for _, st := range stmts {
		byClaim[*st.ClaimID] = append(byClaim[*st.ClaimID], st)
	}
	return alignMany(claimIDs, byClaim), nil
}

// ArticlesByClaim implements loader.Source: the distinct articles whose
// statements bear on the claim, oldest first.
func (s *Store) ArticlesByClaim(ctx context.Context, claimIDs []int64, limit int) ([][]*domain.Article, []error) {
	if len(claimIDs) == 0 {
		return [][]*domain.Article{}, nil
	}
	var owned []struct {
		OwnerID int64
		Row     articleRow `gorm:"embedded"`
	}
	db := s.db.WithContext(ctx)
	firsts := s.eachClaim(db, uniqueIDs(claimIDs), limit, func(id int64) *gorm.DB {
		return db.Model(&statementRow{}).Select("claim_id, at, article_id").Where("claim_id = ?", id).
			Group("claim_id, at, article_id").Order("claim_id, at, article_id")
	}, "claim_id, at, article_id")
	if err := db.Table("(?) AS c", firsts).Select("c.claim_id AS owner_id, a.*").
		Joins("JOIN articles a ON a.id = c.article_id").
		Order("c.claim_id, c.at, c.article_id").Scan(&owned).Error; err != nil {
		return nil, batchErr("articles by claim", err)
	}
	byClaim := make(map[int64][]*domain.Article)
	for i := range owned {
		byClaim[owned[i].OwnerID] = append(byClaim[owned[i].OwnerID], owned[i].Row.toDomain())
	}
	return alignMany(claimIDs, byClaim), nil
}

// ChangesByClaim implements loader.Source. The history is worked out from
// the claim's statements in the order their articles were published (not
// ingested): after each article the aggregate of every statement so far is
// taken, and each move is a change at that article's publication time. So
// an article published last week but ingested today lands where it
// belongs, and any ingest order gives the same history.
//
// The aggregate depends only on which statuses a claim's statements have
// (domain.Aggregate), so it can only change where a status first appears:
// the database returns, per claim, the first statement of each status and
// no more, at most five rows however many articles the claim has.
func (s *Store) ChangesByClaim(ctx context.Context, claimIDs []int64, limit int) ([][]*domain.ClaimChange, []error) {
	if len(claimIDs) == 0 {
		return [][]*domain.ClaimChange{}, nil
	}
	var rows []struct {
		ClaimID     int64
		ArticleID   int64
		Status      string
		PublishedAt *time.Time
		IngestedAt  time.Time
	}
	db := s.db.WithContext(ctx)
	q := db.Table("statements AS s").
		Joins("JOIN articles a ON a.id = s.article_id").
		Where(s.inIDs("s.claim_id", uniqueIDs(claimIDs)))
	if err := s.firstPerOwner(db, q, "s.claim_id, s.article_id, s.status, a.published_at, a.ingested_at",
		"s.claim_id, s.status", articleAge+", s.ordinal", 1,
		"claim_id, COALESCE(published_at, ingested_at), article_id").Scan(&rows).Error; err != nil {
		return nil, batchErr("changes by claim", err)
	}
	byClaim := make(map[int64][]*domain.ClaimChange)
	var seen []domain.Status
	for i, r := range rows {
		if i == 0 || rows[i-1].ClaimID != r.ClaimID {
			seen = seen[:0]
		}
		seen = append(seen, domain.Status(r.Status))
		if i+1 < len(rows) && rows[i+1].ClaimID == r.ClaimID && rows[i+1].ArticleID == r.ArticleID {
			continue // the article's other statements count at once
		}
		next := domain.Aggregate(seen)
		hist := byClaim[r.ClaimID]
		var from *domain.Status
		if len(hist) > 0 {
			prev := hist[len(hist)-1].To
			if prev == next {
				continue
			}
			from = &prev
		}
		at := r.IngestedAt.UTC()
		if r.PublishedAt != nil {
			at = r.PublishedAt.UTC()
		}
		byClaim[r.ClaimID] = append(hist, &domain.ClaimChange{ClaimID: r.ClaimID, ArticleID: r.ArticleID, From: from, To: next, At: at})
	}
	for id, hist := range byClaim {
		byClaim[id] = hist[:min(len(hist), max(limit, 0))]
	}
	return alignMany(claimIDs, byClaim), nil
}

// FiguresByClaim implements loader.Source: the figures carried by the
// claim's statements, oldest article first, then text order.
func (s *Store) FiguresByClaim(ctx context.Context, claimIDs []int64, limit int) ([][]*domain.Figure, []error) {
	if len(claimIDs) == 0 {
		return [][]*domain.Figure{}, nil
	}
	var owned []struct {
		OwnerID int64
		Row     figureRow `gorm:"embedded"`
	}
	db := s.db.WithContext(ctx)
	if err := s.eachClaim(db, uniqueIDs(claimIDs), limit, func(id int64) *gorm.DB {
		return db.Table("statements AS s").Select("s.claim_id AS owner_id, s.at AS claim_at, s.ordinal AS statement_ordinal, f.*").
			Joins("JOIN figures f ON f.statement_id = s.id").
			Where("s.claim_id = ?", id).Order("s.at, s.article_id, s.ordinal, f.ordinal")
	}, "owner_id, claim_at, article_id, statement_ordinal, ordinal").Scan(&owned).Error; err != nil {
		return nil, batchErr("figures by claim", err)
	}
	byClaim := make(map[int64][]*domain.Figure)
	for i := range owned {
		byClaim[owned[i].OwnerID] = append(byClaim[owned[i].OwnerID], owned[i].Row.toDomain())
	}
	return alignMany(claimIDs, byClaim), nil
}

// SpeakersByClaim implements loader.Source: per claim, the distinct
// speakers of its statements with the given status, in the order they
// first spoke.
func (s *Store) SpeakersByClaim(ctx context.Context, status domain.Status, claimIDs []int64, limit int) ([][]*domain.Entity, []error) {
	if len(claimIDs) == 0 {
		return [][]*domain.Entity{}, nil
	}
	db := s.db.WithContext(ctx)
	var owned []ownedEntity
	q := db.Table("statements AS s").
		Joins("JOIN statement_speakers sp ON sp.statement_id = s.id").
		Joins("JOIN entities e ON e.id = sp.entity_id").
		Where(s.inIDs("s.claim_id", uniqueIDs(claimIDs))).
		Where("s.status = ?", string(status)).
		Group("s.claim_id, e.id")
	if err := s.firstPerOwner(db, q, "s.claim_id AS owner_id, e.*", "s.claim_id", "MIN(s.id)", limit, "owner_id, rank_in_owner").
		Scan(&owned).Error; err != nil {
		return nil, batchErr("speakers by claim", err)
	}
	byClaim, err := s.groupEntities(db, owned)
	if err != nil {
		return nil, batchErr("speakers by claim", err)
	}
	return alignMany(claimIDs, byClaim), nil
}
