package dedup

// stopwords are frequent English words that say nothing about a story.
var stopwords = map[uint64]bool{} // keyed by fnv64a of the word

func init() {
	for _, w := range []string{
		"the", "and", "for", "that", "with", "was", "are", "not", "but", "had", "has", "have", "his", "her",
		"its", "their", "they", "this", "these", "those", "from", "will", "would", "could", "should", "been",
		"were", "which", "who", "whom", "what", "when", "where", "why", "how", "all", "any", "each", "more",
		"most", "other", "some", "such", "than", "too", "very", "can", "just", "also", "into", "over", "after",
		"before", "about", "said", "says", "say", "one", "two", "three", "there", "here", "our", "out", "new",
		"now", "only", "then", "them", "him", "she", "you", "your", "may", "might", "must", "did", "does",
		"doing", "being", "because", "while", "during", "under", "again", "further", "both", "few", "own",
		"same", "off", "once", "between", "through", "against", "above", "below", "down", "until", "per",
		"year", "years", "last", "first", "told", "make", "made", "like", "still", "even", "much", "many",
		"well", "way", "take", "get", "got", "going", "back", "time", "people", "added", "next", "week",
		"month", "months", "day", "days", "since", "including", "already", "however", "there", "where",
		"what", "mr", "mrs", "ms", "yet", "whether", "own", "use", "used", "see", "set", "put", "come",
		"came", "want", "wanted", "know", "think", "good", "best", "big", "part", "end", "long", "around",
	} {
		stopwords[fnv64a(w)] = true
	}
}
