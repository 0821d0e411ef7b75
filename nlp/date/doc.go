// Package date finds date expressions and resolves relative ones against
// the publication date.
//
// Explicit dates ("16 May 2024", "May 16, 2024", "2024-05-16"), months with
// a year ("May 2024") and years in a year context ("in 2022", "since 2012")
// resolve by themselves. Relative expressions resolve against the
// publication date when it is known and keep an empty Value otherwise:
// "today", "yesterday", "tomorrow"; "last/this/next year|month|week|weekend"
// (a week as an ISO week, "2024-W20"); "three days ago"; weekdays ("on
// Monday": the latest such day on or before publication, or the next one
// when the sentence speaks of the future with "will", "expected",
// "scheduled"...; "last"/"next" Monday skip the publication day); a day and
// month without a year ("16 May") and a month alone ("in March", "last
// March"), placed in the year that brings them closest to the publication
// date ("10 November" in a March article is last November) unless
// "last"/"next"/"this" says otherwise. "May" and "March" alone count as months only after a
// preposition or "last"/"next"/"this".
package date
