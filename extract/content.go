package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/dossier/dossier"
)

// Our own main-text finder: one pass over the (pre-cleaned) tree scores
// every element by the paragraph text below it, the article's container
// is found by descending from <body> while one child holds nearly all of
// that text, and its blocks are collected in reading order without the
// boilerplate subtrees. When the result is not clearly an article (see
// fastContent), the page goes to go-trafilatura instead.

// Thresholds of the fast path.
const (
	// paraMinText is the non-link text, in bytes, that a block needs to
	// count as a paragraph of running text when scoring containers.
	paraMinText = 40
	// linkParaMinText is the link text, in bytes, that makes a block
	// nearly all of whose text is a link count as a headline of a teaser.
	linkParaMinText = 15
	// descendShare is the share of its parent's paragraph text that a
	// child must hold for the container search to descend into it.
	descendShare = 0.80
	// fastMinText is the least paragraph text, in bytes, that the chosen
	// container must hold for the fast result to be trusted.
	fastMinText = 500
	// fastMinDensity is the least share of running text (paragraphs, see
	// paraMinText) in all the text of the chosen container for the fast
	// result to be trusted: a page's wrapper holds menus, labels and
	// lists beside the article.
	fastMinDensity = 0.5
	// fastMaxLinkShare is the largest share of link text among the
	// collected blocks for the fast result to be trusted.
	fastMaxLinkShare = 0.25
)

// contentScan holds, for the elements of one page, the paragraph text
// below each (in bytes, link text and boilerplate subtrees left out).
type contentScan struct {
	stats map[*html.Node]nodeStat
}

// nodeStat is what the scan finds below one block element.
type nodeStat struct {
	text      int  // paragraph text, in bytes
	all       int  // all text, in bytes
	paras     int  // paragraphs of running text
	linkParas int  // blocks that are nearly all link text
	teasers   bool // a list of teasers for other articles (see isTeaserList)
	wrapper   bool // named as boilerplate but holding much running text
}

func (a *nodeStat) add(b nodeStat) {
	a.text += b.text
	a.all += b.all
	a.paras += b.paras
	a.linkParas += b.linkParas
}

// mislabelledMinText and mislabelledMinParas are the running text (in
// bytes) and paragraphs above which a block named as boilerplate is taken
// to be a wrapper of the page.
const (
	mislabelledMinText  = 1500
	mislabelledMinParas = 4
)

// mislabelled reports whether a block named as boilerplate holds too
// much running text to be boilerplate.
func (st nodeStat) mislabelled() bool {
	return st.text >= mislabelledMinText && st.paras >= mislabelledMinParas
}

// isTeaserItem reports a block that looks like one teaser for another
// article: a link standing for a headline beside at most two short
// paragraphs.
func (st nodeStat) isTeaserItem() bool {
	return st.linkParas >= 1 && st.paras >= 1 && st.paras <= 2 && st.linkParas <= 2
}

// isTeaserList reports whether a block with text bytes of paragraph text,
// whose children include items teaser items holding itemText of it, is a
// list of teasers: two or more items hold at least half of its text.
func isTeaserList(items, itemText, text int) bool {
	return items >= 2 && itemText*2 >= text
}

// scanInline is what a block element gathers from its inline content.
type scanInline struct {
	text, links int
	punct       bool
}

// scan scores n's subtree and returns what it finds below n. inl
// collects the inline text of the block element n belongs to. Lists of
// teasers are marked and left out of the text of the blocks above them.
func (s *contentScan) scan(n *html.Node, inl *scanInline, inLink bool) nodeStat {
	var st nodeStat
	items, itemText := 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t := trimmedLen(c.Data)
			inl.text += t
			if inLink {
				inl.links += t
			} else if !inl.punct && hasSentencePunct(c.Data) {
				inl.punct = true
			}
		case html.ElementNode:
			if c.Data != "header" && skipTag(c) {
				continue
			}
			if !blockTags[c.Data] {
				cs := s.scan(c, inl, inLink || c.Data == "a")
				if cs != (nodeStat{}) {
					// Blocks inside an inline or unknown element (a form
					// or custom element around the page): the container
					// search descends through it.
					s.stats[c] = cs
				}
				st.add(cs)
				continue
			}
			named := nameKind(c)
			var own scanInline
			cs := s.scan(c, &own, false)
			cs.add(own.stat())
			if named != nameNeutral {
				// Boilerplate by name, unless it holds much running
				// text: some sites give the wrapper of everything such
				// a name.
				if named == nameComments || !cs.mislabelled() {
					continue
				}
				cs.wrapper = true
			}
			if cs.isTeaserItem() {
				items++
				itemText += cs.text
			}
			if c.Data == "header" {
				// A header's links count (teasers head their items
				// with one); its text is not running text.
				cs = nodeStat{linkParas: cs.linkParas}
			}
			if cs != (nodeStat{}) {
				s.stats[c] = cs
			}
			if !cs.teasers {
				st.add(cs)
			}
		}
	}
	if isTeaserList(items, itemText, st.text) {
		st.teasers = true
	}
	return st
}

