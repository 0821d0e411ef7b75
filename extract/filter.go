package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Paragraph-level boilerplate that survives the main-text extraction:
// the headline and address repeated at the top, promotions for newsletters,
// apps and social accounts, share prompts, and related-link lists.
var (
	// promo matches short paragraphs that address the reader about the
	// site rather than the story.
	promo = regexp.MustCompile(`(?i)^\W*(sign up\b|subscribe\b|follow (us|him|her|me|them)\b|share (this|it)\b|like this (story|article)\b|click here\b|get the latest\b|have a (news )?tip\b|advertisement\b|leave a (reply|comment)\b|copyright\b|©|all rights reserved|download (our|the) app\b|want more\b|don't miss\b|recommended for you\b|also on\b|leggi anche\b|lesen sie auch\b|lea también\b|leia também\b|lire aussi\b|читайте также\b|we use cookies\b|this (site|website) uses cookies\b|like loading\b)`)
	// relatedHead matches the heading of a related-content list.
	relatedHead = regexp.MustCompile(`(?i)^\W*(you (may|might) (also )?(like|enjoy)|related( stories| articles| posts| content| coverage| reading| links)?|read (more|next|also)|more (from|on|stories|news|to read)|recommended|trending|popular|most (read|popular|viewed)|see also|further reading|also on|latest (news|stories))\b`)
	dateline    = regexp.MustCompile(`(?i)^\W*(published|updated|posted|last (updated|modified)|first published|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|aggiornato|publié|mis à jour|опубликовано|обновлено)\b`)
	metaLine    = regexp.MustCompile(`(?i)\b(posted|published|written|publicado|pubblicato|publié|veröffentlicht)\s+(by|por|da|par|von)\b|\b(categor(y|ies|ia|ie)|tags|schlagwörter)\s*:`)
	bareURL     = regexp.MustCompile(`^(https?://|www\.)\S+$`)
	// promoInside matches promotions anywhere in a short paragraph.
	promoInside = regexp.MustCompile(`(?i)(click here for|sign up (for|to)\b|subscribe (to|now|today|for)\b|(our|free|daily|weekly) newsletter|follow (us|him|her|me|them) on\b|you must (be )?log(ged)? in\b|also on \S+\.(com|net|org)|subject to copyright|all rights reserved)`)
	// commentsHead starts the readers' comments, which end the article.
	commentsHead = regexp.MustCompile(`(?i)^\W*(\d+\s+)?(comments?|responses?|replies|reader comments|leave a (reply|comment)|join the (discussion|conversation)|post a comment|add a comment|what do you think\??|comentários|commenti|kommentare|commentaires|comentarios|комментарии)\W*$`)
	// adLabel matches the label that marks an advertisement slot.
	adLabel = regexp.MustCompile(`(?i)^\W*(advert|advertisement|ad|ads|sponsored|anzeige|werbung|publicidad|publicidade|publicité|pubblicità|реклама)\W*$`)
	// noScript matches notes shown where a script did not run.
	noScript = regexp.MustCompile(`(?i)\b(requires|enable|turn on|activate) javascript\b|\bjavascript (is )?(disabled|required)\b`)
	// shortcode matches unrendered WordPress shortcodes ("[button ...]").
	shortcode = regexp.MustCompile(`\[/?[a-z_]+(\s[^\]]*)?\]`)
)

// promoInsideWords holds, for every alternative of promoInside, a lower
// case literal that any text it matches contains.
var promoInsideWords = []string{"click here for", "sign up ", "subscribe ", " newsletter", "follow ", "you must ", "also on ",
	"subject to copyright", "all rights reserved"}

