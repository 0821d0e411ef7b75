// Package entity finds the people, organisations, places and other names
// of an article and joins every mention of one entity.
//
// Extract tags the text with the embedded named-entity model (package ner)
// and then resolves inside the article:
//   - every spelling gets one type: the majority of its mentions, or the
//     type the training data clearly gives the name when the model chose
//     that type for one of them ("Microsoft"); names in headings count only
//     when the body names them too;
//   - a surname or a single given name ("Putin", "Xi") joins the unique
//     longer name of a person that contains it ("Vladimir Putin");
//   - titles before a name become roles ("Russian President Vladimir Putin"
//     gives the role "Russian President" and the nationality RU), and so do
//     appositions ("his assistant for international relations, Yuri
//     Ushakov", "Yuri Ushakov, the Kremlin's aide,");
//   - descriptions ("the Russian leader", "the president") join the person
//     whose nationality or role they match, the most recently mentioned one
//     when several do;
//   - acronyms join the organisation whose initials they spell, "Media
//     Council" joins "Ugandan Media Council" and "Guantanamo" joins
//     "Guantanamo Bay";
//   - places are resolved with package gazetteer (country code, region,
//     coordinates), preferring capitals and the countries the article names.
//
// Pronouns are not added as mentions: the quote stage resolves a pronoun
// source to the most recent person before it (see PersonBefore).
//
// Entity ids are the lower-case type and a slug of the canonical name
// ("per:vladimir-putin"), so one entity has one id in every article.
//
// Canonicalize decides merges across articles (a surname-only entity into
// the one full name of the same type).
package entity
