// Command mkicons draws the app icons into a directory (default web/):
//
//	go run ./tools/mkicons [-o web]
//
// It writes icon-192.png and icon-512.png (a teal rounded square on a
// transparent background), icon-maskable-512.png (full-bleed teal, the mark
// inside the central 80% safe zone) and icon.svg (the rounded square as a
// vector). The mark is a white ring, like a compass, around a check mark.
// The PNGs are anti-aliased by supersampling shapes given as distance
// functions; the SVG is drawn from the same numbers.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
)

// The design, in units of the icon's side (0..1).
const (
	cornerRadius = 0.22 // of the rounded square
	ringRadius   = 0.30 // centre line of the ring; with its stroke it stays inside the 0.40 safe zone
	ringStroke   = 0.06
	checkStroke  = 0.075
)

// check is the check mark's polyline.
var check = [][2]float64{{0.365, 0.515}, {0.455, 0.605}, {0.640, 0.420}}

var (
	teal  = color.NRGBA{0x0f, 0x5e, 0x6e, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("mkicons: ")
	dir := flag.String("o", "web", "output `directory`")
	flag.Parse()

	icons := []struct {
		name     string
		size     int
		maskable bool
	}{
		{"icon-192.png", 192, false},
		{"icon-512.png", 512, false},
		{"icon-maskable-512.png", 512, true},
	}
	for _, ic := range icons {
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, draw(ic.size, ic.maskable)); err != nil {
			log.Fatal(err)
		}
		write(filepath.Join(*dir, ic.name), buf.Bytes())
	}
	write(filepath.Join(*dir, "icon.svg"), []byte(svg(512)))
}

func write(name string, b []byte) {
	if err := os.WriteFile(name, b, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s (%d bytes)\n", name, len(b))
}

// draw renders the icon at size×size pixels with 4×4 samples per pixel.
func draw(size int, maskable bool) *image.NRGBA {
	const n = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := range size {
		for px := range size {
			var bg, mark float64
			for sy := range n {
				for sx := range n {
					x := (float64(px) + (float64(sx)+0.5)/n) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/n) / float64(size)
					if maskable || roundedSquare(x, y) <= 0 {
						bg++
						if inMark(x, y) {
							mark++
						}
					}
				}
			}
			bg /= n * n
			if bg == 0 {
				continue
			}
			t := mark / (bg * n * n) // white's share of the covered samples
			img.SetNRGBA(px, py, color.NRGBA{
				R: mix(teal.R, white.R, t),
				G: mix(teal.G, white.G, t),
				B: mix(teal.B, white.B, t),
				A: uint8(math.Round(bg * 255)),
			})
		}
	}
	return img
}

func mix(a, b uint8, t float64) uint8 {
	return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t))
}

// roundedSquare is the signed distance from (x, y) to the icon's rounded
// square (negative inside).
func roundedSquare(x, y float64) float64 {
	qx := math.Abs(x-0.5) - (0.5 - cornerRadius)
	qy := math.Abs(y-0.5) - (0.5 - cornerRadius)
	outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	return outside + math.Min(math.Max(qx, qy), 0) - cornerRadius
}

// inMark reports whether (x, y) is on the ring or the check mark.
func inMark(x, y float64) bool {
	if math.Abs(math.Hypot(x-0.5, y-0.5)-ringRadius) <= ringStroke/2 {
		return true
	}
	for i := 0; i+1 < len(check); i++ {
		if segmentDist(x, y, check[i], check[i+1]) <= checkStroke/2 {
			return true
		}
	}
	return false
}

// segmentDist is the distance from (x, y) to the segment a–b.
func segmentDist(x, y float64, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((x-a[0])*dx + (y-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(a[0]+t*dx), y-(a[1]+t*dy))
}

// svg returns the rounded-square icon as SVG with a viewBox of side s.
func svg(s float64) string {
	f := func(v float64) string { return fmt.Sprintf("%g", math.Round(v*s*100)/100) }
	path := "M"
	for i, p := range check {
		if i > 0 {
			path += " L"
		}
		path += f(p[0]) + " " + f(p[1])
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %[1]s %[1]s">
<rect width="%[1]s" height="%[1]s" rx="%[2]s" fill="#0f5e6e"/>
<circle cx="%[3]s" cy="%[3]s" r="%[4]s" fill="none" stroke="#fff" stroke-width="%[5]s"/>
<path d="%[6]s" fill="none" stroke="#fff" stroke-width="%[7]s" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`, f(1), f(cornerRadius), f(0.5), f(ringRadius), f(ringStroke), path, f(checkStroke))
}