// hasPromoInside reports whether promoInside matches s, running the
// expression only on texts that hold one of its literals: most
// paragraphs hold none, and the search for a case-insensitive
// alternation anywhere in a text is slow.
func hasPromoInside(s string) bool {
	if !strings.ContainsRune(s, 'ſ') { // the one letter that (?i) folds but ToLower does not
		lower := strings.ToLower(s)
		found := false
		for _, w := range promoInsideWords {
			if strings.Contains(lower, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return promoInside.MatchString(s)
}

// promoMaxWords is the length above which a paragraph is kept even when
// it starts like a promotion: real paragraphs are longer.
const promoMaxWords = 40

// promoInsideMaxWords bounds the paragraphs checked with promoInside.
const promoInsideMaxWords = 30

// filterBlocks drops boilerplate paragraphs from extracted blocks: the
// headline and a standfirst heading repeated at the top (title and
// description give them), promotions, related-link lists, and everything
// from a comments heading on.
func filterBlocks(bs []block, title, description, byline string) []block {
	titleToks := normTokens(title)
	descToks := normTokens(description)
	out := bs[:0:0]
	skipLinks := false
	for i, b := range bs {
		if strings.Contains(b.text, "[") {
			b.text = cleanSpace(shortcode.ReplaceAllString(b.text, " "))
			if b.text == "" {
				continue
			}
		}
		words := countTokens(b.text)
		norm := ""
		if i < 3 {
			norm = normTokens(b.text) // only compared with title and description
		}
		if words <= 6 && commentsHead.MatchString(b.text) && i > 0 {
			break
		}
		switch {
		case i < 3 && titleToks != "" && sameTitle(norm, titleToks):
			continue // the headline repeated as the first block
		case b.tag == "figcaption":
			continue // a picture's caption
		case i < 3 && b.heading && descToks != "" && norm == descToks:
			continue // a standfirst set as a heading
		case i < 4 && words <= 12 && isBylineLine(b.text, byline):
			continue // the byline above the text
		case i < 4 && words <= 25 && metaLine.MatchString(b.text):
			continue // "Posted by ... - Category: ..."
		case words <= 8 && dateline.MatchString(b.text):
			continue // "Updated at 1:23 p.m."
		case words <= promoInsideMaxWords && hasPromoInside(b.text):
			continue
		case (i == 0 || i >= len(bs)-2) && words <= 2*promoInsideMaxWords && hasPromoInside(b.text):
			continue // a longer promotion or author note opening or closing the text
		case bareURL.MatchString(b.text):
			continue
		case words <= 12 && relatedHead.MatchString(b.text):
			skipLinks = true
			continue
		case skipLinks && linkDense(b):
			continue
		case words <= promoMaxWords && promo.MatchString(b.text):
			continue
		case words <= 2 && adLabel.MatchString(b.text):
			continue // "Advertisement"
		case words <= 20 && strings.Contains(strings.ToLower(b.text), "javascript") && noScript.MatchString(b.text):
			continue // "This slideshow requires JavaScript."
		}
		skipLinks = false
		out = append(out, b)
	}
	// A trailing run of link-only items is a list of related links.
	for len(out) > 0 && linkDense(out[len(out)-1]) && out[len(out)-1].tag == "li" {
		out = out[:len(out)-1]
	}
	return dropLinkRuns(out)
}

// linkRunMaxWords bounds the blocks that dropLinkRuns treats as links.
const linkRunMaxWords = 20

// dropLinkRuns removes runs of two or more consecutive short blocks that
// are nearly all link text: lists of related or recommended articles.
func dropLinkRuns(bs []block) []block {
	isLink := func(b block) bool {
		return linkDense(b) && countTokens(b.text) <= linkRunMaxWords
	}
	out := bs[:0]
	for i := 0; i < len(bs); {
		j := i
		for j < len(bs) && isLink(bs[j]) {
			j++
		}
		if j-i >= 2 {
			i = j
			continue
		}
		if j == i {
			j = i + 1
		}
		out = append(out, bs[i:j]...)
		i = j
	}
	return out
}

// bylineFiller are the words that may stand beside names in a byline line.
var bylineFiller = wordSet("by", "von", "por", "par", "di", "da", "door", "av", "af", "and", "und", "et", "y", "e", "written",
	"posted", "reported", "words", "text", "photos", "staff", "writer", "reporter", "correspondent", "editor", "от", "автор")

// isBylineLine reports whether a short block only states the byline.
func isBylineLine(text, byline string) bool {
	if byline == "" {
		return false
	}
	names := map[string]bool{}
	for _, t := range Tokens(strings.ToLower(byline)) {
		names[t] = true
	}
	found := false
	for _, t := range Tokens(strings.ToLower(text)) {
		switch {
		case names[t]:
			found = true
		case !bylineFiller[t]:
			return false
		}
	}
	return found
}

// sameTitle reports whether a block's tokens are the title's, or the title
// without a prefix or suffix such as "Opinion |" or "| Site".
func sameTitle(norm, title string) bool {
	if norm == title {
		return true
	}
	return len(norm) >= 12 && (strings.HasSuffix(title, " "+norm) || strings.HasPrefix(title, norm+" "))
}

// countTokens is len(Tokens(s)) without building the tokens.
func countTokens(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := r == '_' || r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r))
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// normTokens lower-cases s and reduces it to its word tokens.
func normTokens(s string) string {
	return strings.ToLower(strings.Join(Tokens(s), " "))
}

// linkDense reports whether nearly all of a block's text is link text.
func linkDense(b block) bool {
	return b.linkChars*10 >= len(b.text)*8
}
