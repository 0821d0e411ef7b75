package extract

import (
	"errors"

	"github.com/dossier/dossier"
)

// Text parses a plain-text article: an optional topic line, the title line,
// then paragraphs. PLACEHOLDER: the foundation issue fills this in.
func Text(data []byte) (dossier.Article, error) {
	return dossier.Article{}, errors.New("extract.Text: not implemented yet")
}
