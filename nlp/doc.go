// Package nlp runs the language pipeline on an article: sentences and
// tokens, named entities resolved inside the article, quotations with their
// speakers, figures and dates. It takes and returns plain values.
package nlp
