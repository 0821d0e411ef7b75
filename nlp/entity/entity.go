// Package entity finds people, organisations, places and other names in an
// article and joins every mention of one entity.
package entity

import "github.com/dossier/dossier"

// Extract returns the entities of text, each with all its mentions.
// PLACEHOLDER: the entities issue fills this in.
func Extract(text, title string) []dossier.Entity { return nil }
