package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/dossier/dossier"
)

// httpStatus maps a coded dossier error to its HTTP status. This is the
// only place that does.
func httpStatus(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	switch dossier.ErrorCode(err) {
	case "":
		return http.StatusOK
	case dossier.ENOTFOUND:
		return http.StatusNotFound
	case dossier.EINVALID:
		return http.StatusBadRequest
	case dossier.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case dossier.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case dossier.ECONFLICT:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// apiError is the JSON body of every API error.
type apiError struct {
	Error struct {
		Code    string `json:"code"`    // a dossier error code
		Message string `json:"message"` // a human-readable message
	} `json:"error"`
}

// fail writes err as a JSON error for /api/ paths and as an HTML page
// otherwise. Internal errors are logged and shown without their detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httpStatus(err)
	code, msg := dossier.ErrorCode(err), dossier.ErrorMessage(err)
	if status == http.StatusRequestEntityTooLarge {
		code, msg = dossier.ETOOLARGE, "request body too large"
	}
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dossier"`)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		var body apiError
		body.Error.Code, body.Error.Message = code, msg
		writeJSON(w, status, body)
		return
	}
	s.render(w, r, status, "error", errorPage{Status: status, Title: http.StatusText(status), Message: msg})
}

type errorPage struct {
	Status  int
	Title   string
	Message string
}

// handleNotFound answers paths no route serves: 405 with an Allow header
// when the path exists for another method, else 404.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		s.fail(w, r, dossier.Errorf(dossier.ENOTFOUND, "no page at %s", r.URL.Path))
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	msg := r.Method + " is not allowed on " + r.URL.Path + " (allowed: " + strings.Join(allow, ", ") + ")"
	if strings.HasPrefix(r.URL.Path, "/api/") {
		var body apiError
		body.Error.Code, body.Error.Message = dossier.EINVALID, msg
		writeJSON(w, http.StatusMethodNotAllowed, body)
		return
	}
	s.render(w, r, http.StatusMethodNotAllowed, "error", errorPage{Status: http.StatusMethodNotAllowed, Title: http.StatusText(http.StatusMethodNotAllowed), Message: msg})
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client went away; nothing to do
}
