package ogcard

import "testing"

func BenchmarkRender(b *testing.B) {
	fonts := testFonts(b)
	cards := ForQuiz(defaultQuiz(b), fonts)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Render(cards[i%len(cards)]); err != nil {
			b.Fatal(err)
		}
	}
}
