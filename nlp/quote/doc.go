// Package quote finds quotations and attributes them to their speakers.
//
// Three kinds are found. Direct quotations are text in double quotation
// marks (straight or curly) that stands as a sentence or clause of its own;
// a quotation split by its attribution ("“A,” he said, “B.”") or continued in
// the following sentences or paragraphs without a new attribution is one
// Quote whose Parts list its pieces. Partial quotations are quoted fragments
// embedded in a sentence (have withstood “storms and changes”); one-word
// scare quotes and quoted titles are skipped. Indirect quotations are
// reported speech ("Putin said that ...", "according to ...").
//
// Attribution is rule-based over tokens: a cue (a speech verb in any
// inflection, or "according to") next to the quotation, and the source noun
// phrase before or after the cue. A quotation with no cue of its own takes
// the attribution stated in the sentence that introduces it ("... stating:")
// or continues the previous quotation. The source is resolved to a speaker
// through the entities' mentions: a source overlapping a mention names that
// entity; a pronoun names the most recent person before it; a description
// such as "the Russian leader" names the person the article introduced with
// that description ("Russian President Vladimir Putin").
package quote
