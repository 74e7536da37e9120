package observe

import (
	"context"
	"log/slog"

	"go.opentelemetry.io/otel/trace"
)

// Log attribute keys LogHandler adds; exported so log queries and tests
// name them the same way.
const (
	LogKeyRequestID = "request_id"
	LogKeyTraceID   = "trace_id"
	LogKeySpanID    = "span_id"
)

// LogHandler wraps h so that every record logged with a context carrying a
// request ID (see WithRequestID) or an active span gets request_id, and
// trace_id and span_id, at the top level. Code then only has to log with
// the request's context (InfoContext and friends) for its lines to be
// joined with the access log and with traces.
func LogHandler(h slog.Handler) slog.Handler {
	return &logHandler{base: h, h: h}
}

// logHandler remembers the chain of WithAttrs and WithGroup calls made on it
// so that, once a group is open, it can still put the IDs at the top level:
// a record's own attributes always land inside the open groups.
type logHandler struct {
	base slog.Handler // h before any WithAttrs or WithGroup
	h    slog.Handler // base with ops applied
	ops  []logOp
	// grouped is whether a group is open.
	grouped bool
	// boundID is whether a request_id was bound at the top level already.
	boundID bool
}

// logOp is one WithAttrs (group == "") or WithGroup call.
type logOp struct {
	group string
	attrs []slog.Attr
}

func (l *logHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return l.h.Enabled(ctx, level)
}

func (l *logHandler) Handle(ctx context.Context, r slog.Record) error {
	var ids []slog.Attr
	if id := RequestID(ctx); id != "" && !l.boundID && !(!l.grouped && hasAttr(r, LogKeyRequestID)) {
		ids = append(ids, slog.String(LogKeyRequestID, id))
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		ids = append(ids, slog.String(LogKeyTraceID, sc.TraceID().String()), slog.String(LogKeySpanID, sc.SpanID().String()))
	}
	if len(ids) == 0 {
		return l.h.Handle(ctx, r)
	}
	if !l.grouped {
		r = r.Clone()
		r.AddAttrs(ids...)
		return l.h.Handle(ctx, r)
	}
	// Rare: rebuild the chain with the IDs bound before the first group.
	h := l.base.WithAttrs(ids)
	for _, op := range l.ops {
		if op.group != "" {
			h = h.WithGroup(op.group)
		} else {
			h = h.WithAttrs(op.attrs)
		}
	}
	return h.Handle(ctx, r)
}

func (l *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return l
	}
	n := l.with(logOp{attrs: attrs})
	n.h = l.h.WithAttrs(attrs)
	if !l.grouped {
		for _, a := range attrs {
			if a.Key == LogKeyRequestID {
				n.boundID = true
			}
		}
	}
	return n
}

func (l *logHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return l
	}
	n := l.with(logOp{group: name})
	n.h = l.h.WithGroup(name)
	n.grouped = true
	return n
}

// with copies l with op appended, never sharing the ops array.
func (l *logHandler) with(op logOp) *logHandler {
	ops := make([]logOp, len(l.ops), len(l.ops)+1)
	copy(ops, l.ops)
	n := *l
	n.ops = append(ops, op)
	return &n
}

// hasAttr reports whether r has a top-level attribute named key.
func hasAttr(r slog.Record, key string) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		found = a.Key == key
		return !found
	})
	return found
}
