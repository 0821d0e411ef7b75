// Package figure finds quantities (money, percentages, counts, ordinals,
// durations, ranges) with their unit, comparator and period.
package figure

import "github.com/dossier/dossier"

// Extract returns the figures of text. PLACEHOLDER: the quotes issue fills this in.
func Extract(text string) []dossier.Figure { return nil }