// stat scores the inline text of one block: a paragraph of running text
// when it has enough text outside links and sentence punctuation, a link
// paragraph when it is nearly all link text.
func (in scanInline) stat() nodeStat {
	good := in.text - in.links
	switch {
	case good >= paraMinText && in.punct && in.links*2 < in.text:
		return nodeStat{text: good, all: in.text, paras: 1}
	case in.links >= linkParaMinText && in.links*10 >= in.text*8:
		return nodeStat{all: in.text, linkParas: 1}
	}
	return nodeStat{all: in.text}
}

// trimmedLen is the length of s without leading and trailing white space.
func trimmedLen(s string) int {
	i, j := 0, len(s)
	for i < j && isSpaceByte(s[i]) {
		i++
	}
	for j > i && isSpaceByte(s[j-1]) {
		j--
	}
	return j - i
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f'
}

// hasSentencePunct reports whether s holds sentence or clause
// punctuation (in Latin, CJK or Arabic script): running text has it,
// menus and headline teasers mostly do not.
func hasSentencePunct(s string) bool {
	if strings.ContainsAny(s, ".,;!?") {
		return true
	}
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	return strings.ContainsAny(s, "。、，！？،؛")
}

// skipTag reports elements that are never part of the main text by
// their tag or role: page chrome, forms, media and scripts.
func skipTag(n *html.Node) bool {
	switch n.Data {
	case "nav", "aside", "footer", "header", "menu", "button", "select", "form", "dialog", "figure",
		"script", "style", "noscript", "template", "svg", "iframe", "textarea", "input", "label":
		return n.Data != "form" || !formWrapsPage(n)
	}
	for _, a := range n.Attr {
		if a.Key == "role" && (strings.EqualFold(a.Val, "navigation") || strings.EqualFold(a.Val, "complementary")) {
			return true
		}
	}
	return false
}

// formWrapsPage reports a form directly below <body> or the page's
// wrappers: some sites put the whole page in one form.
func formWrapsPage(n *html.Node) bool {
	for p, i := n.Parent, 0; p != nil && i < 3; p, i = p.Parent, i+1 {
		if p.Type == html.ElementNode && p.Data == "body" {
			return true
		}
	}
	return false
}

// Words of class and id values (split at anything but letters and
// digits, lower case) that mark boilerplate: unlikelyPrefixes start such a
// word, unlikelyWords are one. A likely prefix among the words overrides
// them ("article-share" is skipped, "post-share-count" is not).
var (
	unlikelyPrefixes = []string{"comment", "disqus", "related", "share", "sharing", "social", "sidebar", "promo",
		"newsletter", "subscri", "cookie", "consent", "breadcrumb", "menu", "navbar", "navigation", "footer",
		"masthead", "popup", "modal", "sponsor", "recommend", "outbrain", "taboola", "pagination", "banner",
		"advert", "signup", "toolbar", "byline", "trending", "gallery", "caption", "readmore", "morestories",
		"author", "image", "photo", "img", "media"}
	unlikelyWords = []string{"nav", "ad", "ads", "pager", "hidden", "tags", "popular", "excerpt", "teaser", "bio",
		"reply", "replies", "respond", "zergnet", "revcontent", "mgid", "paywall"}
	likelyPrefixes = []string{"article", "content", "body", "main", "story", "post", "entry", "text", "column"}
)

