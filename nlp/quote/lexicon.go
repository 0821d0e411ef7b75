package quote

import (
	"strings"

	"github.com/dossier/dossier/nlp/token"
)

// cueVerbs are speech and attribution verbs in all their inflections. The
// value is the verb's lemma.
var cueVerbs = map[string]string{}

func init() {
	for _, forms := range [][]string{
		{"say", "says", "said", "saying"},
		{"tell", "tells", "told", "telling"},
		{"add", "adds", "added", "adding"},
		{"state", "states", "stated", "stating"},
		{"conclude", "concludes", "concluded", "concluding"},
		{"write", "writes", "wrote", "writing"},
		{"tweet", "tweets", "tweeted", "tweeting"},
		{"ask", "asks", "asked", "asking"},
		{"continue", "continues", "continued", "continuing"},
		{"note", "notes", "noted", "noting"},
		{"explain", "explains", "explained", "explaining"},
		{"respond", "responds", "responded", "responding"},
		{"reply", "replies", "replied", "replying"},
		{"declare", "declares", "declared", "declaring"},
		{"argue", "argues", "argued", "arguing"},
		{"insist", "insists", "insisted", "insisting"},
		{"warn", "warns", "warned", "warning"},
		{"admit", "admits", "admitted", "admitting"},
		{"suggest", "suggests", "suggested", "suggesting"},
		{"recall", "recalls", "recalled", "recalling"},
		{"claim", "claims", "claimed", "claiming"},
		{"shout", "shouts", "shouted", "shouting"},
		{"vow", "vows", "vowed", "vowing"},
		{"announce", "announces", "announced", "announcing"},
		{"acknowledge", "acknowledges", "acknowledged", "acknowledging"},
		{"remark", "remarks", "remarked", "remarking"},
		{"assure", "assures", "assured", "assuring"},
		{"promise", "promises", "promised", "promising"},
		{"urge", "urges", "urged", "urging"},
		{"joke", "jokes", "joked", "joking"},
		{"quip", "quips", "quipped", "quipping"},
		{"answer", "answers", "answered", "answering"},
		{"yell", "yells", "yelled", "yelling"},
		{"lament", "laments", "lamented", "lamenting"},
		{"emphasize", "emphasizes", "emphasized", "emphasizing"},
		{"emphasise", "emphasises", "emphasised", "emphasising"},
		{"stress", "stresses", "stressed", "stressing"},
		{"boast", "boasts", "boasted", "boasting"},
		{"observe", "observes", "observed", "observing"},
		{"predict", "predicts", "predicted", "predicting"},
		{"concede", "concedes", "conceded", "conceding"},
		{"counter", "counters", "countered", "countering"},
		{"complain", "complains", "complained", "complaining"},
		{"caution", "cautions", "cautioned", "cautioning"},
		{"maintain", "maintains", "maintained", "maintaining"},
		{"contend", "contends", "contended", "contending"},
		{"allege", "alleges", "alleged", "alleging"},
		{"reiterate", "reiterates", "reiterated", "reiterating"},
		{"recount", "recounts", "recounted", "recounting"},
		{"testify", "testifies", "testified", "testifying"},
		{"confirm", "confirms", "confirmed", "confirming"},
		{"deny", "denies", "denied", "denying"},
		{"exclaim", "exclaims", "exclaimed", "exclaiming"},
		{"mutter", "mutters", "muttered", "muttering"},
		{"whisper", "whispers", "whispered", "whispering"},
		{"scream", "screams", "screamed", "screaming"},
		{"chant", "chants", "chanted", "chanting"},
		{"pledge", "pledges", "pledged", "pledging"},
		{"report", "reports", "reported", "reporting"},
		{"post", "posts", "posted"},
		{"mused", "muses", "mused", "musing"},
		{"reflect", "reflects", "reflected", "reflecting"},
		{"demand", "demands", "demanded", "demanding"},
		{"tout", "touts", "touted", "touting"},
		{"thunder", "thunders", "thundered"},
		{"snap", "snaps", "snapped"},
		{"fume", "fumes", "fumed"},
		{"retort", "retorts", "retorted"},
		{"interject", "interjects", "interjected"},
		{"begin", "begins", "began"},
		{"read", "reads"},
		{"describe", "describes", "described", "describing"},
		{"call", "calls", "called", "calling"},
		{"predict", "predicts", "predicted"},
		{"proclaim", "proclaims", "proclaimed", "proclaiming"},
		{"plead", "pleads", "pleaded", "pleading"},
		{"add", "adds", "added", "adding"},
		{"announce", "announces", "announced"},
		{"believe", "believes", "believed"},
		{"think", "thinks", "thought"},
		{"hint", "hints", "hinted"},
		{"concur", "concurs", "concurred"},
		{"wonder", "wonders", "wondered", "wondering"},
		{"mock", "mocks", "mocked", "mocking"},
		{"blast", "blasts", "blasted"},
		{"accuse", "accuses", "accused", "accusing"},
		{"echo", "echoes", "echoed"},
		{"charge", "charges", "charged"},
		{"bark", "barks", "barked"},
		{"riff", "riffs", "riffed"},
		{"boom", "booms", "boomed"},
		{"react", "reacts", "reacted"},
		{"remember", "remembers", "remembered"},
		{"confess", "confesses", "confessed"},
		{"opine", "opines", "opined"},
		{"gush", "gushes", "gushed"},
		{"scoff", "scoffs", "scoffed"},
		{"sing", "sings", "sang"},
		{"exhort", "exhorts", "exhorted"},
		{"praise", "praises", "praised", "praising"},
	} {
		for _, f := range forms {
			cueVerbs[f] = forms[0]
		}
	}
}

