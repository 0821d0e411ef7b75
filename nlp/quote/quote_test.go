package quote

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier/dossier"
	goldenfile "github.com/dossier/dossier/internal/golden"
	"github.com/dossier/dossier/internal/shareddata"
)

var update = flag.Bool("update", false, "rewrite golden files")

// person builds a PER entity whose mentions are every occurrence of each
// of the given strings in text.
func person(text, name string, mentions ...string) dossier.Entity {
	e := dossier.Entity{ID: "per:" + strings.ToLower(strings.ReplaceAll(name, " ", "-")), Name: name, Type: dossier.PER}
	for _, m := range mentions {
		for off := 0; ; {
			i := strings.Index(text[off:], m)
			if i < 0 {
				break
			}
			s := off + i
			e.Mentions = append(e.Mentions, dossier.Span{Start: s, End: s + len(m), Text: m})
			off = s + len(m)
		}
	}
	return e
}

func srcText(q dossier.Quote) string {
	if q.Source == nil {
		return ""
	}
	return q.Source.Text
}

func cueText(q dossier.Quote) string {
	if q.Cue == nil {
		return ""
	}
	return q.Cue.Text
}

func TestPatterns(t *testing.T) {
	tests := []struct {
		name, text      string
		kind, content   string
		cue, src, speak string
	}{
		{"said X after", `“We will win the vote,” said Senator Jane Roe.`, "direct", "We will win the vote", "said", "Senator Jane Roe", "Jane Roe"},
		{"X said after", `"We will win the vote," Jane Roe said on Tuesday.`, "direct", "We will win the vote", "said", "Jane Roe", "Jane Roe"},
		{"X said colon", `Jane Roe said: “We will win the vote in the autumn.”`, "direct", "We will win the vote in the autumn.", "said", "Jane Roe", "Jane Roe"},
		{"participle", `Roe spoke about the economy, stating: “Growth is slowing down this year.”`, "direct", "Growth is slowing down this year.", "stating", "Roe", "Jane Roe"},
		{"concluded X", `“That is all I have to say on the matter,” concluded Jane Roe.`, "direct", "That is all I have to say on the matter", "concluded", "Jane Roe", "Jane Roe"},
		{"pronoun", `Jane Roe arrived late. “The roads were closed for hours,” she said.`, "direct", "The roads were closed for hours", "said", "she", "Jane Roe"},
		{"question next sentence", `“Why would we stop now?” Roe asked.`, "direct", "Why would we stop now?", "asked", "Roe", "Jane Roe"},
		{"according to", `Growth will slow next year, according to the central bank.`, "indirect", "Growth will slow next year", "according to", "the central bank", ""},
		{"said that", `Jane Roe said that the talks had collapsed overnight.`, "indirect", "that the talks had collapsed overnight", "said", "Jane Roe", "Jane Roe"},
		{"told reporters", `Roe told reporters that the plan was dead.`, "indirect", "that the plan was dead", "told", "Roe", "Jane Roe"},
		{"partial", `Roe said the relations have withstood “storms and changes” over the years.`, "partial", "storms and changes", "said", "Roe", "Jane Roe"},
		{"spokesman", `“No decision has been taken yet,” a spokesman for the ministry said.`, "direct", "No decision has been taken yet", "said", "a spokesman for the ministry", ""},
		{"name ending in -ed", `"Paul is very much into the basics," Reed said.`, "direct", "Paul is very much into the basics", "said", "Reed", "Reed"},
		{"name that is a modal", `"The war is a reminder of the stakes," Will wrote.`, "direct", "The war is a reminder of the stakes", "wrote", "Will", "Will"},
		{"party tag with a full stop", `"It reminds us how important this is," Sen. Jane Roe (R-Fla.) said Saturday.`, "direct", "It reminds us how important this is", "said", "Sen. Jane Roe (R-Fla.)", "Jane Roe"},
		{"new speech verb", `“You have called women you do not like fat pigs,” Roe charged in her interview.`, "direct", "You have called women you do not like fat pigs", "charged", "Roe", "Jane Roe"},
		{"inverted cue before a colon", "Roe was speaking on the radio.\n\nStated Roe:\n\n“I think that the stakes are so high this year.”", "direct", "I think that the stakes are so high this year.", "Stated", "Roe", "Jane Roe"},
		{"following statement", "In response to the attack, Senator Jane Roe issued the following statement:\n\n“Our prayers are with all those affected.”", "direct", "Our prayers are with all those affected.", "", "Senator Jane Roe", "Jane Roe"},
		{"went on", `"It would end all the kinds of health care we know," she went on.`, "direct", "It would end all the kinds of health care we know", "went on", "she", ""},
		{"participle after a clause", `Here in Columbia, Roe stepped up her emphasis on justice issues, saying, "We have got to achieve the day when all can walk the streets."`, "direct", "We have got to achieve the day when all can walk the streets.", "saying", "Roe", "Jane Roe"},
		{"partial then closing attribution", `"Many would consider that an embarrassment" if she lost by that margin, said Jane Roe, an analyst at the Cook Political Report.`, "partial", "Many would consider that an embarrassment", "said", "Jane Roe", "Jane Roe"},
		{"subject before an insertion", `Jane Roe, during a town hall meeting in Columbus, Ohio, said she was "going to put a lot of coal miners out of business."`, "indirect", "she was \"going to put a lot of coal miners out of business.\"", "said", "Jane Roe", "Jane Roe"},
		{"participle after a name and a verb", `Jane Roe threw her support behind the senator, saying it is time to have a “real constitutional conservative in the White House.”`, "partial", "real constitutional conservative in the White House", "saying", "Jane Roe", "Jane Roe"},
		{"lower-case title opens the subject", `Weighing in on the debate, former Arkansas Gov. Jane Roe agreed, praising him as "one of the most gifted stars that we have got."`, "partial", "one of the most gifted stars that we have got", "praising", "former Arkansas Gov. Jane Roe", "Jane Roe"},
		{"fragment in a later clause", `Gov. John Doe on Monday signed an order against refugees, while Jane Roe, the former governor, proposed we "wake up and smell the coffee" and left.`, "partial", "wake up and smell the coffee", "", "Jane Roe", "Jane Roe"},
		{"quotation over two sentences then says X", `"Campaigns are having trouble raising money. They don't have a choice" but to take the lead, says Jane Roe, a media consultant.`, "partial", "Campaigns are having trouble raising money. They don't have a choice", "says", "Jane Roe", "Jane Roe"},
		{"signed after a dash", "From the campaign trail\n“We will make the country great again.” — Jane Roe (@janeroe) January 4, 2016", "partial", "We will make the country great again", "", "Jane Roe", "Jane Roe"},
		{"signed after a horizontal bar below an unpunctuated line", "“We are tired of waiting.” ― John Doe\n“We will make the country great again, all of it.”― Jane Roe\n", "partial", "We will make the country great again, all of it", "", "Jane Roe", "Jane Roe"},
		{"one-word reply then said X", "Roe talked about fears.\n\n“Safety,” said Jane Roe, a farmer. “Safety for the whole country, everybody.”", "direct", "Safety Safety for the whole country, everybody.", "said", "Jane Roe", "Jane Roe"},
		{"said the -ing noun", "The court ruled against the state.\n\n\"A state cannot avoid the conclusion that its process removes voters,\" said the ruling.", "direct", "A state cannot avoid the conclusion that its process removes voters", "said", "the ruling", ""},
		{"party and state tag after the name", "The veto is expected this week.\n\n“Our assumption is that the veto will be overridden,” Senate Majority Leader Jane Roe, R-Ky., said Tuesday.", "direct", "Our assumption is that the veto will be overridden", "said", "Senate Majority Leader Jane Roe, R-Ky.", "Jane Roe"},
		{"possessor of a claim that", "The governor blamed the media for making an issue out of Jane Roe’s claim that the mayor “founded the gang,” saying they were nitpicking.", "indirect", "that the mayor “founded the gang,” saying they were nitpicking", "claim", "Jane Roe’s", "Jane Roe"},
		{"opening participial phrase", "Acknowledging that the mayor “says a lot of stupid stuff,” though, Jane Roe did suggest that his wealth gives him an advantage.", "partial", "says a lot of stupid stuff", "Acknowledging", "Jane Roe", "Jane Roe"},
		{"mistyped opening mark at a paragraph start", "Roe spoke after the debate.\n\n” … what I learned from listening to these families is that the words matter,” Jane Roe said.", "direct", "… what I learned from listening to these families is that the words matter", "said", "Jane Roe", "Jane Roe"},
		{"curly quotation nested in a curly one", "Roe spoke after the debate.\n\n“I would rather live in what he calls “hell” than live in a world where he is president,” Jane Roe said.", "direct", "I would rather live in what he calls “hell” than live in a world where he is president", "said", "Jane Roe", "Jane Roe"},
		{"chant in capitals", "Jane Roe took the stage at the rally.\n\n“USA! USA!” the crowd chanted.", "direct", "USA! USA!", "chanted", "the crowd", ""},
		{"lower-case description before the name", "Approval ratings matter too.\n\n“Elections are a choice about whether people want to stay the course,” political scientist Jane Roe told Bloomberg in late May.", "direct", "Elections are a choice about whether people want to stay the course", "told", "political scientist Jane Roe", "Jane Roe"},
		{"question then X asked reporters", `"You think I'm going to change?" Roe asked reporters rhetorically during a news conference.`, "direct", "You think I'm going to change?", "asked", "Roe", "Jane Roe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ents := []dossier.Entity{person(tt.text, "Jane Roe", "Jane Roe", "Roe")}
			qs := Extract(tt.text, ents)
			var got *dossier.Quote
			for i := range qs {
				if qs[i].Kind == tt.kind {
					got = &qs[i]
					break
				}
			}
			if got == nil {
				t.Fatalf("no %s quote in %q; got %+v", tt.kind, tt.text, qs)
			}
			if got.Text != tt.content || cueText(*got) != tt.cue || srcText(*got) != tt.src || got.Speaker != tt.speak {
				t.Errorf("got content %q cue %q source %q speaker %q\nwant content %q cue %q source %q speaker %q",
					got.Text, cueText(*got), srcText(*got), got.Speaker, tt.content, tt.cue, tt.src, tt.speak)
			}
			checkQuotes(t, tt.text, qs)
		})
	}
}