// Kinds of names returned by nameKind.
const (
	nameNeutral     = iota
	nameBoilerplate // a name of boilerplate (see unlikelyPrefixes)
	nameComments    // a name of the readers' comments: never a wrapper of the page
)

// boilerplateName reports whether n's class or id names boilerplate.
func boilerplateName(n *html.Node) bool {
	return nameKind(n) != nameNeutral
}

// nameKind classifies n's class and id.
func nameKind(n *html.Node) int {
	if n.Data == "body" || n.Data == "html" {
		return nameNeutral
	}
	hit, likely, comments := false, false, false
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for v := a.Val; v != ""; {
			w, rest := nextNameWord(v)
			v = rest
			if w == "" {
				continue
			}
			if !hit && (isUnlikelyWord(w) || hasAnyPrefixLower(w, unlikelyPrefixes)) {
				hit = true
			}
			if !likely && hasAnyPrefixLower(w, likelyPrefixes) {
				likely = true
			}
			if !comments && (hasPrefixLower(w, "comment") || hasPrefixLower(w, "disqus")) {
				comments = true
			}
		}
	}
	switch {
	case !hit || likely:
		return nameNeutral
	case comments:
		return nameComments
	}
	return nameBoilerplate
}

// nextNameWord returns the first word of a class or id value (a run of
// ASCII letters and digits) and the rest of the value after it.
func nextNameWord(s string) (word, rest string) {
	i := 0
	for i < len(s) && !isAlnum(s[i]) {
		i++
	}
	j := i
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	return s[i:j], s[j:]
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isUnlikelyWord reports whether w (any case) is one of unlikelyWords.
func isUnlikelyWord(w string) bool {
	for _, u := range unlikelyWords {
		if len(u) == len(w) && hasPrefixLower(w, u) {
			return true
		}
	}
	return false
}

func hasAnyPrefixLower(w string, prefixes []string) bool {
	for _, p := range prefixes {
		if hasPrefixLower(w, p) {
			return true
		}
	}
	return false
}

// fastResult is the outcome of the fast path on one page.
type fastResult struct {
	blocks  []block
	trusted bool
	reason  string     // why the result is not trusted, for reports
	root    *html.Node // the container found, for reports
	density float64    // the share of running text in the container's text
}

// fastContent finds the main text of a pre-cleaned page without the
// extraction library, and says whether the result can be trusted: a
// container below <body> must be found, hold fastMinText bytes of running
// text, and running text must be fastMinDensity of its text (fastArticle
// then checks the share of link text in what the filters keep).
func fastContent(doc *html.Node) fastResult {
	body := findElement(doc, "body", 1)
	if body == nil {
		return fastResult{reason: "no body"}
	}
	s := contentScan{stats: make(map[*html.Node]nodeStat, 256)}
	var inl scanInline
	all := s.scan(body, &inl, false)
	all.add(inl.stat())
	s.stats[body] = all
	total := all.text
	if total < fastMinText {
		return fastResult{reason: "little text"}
	}
	root := body
	for {
		var best *html.Node
		bestText := 0
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			if t := s.stats[c].text; t > bestText {
				best, bestText = c, t
			}
		}
		if best == nil || float64(bestText) < descendShare*float64(s.stats[root].text) {
			break
		}
		root = best
	}
	rootText := s.stats[root].text
	bs := s.blocks(root)
	res := fastResult{blocks: bs, root: root, density: float64(rootText) / float64(max(1, s.stats[root].all))}
	switch {
	case res.density < fastMinDensity:
		res.reason = "low density"
	case rootText < fastMinText:
		res.reason = "small container"
	case root == body:
		res.reason = "no container"
	case s.stats[root].teasers:
		res.reason = "teasers"
	default:
		res.trusted = true
	}
	return res
}

// linkShare is the share of link text in blocks.
func linkShare(bs []block) float64 {
	var links, all int
	for _, b := range bs {
		links += b.linkChars
		all += len(b.text)
	}
	if all == 0 {
		return 1
	}
	return float64(links) / float64(all)
}

// blocks collects the blocks below root in reading order, leaving out
// boilerplate subtrees and lists of teasers.
func (s *contentScan) blocks(root *html.Node) []block {
	return blocksPruned(root, func(n *html.Node) bool {
		if n == root || n.Type != html.ElementNode {
			return false
		}
		if skipTag(n) {
			return true
		}
		st := s.stats[n]
		return st.teasers || !st.wrapper && boilerplateName(n)
	})
}

