package feed

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParse parses a 100-item RSS feed with full content, the size of
// a busy news site's feed.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title><link>https://news.example.org/</link>`)
	for i := range 100 {
		fmt.Fprintf(&sb, "<item><title>Story %d</title><link>https://news.example.org/%d</link><pubDate>Thu, 16 May 2024 09:30:00 GMT</pubDate><description>Teaser %d</description><content:encoded><![CDATA[%s]]></content:encoded></item>",
			i, i, i, strings.Repeat("<p>The harbour council met on Wednesday to discuss the ferry terminal and the sea wall.</p>", 12))
	}
	sb.WriteString("</channel></rss>")
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		f, err := Parse(data, "https://news.example.org/rss")
		if err != nil || len(f.Items) != 100 {
			b.Fatal(err)
		}
		for _, it := range f.Items {
			f.Article(it)
		}
	}
	b.ReportMetric(float64(100*b.N)/b.Elapsed().Seconds(), "items/s")
}