func TestSplitAndContinued(t *testing.T) {
	text := "“We agree,” he said, “and we will sign.”\n\n“It is a good day,” Roe added. “A very good day.”\n\n“First paragraph of a long quote.\n\n“Second paragraph of it,” said Roe."
	qs := Extract(text, []dossier.Entity{person(text, "Jane Roe", "Roe")})
	if len(qs) != 3 {
		t.Fatalf("got %d quotes, want 3: %+v", len(qs), qs)
	}
	for i, want := range []struct {
		parts int
		text  string
	}{{2, "We agree and we will sign."}, {2, "It is a good day A very good day."}, {2, "First paragraph of a long quote. Second paragraph of it"}} {
		if len(qs[i].Parts) != want.parts || qs[i].Text != want.text {
			t.Errorf("quote %d: %d parts %q, want %d parts %q", i, len(qs[i].Parts), qs[i].Text, want.parts, want.text)
		}
	}
	checkQuotes(t, text, qs)
}

func TestNextSentenceOfItsOwn(t *testing.T) {
	// The sentence after a quote is its attribution only when it is short
	// ("She said."); one with an object, a clause or a quote of its own
	// is not, and the quote continues the one before it.
	text := "“I disagree with the assertion,” Jane Roe said. “We feel good about the areas we are going to.” She noted a planned rally on Saturday in Sioux City.\n\n" +
		"“We are ready for the vote,” Roe said. “It will be close.” She added, “But we will win it.”"
	qs := Extract(text, []dossier.Entity{person(text, "Jane Roe", "Jane Roe", "Roe")})
	checkQuotes(t, text, qs)
	for _, q := range qs {
		if strings.HasPrefix(q.Text, "I disagree") || strings.HasPrefix(q.Text, "We are ready") {
			if q.Source == nil || !strings.Contains(q.Source.Text, "Roe") || len(q.Parts) != 2 {
				t.Errorf("%q: source %q with %d parts, want Roe's quote in 2 parts", q.Text, srcText(q), len(q.Parts))
			}
		}
	}
}

