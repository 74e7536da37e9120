package domain

import (
	"errors"
	"fmt"
)

// Error codes. Storage and analysis return them; the API edge maps each to an
// extensions.code, so clients can tell their own mistakes from ours without
// ever seeing internal error text.
const (
	EINVALID  = "invalid"   // the input breaks a documented rule
	ENOTFOUND = "not_found" // the object does not exist
	ECONFLICT = "conflict"  // the write races another one; retry
	EINTERNAL = "internal"  // anything else: a bug or an outage

	EUNAUTHENTICATED = "unauthenticated" // no valid credentials where some are needed
	EFORBIDDEN       = "forbidden"       // valid credentials, but not allowed to do this
	ERATELIMITED     = "rate_limited"    // over the request budget; retry later
	ETOOCOMPLEX      = "too_complex"     // the query exceeds a size, depth or cost limit
	ETIMEOUT         = "timeout"         // the request ran out of time
	EBEHIND          = "behind"          // a live subscriber fell further behind than events are kept
)

// Error is an error meant for the client: Message is safe to show.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf builds an Error whose message is shown to clients as is.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or EINTERNAL
// for any other error (and "" for nil).
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of err: that of its *Error,
// or a generic text that leaks nothing.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return "internal error"
}
