// Package gazetteer knows countries, their capitals and demonyms, first-level
// regions and cities, compiled from the shared gazetteers (mledoze/countries,
// ODbL, and GeoNames cities, CC-BY-4.0) into a compact embedded file.
//
// It serves two needs: phrase membership for the named-entity model's
// features, and place resolution (name to country code, region and
// coordinates) for entity resolution. The embedded file is rebuilt by
// `make model` with the generator in internal/gen.
package gazetteer
