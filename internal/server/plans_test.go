package server_test

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"
	"gorm.io/gorm"
)

// planQueries are the reads whose SQL must be served by indexes: a page's
// cost must not grow with the store. Totals are counted up to
// domain.CountBound, unfiltered ones too.
var planQueries = []string{
	`{ articles(first: 20) { totalCount edges { node { id title } } } }`,
	`{ claims(first: 10) { totalCount edges { node { text status statements { id } } } } }`,
	`{ articles(first: 20, filter: {search: "troops", outlet: "Reuters"}) { totalCount edges { node { id title } } } }`,
	`{ articles(first: 20, filter: {search: "troops"}) { totalCount edges { node { id title } } } }`,
	`{ figures(first: 20, filter: {head: "troop", minValue: 1000}) { totalCount edges { node { id text value } } } }`,
	`{ claims(first: 10) { edges { node { text status statements { id } } } } }`,
	`{ articles(first: 10) { edges { node { id title
		statements(first: 20) { text status speakers(first: 5) { name } figures(first: 5) { text value }
			sourceMentions(first: 5) { text entity { name } } }
		figures(first: 20) { text value source { name } } entities(first: 20) { name kind } } } } }`,
	`{ claims(first: 5) { edges { node { articles { id } figures { id } statementsConnection(first: 5) { totalCount edges { node { id } } } } } } }`,
	`{ series(first: 5) { edges { node { figuresConnection(first: 5) { totalCount edges { node { id } } } } } } }`,
	`{ entities(first: 5) { edges { node { statements(first: 5) { totalCount edges { node { id } } } } } } }`,
}

// listIndexes name, for reads of one owner's list in its order, the index
// that must serve them on SQLite, so that a page stops after its rows
// instead of sorting every row of a large claim, series or entity.
var listIndexes = map[string]string{
	"claim_id = ? ORDER BY at, article_id, ordinal":  "statements_claim_at",
	"ORDER BY claim_id, at, article_id":              "statements_claim_at",
	"ORDER BY s.at, s.article_id, s.ordinal":         "statements_claim_at",
	"series_id = ? ORDER BY at, article_id, ordinal": "figures_series_at_article",
	"FROM statement_speakers WHERE entity_id = ?)":   "statement_speakers_entity_statement",
}

// bigTables are the tables that grow with the number of articles.
var bigTables = []string{"articles", "statements", "figures", "statement_mentions", "statement_speakers",
	"statement_sources", "article_entities", "claims", "claim_changes", "series", "entities", "entity_aliases"}