func TestNearestCueOwnsTheFragment(t *testing.T) {
	text := "After Trump argued that Medicare should not be cut, Roe said only that his “numbers don't add up.”\n\n" +
		"Roe said he believes the deal is “a total disaster” for the party."
	qs := Extract(text, []dossier.Entity{person(text, "Jane Roe", "Roe"), person(text, "Donald Trump", "Trump")})
	checkQuotes(t, text, qs)
	var srcs []string
	for _, q := range qs {
		if q.Kind == dossier.QuoteIndirect {
			srcs = append(srcs, srcText(q))
		}
	}
	if len(srcs) != 2 || srcs[0] != "Roe" || srcs[1] != "Roe" {
		t.Errorf("indirect sources %q, want [Roe Roe] (the cue nearest the quoted words; not the reported 'he believes')", srcs)
	}
}

func TestClaimClauseSubject(t *testing.T) {
	text := "He appeared rattled at the last debate when Clinton labelled his attack an “artful smear” of her fundraising."
	qs := Extract(text, []dossier.Entity{person(text, "Hillary Clinton", "Clinton")})
	checkQuotes(t, text, qs)
	if len(qs) == 0 || qs[0].Kind != dossier.QuoteIndirect || srcText(qs[0]) != "Clinton" || cueText(qs[0]) != "labelled" {
		t.Fatalf("got %+v, want an indirect quote by Clinton with the cue 'labelled'", qs)
	}
}

