package extract

import (
	"errors"

	"github.com/dossier/dossier"
)

// HTML extracts the article of an HTML page. pageURL, when known, is the
// address it was fetched from. PLACEHOLDER: the extraction issue fills this in.
func HTML(data []byte, pageURL string) (dossier.Article, error) {
	return dossier.Article{}, errors.New("extract.HTML: not implemented yet")
}
