package quiz

import "slices"

// The rules of an answer, in one place for every program that takes one
// from a visitor (the widget, the flow model, a saved snapshot, a share
// link): which answers a question can have, when it counts as answered, and
// what ticking or unticking a choice makes of it.

// Valid reports whether a is an answer qu can have: a scale point 1 to 5 for
// a scale question; one of its options for a single question; for a multi
// question, distinct options of its own, at most Max of them, and an
// exclusive option only on its own. A multi answer with no option is valid:
// the question is not answered yet.
func (qu *Question) Valid(a Answer) bool {
	if qu.Kind == Scale {
		return len(a.Choices) == 0 && a.Scale >= 1 && a.Scale <= ScalePoints
	}
	if a.Scale != 0 || qu.Kind == Single && len(a.Choices) != 1 || qu.Max > 0 && len(a.Choices) > qu.Max {
		return false
	}
	for i, c := range a.Choices {
		if qu.option(c) == nil || slices.Contains(a.Choices[:i], c) {
			return false
		}
	}
	return qu.clash(a.Choices) == ""
}

// Answered reports whether a is a valid answer with a choice or a scale
// point: the visitor may go on to the next question.
func (qu *Question) Answered(a Answer) bool {
	return (a.Scale != 0 || len(a.Choices) > 0) && qu.Valid(a)
}

// Choose is the answer a becomes when the visitor sets value, an option id
// or a scale point "1" to "5", on (ticks or picks it) or off (unticks it).
// A single or scale question's answer is the value picked; turning it off
// changes nothing (a radio button cannot be unticked). A multi question's
// answer gains or loses the option, in the order ticked; ticking an
// exclusive option clears the others, and ticking another clears it. A tick
// that Blocked forbids, or a value the question does not have, leaves a as
// it is.
func (qu *Question) Choose(a Answer, value string, on bool) Answer {
	if qu.Kind == Scale {
		if on && len(value) == 1 && value[0] >= '1' && value[0] <= '0'+ScalePoints {
			return Answer{Scale: int(value[0] - '0')}
		}
		return a
	}
	o := qu.option(value)
	switch {
	case o == nil, on && qu.Blocked(a, value), !on && qu.Kind == Single:
		return a
	case qu.Kind == Single:
		return Answer{Choices: []string{value}}
	}
	var keep []string
	for _, c := range a.Choices {
		if c != value && (!on || !o.Exclusive && !qu.option(c).isExclusive()) {
			keep = append(keep, c)
		}
	}
	if on {
		keep = append(keep, value)
	}
	return Answer{Choices: keep}
}

// Blocked reports whether option id of a multi question cannot be ticked
// now: the answer already has Max options that ticking id would keep (an
// exclusive option ticked is cleared by it; an exclusive id replaces them
// all). The widget disables such a box.
func (qu *Question) Blocked(a Answer, id string) bool {
	if qu.Kind != Multi || qu.Max == 0 || slices.Contains(a.Choices, id) || qu.option(id).isExclusive() {
		return false
	}
	kept := 0
	for _, c := range a.Choices {
		if !qu.option(c).isExclusive() {
			kept++
		}
	}
	return kept >= qu.Max
}

// clash returns an exclusive option chosen together with another, or "".
func (qu *Question) clash(choices []string) string {
	if len(choices) < 2 {
		return ""
	}
	for _, c := range choices {
		if qu.option(c).isExclusive() {
			return c
		}
	}
	return ""
}

// option returns the option with the given id, or nil.
//
// Kept out of line: inlined into its six callers it makes app.wasm 2.3 KB
// larger raw (brotli about the same; measured).
//
//go:noinline
func (qu *Question) option(id string) *Option {
	for _, o := range qu.Options {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// isExclusive reports whether o is an exclusive option (false for nil).
func (o *Option) isExclusive() bool { return o != nil && o.Exclusive }

// exclusive reads an option's exclusive key, which only a multi question's
// options may set.
func (r *reader) exclusive(qu *Question, t *table) bool {
	v, path, _ := t.get("exclusive")
	b, isBool := v.(bool)
	key, arg := "exclusive.not-multi", noun(string(qu.Kind))
	if !isBool {
		key, arg = "exclusive.want-bool", typeName(v)
	}
	if v != nil && (!isBool || b && qu.Kind != Multi) {
		r.errorf(path, key, arg)
		return false
	}
	return b
}