func TestParagraphWithItsOwnAttribution(t *testing.T) {
	// An unclosed paragraph runs on into the next one; when that one names
	// its speaker again ("he continued"), it is a quotation of its own.
	text := "“Trump says the things people want to say,” Roe said. “But presidents can’t just say anything.\n\n" +
		"“I'm not interested in being politically correct,” she continued. “We are going to have to work together.”"
	qs := Extract(text, []dossier.Entity{person(text, "Jane Roe", "Roe")})
	checkQuotes(t, text, qs)
	if len(qs) != 2 || srcText(qs[0]) != "Roe" || srcText(qs[1]) != "she" {
		t.Fatalf("got %+v, want two quotes, by Roe and by she", qs)
	}
}

func TestClaimWithClosingAttribution(t *testing.T) {
	text := `Gore tried to distance himself from Clinton, and in doing so he "made a strategic mistake," Roe said.`
	qs := Extract(text, []dossier.Entity{person(text, "Jane Roe", "Roe"), person(text, "Al Gore", "Gore")})
	checkQuotes(t, text, qs)
	for _, q := range qs {
		if srcText(q) != "Roe" || cueText(q) != "said" {
			t.Errorf("%s quote %q: source %q cue %q, want Roe and 'said' (the attribution closing the sentence)", q.Kind, q.Text, srcText(q), cueText(q))
		}
	}
}

func TestScareQuotesSkipped(t *testing.T) {
	text := `The so-called “reform” was debated on “Morning Joe” before the vote.`
	if qs := Extract(text, nil); len(qs) != 0 {
		t.Errorf("scare quotes and titles taken as quotations: %+v", qs)
	}
}

func TestDescriptionResolvesWithoutEntityMention(t *testing.T) {
	// The entity stage joined "Vladimir Putin" only; "the Russian leader"
	// resolves through the modifier before a mention.
	text := "Russian President Vladimir Putin arrived in Beijing.\n\n“We are ready,” said the Russian leader."
	qs := Extract(text, []dossier.Entity{person(text, "Vladimir Putin", "Vladimir Putin")})
	if len(qs) != 1 || qs[0].Speaker != "Vladimir Putin" {
		t.Fatalf("got %+v, want one quote by Vladimir Putin", qs)
	}
}

// checkQuotes verifies the invariants of every extraction.
func checkQuotes(t *testing.T, text string, qs []dossier.Quote) {
	t.Helper()
	utf := utf8.ValidString(text)
	valid := func(s, e int) bool {
		if s < 0 || s > e || e > len(text) {
			return false
		}
		// On valid UTF-8, spans never split a character.
		return !utf || (s == len(text) || utf8.RuneStart(text[s])) && (e == len(text) || utf8.RuneStart(text[e]))
	}
	for _, q := range qs {
		if !valid(q.Start, q.End) {
			t.Fatalf("quote span [%d,%d) invalid in %q", q.Start, q.End, text)
		}
		if len(q.Parts) == 0 && q.Text != text[q.Start:q.End] {
			t.Fatalf("quote text %q != text[%d:%d]", q.Text, q.Start, q.End)
		}
		for _, sp := range append(q.Parts, spans(q.Cue, q.Source)...) {
			if !valid(sp.Start, sp.End) || text[sp.Start:sp.End] != sp.Text {
				t.Fatalf("span %+v invalid in %q", sp, text)
			}
		}
		switch q.Kind {
		case dossier.QuoteDirect, dossier.QuotePartial, dossier.QuoteIndirect:
		default:
			t.Fatalf("unknown kind %q", q.Kind)
		}
	}
}

