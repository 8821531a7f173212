package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"pmoquiz/app/quiz"
)

// The JSON Schema of the format, made from quiz.FormatSpec. It uses only
// draft-04 keywords: Taplo (and so the "Even Better TOML" extension) supports
// that draft. Taplo ignores a description next to a $ref, and the
// description is what an editor shows on hover, so a key that uses a shared
// definition (a text, a condition) refers to it from inside allOf or anyOf.

// The patterns the reader enforces (read.go: validID, validLocale, validURL).
const (
	idPattern     = `^[a-z][a-z0-9_-]{0,63}$`
	localePattern = `^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`
	colorPattern  = `^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$`
	imagePattern  = `^/web/[A-Za-z0-9_-][A-Za-z0-9_./-]*\.([Ss][Vv][Gg]|[Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ww][Ee][Bb][Pp]|[Gg][Ii][Ff])$`
	linkPattern   = "^(https://[^\\s\"'<>\\\\`/?#@]+([/?#][^\\s\"'<>\\\\`]*)?|mailto:[^\\s\"'<>\\\\`]*@[^\\s\"'<>\\\\`]*)$"
)

func runSchema(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("schema", stderr)
	out := fs.String("o", "", "write the schema to `file` (only when it changes) instead of standard output")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	b := schemaJSON()
	if *out == "" {
		stdout.Write(b)
		return exitOK
	}
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, b) {
		return exitOK
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintf(stderr, "quizcheck: %v\n", err)
		return exitProblems
	}
	return exitOK
}

// obj is a JSON object that keeps its keys in the order written.
type obj []field

type field struct {
	key string
	val any
}

func (o obj) with(key string, val any) obj { return append(o, field{key, val}) }

// schemaJSON returns the schema, indented, with a final newline.
func schemaJSON() []byte {
	spec := quiz.FormatSpec()
	tables := map[string]quiz.Table{}
	for _, t := range spec {
		tables[t.Name] = t
	}
	text := obj{{"description", both(
		"言語ごとのテキスト: { ja = \"…\", en = \"…\" }。quiz.locales の言語ごとに 1 つずつ書きます。言語が 1 つの診断では、ただの文字列でもかまいません。",
		"A translated text: { ja = \"…\", en = \"…\" }, one string per language of quiz.locales; a quiz with one language may write a plain string.")},
		{"anyOf", []any{
			obj{{"type", "string"}, {"minLength", 1}},
			obj{{"type", "object"}, {"minProperties", 1},
				{"patternProperties", obj{{localePattern, obj{{"type", "string"}, {"minLength", 1}}}}},
				{"additionalProperties", false}},
		}}}
	defs := obj{{"text", text}}
	for _, name := range []string{"condition", "question condition"} {
		defs = defs.with(defName(name), tableSchema(tables, tables[name]))
	}
	root := tableSchema(tables, tables[""]).with("definitions", defs).with("$schema", "http://json-schema.org/draft-04/schema#")
	// $schema and title first, then the rest.
	root = append(obj{root[len(root)-1], {"title", "Career quiz"}}, root[:len(root)-1]...)
	for i, f := range root {
		if f.key == "description" {
			t := tables[""]
			root[i].val = both(t.DocJa+"説明: docs/FORMAT.ja.md。ファイルのチェック: go run ./cmd/quizcheck check quiz.toml",
				t.Doc+" Reference: docs/FORMAT.md. Check a file with: go run ./cmd/quizcheck check quiz.toml")
		}
	}
	var b bytes.Buffer
	writeValue(&b, root, "")
	b.WriteByte('\n')
	return b.Bytes()
}

// both is a description in Japanese, then in English: what an editor
// shows on hover.
func both(ja, en string) string { return ja + "\n\n" + en }

// tableSchema is the schema of one table.
func tableSchema(tables map[string]quiz.Table, t quiz.Table) obj {
	s := obj{{"type", "object"}, {"description", both(t.DocJa, t.Doc)}}
	if t.Forms != nil {
		// A condition: exactly one form, each with only its own keys.
		var forms []any
		for _, form := range t.Forms {
			props := obj{}
			var required []any
			for _, name := range form {
				k := keyByName(t, name)
				props = props.with(k.Name, keySchema(tables, k))
				if k.Name == form[0] || k.Required || k.Name == "any" || k.Name == "min" {
					required = append(required, k.Name)
				}
			}
			forms = append(forms, obj{{"properties", props}, {"required", required}, {"additionalProperties", false}})
		}
		if len(forms) == 1 {
			return append(s, forms[0].(obj)...)
		}
		return s.with("oneOf", forms)
	}
	props := obj{}
	var required []any
	for _, k := range t.Keys {
		props = props.with(k.Name, keySchema(tables, k))
		if k.Required {
			required = append(required, k.Name)
		}
	}
	s = s.with("properties", props)
	if required != nil {
		s = s.with("required", required).with("x-taplo", obj{{"initKeys", required}})
	}
	return s.with("additionalProperties", false)
}

