package date

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/nlp/token"
)

// Extract returns the dates of text, resolving relative expressions against
// published when it is not zero. Dates come in text order.
func Extract(text string, published time.Time) []dossier.Date {
	toks := token.Tokenize(text)
	sents := token.Split(text, toks)
	var out []dossier.Date
	for _, s := range sents {
		f := finder{text: text, toks: s.Tokens, pub: published}
		out = append(out, f.run()...)
	}
	return out
}

type finder struct {
	text string
	toks []token.Token
	low  []string
	pub  time.Time
}

var monthNum = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "jan.": 1, "feb": 2, "feb.": 2, "mar.": 3, "apr": 4, "apr.": 4, "jun.": 6, "jul.": 7,
	"aug": 8, "aug.": 8, "sep": 9, "sep.": 9, "sept": 9, "sept.": 9, "oct": 10, "oct.": 10,
	"nov": 11, "nov.": 11, "dec": 12, "dec.": 12,
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// yearPrepositions make a bare four-digit number a year.
var yearPrepositions = map[string]bool{
	"in": true, "since": true, "by": true, "from": true, "until": true, "till": true, "to": true,
	"during": true, "before": true, "after": true, "of": true, "early": true, "late": true, "mid": true,
	"mid-": true, "through": true, "and": true, "between": true, "around": true, "for": true, "year": true,
	"spring": true, "summer": true, "autumn": true, "fall": true, "winter": true, ",": true, "(": true,
}

func (f *finder) run() []dossier.Date {
	f.low = make([]string, len(f.toks))
	for i, t := range f.toks {
		f.low[i] = token.Lower(t.Text)
	}
	var out []dossier.Date
	for i := 0; i < len(f.toks); {
		d, end := f.at(i)
		if end > i {
			out = append(out, d)
			i = end
			continue
		}
		i++
	}
	return out
}

// mk builds a Date for tokens [s, e).
func (f *finder) mk(s, e int, value string, relative bool) (dossier.Date, int) {
	a, b := f.toks[s].Start, f.toks[e-1].End
	return dossier.Date{Text: f.text[a:b], Start: a, End: b, Value: value, Relative: relative}, e
}

func (f *finder) known() bool { return !f.pub.IsZero() }

// day parses a day of the month: "16", "16th", "1st".
func day(t string) (int, bool) {
	t = strings.TrimRight(strings.ToLower(t), ",")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		t = strings.TrimSuffix(t, suf)
	}
	if len(t) == 0 || len(t) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

// year parses a four-digit year from 1000 to 2999.
func year(t string) (int, bool) {
	if len(t) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 1000 || n > 2999 {
		return 0, false
	}
	return n, true
}

