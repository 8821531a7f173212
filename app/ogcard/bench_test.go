package ogcard

import (
	"testing"

	"pmoquiz/app/quiz"
)

// The time to make share images, against the time the server already
// spends at start parsing and checking the default quiz (the reference,
// in the same run: the machine's load moves both alike):
//
//	go test ./app/ogcard -run '^$' -bench . -benchmem -count 5
func BenchmarkCards(b *testing.B) {
	fonts := testFonts(b)
	cards := ForQuiz(defaultQuiz(b), fonts)
	src, err := quiz.ReadFile("../../quiz.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("reference: parse the default quiz", func(b *testing.B) {
		for b.Loop() {
			if _, err := quiz.Parse("quiz.toml", src); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load the fonts", func(b *testing.B) {
		for b.Loop() {
			if _, err := LoadFonts("", ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("one card", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := Render(cards[i%len(cards)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("the default quiz's 30 cards, RenderAll", func(b *testing.B) {
		for b.Loop() {
			if _, err := RenderAll(cards); err != nil {
				b.Fatal(err)
			}
		}
	})
}
