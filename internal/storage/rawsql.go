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

// maxParams bounds the parameters of one statement, under SQLite's 32,766
// and PostgreSQL's 65,535.
const maxParams = 30000

// maxRowsPerInsert bounds the rows of one INSERT, so that the texts of
// long batches repeat and prepared statements are reused.
const maxRowsPerInsert = 500

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
	if len(rows) == 0 {
		return nil
	}
	per := min(maxRowsPerInsert, max(1, maxParams/len(cols)))
	head := "INSERT INTO " + table + " (" + quoteCols(cols) + ") VALUES "
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(chunk)*len(cols))
		n := 0
		for i, row := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for j := range cols {
				if j > 0 {
					b.WriteByte(',')
				}
				n++
				r.placeholder(&b, n)
			}
			b.WriteByte(')')
			args = append(args, row...)
		}
		b.WriteString(suffix)
		if _, err := r.conn.ExecContext(r.ctx, b.String(), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, r.translate(err))
		}
	}
	return nil
}

// castOf is how a CASE branch types its value on PostgreSQL, which types a
// CASE of bare parameters as text; SQLite needs no cast and would turn a
// cast timestamp into a number.
type castOf map[string]string

// updateByID sets cols of the rows ids of table to vals(id), one UPDATE
// with a CASE per column for up to maxRowsPerInsert rows.
func (r *rawTx) updateByID(table string, cols []string, casts castOf, ids []int64, vals func(id int64) []any) error {
	per := min(maxRowsPerInsert, max(1, maxParams/(2*len(cols)+1)))
	for start := 0; start < len(ids); start += per {
		chunk := ids[start:min(start+per, len(ids))]
		var b strings.Builder
		var args []any
		b.WriteString("UPDATE " + table + " SET ")
		rows := make([][]any, len(chunk))
		for i, id := range chunk {
			rows[i] = vals(id)
		}
		for j, c := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(`"` + c + `" = CASE id`)
			then := "?"
			if cast := casts[c]; cast != "" && r.dialect == dialectPostgres {
				then = "CAST(? AS " + cast + ")"
			}
			for i, id := range chunk {
				b.WriteString(" WHEN ? THEN " + then)
				args = append(args, id, rows[i][j])
			}
			b.WriteString(" END")
		}
		b.WriteString(" WHERE id IN (")
		for i, id := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(id, 10))
		}
		b.WriteString(")")
		if err := r.exec(b.String(), args...); err != nil {
			return fmt.Errorf("update %s: %w", table, err)
		}
	}
	return nil
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
