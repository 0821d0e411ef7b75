package dossier

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The web package maps them to HTTP
// status codes in one place; the command line maps them to messages.
const (
	ECONFLICT     = "conflict"     // the action conflicts with stored state
	EINTERNAL     = "internal"     // an unexpected failure
	EINVALID      = "invalid"      // the input is malformed or not allowed
	ENOTFOUND     = "not_found"    // the named thing does not exist
	EUNAUTHORIZED = "unauthorized" // the caller lacks a valid token
	ETOOLARGE     = "too_large"    // the input exceeds a size limit
)

// Error is a coded, user-facing error.
type Error struct {
	Code    string // one of the E* codes
	Message string // a human-readable message
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns a coded Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain,
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or
// a generic message for other errors (so internals are not leaked).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
