package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// The ingest write path talks to the transaction's connection directly:
// one multi-row statement per table and batch, with no reflection per row.
// GORM's Create spent more time describing rows than SQLite spent storing
// them.

// chunkSizes are the row counts of one multi-row statement. A batch's
// rows are cut greedily into these, so that only four statement texts per
// table ever occur: each is parsed once per connection and then found in
// the prepared statement cache, and the largest stays far below the
// databases' limits on bound parameters.
var chunkSizes = []int{64, 16, 4, 1}

// chunks cuts n rows into runs of chunkSizes, calling fn with each run's
// bounds.
func chunks(n int, fn func(start, end int) error) error {
	start := 0
	for _, size := range chunkSizes {
		for ; n-start >= size; start += size {
			if err := fn(start, start+size); err != nil {
				return err
			}
		}
	}
	return nil
}

// rawTx is a write transaction seen as plain SQL.
type rawTx struct {
	ctx     context.Context
	conn    gorm.ConnPool
	dialect dialect
	tx      *gorm.DB
}

func (s *Store) raw(tx *gorm.DB) *rawTx {
	return &rawTx{ctx: tx.Statement.Context, conn: tx.Statement.ConnPool, dialect: s.dialect, tx: tx}
}

// translate gives a driver error the meaning GORM gives it elsewhere
// (a unique key taken is gorm.ErrDuplicatedKey), so that the conflict
// handling of transact sees it.
func (r *rawTx) translate(err error) error {
	if t, ok := r.tx.Dialector.(gorm.ErrorTranslator); ok {
		return t.Translate(err)
	}
	return err
}

// placeholder writes the n-th (from 1) parameter marker.
func (r *rawTx) placeholder(b *strings.Builder, n int) {
	if r.dialect == dialectPostgres {
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
		return
	}
	b.WriteByte('?')
}

// exec and query go through GORM, whose callbacks tests use to see and
// explain every statement but INSERTs; they are a few per batch.
func (r *rawTx) exec(query string, args ...any) error {
	if err := r.tx.Exec(query, args...).Error; err != nil {
		return r.translate(err)
	}
	return nil
}

func (r *rawTx) query(query string, args ...any) (*sql.Rows, error) {
	rows, err := r.tx.Raw(query, args...).Rows()
	if err != nil {
		return nil, r.translate(err)
	}
	return rows, nil
}

// scanAll runs query and calls scan for each row.
func (r *rawTx) scanAll(query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := r.query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// insert writes rows (each len(cols) values) into table, with suffix (an
// ON CONFLICT clause) after the values.
func (r *rawTx) insert(table string, cols []string, rows [][]any, suffix string) error {
	head := "INSERT INTO " + table + " (" + quoteCols(cols) + ") VALUES "
	return chunks(len(rows), func(start, end int) error {
		var b strings.Builder
		b.WriteString(head)
		r.values(&b, end-start, len(cols), nil, nil, r.placeholder)
		b.WriteString(suffix)
		args := make([]any, 0, (end-start)*len(cols))
		for _, row := range rows[start:end] {
			args = append(args, row...)
		}
		if _, err := r.conn.ExecContext(r.ctx, b.String(), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, r.translate(err))
		}
		return nil
	})
}

// gormMarker writes the parameter marker of statements that go through
// GORM, which numbers them for PostgreSQL itself.
func gormMarker(b *strings.Builder, _ int) { b.WriteByte('?') }

// values writes n rows of width parameter markers (mark writes the k-th),
// "(?,?),(?,?)", each marker of a column with a type in casts cast to it
// on PostgreSQL.
func (r *rawTx) values(b *strings.Builder, n, width int, cols []string, casts castOf, mark func(*strings.Builder, int)) {
	k := 0
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := range width {
			if j > 0 {
				b.WriteByte(',')
			}
			k++
			cast := ""
			if r.dialect == dialectPostgres && cols != nil {
				cast = casts[cols[j]]
			}
			if cast != "" {
				b.WriteString("CAST(")
			}
			mark(b, k)
			if cast != "" {
				b.WriteString(" AS " + cast + ")")
			}
		}
		b.WriteByte(')')
	}
}

