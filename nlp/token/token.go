package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token with its half-open byte offsets into the text.
type Token struct {
	Text  string // the token as written
	Start int    // byte offset of its first byte
	End   int    // byte offset just past its last byte
}

// Tokenize splits text into tokens. Whitespace is dropped; every other byte
// of text belongs to exactly one token, and tokens come in text order.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	return AppendTokens(toks, text)
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice; it lets callers reuse a buffer.
func AppendTokens(dst []Token, text string) []Token {
	i := 0
	for i < len(text) {
		r, n := decode(text, i)
		if isSpace(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := decode(text, j)
			if isSpace(r) {
				break
			}
			j += n
		}
		dst = chunk(dst, text, i, j)
		i = j
	}
	return dst
}

// decode returns the rune at text[i:] and its width, fast for ASCII.
func decode(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// decodeLast returns the rune ending at text[:i] and its width.
func decodeLast(text string, i int) (rune, int) {
	if c := text[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(text[:i])
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// chunk tokenizes the whitespace-free run text[i:j].
func chunk(dst []Token, text string, i, j int) []Token {
	if isURLOrEmail(text[i:j]) {
		return urlChunk(dst, text, i, j)
	}
	p := i
	for p < j {
		r, n := decode(text, p)
		switch {
		case isAlnum(r):
			dst, p = word(dst, text, p, j)
		case r == '.':
			q := p + 1
			for q < j && text[q] == '.' {
				q++
			}
			if q == p+1 && q < j && isDigit(rune(text[q])) && (p == i || !isAlnum(lastRune(text, p))) {
				// ".5": a number with a leading decimal point.
				dst, p = word(dst, text, p, j)
				continue
			}
			dst = append(dst, Token{text[p:q], p, q})
			p = q
		case r == '-':
			q := p + 1
			for q < j && text[q] == '-' {
				q++
			}
			dst = append(dst, Token{text[p:q], p, q})
			p = q
		default:
			dst = append(dst, Token{text[p : p+n], p, p + n})
			p += n
		}
	}
	return dst
}

func lastRune(text string, i int) rune {
	r, _ := decodeLast(text, i)
	return r
}

// word emits the word starting at p (an alphanumeric rune) and any split-off
// clitic, returning the position after them.
func word(dst []Token, text string, p, j int) ([]Token, int) {
	start := p
	if text[p] == '.' {
		p++
	}
	for p < j {
		r, n := decode(text, p)
		if isAlnum(r) {
			p += n
			continue
		}
		if p+n >= j {
			break
		}
		next, nn := decode(text, p+n)
		prev := lastRune(text, p)
		switch {
		case r == '-' || r == '&' || r == '/' && isDigit(prev) && isDigit(next):
			if isAlnum(next) {
				p += n
				continue
			}
		case r == '.':
			if isAlnum(next) {
				p += n
				continue
			}
		case r == ',':
			if isDigit(prev) && isDigit(next) && thousands(text, p+1, j) {
				p += n
				continue
			}
		case isApostrophe(r):
			if !isLetter(next) {
				break
			}
			// Length of the letter run after the apostrophe.
			q := p + n
			for q < j {
				r2, n2 := decode(text, q)
				if !isLetter(r2) {
					break
				}
				q += n2
			}
			suffix := strings.ToLower(text[p+n : q])
			if (suffix == "t") && (prev == 'n' || prev == 'N') && p-1 > start {
				// "don't" -> "do" "n't"
				dst = append(dst, Token{text[start : p-1], start, p - 1})
				dst = append(dst, Token{text[p-1 : q], p - 1, q})
				return dst, q
			}
			switch suffix {
			case "s", "re", "ve", "ll", "d", "m":
				dst = append(dst, Token{text[start:p], start, p})
				dst = append(dst, Token{text[p:q], p, q})
				return dst, q
			}
			_ = nn
			p += n
			continue
		}
		break
	}
	// An abbreviation keeps its period.
	if p < j && text[p] == '.' && abbreviation(text, start, p, j) {
		p++
	}
	dst = append(dst, Token{text[start:p], start, p})
	return dst, p
}

// thousands reports whether text[q:] starts with exactly three digits
// followed by a non-digit.
func thousands(text string, q, j int) bool {
	if q+3 > j {
		return false
	}
	for k := q; k < q+3; k++ {
		if !isDigit(rune(text[k])) {
			return false
		}
	}
	return q+3 == j || !isDigit(rune(text[q+3]))
}

// Abbreviation classes.
const (
	notAbbrev   = iota
	titleAbbrev // never ends a sentence: Mr. Dr. Gen.
	otherAbbrev // ends a sentence only before a typical sentence opener
)

var abbreviations = map[string]int{
	"mr": titleAbbrev, "mrs": titleAbbrev, "ms": titleAbbrev, "dr": titleAbbrev, "prof": titleAbbrev,
	"sen": titleAbbrev, "rep": titleAbbrev, "gov": titleAbbrev, "gen": titleAbbrev, "col": titleAbbrev,
	"lt": titleAbbrev, "sgt": titleAbbrev, "capt": titleAbbrev, "cmdr": titleAbbrev, "adm": titleAbbrev,
	"maj": titleAbbrev, "rev": titleAbbrev, "hon": titleAbbrev, "pres": titleAbbrev, "supt": titleAbbrev,
	"st": titleAbbrev, "mt": titleAbbrev, "ft": titleAbbrev, "messrs": titleAbbrev, "mme": titleAbbrev,
	"vs": titleAbbrev, "v": titleAbbrev, "cf": titleAbbrev, "approx": titleAbbrev, "fig": titleAbbrev,
	"jr": otherAbbrev, "sr": otherAbbrev, "inc": otherAbbrev, "corp": otherAbbrev, "co": otherAbbrev,
	"ltd": otherAbbrev, "plc": otherAbbrev, "bros": otherAbbrev, "etc": otherAbbrev, "dept": otherAbbrev,
	"univ": otherAbbrev, "assn": otherAbbrev, "est": otherAbbrev, "ave": otherAbbrev, "blvd": otherAbbrev,
	"jan": otherAbbrev, "feb": otherAbbrev, "mar": otherAbbrev, "apr": otherAbbrev, "jun": otherAbbrev,
	"jul": otherAbbrev, "aug": otherAbbrev, "sep": otherAbbrev, "sept": otherAbbrev, "oct": otherAbbrev,
	"nov": otherAbbrev, "dec": otherAbbrev,
	"ala": otherAbbrev, "ariz": otherAbbrev, "ark": otherAbbrev, "calif": otherAbbrev, "colo": otherAbbrev,
	"conn": otherAbbrev, "del": otherAbbrev, "fla": otherAbbrev, "ga": otherAbbrev, "ill": otherAbbrev,
	"ind": otherAbbrev, "kan": otherAbbrev, "ky": otherAbbrev, "la": otherAbbrev, "md": otherAbbrev,
	"mass": otherAbbrev, "mich": otherAbbrev, "minn": otherAbbrev, "miss": otherAbbrev, "mo": otherAbbrev,
	"mont": otherAbbrev, "neb": otherAbbrev, "nev": otherAbbrev, "okla": otherAbbrev, "ore": otherAbbrev,
	"pa": otherAbbrev, "tenn": otherAbbrev, "tex": otherAbbrev, "va": otherAbbrev, "vt": otherAbbrev,
	"wash": otherAbbrev, "wis": otherAbbrev, "wyo": otherAbbrev,
}

// lowerAbbrev lists the abbreviations written in lower case.
var lowerAbbrev = map[string]bool{"etc": true, "vs": true, "v": true, "cf": true, "approx": true, "fig": true}

// abbrevClass classifies the word text[start:end] (without its period).
func abbrevClass(w string) int {
	if len(w) == 0 {
		return notAbbrev
	}
	if strings.IndexByte(w, '.') > 0 {
		// "U.S", "e.g", "a.m": letters separated by periods.
		for _, r := range w {
			if r != '.' && !isLetter(r) {
				return notAbbrev
			}
		}
		return otherAbbrev
	}
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) && unicode.IsUpper(r) {
		return titleAbbrev // an initial: "J. K. Rowling"
	}
	if len(w) > 6 {
		return notAbbrev
	}
	var buf [8]byte
	k := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
		k++
	}
	return abbreviations[string(buf[:k])]
}

// abbreviation reports whether the word text[start:p], followed by the
// period at p, is an abbreviation that keeps its period.
func abbreviation(text string, start, p, j int) bool {
	w := text[start:p]
	if c := abbrevClass(w); c != notAbbrev {
		if strings.IndexByte(w, '.') < 0 && !isTitleCase(w) && !lowerAbbrev[w] {
			// "ill." "mass." "co." "est." in lower case are ordinary words.
			return false
		}
		return true
	}
	// "No. 1": only before a number.
	if w == "No" || w == "no" || w == "Nos" {
		q := p + 1
		for q < len(text) && text[q] == ' ' {
			q++
		}
		return q < len(text) && isDigit(rune(text[q]))
	}
	return false
}

func isTitleCase(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// urlChunk emits a URL or e-mail address whole, with any leading or trailing
// punctuation as tokens of their own.
func urlChunk(dst []Token, text string, i, j int) []Token {
	for i < j {
		r, n := decode(text, i)
		if isAlnum(r) {
			break
		}
		dst = append(dst, Token{text[i : i+n], i, i + n})
		i += n
	}
	end := j
	for end > i {
		r, n := decodeLast(text, end)
		if !strings.ContainsRune(".,;:!?)]}\"'”’»", r) {
			break
		}
		end -= n
	}
	if end > i {
		dst = append(dst, Token{text[i:end], i, end})
	}
	for p := end; p < j; {
		_, n := decode(text, p)
		dst = append(dst, Token{text[p : p+n], p, p + n})
		p += n
	}
	return dst
}

// isURLOrEmail reports whether the chunk holds a URL or e-mail address.
func isURLOrEmail(s string) bool {
	if strings.Contains(s, "://") || strings.Contains(s, "www.") {
		return true
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	dot := strings.LastIndexByte(s, '.')
	return dot > at+1 && dot < len(s)-1 && isAlnum(rune(s[at-1])) && isAlnum(rune(s[at+1]))
}

// IsQuote reports whether r is a double or single quotation mark.
func IsQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»', '\'', '‘', '’', '‚', '‹', '›':
		return true
	}
	return false
}

// Lower returns s in lower case, without allocating when s has no
// upper-case letters (the common case for tokens).
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
	}
	return s
}
