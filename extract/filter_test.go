package extract

import "testing"

// TestHasPromoInside checks that the literal prefilter never changes what
// promoInside decides.
func TestHasPromoInside(t *testing.T) {
	for _, s := range []string{
		"Click here for the full report.", "Sign up for our newsletter", "SUBSCRIBE NOW to read on",
		"Get our free Newsletter every morning", "Follow us on Twitter", "You must be logged in to post a comment.",
		"Also on example.com: more stories", "ſubscribe to the feed", "He signed up for the army.",
		"The committee will follow the law.", "Subscribers fell by 3%.", "", "also on", "The weekly newsletter",
		"This document is subject to copyright.", "ALL RIGHTS RESERVED",
		"Residents must leave.", "Click here",
	} {
		if got, want := hasPromoInside(s), promoInside.MatchString(s); got != want {
			t.Errorf("hasPromoInside(%q) = %v, promoInside says %v", s, got, want)
		}
	}
}

func TestCountTokens(t *testing.T) {
	for _, s := range []string{"", "Hello, world!", "snake_case 3.14 — Путин сказал", "日本語 テキスト", "a\u00a0b\tc", "__ x_y 1_2"} {
		if got, want := countTokens(s), len(Tokens(s)); got != want {
			t.Errorf("countTokens(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestFilterBlocksBoilerplate(t *testing.T) {
	body := "The council met on Monday and agreed that the harbour works will cost more than was planned last year."
	bs := []block{
		{text: body, tag: "p"},
		{text: "Like Loading...", tag: "div"},
		{text: "ADVERT", tag: "div"},
		{text: "This slideshow requires JavaScript.", tag: "p"},
		{text: "Anzeige", tag: "div"},
		{text: body + " Again.", tag: "p"},
		{text: "This document is subject to copyright. Apart from any fair dealing, no part may be reproduced.", tag: "p"},
	}
	got := filterBlocks(bs, "", "", "")
	if len(got) != 2 || got[0].text != body || got[1].text != body+" Again." {
		t.Errorf("kept %q", blockTexts(got))
	}
}
