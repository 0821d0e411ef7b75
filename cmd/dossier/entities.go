package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dossier/dossier"
)

// runEntities lists corpus-level entities, most-mentioned first:
// 'dossier entities [--db PATH] [--type PER|ORG|LOC|MISC] [--limit N] [--json] [QUERY]'.
func runEntities(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "entities", "[QUERY]")
	db := dbFlag(fs)
	typ := fs.String("type", "", "only this type: PER, ORG, LOC or MISC")
	limit := fs.Int("limit", 50, "number of entities")
	asJSON := fs.Bool("json", false, "print a JSON array of entities")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	t := strings.ToUpper(strings.TrimSpace(*typ))
	switch t {
	case "", dossier.PER, dossier.ORG, dossier.LOC, dossier.MISC:
	default:
		return fmt.Errorf("entities: unknown --type %q (want PER, ORG, LOC or MISC)", *typ)
	}
	if *limit <= 0 {
		return fmt.Errorf("entities: --limit must be positive")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	defer st.Close()
	list, err := st.Entities(ctx, dossier.EntityFilter{Type: t, Query: strings.TrimSpace(strings.Join(rest, " ")), Limit: *limit})
	if err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	if *asJSON {
		if list == nil {
			list = []dossier.EntitySummary{}
		}
		for i := range list {
			if list[i].Aliases == nil {
				list[i].Aliases = []string{}
			}
			if list[i].Roles == nil {
				list[i].Roles = []string{}
			}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	return writeEntitiesText(e.stdout, list)
}

// writeEntitiesText prints one entity a line: name, type, counts, country,
// then the other names and the roles it goes by.
func writeEntitiesText(w io.Writer, list []dossier.EntitySummary) error {
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, "no entities")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTYPE\tARTICLES\tMENTIONS\tCOUNTRY\tALSO KNOWN AS\tROLES")
	for _, s := range list {
		var aliases []string
		for _, a := range s.Aliases {
			if a != s.Name && len(aliases) < 6 {
				aliases = append(aliases, a)
			}
		}
		roles := s.Roles
		if len(roles) > 3 {
			roles = roles[:3]
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", s.Name, s.Type, s.Articles, s.Mentions, s.Country,
			strings.Join(aliases, "; "), strings.Join(roles, "; "))
	}
	return tw.Flush()
}