func spans(ss ...*dossier.Span) []dossier.Span {
	var out []dossier.Span
	for _, s := range ss {
		if s != nil {
			out = append(out, *s)
		}
	}
	return out
}

// seedText returns the seed article's body: the topic and title lines and
// the comment-form boilerplate at the end are dropped.
func seedText(t *testing.T) string {
	b, err := os.ReadFile(shareddata.Seed(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(b), "\n", 3)
	text := strings.TrimSpace(lines[len(lines)-1])
	if i := strings.Index(text, "\n\nLeave a Reply"); i >= 0 {
		text = text[:i]
	}
	return text
}

// seedEntities are hand-made entities standing in for the entity stage.
func seedEntities(text string) []dossier.Entity {
	putin := person(text, "Vladimir Putin", "Vladimir Putin", "Putin", "the Russian leader")
	putin.Roles = []string{"Russian President"}
	xi := person(text, "Xi Jinping", "Xi Jinping", "Xi", "the Chinese leader")
	return []dossier.Entity{putin, xi, person(text, "Yuri Ushakov", "Yuri Ushakov")}
}

func TestSeedAttribution(t *testing.T) {
	text := seedText(t)
	qs := Extract(text, seedEntities(text))
	checkQuotes(t, text, qs)
	want := []struct{ prefix, kind, cue, src, speaker string }{
		{"We believe it is necessary to work on building", "direct", "said", "the Russian leader", "Vladimir Putin"},
		{"China and Russia promote the emergence", "direct", "said", "he", "Xi Jinping"},
		{"In today’s world, the mentality", "direct", "stating", "Xi", "Xi Jinping"},
		{"The sustainable development", "direct", "concluded", "Xi Jinping", "Xi Jinping"},
		{"China and Russia firmly support", "direct", "said", "the Chinese leader", "Xi Jinping"},
		{"storms and changes in international dynamics", "partial", "said", "Xi Jinping", "Xi Jinping"},
		{"a model of mutual respect and cooperation", "partial", "said", "Xi Jinping", "Xi Jinping"},
		{"This document sets new major tasks", "direct", "said", "Putin", "Vladimir Putin"},
		{"the leading role of Russia and China", "", "", "", "Yuri Ushakov"},
	}
	for _, w := range want {
		var got *dossier.Quote
		for i := range qs {
			if strings.HasPrefix(qs[i].Text, w.prefix) {
				got = &qs[i]
				break
			}
		}
		if got == nil {
			t.Errorf("no quote starting %q", w.prefix)
			continue
		}
		if w.kind != "" && got.Kind != w.kind || w.cue != "" && cueText(*got) != w.cue || w.src != "" && srcText(*got) != w.src || got.Speaker != w.speaker {
			t.Errorf("%q: kind %s cue %q source %q speaker %q; want %s %q %q %q",
				w.prefix, got.Kind, cueText(*got), srcText(*got), got.Speaker, w.kind, w.cue, w.src, w.speaker)
		}
	}
	golden(t, filepath.Join("testdata", "seed.golden.json"), qs)
}

// golden compares v, as indented JSON, with a golden file, rewriting it
// under -update.
func golden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	goldenfile.Check(t, path, append(got, '\n'), *update)
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		`“A,” he said, “B.”`, "\"x\" said Y. \"", "“open\n\n“again", `X said that "a" b`, "according to", "\xff“\xff”",
		"Xi: Relations have withstood “storms and changes”.", `"",""" said`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ents := []dossier.Entity{person(text, "He", "he")}
		checkQuotes(t, text, Extract(text, ents))
	})
}

func TestPronounSkipsPeopleInsideQuotes(t *testing.T) {
	text := "Tom Wright spoke at the cathedral.\n\n“The evidence for Jesus is good,” he said."
	ents := []dossier.Entity{person(text, "Tom Wright", "Tom Wright"), person(text, "Jesus", "Jesus")}
	qs := Extract(text, ents)
	if len(qs) != 1 || qs[0].Speaker != "Tom Wright" {
		t.Fatalf("got %+v, want the quote by Tom Wright", qs)
	}
}

