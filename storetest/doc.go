// Package storetest is the contract test suite that every dossier.Store
// implementation must pass: storage semantics (new, unchanged, updated,
// duplicate), exact round trips, the error contract, the search language,
// ranking, snippets, and the entity and quote listings.
//
// An implementation's tests call Run with a function that opens a fresh,
// empty store.
package storetest
