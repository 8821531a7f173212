package ogcard

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pmoquiz/app/quiz"
)

var cardsDir = flag.String("cards", "", "write the default quiz's cards to this folder (TestWriteCards)")

// TestWriteCards writes every card of the default quiz to -cards, to look
// at, and the tests' cards (long titles, light accents) to its folder
// edge: go test ./app/ogcard -run TestWriteCards -cards /tmp/cards
func TestWriteCards(t *testing.T) {
	if *cardsDir == "" {
		t.Skip("no -cards folder given")
	}
	fonts := testFonts(t)
	q := defaultQuiz(t)
	if err := os.MkdirAll(*cardsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range ForQuiz(q, fonts) {
		write(t, filepath.Join(*cardsDir, c.Name()), c)
	}
	edge := filepath.Join(*cardsDir, "edge")
	if err := os.MkdirAll(edge, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, c := range testCards(fonts) {
		write(t, filepath.Join(edge, strings.NewReplacer(" ", "-", ",", "").Replace(name)+".png"), c)
	}
}

func write(t *testing.T, path string, c Card) {
	t.Helper()
	b, err := Render(c)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func defaultQuiz(t testing.TB) *quiz.Quiz {
	t.Helper()
	src, err := quiz.ReadFile("../../quiz.toml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := quiz.Parse("quiz.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// testFonts loads the fonts, skipping the test when they are not
// installed, except under CI (make test installs them).
func testFonts(t testing.TB) *Fonts {
	t.Helper()
	f, err := LoadFonts("", "")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("%v", err)
		}
		t.Fatal(err)
	}
	return f
}