// Engines for the main text; tests switch between them to measure each.
const (
	engineAuto    = iota // the fast path when it trusts its result, else the library
	engineLibrary        // always go-trafilatura (the path before the fast one)
	engineFast           // always the fast path
)

// engine is the main-text engine in use; only tests change it (it is
// read without locking).
var engine = engineAuto

// fastHook, when set (by tests only: it is read without locking), is
// given every fast-path outcome.
var fastHook func(fastResult)

// fastArticle builds the article from the fast path's result and the
// page's own metadata. It reports false, unless force is set, when the
// result is not to be trusted: the container was unclear or the
// paragraphs kept are mostly link text.
func fastArticle(doc *html.Node, pm pageMeta, pageURL string, fr *fastResult, force bool) (dossier.Article, bool, error) {
	if !fr.trusted && !force {
		return dossier.Article{}, false, nil
	}
	art := articleMeta(pm, trafilatura.Metadata{Author: pm.authorGuess()}, doc, pageURL)
	if art.Title == "" {
		art.Title = stripSite(pm.h1, art.Site, hostOf(firstOf(pageURL, art.URL)))
	}
	bs := trimTail(filterBlocks(fr.blocks, art.Title, art.Description, art.Byline))
	if fr.trusted {
		switch {
		case linkShare(bs) > fastMaxLinkShare:
			fr.trusted, fr.reason = false, "link dense"
		case !agreesWithDeclaredBody(bs, pm):
			fr.trusted, fr.reason = false, "not the declared body"
		}
		if !fr.trusted && !force {
			return dossier.Article{}, false, nil
		}
	}
	bs = chooseBlocks(bs, pm, doc, libraryOptions(pageURL), art.Title, art.Description, art.Byline)
	setParagraphs(&art, bs)
	if art.Language == "" {
		art.Language = detectLanguage(art.Text)
	}
	if art.Text == "" && art.Title == "" {
		return art, true, dossier.Errorf(dossier.EINVALID, "no article text or title found")
	}
	return art, true, nil
}

// ldSamples is the number of word 4-grams of the page's JSON-LD
// articleBody looked for in the fast path's text, and ldMinFound the share
// of them it must hold, when the page declares a body of at least minText
// characters.
const (
	ldSamples  = 16
	ldMinFound = 0.5
)

// agreesWithDeclaredBody reports whether blocks hold most of the
// article body that the page declares in JSON-LD, if it declares one: a
// check that the container found is the article. It looks for 4-grams
// of words spread evenly over the declared body.
func agreesWithDeclaredBody(bs []block, pm pageMeta) bool {
	ld := ldBodyBlocks(pm)
	if textRunes(ld) < minText {
		return true
	}
	want := Tokens(joinBlocks(ld))
	text := " " + strings.Join(Tokens(joinBlocks(bs)), " ") + " "
	n := min(ldSamples, len(want)-ShingleSize+1)
	found := 0
	for i := range n {
		at := i * (len(want) - ShingleSize) / max(1, n-1)
		if strings.Contains(text, " "+strings.Join(want[at:at+ShingleSize], " ")+" ") {
			found++
		}
	}
	return float64(found) >= ldMinFound*float64(n)
}

// joinBlocks joins the texts of blocks with line breaks.
func joinBlocks(bs []block) string {
	var sb strings.Builder
	for _, b := range bs {
		sb.WriteString(b.text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// languageSample is the most text, in bytes, read to guess a page's
// language when it declares none.
const languageSample = 1024

// detectLanguage guesses the ISO 639-1 language of text from its start.
func detectLanguage(text string) string {
	if len(text) > languageSample {
		cut := languageSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return isoLanguage(whatlanggo.DetectLang(text).Iso6391())
}

// trimTail drops from the end of the text the blocks that cannot end an
// article: a heading (it would introduce text that is not there) and
// short blocks that are nearly all link text ("Report error", "More").
func trimTail(bs []block) []block {
	for len(bs) > 0 {
		b := bs[len(bs)-1]
		if !b.heading && !(linkDense(b) && len(b.text) < 200) {
			break
		}
		bs = bs[:len(bs)-1]
	}
	return bs
}
