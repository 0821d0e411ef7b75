package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/dossier/dossier"
)

// postResult is the body of a successful POST /api/articles.
type postResult struct {
	ID    string           `json:"id"`
	Stats dossier.PutStats `json:"stats"`
}

// handleAPIPostArticle serves POST /api/articles: it stores one article
// sent as JSON (an Article or a JSONL-style record), HTML (?url= names the
// page) or plain text, after running the NLP pipeline on it. It needs the
// bearer token; the body is limited to Options.MaxBody bytes.
func (s *Server) handleAPIPostArticle(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r); err != nil {
		s.fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.fail(w, r, dossier.Errorf(dossier.ETOOLARGE, "request body exceeds %d bytes", s.opt.MaxBody))
			return
		}
		s.fail(w, r, dossier.Errorf(dossier.EINVALID, "read body: %v", err))
		return
	}
	if len(body) == 0 {
		s.fail(w, r, dossier.Errorf(dossier.EINVALID, "empty body"))
		return
	}
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		ct = "application/octet-stream"
	}
	a, err := s.opt.Parse(body, ct, r.URL.Query().Get("url"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if strings.TrimSpace(a.Text) == "" {
		s.fail(w, r, dossier.Errorf(dossier.EINVALID, "the document has no text"))
		return
	}
	if a.ID == "" { // a custom ParseFunc may leave it to us
		a.ID = cmpOr(a.URL, contentID(a.Title, a.Text))
	}
	annotated := s.opt.Annotate(*a)
	stats, err := s.store.PutArticles(r.Context(), []*dossier.Article{&annotated})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if stats.New == 0 {
		status = http.StatusOK
	}
	writeJSON(w, status, postResult{ID: annotated.ID, Stats: stats})
}

// authorize checks the bearer token in constant time. Without a
// configured token every write is refused.
func (s *Server) authorize(r *http.Request) error {
	if s.opt.Token == "" {
		return dossier.Errorf(dossier.EUNAUTHORIZED, "writes are disabled: start the server with DOSSIER_TOKEN set")
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opt.Token)) != 1 {
		return dossier.Errorf(dossier.EUNAUTHORIZED, "a valid bearer token is required")
	}
	return nil
}

// contentID is the id of an article with neither id nor URL: a hash of
// its normalised title and text.
func contentID(title, text string) string {
	h := sha256.Sum256([]byte(strings.Join(strings.Fields(title), " ") + "\n" + strings.Join(strings.Fields(text), " ")))
	return "sha256-" + hex.EncodeToString(h[:12])
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