func isCap(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// month returns the month named by token i, requiring a capital letter and,
// for "May" and "March", a date context.
func (f *finder) month(i int) (time.Month, bool) {
	m, ok := monthNum[f.low[i]]
	if !ok || !isCap(f.toks[i].Text) {
		return 0, false
	}
	return m, true
}

func validDate(y int, m time.Month, d int) bool {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && t.Month() == m
}

// at finds a date expression starting at token i, returning it and the
// index after it (or i when there is none).
func (f *finder) at(i int) (dossier.Date, int) {
	n := len(f.toks)
	t := f.toks[i].Text
	w := f.low[i]
	// ISO 8601: 2024-05-16.
	if len(t) == 10 && t[4] == '-' && t[7] == '-' {
		if tm, err := time.Parse("2006-01-02", t); err == nil {
			return f.mk(i, i+1, tm.Format("2006-01-02"), false)
		}
	}
	// 16 May 2024, 16 May.
	if d, ok := day(t); ok && i+1 < n {
		if m, ok := monthNum[f.low[i+1]]; ok && isCap(f.toks[i+1].Text) {
			if i+2 < n {
				if y, ok := year(f.toks[i+2].Text); ok && validDate(y, m, d) {
					return f.mk(i, i+3, fmt.Sprintf("%04d-%02d-%02d", y, m, d), false)
				}
			}
			return f.dayMonth(i, i+2, m, d)
		}
	}
	if m, ok := f.month(i); ok {
		// May 16, 2024; May 16.
		if i+1 < n {
			if d, ok := day(f.toks[i+1].Text); ok && !(i+2 < n && f.toks[i+2].Text == "%") {
				e := i + 2
				if e < n && f.toks[e].Text == "," {
					e++
				}
				if e < n {
					if y, ok := year(f.toks[e].Text); ok && validDate(y, m, d) {
						return f.mk(i, e+1, fmt.Sprintf("%04d-%02d-%02d", y, m, d), false)
					}
				}
				return f.dayMonth(i, i+2, m, d)
			}
			// May 2024.
			if y, ok := year(f.toks[i+1].Text); ok {
				return f.mk(i, i+2, fmt.Sprintf("%04d-%02d", y, m), false)
			}
		}
		// A month alone: "in May", "last March".
		prev := ""
		if i > 0 {
			prev = f.low[i-1]
		}
		if (m == time.May || m == time.March) && !yearPrepositions[prev] && prev != "last" && prev != "next" && prev != "this" {
			return dossier.Date{}, i
		}
		if strings.HasSuffix(w, ".") {
			return dossier.Date{}, i
		}
		s := i
		y := 0
		if f.known() {
			y = f.closestYear(m, 15)
		}
		switch prev {
		case "last":
			s--
			if y = f.pub.Year(); m >= f.pub.Month() {
				y--
			}
		case "next":
			s--
			if y = f.pub.Year(); m <= f.pub.Month() {
				y++
			}
		case "this":
			s--
			y = f.pub.Year()
		}
		if !f.known() {
			return f.mk(s, i+1, "", true)
		}
		return f.mk(s, i+1, fmt.Sprintf("%04d-%02d", y, m), true)
	}
	// A year: "in 2022", "2020," — four digits in a year context.
	if y, ok := year(t); ok && y >= 1800 && y <= 2100 {
		prev, next := "", ""
		if i > 0 {
			prev = f.low[i-1]
		}
		if i+1 < n {
			next = f.low[i+1]
		}
		if i > 0 && (f.toks[i-1].Text == "$" || f.toks[i-1].Text == "£" || f.toks[i-1].Text == "€") {
			return dossier.Date{}, i
		}
		if yearPrepositions[prev] || next == "" || next == "." || next == "," || next == ")" || next == ";" || i == 0 {
			return f.mk(i, i+1, strconv.Itoa(y), false)
		}
		return dossier.Date{}, i
	}
	// Weekdays: "on Monday", "last Friday", "next Tuesday".
	if wd, ok := weekdays[w]; ok && isCap(t) {
		s := i
		dir := 0 // 0: by tense, -1 last, +1 next
		if i > 0 {
			switch f.low[i-1] {
			case "last":
				s, dir = i-1, -1
			case "next", "coming":
				s, dir = i-1, 1
			case "this":
				s = i - 1
			}
		}
		if !f.known() {
			return f.mk(s, i+1, "", true)
		}
		explicit := dir != 0
		if dir == 0 {
			dir = f.tense(i)
		}
		return f.mk(s, i+1, f.weekday(wd, dir, explicit).Format("2006-01-02"), true)
	}
	// today, tonight, yesterday, tomorrow.
	switch w {
	case "today", "tonight", "yesterday", "tomorrow":
		if !f.known() {
			return f.mk(i, i+1, "", true)
		}
		d := f.pub
		if w == "yesterday" {
			d = d.AddDate(0, 0, -1)
		} else if w == "tomorrow" {
			d = d.AddDate(0, 0, 1)
		}
		return f.mk(i, i+1, d.Format("2006-01-02"), true)
	case "last", "this", "next", "past", "coming":
		if i+1 < n {
			if v, ok := f.relativeUnit(w, f.low[i+1]); ok {
				return f.mk(i, i+2, v, true)
			}
		}
	}
	// "three days ago", "2 weeks ago".
	if i+2 < n && f.low[i+2] == "ago" {
		if k, ok := count(f.low[i]); ok {
			unit := strings.TrimSuffix(f.low[i+1], "s")
			if !f.known() {
				if unit == "day" || unit == "week" || unit == "month" || unit == "year" {
					return f.mk(i, i+3, "", true)
				}
				return dossier.Date{}, i
			}
			var d time.Time
			switch unit {
			case "day":
				d = f.pub.AddDate(0, 0, -k)
				return f.mk(i, i+3, d.Format("2006-01-02"), true)
			case "week":
				d = f.pub.AddDate(0, 0, -7*k)
				return f.mk(i, i+3, d.Format("2006-01-02"), true)
			case "month":
				d = f.pub.AddDate(0, -k, 0)
				return f.mk(i, i+3, d.Format("2006-01"), true)
			case "year":
				return f.mk(i, i+3, strconv.Itoa(f.pub.Year()-k), true)
			}
		}
	}
	return dossier.Date{}, i
}

// dayMonth finishes a day and month without a year: resolved to the
// publication year when known.
func (f *finder) dayMonth(s, e int, m time.Month, d int) (dossier.Date, int) {
	if !f.known() {
		return f.mk(s, e, "", true)
	}
	y := f.closestYear(m, d)
	if !validDate(y, m, d) {
		return f.mk(s, e, "", true)
	}
	return f.mk(s, e, fmt.Sprintf("%04d-%02d-%02d", y, m, d), true)
}

// closestYear places a month and day without a year in the year that
// brings it closest to the publication date: "10 November" in a March
// article is last November.
func (f *finder) closestYear(m time.Month, d int) int {
	p := f.pub
	best, bestDiff := p.Year(), time.Duration(1<<62)
	for _, y := range []int{p.Year() - 1, p.Year(), p.Year() + 1} {
		t := time.Date(y, m, d, p.Hour(), p.Minute(), 0, 0, p.Location())
		diff := t.Sub(p)
		if diff < 0 {
			diff = -diff
		}
		if diff < bestDiff {
			best, bestDiff = y, diff
		}
	}
	return best
}

var smallCounts = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3,
}