// weakCues are verbs that attribute speech only next to a quotation, never
// to introduce indirect speech on their own ("called", "read").
var weakCues = map[string]bool{
	"call": true, "describe": true, "read": true, "begin": true, "post": true, "believe": true,
	"think": true, "wonder": true, "mock": true, "blast": true, "accuse": true, "ask": true,
	"continue": true, "report": true, "urge": true, "demand": true, "hint": true, "tout": true,
	"plead": true, "reflect": true, "answer": true, "counter": true, "stress": true, "emphasize": true,
	"emphasise": true, "promise": true, "pledge": true, "vow": true, "caution": true, "chant": true,
	"echo": true, "charge": true, "bark": true, "riff": true, "boom": true, "react": true,
	"remember": true, "confess": true, "opine": true, "gush": true, "scoff": true, "sing": true,
	"exhort": true, "praise": true,
}

// indirectCues introduce reported speech ("said that ...").
var indirectCues = map[string]bool{
	"say": true, "tell": true, "add": true, "state": true, "conclude": true, "write": true,
	"note": true, "explain": true, "declare": true, "argue": true, "insist": true, "warn": true,
	"admit": true, "suggest": true, "claim": true, "announce": true, "acknowledge": true,
	"assure": true, "predict": true, "concede": true, "maintain": true, "contend": true, "allege": true,
	"confirm": true, "deny": true, "testify": true, "recall": true, "reiterate": true, "observe": true,
	"respond": true, "reply": true, "complain": true, "tweet": true, "remark": true, "promise": true,
	"pledge": true, "vow": true, "caution": true, "stress": true, "emphasize": true, "emphasise": true,
	"boast": true, "believe": true, "think": true,
}

// adverbs may stand between a source and its cue ("he also said").
var adverbs = map[string]bool{
	"also": true, "later": true, "then": true, "has": true, "had": true, "have": true, "recently": true,
	"previously": true, "once": true, "reportedly": true, "further": true, "again": true, "simply": true,
	"just": true, "repeatedly": true, "publicly": true, "often": true, "would": true, "will": true,
	"could": true, "earlier": true, "since": true, "flatly": true, "frequently": true, "privately": true,
	"bluntly": true, "told": false, "famously": true, "quickly": true, "angrily": true, "proudly": true,
	"firmly": true, "calmly": true, "softly": true, "cheerfully": true, "immediately": true, "finally": true,
	"jokingly": true, "subsequently": true, "already": true, "personally": true, "explicitly": true,
	"sarcastically": true, "openly": true, "once again": true, "even": true, "only": true, "may": true,
	"might": true, "should": true, "did": true, "does": true, "is": true, "was": true, "were": true,
	"are": true, "been": true, "be": true, "not": true, "never": true, "succinctly": true, "memorably": true,
	"tersely": true, "pointedly": true, "emphatically": true, "approvingly": true, "now": true,
}

