// Package figure finds quantities (money, percentages, counts, ordinals,
// durations, ranges) with their unit, comparator and period.
//
// Money carries an ISO 4217 code from a symbol before the amount ("$",
// "£", "€", "¥", "US$", "Rs") or a word after it ("euros", "yuan"), and a
// value with its scale applied ("$240 billion" is 240000000000 USD, "£1.5bn"
// 1500000000 GBP). Counts carry the noun phrase they count ("21 security
// vehicles" counts "security vehicles": up to three lower-case words,
// ending at a plural noun, a function word or a verb form). Durations carry
// the singular time unit; ordinals the noun they rank ("75th anniversary").
// Numbers may be written in words ("two and a half hours", "half a
// million").
//
// Comparators: "more than", "over", "above" give ">"; "at least" ">=";
// "less than", "under", and also "nearly" and "almost" (a value just short
// of the number) give "<"; "up to", "at most", "as many as", "as much as"
// give "<=" (the text states an upper bound, even when it stresses how large
// the number is); "about", "around", "some", "roughly" give "~".
//
// Years ("in 2020"), decades, dates ("16 May"), times of day ("10:30",
// "3 p.m.") and list numbering are not figures; a spelled-out count after
// a determiner ("the two leaders") or of one is not either. Each figure
// carries the span of its sentence and the nearest time reference in that
// sentence as its period ("last year", "2020", "since 2012").
package figure