func count(w string) (int, bool) {
	if k, ok := smallCounts[w]; ok {
		return k, true
	}
	k, err := strconv.Atoi(w)
	return k, err == nil && k >= 0 && k < 1000
}

// relativeUnit resolves "last year", "this month", "next week".
func (f *finder) relativeUnit(dir, unit string) (string, bool) {
	off := 0
	switch dir {
	case "last", "past":
		off = -1
	case "next", "coming":
		off = 1
	}
	switch unit {
	case "year", "month", "week", "weekend":
	default:
		return "", false
	}
	if !f.known() {
		return "", true
	}
	p := f.pub
	switch unit {
	case "year":
		return strconv.Itoa(p.Year() + off), true
	case "month":
		return p.AddDate(0, off, 1-p.Day()).Format("2006-01"), true
	case "week":
		y, w := p.AddDate(0, 0, 7*off).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), true
	default: // weekend: the Saturday of it
		dir := off
		if dir == 0 {
			dir = 1
		}
		sat := f.weekday(time.Saturday, dir, off != 0)
		return sat.Format("2006-01-02"), true
	}
}

// weekday returns the weekday wd on or before (dir < 0) or on or after
// (dir > 0) the publication date; with explicit set ("last Friday", "next
// Friday") the publication day itself is skipped.
func (f *finder) weekday(wd time.Weekday, dir int, explicit bool) time.Time {
	p := f.pub
	diff := int(wd) - int(p.Weekday())
	if dir < 0 {
		if diff > 0 || diff == 0 && explicit {
			diff -= 7
		}
	} else if diff < 0 || diff == 0 && explicit {
		diff += 7
	}
	return p.AddDate(0, 0, diff)
}

// tense guesses whether a weekday at token i lies ahead (+1) or behind
// (-1): future when the sentence says "will", "to be", "is expected",
// "plans", "next" or "scheduled" before it.
func (f *finder) tense(i int) int {
	for k := 0; k < i; k++ {
		switch f.low[k] {
		case "will", "'ll", "’ll", "shall", "expected", "scheduled", "plans", "planned", "due", "upcoming", "going":
			return 1
		}
	}
	return -1
}
