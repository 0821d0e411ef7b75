package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/storetest"
)

// openTemp opens a store in a new file under t.TempDir().
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dossier.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) dossier.Store { return openTemp(t) })
}
