package postgres

import (
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/storetest"
)

func TestStoriesContract(t *testing.T) {
	testURL(t)
	storetest.Stories(t, func(t *testing.T) dossier.Store { return openTemp(t) })
}
