package dossier

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Query is a parsed search query (see ParseQuery for the language).
// A document matches when it matches every clause of Must, no term of
// Exclude, and every filter.
type Query struct {
	Must     []Clause  // positive clauses, all required (or scored, see Store.Search)
	Exclude  []Term    // terms a matching document must not contain
	Sources  []string  // source: values; the source must contain one of them (case-insensitive)
	Topics   []string  // topic: values; the topic must equal one of them (case-insensitive)
	Entities []string  // entity: values; the article must mention every one (name or alias, case-insensitive)
	After    time.Time // after:YYYY-MM-DD; published on or after this day (UTC); zero if unset
	Before   time.Time // before:YYYY-MM-DD; published before this day (UTC); zero if unset
}

// Clause is one or more terms joined by OR: a document matches the clause
// when it matches any of them.
type Clause []Term

// Term is one searched word, phrase or prefix.
type Term struct {
	Text   string // the word or phrase as typed, without quotes or '*'
	Phrase bool   // typed in double quotes: the words must appear together, in order
	Prefix bool   // typed with a trailing '*': the last word matches as a prefix
	Field  string // "" to search title and body, FieldTitle to search the title only
}

// FieldTitle restricts a Term to the title (the title: prefix).
const FieldTitle = "title"

// LongQueryClauses is the number of significant clauses from which a
// query is treated as natural language: stores rank documents by how many
// of the clauses they match, then by relevance, instead of requiring all.
const LongQueryClauses = 5

// Empty reports whether q has neither terms nor filters.
func (q Query) Empty() bool {
	return len(q.Must) == 0 && len(q.Exclude) == 0 && len(q.Sources) == 0 && len(q.Topics) == 0 &&
		len(q.Entities) == 0 && q.After.IsZero() && q.Before.IsZero()
}