// castOf is the type of the columns whose values PostgreSQL cannot infer
// from a bare parameter in a VALUES list.
type castOf map[string]string

// updateByID sets cols of the rows ids of table to vals(id): one
// UPDATE ... FROM (VALUES ...) per chunk of rows.
func (r *rawTx) updateByID(table string, cols []string, casts castOf, ids []int64, vals func(id int64) []any) error {
	all := append([]string{"id"}, cols...)
	allCasts := castOf{"id": "bigint"}
	for c, t := range casts {
		allCasts[c] = t
	}
	set := make([]string, len(cols))
	for j, c := range cols {
		set[j] = fmt.Sprintf(`"%s" = v.column%d`, c, j+2)
	}
	return chunks(len(ids), func(start, end int) error {
		var b strings.Builder
		b.WriteString("UPDATE " + table + " SET " + strings.Join(set, ", ") + " FROM (VALUES ")
		r.values(&b, end-start, len(all), all, allCasts, gormMarker)
		b.WriteString(") AS v WHERE " + table + ".id = v.column1")
		args := make([]any, 0, (end-start)*len(all))
		for _, id := range ids[start:end] {
			args = append(append(args, id), vals(id)...)
		}
		if err := r.exec(b.String(), args...); err != nil {
			return fmt.Errorf("update %s: %w", table, err)
		}
		return nil
	})
}

func quoteCols(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `"`
	}
	return strings.Join(q, ", ")
}

// inStrings runs query, whose one %s is replaced by a list of markers,
// for each chunk of keys, scanning every row.
func (r *rawTx) inStrings(query string, keys []string, scan func(*sql.Rows) error) error {
	const per = 500
	for start := 0; start < len(keys); start += per {
		chunk := keys[start:min(start+per, len(keys))]
		marks := strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")
		args := make([]any, len(chunk))
		for i, k := range chunk {
			args[i] = k
		}
		if err := r.scanAll(fmt.Sprintf(query, marks), args, scan); err != nil {
			return err
		}
	}
	return nil
}

// allocIDs reserves n new primary keys for each table of counts, in
// ascending order, so that rows referring to each other can be written a
// table at a time. On SQLite the writer holds the file's lock and the
// keys continue the table's AUTOINCREMENT sequence (never reusing a
// deleted row's); on PostgreSQL they come from the tables' sequences, in
// one round trip.
func (r *rawTx) allocIDs(counts map[string]int) (map[string][]int64, error) {
	out := make(map[string][]int64, len(counts))
	var tables []string
	for t, n := range counts {
		if n > 0 {
			tables = append(tables, t)
		}
	}
	if len(tables) == 0 {
		return out, nil
	}
	slices.Sort(tables)
	if r.dialect == dialectPostgres {
		var parts []string
		var args []any
		for _, t := range tables {
			parts = append(parts, "SELECT CAST(? AS text), nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, CAST(? AS integer))")
			args = append(args, t, t, counts[t])
		}
		err := r.scanAll(strings.Join(parts, " UNION ALL "), args, func(rows *sql.Rows) error {
			var t string
			var id int64
			if err := rows.Scan(&t, &id); err != nil {
				return err
			}
			out[t] = append(out[t], id)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("allocate ids: %w", err)
		}
		for _, t := range tables {
			slices.Sort(out[t])
			if len(out[t]) != counts[t] {
				return nil, fmt.Errorf("allocate ids: %d of %d for %s", len(out[t]), counts[t], t)
			}
		}
		return out, nil
	}
	seq := map[string]int64{}
	err := r.scanAll("SELECT name, seq FROM sqlite_sequence", nil, func(rows *sql.Rows) error {
		var t string
		var n int64
		if err := rows.Scan(&t, &n); err != nil {
			return err
		}
		seq[t] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("allocate ids: %w", err)
	}
	for _, t := range tables {
		ids := make([]int64, counts[t])
		for i := range ids {
			ids[i] = seq[t] + int64(i) + 1
		}
		out[t] = ids
	}
	return out, nil
}
