// Package quote finds quotations and attributes them to their speakers.
package quote

import "github.com/dossier/dossier"

// Extract returns the quotations of text, attributed to entities where the
// source mention resolves to one. PLACEHOLDER: the quotes issue fills this in.
func Extract(text string, entities []dossier.Entity) []dossier.Quote { return nil }
