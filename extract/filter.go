package extract

import (
	"regexp"
	"strings"
)

// Paragraph-level boilerplate that survives the main-text extraction:
// the headline and address repeated at the top, promotions for newsletters,
// apps and social accounts, share prompts, and related-link lists.
var (
	// promo matches short paragraphs that address the reader about the
	// site rather than the story.
	promo = regexp.MustCompile(`(?i)^\W*(sign up\b|subscribe\b|follow (us|him|her|me|them)\b|share (this|it)\b|like this (story|article)\b|click here\b|get the latest\b|have a (news )?tip\b|advertisement\b|leave a (reply|comment)\b|copyright\b|©|all rights reserved|download (our|the) app\b|want more\b|don't miss\b|recommended for you\b|we use cookies\b|this (site|website) uses cookies\b)`)
	// relatedHead matches the heading of a related-content list.
	relatedHead = regexp.MustCompile(`(?i)^\W*(you (may|might) (also )?(like|enjoy)|related( stories| articles| posts| content| coverage| reading| links)?|read (more|next|also)|more (from|on|stories|news|to read)|recommended|trending|popular|most (read|popular|viewed)|see also|further reading|also on|latest (news|stories))\b`)
	bareURL     = regexp.MustCompile(`^(https?://|www\.)\S+$`)
)

// promoMaxWords is the length above which a paragraph is kept even when
// it starts like a promotion: real paragraphs are longer.
const promoMaxWords = 40

// filterBlocks drops boilerplate paragraphs from extracted blocks.
func filterBlocks(bs []block, title string) []block {
	titleToks := strings.ToLower(strings.Join(Tokens(title), " "))
	out := bs[:0:0]
	skipLinks := false
	for i, b := range bs {
		words := len(Tokens(b.text))
		norm := strings.ToLower(strings.Join(Tokens(b.text), " "))
		switch {
		case i < 3 && titleToks != "" && norm == titleToks:
			continue // the headline repeated as the first block
		case bareURL.MatchString(b.text):
			continue
		case words <= 12 && relatedHead.MatchString(b.text):
			skipLinks = true
			continue
		case skipLinks && linkDense(b):
			continue
		case words <= promoMaxWords && promo.MatchString(b.text):
			continue
		}
		skipLinks = false
		out = append(out, b)
	}
	// A trailing run of link-only items is a list of related links.
	for len(out) > 0 && linkDense(out[len(out)-1]) && out[len(out)-1].tag == "li" {
		out = out[:len(out)-1]
	}
	return out
}

// linkDense reports whether nearly all of a block's text is link text.
func linkDense(b block) bool {
	return b.linkChars*10 >= len(b.text)*8
}
