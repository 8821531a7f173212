package quiz

// KeyPos is where the key at path ("quiz.id", "questions[2].text") is
// defined in src, a file Parse accepted; the zero Pos when it is not there.
// Checks that span several files (package pmoquiz/app/quizset: two quizzes
// of a folder with one id) point at the key with it.
func KeyPos(src []byte, path string) Pos {
	if checkSource("", src) != nil {
		return Pos{}
	}
	pos, _ := scanSource(src)
	return pos[path]
}
