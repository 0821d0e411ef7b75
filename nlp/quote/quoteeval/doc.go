// Package quoteeval measures quotation detection and attribution against
// PolNeAR, the Political News Attribution Relations corpus, in the JSON
// Lines form kept in ../shared/data/quotes-polnear (see SOURCE.md there).
//
// Gold quotations are the attributions of each article's first annotation
// set whose content holds a double quotation mark (direct_quote). Predicted
// quotations are the direct and partial quotes of quote.Extract plus its
// indirect quotes whose content holds a quotation mark; a prediction lying
// inside another prediction (a partial quote within an indirect one) is
// folded into the outer one and not counted.
//
// A gold quotation is found when a prediction covers at least half of it:
// |pred ∩ gold| / |gold| ≥ 0.5, counted in bytes over the (possibly
// discontinuous) content spans. Predictions and gold quotations are matched
// one to one, greedily by that ratio. A stricter figure also requires the
// overlap to be at least half of the prediction. Source accuracy is over
// found quotations whose gold attribution has a source: the predicted source
// span must overlap the gold source span (pronouns are not resolved by the
// annotation, so "he" is right when the spans overlap).
package quoteeval
