package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"
)

// slowQuery is how long a statement may take before it is logged as slow.
const slowQuery = 250 * time.Millisecond

// gormLogger routes GORM's logging into the Store's slog logger, so that
// database messages carry the same handler, level and attributes as the rest
// of the service instead of going to GORM's own stdout logger.
type gormLogger struct {
	log   *slog.Logger
	level gormlogger.LogLevel
}

// newGormLogger adapts log for GORM at warning level: slow statements are
// reported, routine ones are not.
func newGormLogger(log *slog.Logger) gormlogger.Interface {
	return &gormLogger{log: log.With("component", "storage"), level: gormlogger.Warn}
}

// LogMode implements gormlogger.Interface.
func (l *gormLogger) LogMode(level gormlogger.LogLevel) gormlogger.Interface {
	c := *l
	c.level = level
	return &c
}

// Info implements gormlogger.Interface.
func (l *gormLogger) Info(ctx context.Context, msg string, args ...any) {
	if l.level >= gormlogger.Info {
		l.log.InfoContext(ctx, fmt.Sprintf(msg, args...))
	}
}

// Warn implements gormlogger.Interface.
func (l *gormLogger) Warn(ctx context.Context, msg string, args ...any) {
	if l.level >= gormlogger.Warn {
		l.log.WarnContext(ctx, fmt.Sprintf(msg, args...))
	}
}

// Error implements gormlogger.Interface.
func (l *gormLogger) Error(ctx context.Context, msg string, args ...any) {
	if l.level >= gormlogger.Error {
		l.log.ErrorContext(ctx, fmt.Sprintf(msg, args...))
	}
}

// Trace implements gormlogger.Interface. Failed statements are logged at
// debug level only: the error is returned to the caller, which decides how
// loud it is (a unique violation during ingest is expected, for instance).
func (l *gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if l.level <= gormlogger.Silent {
		return
	}
	elapsed := time.Since(begin)
	switch {
	case err != nil && !errors.Is(err, gorm.ErrRecordNotFound):
		if l.log.Enabled(ctx, slog.LevelDebug) {
			sql, rows := fc()
			l.log.DebugContext(ctx, "sql failed", "sql", sql, "rows", rows, "elapsed", elapsed, "err", err)
		}
	case elapsed > slowQuery && l.level >= gormlogger.Warn:
		sql, rows := fc()
		l.log.WarnContext(ctx, "slow sql", "sql", sql, "rows", rows, "elapsed", elapsed)
	case l.level >= gormlogger.Info:
		sql, rows := fc()
		l.log.DebugContext(ctx, "sql", "sql", sql, "rows", rows, "elapsed", elapsed)
	}
}
