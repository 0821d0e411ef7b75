package extract

import (
	"regexp"
	"strings"
)

// Site boilerplate that scrapers copy along with an article: comment forms,
// share, subscribe and follow lines, related-post lists, tag lines and
// copyright notices. The rules are general patterns of such lines, applied
// only to short paragraphs, so a sentence that merely mentions sharing or
// subscribing is kept.

// maxBoilerplateLen is the longest paragraph a boilerplate line may be.
const maxBoilerplateLen = 160

// commentMarker matches the line that starts a comment section: it and
// everything after it is dropped once the article has some text before it.
var commentMarker = regexp.MustCompile(`(?i)^(leave a (reply|comment)|post a comment|add (a|your) comment|\d+ (comments?|responses?|replies)|comments?( \(\d+\))?|join the (discussion|conversation)|what do you think)\s*[:.!?]?$`)

// cutMarker matches a line that starts other trailing site furniture
// (related posts, recommendations): it and everything after it is dropped
// when it stands in the second half of the article, since such boxes also
// appear inside articles.
var cutMarker = regexp.MustCompile(`(?i)^(related (posts?|articles?|stories|content|reading|news)|more (stories|articles|news) (from|like this|on)|you (may|might) also (like|enjoy|be interested in)|recommended (for you|stories|articles)|popular (posts|stories)|most (read|popular)|trending( now)?|about the author|share this( article| post| story)?)\s*[:.!]?$`)

// lineBoilerplate matches one short line of boilerplate wherever it stands
// at the end of the article.
var lineBoilerplate = []*regexp.Regexp{
	regexp.MustCompile(`(?i)your email address will not be published`),
	regexp.MustCompile(`(?i)required fields are marked`),
	regexp.MustCompile(`(?i)^(cancel reply|post comment|submit comment|notify me of (new|follow-up) (comments|posts).*|save my name, email.*)$`),
	regexp.MustCompile(`(?i)^(share|tweet|pin|email|print|like)( (this|it|on|via|with)\b.*)?[:!.]?$`),
	regexp.MustCompile(`(?i)^(share|click) (on|to share on) (facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|email)\b`),
	regexp.MustCompile(`(?i)^(facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|email|print|copy link)([ ,|/•·]+(facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|email|print|copy link))*$`),
	regexp.MustCompile(`(?i)^(subscribe|sign up|signup|register)\b.{0,80}(newsletter|updates|inbox|channel|free|now|today|here|to our)`),
	regexp.MustCompile(`(?i)^subscribe( now| today| here)?[!.]?$`),
	regexp.MustCompile(`(?i)^follow (us|me|our\b.{0,30})( on\b.*)?[!.]?$`),
	regexp.MustCompile(`(?i)^follow\b.{0,40} on (twitter|facebook|instagram|x|linkedin|telegram|youtube|tiktok|bluesky|threads)\b`),
	regexp.MustCompile(`(?i)^(tags?|categories|category|filed under|posted in|topics?)\s*:`),
	regexp.MustCompile(`(?i)^(©|\(c\)\s|copyright\b)`),
	regexp.MustCompile(`(?i)all rights reserved\.?$`),
	regexp.MustCompile(`(?i)^(advertisement|sponsored( content)?|ad)$`),
	regexp.MustCompile(`(?i)^(click here|read more|continue reading|read the full (story|article)|(read|see) also)\b.{0,60}$`),
	regexp.MustCompile(`(?i)^(previous|next) (post|article|story)\b`),
}

// IsBoilerplate reports whether paragraph p is a line of site furniture.
func IsBoilerplate(p string) bool {
	p = strings.TrimSpace(p)
	if len(p) > maxBoilerplateLen {
		return false
	}
	if cutMarker.MatchString(p) || commentMarker.MatchString(p) {
		return true
	}
	for _, re := range lineBoilerplate {
		if re.MatchString(p) {
			return true
		}
	}
	return false
}

// dropBoilerplate removes the trailing site furniture of an article: from
// a comment-section marker after at least 120 bytes of text, or another
// cut marker in its second half, to the end; then any boilerplate lines
// left at the end.
func dropBoilerplate(paras []string) []string {
	before := 0
	for i, p := range paras {
		if i > 0 && before >= 120 && len(p) <= maxBoilerplateLen && commentMarker.MatchString(p) {
			paras = paras[:i]
			break
		}
		before += len(p)
	}
	for i := max(1, len(paras)/2); i < len(paras); i++ {
		if len(paras[i]) <= maxBoilerplateLen && cutMarker.MatchString(paras[i]) {
			paras = paras[:i]
			break
		}
	}
	for len(paras) > 0 && IsBoilerplate(paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	return paras
}
