package entity

import (
	"reflect"
	"testing"

	"github.com/dossier/dossier"
)

func TestCanonicalize(t *testing.T) {
	s := func(id, name, typ string, articles int) dossier.EntitySummary {
		return dossier.EntitySummary{ID: id, Name: name, Type: typ, Articles: articles}
	}
	sums := []dossier.EntitySummary{
		s("per:putin", "Putin", dossier.PER, 5),
		s("per:vladimir-putin", "Vladimir Putin", dossier.PER, 20),
		s("per:blair", "Blair", dossier.PER, 30),
		s("per:tony-blair", "Tony Blair", dossier.PER, 100),
		s("per:cherie-blair", "Cherie Blair", dossier.PER, 10),
		s("per:smith", "Smith", dossier.PER, 8), // two Smiths of similar weight: ambiguous
		s("per:john-smith", "John Smith", dossier.PER, 4),
		s("per:jane-smith", "Jane Smith", dossier.PER, 3),
		s("per:george-bush", "George Bush", dossier.PER, 6),
		s("per:george-w-bush", "George W Bush", dossier.PER, 40),
		s("per:bush", "Bush", dossier.PER, 15),
		s("loc:putin", "Putin", dossier.LOC, 1), // other types never join people
		s("org:un", "UN", dossier.ORG, 9),
		s("org:united-nations", "United Nations", dossier.ORG, 7),
		s("org:bbc", "BBC", dossier.ORG, 50),
		s("per:chelsea", "Chelsea", dossier.PER, 3),
		s("org:chelsea", "Chelsea", dossier.ORG, 30),
		s("per:jordan", "Jordan", dossier.PER, 12), // more often the person
		s("loc:jordan", "Jordan", dossier.LOC, 5),
	}
	want := map[string]string{
		"per:putin":       "per:vladimir-putin",
		"per:blair":       "per:tony-blair",
		"per:george-bush": "per:george-w-bush",
		"per:bush":        "per:george-w-bush",
		"org:un":          "org:united-nations",
		"per:chelsea":     "org:chelsea",
	}
	if got := Canonicalize(sums); !reflect.DeepEqual(got, want) {
		t.Errorf("Canonicalize = %v\nwant %v", got, want)
	}
	if got := Canonicalize(nil); len(got) != 0 {
		t.Errorf("Canonicalize(nil) = %v", got)
	}
}
