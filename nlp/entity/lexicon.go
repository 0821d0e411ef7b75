package entity

// roleNouns name people by office or occupation. A title before a name or
// a description must contain one.
var roleNouns = set(
	"leader", "president", "premier", "minister", "chancellor", "secretary", "spokesman",
	"spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "chief", "executive",
	"director", "head", "boss", "manager", "coach", "captain", "ambassador", "envoy", "governor",
	"mayor", "senator", "king", "queen", "prince", "princess", "commander", "official",
	"aide", "adviser", "advisor", "assistant", "counsellor", "analyst", "economist", "founder",
	"editor", "judge", "lawyer", "attorney", "prosecutor", "striker", "midfielder", "defender",
	"goalkeeper", "keeper", "winger", "singer", "actor", "actress", "star", "producer", "author",
	"writer", "correspondent", "reporter", "mp", "mep", "tsar", "pope", "emperor", "dictator",
	"president-elect", "vice-president", "chief-executive", "ceo", "cfo", "chancellor", "deputy",
	"spokesperson", "professor", "expert", "businessman", "businesswoman", "billionaire",
	"congressman", "congresswoman", "lawmaker", "candidate", "nominee", "strategist", "officer",
	"inspector", "superintendent", "commissioner", "player", "champion", "boxer", "golfer",
	"batsman", "bowler", "sprinter", "athlete", "musician", "rapper", "comedian", "presenter",
	"host", "designer", "architect", "scientist", "researcher", "doctor", "surgeon", "bishop",
	"archbishop", "cardinal", "monarch", "sultan", "sheikh", "colonel", "major", "lieutenant",
	"sergeant", "admiral", "marshal", "partner", "chairperson", "president's", "secretary-general",
	"director-general", "frontman", "guitarist", "drummer", "novelist", "poet", "filmmaker",
	"playwright", "composer", "photographer", "chef", "coordinator", "organiser", "organizer",
	"campaigner", "activist", "film-maker", "dancer", "model", "presenter", "broadcaster",
	"journalist", "columnist", "commentator", "pundit", "consultant", "investor", "entrepreneur",
	"owner", "chairman-elect", "vice-chairman", "treasurer", "whip", "speaker", "spokesman",
)

// titleModifiers may stand inside a title before a name ("former
// Foreign Secretary Jack Straw").
var titleModifiers = set(
	"former", "deputy", "vice", "acting", "foreign", "prime", "chief", "executive", "finance",
	"defence", "defense", "home", "interior", "shadow", "senior", "top", "new", "then", "state",
	"general", "trade", "health", "education", "culture", "sports", "sport", "media", "culture",
	"transport", "environment", "justice", "economy", "economic", "industry", "energy", "labour",
	"opposition", "party", "team", "club", "national", "international", "policy", "chancellor",
	"manchester", "managing", "technical", "creative", "communications", "press", "security",
	"world", "european", "olympic", "marketing", "financial", "operating", "technology",
)

// honorifics before a name are dropped from it for matching ("Mr Blair").
var honorifics = set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss", "mx", "sir", "dame", "lord", "lady", "prof", "prof.")

// determiners open a description ("the Russian leader", "his assistant").
var determiners = set("the", "his", "her", "its", "their", "a", "an")

// possessives open a description tied to the last person ("his
// assistant").
var possessives = set("his", "her")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// leadIns are words the model sometimes takes into a person's name at the
// start of a sentence ("Rival Sony", "Veteran John Smith").
var leadIns = set("rival", "fellow", "veteran", "compatriot", "teammate", "team-mate", "defending",
	"legendary", "young", "teenager", "teen", "british", "american", "ex", "ex-", "holder", "title-holder")

// royal titles stay in a name: "Prince Charles" is not "Charles".
var royal = set("prince", "princess", "king", "queen", "pope", "emperor", "empress", "sultan", "sheikh", "tsar")

// placeNouns end place names that are also used without them
// ("Guantanamo Bay", "Guantanamo").
var placeNouns = set("bay", "city", "island", "islands", "river", "county", "province", "state", "region",
	"district", "valley", "lake", "peninsula", "strait", "gulf", "dc", "d.c.", "harbour", "harbor")