// pronouns that can be a quote's source, with their gender ("m", "f", "n"
// for plural or unknown).
var pronouns = map[string]string{
	"he": "m", "she": "f", "they": "n", "we": "n", "i": "n", "it": "n", "you": "n",
	"him": "m", "her": "f", "them": "n",
}

// determiners open a noun phrase.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "your": true, "this": true, "that": true, "these": true, "those": true,
	"one": true, "another": true, "some": true, "several": true, "many": true, "two": true,
	"three": true, "both": true, "all": true, "each": true, "no": true,
}

// stopWords end a noun phrase when scanning for a source.
var stopWords = map[string]bool{
	"in": true, "on": true, "at": true, "who": true, "which": true, "during": true, "to": true,
	"about": true, "after": true, "before": true, "when": true, "while": true, "as": true,
	"and": true, "but": true, "or": true, "that": true, "because": true, "if": true, "with": true,
	"from": true, "by": true, "into": true, "than": true, "where": true, "whose": true, "via": true,
	"last": true, "this": true, "on-air": true, "told": true, "so": true, "yet": true, "though": true,
	"although": true, "since": true, "until": true, "over": true, "under": true, "through": true,
	"is": true, "was": true, "are": true, "were": true, "has": true, "had": true, "have": true,
	"will": true, "would": true, "can": true, "could": true, "should": true, "may": true, "might": true,
	"not": true, "also": true, "then": true, "there": true, "here": true, "it": false, "what": true,
	"how": true, "why": true, "however": true, "of": false, "for": false,
}

// timeWords follow a cue without being its source ("said Tuesday").
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "today": true, "yesterday": true, "tonight": true,
	"recently": true, "later": true, "earlier": true, "afterward": true, "afterwards": true,
	"night": true, "morning": true, "afternoon": true, "evening": true, "hours": true, "week": true,
	"weekend": true, "days": true, "minutes": true,
	"previously": true, "again": true, "then": true, "now": true, "once": true, "also": true,
}

// isCue returns the lemma of a cue word, or "".
func isCue(lower string) string { return cueVerbs[lower] }

// CueLemma returns the lemma of a cue's text when it is a speech verb form
// ("said" → "say", "according to"), or "" when it is not (a verb taken as
// the cue of a sentence quoting a fragment, a colon).
func CueLemma(cue string) string {
	l := lower(strings.Join(strings.Fields(cue), " "))
	if l == "according to" {
		return l
	}
	if i := strings.IndexByte(l, ' '); i >= 0 {
		l = l[:i]
	}
	return cueVerbs[l]
}

// roleNouns name people by role; used to resolve a source like "the
// Russian leader" to a person when the entity stage has not joined it.
var roleNouns = map[string]bool{
	"leader": true, "president": true, "minister": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "official": true, "officials": true, "chief": true, "adviser": true,
	"advisor": true, "aide": true, "assistant": true, "secretary": true, "senator": true,
	"governor": true, "mayor": true, "chairman": true, "chairwoman": true, "director": true,
	"candidate": true, "nominee": true, "premier": true, "chancellor": true, "ambassador": true,
	"envoy": true, "general": true, "commander": true, "king": true, "queen": true, "prince": true,
	"lawmaker": true, "congressman": true, "congresswoman": true, "representative": true,
	"executive": true, "founder": true, "head": true, "manager": true, "strategist": true,
	"analyst": true, "professor": true, "expert": true, "economist": true, "lawyer": true,
	"attorney": true, "judge": true, "prosecutor": true, "businessman": true, "billionaire": true,
}

func lower(s string) string { return token.Lower(s) }