func TestPlacesAreNotSpeakers(t *testing.T) {
	text := "“We are ready for the storm,” a US-based insurance expert said."
	place := dossier.Entity{ID: "misc:us-based", Name: "US-based", Type: dossier.MISC,
		Mentions: []dossier.Span{{Start: strings.Index(text, "US-based"), End: strings.Index(text, "US-based") + len("US-based"), Text: "US-based"}}}
	qs := Extract(text, []dossier.Entity{place})
	if len(qs) != 1 || srcText(qs[0]) != "a US-based insurance expert" || qs[0].Speaker != "" {
		t.Fatalf("got %+v, want the expert as source and no speaker", qs)
	}
}

func TestPronounGender(t *testing.T) {
	text := "John Doe met Ms. Jane Roe on Monday.\n\n“We will win the vote,” he said.\n\n“We will see,” she replied."
	ents := []dossier.Entity{person(text, "John Doe", "John Doe"), person(text, "Jane Roe", "Jane Roe")}
	qs := Extract(text, ents)
	checkQuotes(t, text, qs)
	if len(qs) != 2 || qs[0].Speaker != "John Doe" || qs[1].Speaker != "Jane Roe" {
		t.Fatalf("got %+v, want 'he' resolved to John Doe and 'she' to Jane Roe (Ms.)", qs)
	}
}

func TestPronounGenderFromUsage(t *testing.T) {
	// No title: the article's own pronouns for Sam Roe tell the gender.
	text := "Sam Roe said she would vote early. Later, Alex Doe met Sam Roe.\n\n“It was a good meeting,” he said."
	ents := []dossier.Entity{person(text, "Sam Roe", "Sam Roe"), person(text, "Alex Doe", "Alex Doe")}
	qs := Extract(text, ents)
	checkQuotes(t, text, qs)
	var got string
	for _, q := range qs {
		if q.Kind == dossier.QuoteDirect {
			got = q.Speaker
		}
	}
	if got != "Alex Doe" {
		t.Fatalf("'he' resolved to %q, want Alex Doe (Sam Roe is 'she' in this article); quotes %+v", got, qs)
	}
}

// TestStandaloneDeterminerSource checks that a determiner standing for a
// person before a past speech verb ("Another tweeted", "One said") is the
// source of its own quotation rather than a noun ("another report") that
// lets the quotation run on from the previous speaker.
func TestStandaloneDeterminerSource(t *testing.T) {
	text := "Jane Roe tweeted, “We did the same last week at the debate.”\n\nAnother tweeted, “She thinks she is above the rules and the law.”\n\nOne said, “Nobody expected a turnout this large tonight.”"
	qs := Extract(text, []dossier.Entity{person(text, "Jane Roe", "Jane Roe")})
	want := []struct{ content, src string }{
		{"We did the same last week at the debate.", "Jane Roe"},
		{"She thinks she is above the rules and the law.", "Another"},
		{"Nobody expected a turnout this large tonight.", "One"},
	}
	if len(qs) != len(want) {
		t.Fatalf("got %d quotes, want %d: %+v", len(qs), len(want), qs)
	}
	for i, w := range want {
		if qs[i].Text != w.content || srcText(qs[i]) != w.src {
			t.Errorf("quote %d: got %q from %q, want %q from %q", i, qs[i].Text, srcText(qs[i]), w.content, w.src)
		}
	}
	checkQuotes(t, text, qs)
}

// TestNestedQuotationOfOtherStyle checks that curly quotation marks inside
// a straight-quoted statement nest in it instead of ending it, including
// a statement that runs on over paragraphs.
func TestNestedQuotationOfOtherStyle(t *testing.T) {
	text := "Jane Roe called for the impeachment of the attorney general.\n\nJane Roe stated:\n\n\"The department isn’t about “Equal Justice Under Law” anymore. It is about an extreme vision.\n\n\"The latest example of this overreach is the lawsuit against the state.\""
	qs := Extract(text, []dossier.Entity{person(text, "Jane Roe", "Jane Roe")})
	var direct []dossier.Quote
	for _, q := range qs {
		if q.Kind == dossier.QuoteDirect {
			direct = append(direct, q)
		}
	}
	want := "The department isn’t about “Equal Justice Under Law” anymore. It is about an extreme vision. The latest example of this overreach is the lawsuit against the state."
	if len(direct) != 1 || direct[0].Text != want || srcText(direct[0]) != "Jane Roe" {
		t.Fatalf("got direct quotes %+v\nwant one %q from Jane Roe", direct, want)
	}
	checkQuotes(t, text, qs)
}
