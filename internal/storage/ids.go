package storage

import (
	"strconv"
	"strings"

	"gorm.io/gorm/clause"
)

// inIDs is the condition "column is one of ids", with the whole set bound as
// one parameter: a JSON array on SQLite, a bigint array on Postgres. One
// parameter keeps batch reads to a single statement whatever the number of
// keys, clear of the databases' limits on bound variables, and gives
// Postgres one statement text to prepare and cache.
func (s *Store) inIDs(column string, ids []int64) clause.Expr {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	if s.dialect == dialectPostgres {
		return clause.Expr{SQL: column + " = ANY(string_to_array(?, ',')::bigint[])", Vars: []any{b.String()}}
	}
	return clause.Expr{SQL: column + " IN (SELECT value FROM json_each(?))", Vars: []any{"[" + b.String() + "]"}}
}

// uniqueIDs drops repeated keys, keeping first occurrences in order, so that
// a batch with duplicate keys queries each object once.
func uniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]struct{}, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if _, ok := seen[id]; ok {
			continue
		}
		seen[id] = struct{}{}
		out = append(out, id)
	}
	return out
}