// TestNoFullScans captures the SQL that an ingest and the pages above send,
// asks the database for each statement's plan, and fails on a full scan of
// a big table. On SQLite a scan in the order the statement asks for, under
// a LIMIT, is a keyset walk that stops early and passes; on PostgreSQL,
// sequential scans are disabled for the EXPLAIN, so one shows up only
// where no index could serve.
func TestNoFullScans(t *testing.T) {
	onBothBackends(t, func(t *testing.T, e *env) {
		var mu sync.Mutex
		type captured struct {
			sql  string
			vars []any
		}
		var stmts []captured
		record := func(db *gorm.DB) {
			if db.DryRun || db.Error != nil {
				return
			}
			sql := db.Statement.SQL.String()
			if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(sql)), "INSERT") {
				return
			}
			mu.Lock()
			stmts = append(stmts, captured{sql, append([]any(nil), db.Statement.Vars...)})
			mu.Unlock()
		}
		cb := e.store.DB().Callback()
		name := "test:plans"
		for _, err := range []error{
			cb.Query().After("gorm:query").Register(name, record),
			cb.Row().After("gorm:row").Register(name, record),
			cb.Raw().After("gorm:raw").Register(name, record),
			cb.Update().After("gorm:update").Register(name, record),
			cb.Delete().After("gorm:delete").Register(name, record),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
		for i, a := range loadArticles(t) {
			in := a.input()
			in["url"] = fmt.Sprintf("https://plans.example/%d", i)
			e.ingest(t, in)
			e.ingest(t, in) // the idempotent path too
		}
		for _, q := range planQueries {
			var resp map[string]any
			if err := e.client.Post(q, &resp); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var page struct {
			Articles struct{ PageInfo struct{ EndCursor *string } }
		}
		if err := e.client.Post(`{ articles(first: 1) { pageInfo { endCursor } } }`, &page); err != nil {
			t.Fatal(err)
		}
		var resp map[string]any
		if err := e.client.Post(`query($a: String) { articles(first: 1, after: $a) { edges { node { id } } } }`, &resp,
			client.Var("a", page.Articles.PageInfo.EndCursor)); err != nil {
			t.Fatal(err)
		}
		_ = cb.Query().Remove(name)
		_ = cb.Row().Remove(name)
		_ = cb.Raw().Remove(name)
		_ = cb.Update().Remove(name)
		_ = cb.Delete().Remove(name)

		sqlDB, err := e.store.DB().DB()
		if err != nil {
			t.Fatal(err)
		}
		conn, err := sqlDB.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		postgres := e.store.DB().Dialector.Name() == "postgres"
		explain := "EXPLAIN QUERY PLAN "
		if postgres {
			explain = "EXPLAIN "
			if _, err := conn.ExecContext(t.Context(), "SET enable_seqscan = off"); err != nil {
				t.Fatal(err)
			}
			defer conn.ExecContext(t.Context(), "RESET enable_seqscan") //nolint:errcheck
		}
		if len(stmts) < 10 {
			t.Fatalf("captured only %d statements", len(stmts))
		}
		seen, listed := map[string]bool{}, map[string]bool{}
		for _, st := range stmts {
			verb, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(st.sql)), " ")
			if seen[st.sql] || strings.Contains(strings.ToUpper(st.sql), "PG_NOTIFY") ||
				(verb != "SELECT" && verb != "UPDATE" && verb != "DELETE" && verb != "WITH") {
				continue
			}
			seen[st.sql] = true
			rows, err := conn.QueryContext(t.Context(), explain+st.sql, st.vars...)
			if err != nil {
				t.Fatalf("explain %s: %v", st.sql, err)
			}
			var plan []string
			for rows.Next() {
				var cols []any
				n, _ := rows.Columns()
				cells := make([]any, len(n))
				for i := range cells {
					cols = append(cols, &cells[i])
				}
				if err := rows.Scan(cols...); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, fmt.Sprint(cells[len(cells)-1]))
			}
			rows.Close()
			if table := fullScan(st.sql, plan, postgres); table != "" {
				t.Errorf("full scan of %s in\n  %s\nplan:\n  %s", table, st.sql, strings.Join(plan, "\n  "))
			}
			for sub, index := range listIndexes {
				if strings.Contains(st.sql, sub) {
					listed[sub] = true
				}
				if !postgres && strings.Contains(st.sql, sub) && !strings.Contains(strings.Join(plan, "\n"), index) {
					t.Errorf("%s is not read through %s:\n  %s\nplan:\n  %s", sub, index, st.sql, strings.Join(plan, "\n  "))
				}
			}
		}
		for sub := range listIndexes {
			if !postgres && !listed[sub] { // PostgreSQL's statements number their placeholders
				t.Errorf("no statement with %q was sent: the list reads changed", sub)
			}
		}
	})
}

// fullScan names the big table plan scans whole, or returns "".
func fullScan(sql string, plan []string, postgres bool) string {
	joined := strings.Join(plan, "\n")
	for _, table := range bigTables {
		if postgres {
			if regexp.MustCompile(`Seq Scan on ` + table + `\b`).MatchString(joined) {
				return table
			}
			continue
		}
		re := regexp.MustCompile(`(?m)SCAN ` + table + `\b(?: AS \w+)?(?: USING (?:COVERING )?INDEX \w+)?$|SCAN ` + table + `$`)
		alias := regexp.MustCompile(`(?i)\b` + table + ` (?:AS )?(\w+)`).FindStringSubmatch(sql)
		hit := re.MatchString(joined)
		if !hit && len(alias) > 1 {
			hit = regexp.MustCompile(`(?m)SCAN ` + alias[1] + `(?: USING (?:COVERING )?INDEX \w+)?$`).MatchString(joined)
		}
		if !hit {
			continue
		}
		// A walk in the requested order that stops at a LIMIT is a page.
		if strings.Contains(strings.ToUpper(sql), "LIMIT") && !strings.Contains(joined, "TEMP B-TREE FOR ORDER BY") {
			continue
		}
		return table
	}
	return ""
}
