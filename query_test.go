package dossier

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func word(s string) Clause { return Clause{{Text: s}} }

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want Query
	}{
		{"", Query{}},
		{"   ", Query{}},
		{"putin china", Query{Must: []Clause{word("putin"), word("china")}}},
		{`"xi jinping" summit`, Query{Must: []Clause{{{Text: "xi jinping", Phrase: true}}, word("summit")}}},
		{`“xi jinping”`, Query{Must: []Clause{{{Text: "xi jinping", Phrase: true}}}}},
		{"putin OR xi china", Query{Must: []Clause{{{Text: "putin"}, {Text: "xi"}}, word("china")}}},
		{"a OR b OR c", Query{Must: []Clause{{{Text: "a"}, {Text: "b"}, {Text: "c"}}}}},
		{"cats or dogs", Query{Must: []Clause{word("cats"), word("or"), word("dogs")}}},
		{`putin -ukraine -"red carpet"`, Query{
			Must:    []Clause{word("putin")},
			Exclude: []Term{{Text: "ukraine"}, {Text: "red carpet", Phrase: true}},
		}},
		{"presid*", Query{Must: []Clause{{{Text: "presid", Prefix: true}}}}},
		{`"vladimir pu"*`, Query{Must: []Clause{{{Text: "vladimir pu", Phrase: true, Prefix: true}}}}},
		{"title:summit", Query{Must: []Clause{{{Text: "summit", Field: FieldTitle}}}}},
		{`Title:"xi and putin" title:mil*`, Query{Must: []Clause{
			{{Text: "xi and putin", Phrase: true, Field: FieldTitle}},
			{{Text: "mil", Prefix: true, Field: FieldTitle}},
		}}},
		{`-title:sport`, Query{Exclude: []Term{{Text: "sport", Field: FieldTitle}}}},
		{`source:bbc source:"Reuters Wire" topic:"putin china" topic:tech`, Query{
			Sources: []string{"bbc", "Reuters Wire"}, Topics: []string{"putin china", "tech"},
		}},
		{`entity:"Vladimir Putin" entity:China`, Query{Entities: []string{"Vladimir Putin", "China"}}},
		{"after:2024-05-01 before:2024-06-01 talks", Query{
			Must: []Clause{word("talks")}, After: day("2024-05-01"), Before: day("2024-06-01"),
		}},
		{"10:30 e-mail", Query{Must: []Clause{{{Text: "10:30", Phrase: true}}, {{Text: "e-mail", Phrase: true}}}}},
		{"http://example.com/x", Query{Must: []Clause{{{Text: "http://example.com/x", Phrase: true}}}}},
		{"& putin --", Query{Must: []Clause{word("putin")}}},
		{`""`, Query{}},
		{`"OR" OR*`, Query{Must: []Clause{{{Text: "OR", Phrase: true}}, {{Text: "OR", Prefix: true}}}}},
		{`foo"bar"`, Query{Must: []Clause{word("foo"), {{Text: "bar", Phrase: true}}}}},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
		}
		again, err := ParseQuery(got.String())
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("ParseQuery(%q).String() = %q does not parse back: %#v, %v", tt.in, got.String(), again, err)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in, msg string
	}{
		{`putin "china`, "unbalanced quote"},
		{`title:"xi`, "unbalanced quote"},
		{"after:2024-13-01", "is not a date"},
		{"before:yesterday", "is not a date"},
		{"after:2024-06-01 before:2024-05-01", "is not before"},
		{"OR putin", "OR must stand between"},
		{"putin OR", "OR at the end"},
		{"putin OR OR xi", "OR must stand between"},
		{"putin OR -xi", "OR must stand between"},
		{"source:bbc OR xi", "OR must stand between"},
		{"putin OR source:bbc", "OR must stand between"},
		{"putin -", "needs a term after it"},
		{"putin - china", "needs a term right after it"},
		{"-source:bbc", "filters cannot be excluded"},
		{"source:", "needs a value"},
		{`entity:""`, "needs a value"},
		{"title:", "needs a value"},
		{"putin *", "lone '*'"},
		{"topic:tech*", "does not take a '*'"},
		{"\xff", "not valid UTF-8"},
		{strings.Repeat("a ", 3000), "too long"},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.in)
		if err == nil {
			t.Errorf("ParseQuery(%q): no error, want %q", tt.in, tt.msg)
			continue
		}
		if ErrorCode(err) != EINVALID {
			t.Errorf("ParseQuery(%q): code %q, want %q", tt.in, ErrorCode(err), EINVALID)
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseQuery(%q) = %q, want it to contain %q", tt.in, err, tt.msg)
		}
		if len(tt.in) < 100 && !strings.Contains(err.Error(), strings.Trim(quoteGo(tt.in), `"`)) {
			t.Errorf("ParseQuery(%q) = %q, want the error to name the query", tt.in, err)
		}
	}
}

// quoteGo returns s as %q formats it.
func quoteGo(s string) string { return strings.TrimSpace(Errorf("", "%q", s).Message) }

func TestQuerySignificant(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"efforts of the ambassador to get the president to change his policies",
			[]string{"efforts", "ambassador", "president", "change", "policies"}},
		{"the of", []string{"the", "of"}},
		{`"the who" the`, []string{`"the who"`}},
		{"title:the who", []string{"title:the"}},
		{"to OR be", []string{"to OR be"}},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range q.Significant() {
			got = append(got, Query{Must: []Clause{c}}.String())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q).Significant() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryEmpty(t *testing.T) {
	for in, want := range map[string]bool{"": true, `"" &`: true, "x": false, "-x": false, "source:a": false, "after:2020-01-01": false} {
		q, err := ParseQuery(in)
		if err != nil {
			t.Fatal(err)
		}
		if q.Empty() != want {
			t.Errorf("ParseQuery(%q).Empty() = %v, want %v", in, q.Empty(), want)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"putin china", `"xi jinping" OR putin -ukraine`, "title:summit source:bbc topic:tech",
		`entity:"Vladimir Putin" after:2024-01-01 before:2025-01-01`, "presid* 10:30", `"a b"* -"c"`,
		`“curly”`, "OR", "- x", `title:"`, "a:b:c", "--x", "x*y*",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseQuery(%q): error code %q, want %q", s, ErrorCode(err), EINVALID)
			}
			return
		}
		for _, c := range q.Must {
			if len(c) == 0 {
				t.Fatalf("ParseQuery(%q): empty clause", s)
			}
			for _, term := range c {
				if len(term.Words()) == 0 {
					t.Fatalf("ParseQuery(%q): term %#v has no words", s, term)
				}
			}
		}
		again, err := ParseQuery(q.String())
		if err != nil {
			t.Fatalf("ParseQuery(%q).String() = %q: %v", s, q.String(), err)
		}
		if !reflect.DeepEqual(again, q) {
			t.Fatalf("ParseQuery(%q) = %#v\nString %q parses to %#v", s, q, q.String(), again)
		}
	})
}