// Significant returns the clauses of Must that carry meaning: clauses that
// are a single bare stopword ("the", "of", "to") are dropped when any other
// clause remains. Phrases, prefixes, title: terms and OR groups are kept.
func (q Query) Significant() []Clause {
	var out []Clause
	for _, c := range q.Must {
		if len(c) == 1 && !c[0].Phrase && !c[0].Prefix && c[0].Field == "" && IsStopword(c[0].Text) {
			continue
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return q.Must
	}
	return out
}

// String returns q in the search language; ParseQuery(q.String()) yields q
// again.
func (q Query) String() string {
	var parts []string
	for _, c := range q.Must {
		alts := make([]string, len(c))
		for i, t := range c {
			alts[i] = t.String()
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, t := range q.Exclude {
		parts = append(parts, "-"+t.String())
	}
	for _, s := range q.Sources {
		parts = append(parts, "source:"+quoteValue(s))
	}
	for _, s := range q.Topics {
		parts = append(parts, "topic:"+quoteValue(s))
	}
	for _, s := range q.Entities {
		parts = append(parts, "entity:"+quoteValue(s))
	}
	if !q.After.IsZero() {
		parts = append(parts, "after:"+q.After.Format(time.DateOnly))
	}
	if !q.Before.IsZero() {
		parts = append(parts, "before:"+q.Before.Format(time.DateOnly))
	}
	return strings.Join(parts, " ")
}

// String returns t in the search language.
func (t Term) String() string {
	s := t.Text
	if t.Phrase {
		s = `"` + s + `"`
	}
	if t.Prefix {
		s += "*"
	}
	if t.Field != "" {
		s = t.Field + ":" + s
	}
	return s
}

// Words returns the words of t's text: runs of letters and digits, as a
// full-text tokenizer splits them.
func (t Term) Words() []string {
	return strings.FieldsFunc(t.Text, func(r rune) bool { return !isWordRune(r) })
}

func quoteValue(s string) string {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return !isWordRune(r) && r != '-' && r != '.' }) {
		return `"` + s + `"`
	}
	return s
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

// maxQueryLen bounds the query text accepted by ParseQuery.
const maxQueryLen = 4096

// ParseQuery parses the search language:
//
//	putin china            both words (stores may relax this for long queries)
//	"xi jinping"           an exact phrase
//	putin OR xi            either term; OR binds tighter than the implied AND
//	-ukraine -"red carpet" exclusion of a word or phrase
//	presid*                a prefix
//	title:summit           a term searched in the title only (also title:"a b", title:pre*)
//	source:bbc             source contains "bbc" (several source: values: any of them)
//	topic:"putin china"    topic equals the value (several: any of them)
//	entity:"Vladimir Putin" the article mentions that entity (several: all of them)
//	after:2024-05-01       published on or after that day (UTC)
//	before:2024-06-01      published before that day (UTC)
//
// Curly quotes count as double quotes. A word with an unknown prefix
// ("10:30", "http://x") is searched as a phrase of its words. Bad dates,
// unbalanced quotes, a dangling OR or '-', an empty field value, and
// exclusions of filters are EINVALID errors that quote the input.
func ParseQuery(s string) (Query, error) {
	var q Query
	if len(s) > maxQueryLen {
		return q, Errorf(EINVALID, "query is too long (%d bytes, at most %d)", len(s), maxQueryLen)
	}
	if !utf8.ValidString(s) {
		return q, Errorf(EINVALID, "query %q is not valid UTF-8", s)
	}
	toks, err := lexQuery(s)
	if err != nil {
		return q, err
	}
	orPending := false
	for i, tok := range toks {
		if tok.or {
			if i == 0 || toks[i-1].or || toks[i-1].kind != kindTerm || toks[i-1].neg {
				return Query{}, Errorf(EINVALID, "OR must stand between two search terms in query %q", s)
			}
			if i == len(toks)-1 {
				return Query{}, Errorf(EINVALID, "OR at the end of query %q needs a term after it", s)
			}
			orPending = true
			continue
		}
		if orPending && (tok.kind != kindTerm || tok.neg) {
			return Query{}, Errorf(EINVALID, "OR must stand between two search terms in query %q", s)
		}
		switch tok.kind {
		case kindTerm:
			if len(tok.term.Words()) == 0 {
				// Punctuation only ("&", "--"): nothing a full-text index can find.
				if orPending {
					return Query{}, Errorf(EINVALID, "OR must stand between two search terms in query %q", s)
				}
				continue
			}
			switch {
			case tok.neg:
				q.Exclude = append(q.Exclude, tok.term)
			case orPending:
				last := len(q.Must) - 1
				q.Must[last] = append(q.Must[last], tok.term)
			default:
				q.Must = append(q.Must, Clause{tok.term})
			}
			orPending = false
		case kindSource:
			q.Sources = append(q.Sources, tok.value)
		case kindTopic:
			q.Topics = append(q.Topics, tok.value)
		case kindEntity:
			q.Entities = append(q.Entities, tok.value)
		case kindAfter, kindBefore:
			d, err := time.Parse(time.DateOnly, tok.value)
			if err != nil {
				return Query{}, Errorf(EINVALID, "%s:%s in query %q is not a date (want YYYY-MM-DD)", tok.kind, tok.value, s)
			}
			if tok.kind == kindAfter {
				q.After = d
			} else {
				q.Before = d
			}
		}
	}
	if !q.After.IsZero() && !q.Before.IsZero() && !q.After.Before(q.Before) {
		return Query{}, Errorf(EINVALID, "after:%s is not before before:%s in query %q",
			q.After.Format(time.DateOnly), q.Before.Format(time.DateOnly), s)
	}
	return q, nil
}

// Token kinds, named as the field prefixes they come from.
const (
	kindTerm   = ""
	kindSource = "source"
	kindTopic  = "topic"
	kindEntity = "entity"
	kindAfter  = "after"
	kindBefore = "before"
)

type queryToken struct {
	or    bool   // the OR operator
	neg   bool   // preceded by '-'
	kind  string // one of the kind* constants
	term  Term   // for kindTerm
	value string // for filters
}

// lexQuery splits s into tokens. Quoted values may contain spaces.
func lexQuery(s string) ([]queryToken, error) {
	var toks []queryToken
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		start := i
		var tok queryToken
		if r == '-' {
			tok.neg = true
			i += n
			if i >= len(s) {
				return nil, Errorf(EINVALID, "'-' at the end of query %q needs a term after it", s)
			}
			if r2, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r2) {
				return nil, Errorf(EINVALID, "'-' at offset %d of query %q needs a term right after it", start, s)
			}
		}
		// An optional field prefix: letters followed by ':'.
		field := ""
		if j := strings.IndexByte(s[i:], ':'); j > 0 {
			name := strings.ToLower(s[i : i+j])
			switch name {
			case FieldTitle, kindSource, kindTopic, kindEntity, kindAfter, kindBefore:
				field = name
				i += j + 1
			}
		}
		// The value: a quoted string or a bare word.
		var text string
		quoted := false
		if i < len(s) {
			if r, n := utf8.DecodeRuneInString(s[i:]); isQuote(r) {
				end := strings.IndexFunc(s[i+n:], isQuote)
				if end < 0 {
					return nil, Errorf(EINVALID, "unbalanced quote at offset %d of query %q", i, s)
				}
				text = s[i+n : i+n+end]
				_, cn := utf8.DecodeRuneInString(s[i+n+end:])
				i += n + end + cn
				quoted = true
			}
		}
		if !quoted {
			j := i
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) || isQuote(r) {
					break
				}
				j += n
			}
			text = s[i:j]
			i = j
		}
		prefix := false
		if quoted && strings.HasPrefix(s[i:], "*") {
			prefix = true
			i++
		} else if !quoted && strings.HasSuffix(text, "*") {
			prefix = true
			text = strings.TrimRight(text, "*")
		}
		// A quote directly after a bare word starts a new token; nothing to do.
		switch field {
		case "", FieldTitle:
			if field == "" && !quoted && !prefix && !tok.neg && text == "OR" {
				toks = append(toks, queryToken{or: true})
				continue
			}
			if text == "" {
				if field != "" {
					return nil, Errorf(EINVALID, "title: at offset %d of query %q needs a value", start, s)
				}
				if prefix {
					return nil, Errorf(EINVALID, "a lone '*' at offset %d of query %q is not a search term", start, s)
				}
				continue // "" searches nothing
			}
			phrase := quoted
			if !quoted && len(strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) })) > 1 {
				phrase = true // "10:30", "u.s.", "http://x": its words, together
			}
			tok.kind = kindTerm
			tok.term = Term{Text: text, Phrase: phrase, Prefix: prefix, Field: field}
		default:
			if tok.neg {
				return nil, Errorf(EINVALID, "-%s: at offset %d of query %q: filters cannot be excluded", field, start, s)
			}
			if prefix {
				return nil, Errorf(EINVALID, "%s: at offset %d of query %q does not take a '*' prefix", field, start, s)
			}
			if strings.TrimSpace(text) == "" {
				return nil, Errorf(EINVALID, "%s: at offset %d of query %q needs a value", field, start, s)
			}
			tok.kind = field
			tok.value = strings.TrimSpace(text)
		}
		toks = append(toks, tok)
	}
	return toks, nil
}

// stopwords are common English function words, dropped from a query's
// significant clauses (see Query.Significant).
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about above after again against all am an and any are as at be because been
	before being below between both but by can could did do does doing down during each few for from further
	had has have having he her here hers herself him himself his how i if in into is it its itself just me more
	most my myself no nor not of off on once only or other our ours ourselves out over own same she should so
	some such than that the their theirs them themselves then there these they this those through to too under
	until up very was we were what when where which while who whom why will with would you your yours yourself
	yourselves get got`) {
		stopwords[w] = true
	}
}

// IsStopword reports whether w (any case) is a common English function word.
func IsStopword(w string) bool { return stopwords[strings.ToLower(w)] }
