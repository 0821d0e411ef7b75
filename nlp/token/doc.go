// Package token splits English news text into tokens and sentences with
// byte offsets into the original text.
//
// Tokens follow CoNLL-2003 conventions closely enough for the named-entity
// model: punctuation, quotation marks and currency symbols are tokens of
// their own; possessive "'s" and the contraction "n't" are split off;
// hyphenated compounds ("Russia-China"), numbers with thousands separators
// and decimals ("1,000.5"), abbreviations ("U.S.", "Mr.", "Jan."), URLs and
// e-mail addresses stay whole.
//
// Sentences respect paragraph breaks (a blank line always ends a sentence),
// abbreviations and initials, decimal numbers, and closing quotation marks
// or brackets that follow the final punctuation.
package token
