// Package entity finds the people, organisations, places and other names
// of an article and joins every mention of one entity.
//
// Extract tags the text with the embedded named-entity model (package ner)
// and then resolves inside the article:
//   - a surname or a single given name ("Putin", "Xi") joins the unique
//     longer name of a person that contains it ("Vladimir Putin");
//   - titles before a name become roles ("Russian President Vladimir Putin"
//     gives the role "Russian President" and the nationality RU), and so do
//     appositions ("his assistant for international relations, Yuri
//     Ushakov", "Yuri Ushakov, the Kremlin's aide,");
//   - descriptions ("the Russian leader", "the president") join the person
//     whose nationality or role they match, the most recently mentioned one
//     when several do;
//   - acronyms join the organisation whose initials they spell;
//   - places are resolved with package gazetteer (country code, region,
//     coordinates), preferring capitals and the countries the article names.
//
// Pronouns are not added as mentions: the quote stage resolves a pronoun
// source to the most recent person before it (see PersonBefore).
//
// Canonicalize decides merges across articles (a surname-only entity into
// the one full name of the same type).
package entity