// ref refers to a shared definition.
func ref(name string) obj { return obj{{"$ref", "#/definitions/" + name}} }

// defName is a spec table's name as a definition's.
func defName(table string) string { return strings.ReplaceAll(table, " ", "_") }

func keyByName(t quiz.Table, name string) quiz.Key {
	for _, k := range t.Keys {
		if k.Name == name {
			return k
		}
	}
	panic("quizcheck: FormatSpec: " + t.Name + " has no key " + name)
}

// keySchema is the schema of one key's value, with its description.
func keySchema(tables map[string]quiz.Table, k quiz.Key) obj {
	doc, docJa := k.Doc, k.DocJa
	if k.Default != "" {
		doc += " Default: " + k.Default + "."
		docJa += "既定値: " + k.DefaultJa + "。"
	}
	if k.Required {
		doc += " Required."
		docJa += "必須です。"
	}
	doc = both(docJa, doc)
	text := ref("text")
	id := obj{{"type", "string"}, {"pattern", idPattern}}
	items := func(s obj) obj {
		if k.MinItems > 0 {
			s = s.with("minItems", k.MinItems)
		}
		if k.MaxItems > 0 {
			s = s.with("maxItems", k.MaxItems)
		}
		return s
	}
	s := obj{{"description", doc}}
	switch k.Type {
	case quiz.TypeID:
		s = append(s, id...)
	case quiz.TypeString:
		s = s.with("type", "string").with("minLength", 1)
	case quiz.TypeText:
		s = s.with("allOf", []any{text})
	case quiz.TypeTexts:
		s = items(s.with("type", "array").with("items", text))
	case quiz.TypeInteger:
		s = s.with("type", "integer").with("minimum", k.Min).with("maximum", k.Max)
	case quiz.TypeBool:
		s = s.with("type", "boolean")
	case quiz.TypeLink:
		s = s.with("type", "string").with("pattern", linkPattern)
	case quiz.TypeColor:
		s = s.with("type", "string").with("pattern", colorPattern)
	case quiz.TypeImage:
		s = s.with("type", "string").with("pattern", imagePattern)
	case quiz.TypeLocales:
		s = items(s.with("type", "array").with("items", obj{{"type", "string"}, {"pattern", localePattern}}).with("uniqueItems", true))
	case quiz.TypeKind:
		var enum []any
		for _, e := range k.Enum {
			enum = append(enum, e)
		}
		s = s.with("type", "string").with("enum", enum)
	case quiz.TypeWeights:
		s = s.with("type", "object").
			with("patternProperties", obj{{idPattern, obj{{"type", "integer"}, {"minimum", k.Min}, {"maximum", k.Max}}}}).
			with("additionalProperties", false)
	case quiz.TypeConditions:
		cond := ref(defName(k.Table))
		s = s.with("anyOf", []any{items(obj{{"type", "array"}, {"items", cond}}), cond})
	case quiz.TypeStrings:
		s = items(s.with("type", "array").with("items", obj{{"type", "string"}, {"minLength", 1}}))
	case quiz.TypeAnswers:
		s = s.with("type", "object").
			with("patternProperties", obj{{idPattern, obj{{"anyOf", []any{
				id,
				obj{{"type", "integer"}, {"minimum", 1}, {"maximum", quiz.ScalePoints}},
				obj{{"type", "array"}, {"items", id}, {"minItems", 1}, {"uniqueItems", true}},
			}}}}}).
			with("additionalProperties", false)
	case quiz.TypeTable:
		t := tableSchema(tables, tables[k.Table])
		t[1].val = doc // the key's description, not the table's
		return t
	case quiz.TypeTables:
		s = items(s.with("type", "array").with("items", tableSchema(tables, tables[k.Table])))
	default:
		panic("quizcheck: FormatSpec: key " + k.Name + " has unknown type " + k.Type)
	}
	return s
}

// writeValue writes v as indented JSON, without escaping <, > and &.
func writeValue(b *bytes.Buffer, v any, indent string) {
	in := indent + "  "
	switch v := v.(type) {
	case obj:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, f := range v {
			b.WriteString(in)
			writeString(b, f.key)
			b.WriteString(": ")
			writeValue(b, f.val, in)
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		// Short lists of scalars on one line.
		flat := len(v) <= 8
		for _, e := range v {
			switch e.(type) {
			case obj, []any:
				flat = false
			}
		}
		if flat {
			b.WriteByte('[')
			for i, e := range v {
				if i > 0 {
					b.WriteString(", ")
				}
				writeValue(b, e, in)
			}
			b.WriteByte(']')
			return
		}
		b.WriteString("[\n")
		for i, e := range v {
			b.WriteString(in)
			writeValue(b, e, in)
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case string:
		writeString(b, v)
	case int:
		b.WriteString(strconv.Itoa(v))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	default:
		panic(fmt.Sprintf("quizcheck: schema: unexpected %T", v))
	}
}

func writeString(b *bytes.Buffer, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	b.WriteString(strings.TrimSuffix(buf.String(), "\n"))
}
