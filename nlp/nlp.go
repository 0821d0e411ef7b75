package nlp

import (
	"github.com/dossier/dossier"
	"github.com/dossier/dossier/nlp/date"
	"github.com/dossier/dossier/nlp/entity"
	"github.com/dossier/dossier/nlp/figure"
	"github.com/dossier/dossier/nlp/quote"
)

// Annotate returns a copy of a with its Entities, Quotes, Figures and Dates
// extracted from its Text (replacing any it had). Offsets are byte offsets
// into a.Text.
func Annotate(a dossier.Article) dossier.Article {
	a.Entities = entity.Extract(a.Text, a.Title)
	a.Quotes = quote.Extract(a.Text, a.Entities)
	a.Figures = figure.Extract(a.Text)
	a.Dates = date.Extract(a.Text, a.Published)
	return a
}
