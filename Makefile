# pmoquiz: an embeddable career quiz (go-app compiled to WebAssembly + a Go server).
#
#   make          build web/app.wasm (+ .br, .gz, size report), the studio's
#                 web/studio.wasm and web/preview.wasm (the same), bin/quizserver
#   make size     where app.wasm's bytes go: code by Go package, largest functions
#   make run      build, then serve quiz.toml on http://localhost:8000
#                 (QUIZ=quizzes/ serves a folder: each quiz at /<id>/)
#   make preview  the same with live preview: each save of quiz.toml shows in the open page
#   make check    check quiz.toml, the examples and quizzes/, then analyse quiz.toml
#   make demo     both quizzes of quizzes/ embedded in a demo page on http://localhost:8001
#   make static   the static website in dist/ (BASE=/careers/pmo-quiz/ for a sub-path;
#                 QUIZZES=quizzes/ BASE=/careers/ for every quiz of a folder)
#   make test     every check CI runs (.ci/run), browser tests included
#   make bench    benchmarks: the server under load against nginx (bench-load),
#                 the visitor's first seconds against a SurveyJS reference and
#                 Lighthouse on the intro (bench-page)
#   make clean    remove build outputs
#
# deps installs missing system tools (brotli; for tests chromium,
# fonts-noto-cjk, node, npm, nginx) with apt-get when run as root, else says what to install;
# deps-test also installs axe-core from npm (package.json).

GO            ?= go
WASM          := web/app.wasm
# app.wasm is built against build/wasm/go.mod: go.mod with go-app replaced
# by a copy without its server code, which would link net/http and
# crypto/tls into the client (tools/wasmmod; docs/SIZE.md measures it).
WASM_MOD      := build/wasm/go.mod
WASM_GCFLAGS  ?=
WASM_FLAGS    := -trimpath -modfile=$(WASM_MOD) -gcflags='$(WASM_GCFLAGS)' -ldflags="-s -w"
BROTLI_BUDGET ?= 1550000
# The studio (studio/ under each quiz's path, app/studio): its engine, the
# quiz checker and analysis without go-app (cmd/studiowasm), and its
# preview, the widget built for a live source (cmd/previewwasm, the build
# tag livepreview; also -dev's page). The visitor's app.wasm links neither.
STUDIO_WASM   := web/studio.wasm
PREVIEW_WASM  := web/preview.wasm
STUDIO_BUDGET ?= 1100000
ADDR          ?= localhost:8000
# The quiz make run and make preview serve: a file, or a folder of them.
QUIZ          ?= quiz.toml

SHELL         := bash
.SHELLFLAGS   := -eu -o pipefail -c
.DEFAULT_GOAL := build
# Steps run in the order written, even under make -j.
.NOTPARALLEL:

.PHONY: all build wasm studio size server run preview check demo static test deps deps-test fmt vet unit wasm-test purity e2e clean FORCE
.PHONY: bench bench-load bench-page bench-lighthouse deps-bench-page

all: build

build: deps wasm studio server

# web/app.wasm is only replaced when its bytes change, so the slow brotli
# pass runs only when the client changed. Outputs are written to a temporary
# file named after the shell's pid, then renamed: a build that fails, or
# another make running in the same tree, never leaves a partial file.
$(WASM): $(WASM_MOD) FORCE
	tmp=$@.$$$$.tmp; \
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $$tmp ./cmd/quizwasm; \
	if cmp -s $$tmp $@; then rm -f $$tmp; else mv -f $$tmp $@; fi

$(WASM).gz: $(WASM)
	tmp=$@.$$$$.tmp; gzip -9 -n -c $< > $$tmp; mv -f $$tmp $@

$(WASM).br: $(WASM)
	tmp=$@.$$$$.tmp; brotli -q 11 -f -o $$tmp $<; mv -f $$tmp $@; touch $@

wasm: $(WASM) $(WASM).gz $(WASM).br
	$(GO) run ./tools/wasmsize -file $(WASM) -budget $(BROTLI_BUDGET)

# The studio's two wasm files, replaced only when their bytes change, like
# app.wasm; their compressed copies follow them.
$(STUDIO_WASM): FORCE
	tmp=$@.$$$$.tmp; \
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $$tmp ./cmd/studiowasm; \
	if cmp -s $$tmp $@; then rm -f $$tmp; else mv -f $$tmp $@; fi

$(PREVIEW_WASM): $(WASM_MOD) FORCE
	tmp=$@.$$$$.tmp; \
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -tags livepreview -o $$tmp ./cmd/previewwasm; \
	if cmp -s $$tmp $@; then rm -f $$tmp; else mv -f $$tmp $@; fi

$(STUDIO_WASM).gz $(PREVIEW_WASM).gz: %.gz: %
	tmp=$@.$$$$.tmp; gzip -9 -n -c $< > $$tmp; mv -f $$tmp $@

$(STUDIO_WASM).br $(PREVIEW_WASM).br: %.br: %
	tmp=$@.$$$$.tmp; brotli -q 11 -f -o $$tmp $<; mv -f $$tmp $@; touch $@

studio: $(STUDIO_WASM) $(STUDIO_WASM).gz $(STUDIO_WASM).br $(PREVIEW_WASM) $(PREVIEW_WASM).gz $(PREVIEW_WASM).br
	$(GO) run ./tools/wasmsize -file $(STUDIO_WASM) -budget $(STUDIO_BUDGET)
	$(GO) run ./tools/wasmsize -file $(PREVIEW_WASM) -budget $(BROTLI_BUDGET)

# Written again when go.mod, go.sum (a new go-app) or the tool change.
$(WASM_MOD): go.mod go.sum $(wildcard tools/wasmmod/*.go)
	$(GO) run ./tools/wasmmod -out $(dir $@)

# Where the bytes go: the same build with its function names (not
# stripped), its code by Go package and its largest functions.
size: wasm
	GOOS=js GOARCH=wasm $(GO) build $(subst -s -w,,$(WASM_FLAGS)) -o build/wasm/app-names.wasm ./cmd/quizwasm
	$(GO) run ./tools/wasmsize -file $(WASM) -budget $(BROTLI_BUDGET) \
		-names build/wasm/app-names.wasm -modfile $(WASM_MOD) -top 25 -funcs 25

server:
	$(GO) build -trimpath -o bin/quizserver ./cmd/quizserver

# A recruiting page on a second origin (http://localhost:8001) that embeds
# the two quizzes of quizzes/ with embed.js and logs the events they send;
# the quiz server serves the folder (each quiz at /<id>/) and lets that
# origin frame it.
DEMO_ADDR ?= localhost:8001
demo: build
	./bin/quizserver -addr $(ADDR) -quiz quizzes -web web -frame-ancestors "'self' https: http://$(DEMO_ADDR)" & \
	pid=$$!; trap 'kill $$pid' EXIT INT TERM; \
	$(GO) run ./cmd/quizdemo -addr $(DEMO_ADDR) -quiz http://$(ADDR)

run: build
	./bin/quizserver -addr $(ADDR) -quiz $(QUIZ) -web web

# Live preview while editing quiz.toml: each save shows (or its problems
# do) in the open page by itself, without a reload, a restart or a
# rebuild; the studio (/studio/) can save to the file.
preview: build
	./bin/quizserver -dev -addr $(ADDR) -quiz $(QUIZ) -web web

# The shipped quizzes: every problem, then how results spread (exit 1 when
# the analysis flags an outcome, a dimension or a band).
check:
	$(GO) run ./cmd/quizcheck check quiz.toml examples/*.toml quizzes
	$(GO) run ./cmd/quizcheck analyze quiz.toml

# The static website for any static host, with .br and .gz copies; BASE is
# the URL path it is served under (README.md, Deploying). QUIZZES names a
# folder of quizzes to export instead of quiz.toml: each at BASE<id>/, one
# app.wasm for all, BASE listing them.
BASE ?= /
QUIZZES ?=
# PUBLIC_URL (e.g. https://example.com/careers/) makes the link previews'
# absolute URLs (og:url, og:image); without it they are left out.
PUBLIC_URL ?=
static: build
	$(GO) run ./tools/static -base '$(BASE)' -out dist -quiz '$(or $(QUIZZES),quiz.toml)' -web web -public-url '$(PUBLIC_URL)'

deps:
	$(GO) mod download
	tools/deps.sh build

# axe-core for the browser tests' accessibility checks, from npm at the
# version package-lock.json pins (node_modules/ is not committed); npm ci
# runs again only when the lock file changes.
deps-test: deps
	tools/deps.sh test
	if ! cmp -s package-lock.json node_modules/.package-lock.ci; then \
		npm ci --no-audit --no-fund && cp package-lock.json node_modules/.package-lock.ci; \
	fi

test: deps-test fmt vet unit check wasm-test purity build e2e

# build/ holds generated code (tools/wasmmod's copy of go-app), not ours.
fmt:
	files=$$(gofmt -l $$(find . \( -path ./build -o -name node_modules \) -prune -o -name '*.go' -print)); \
	if [ -n "$$files" ]; then echo "gofmt -w needed on:"; echo "$$files"; exit 1; fi

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/quiz ./app/flow ./app/widget ./cmd/quizwasm ./app/studio/engine ./cmd/studiowasm
	GOOS=js GOARCH=wasm $(GO) vet -tags livepreview ./app/widget ./cmd/previewwasm

unit:
	$(GO) test $$($(GO) list ./... | grep -v '/e2e\(/\|$$\)')

# The engine's, the flow model's and the studio engine's tests again,
# compiled to js/wasm and run under Node.
wasm-test:
	PATH="$$($(GO) env GOROOT)/lib/wasm:$$PATH" GOOS=js GOARCH=wasm $(GO) test ./app/quiz ./app/flow ./app/studio/engine

# app/quiz and app/flow may import only the standard library,
# BurntSushi/toml and each other (no go-app), on the host and in the browser;
# so may the studio's engine (app/studio/engine, web/studio.wasm).
purity:
	for target in "GOOS=$$($(GO) env GOOS)" "GOOS=js GOARCH=wasm"; do \
		bad=$$(env $$target $(GO) list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' ./app/quiz ./app/flow ./app/studio/engine | \
			grep -v -e '^$$' -e '^pmoquiz/app/\(quiz\|flow\|studio/engine\)\(/\|$$\)' -e '^github.com/BurntSushi/toml\(/\|$$\)' || true); \
		if [ -n "$$bad" ]; then echo "app/quiz, app/flow and app/studio/engine ($$target) must import only the standard library and github.com/BurntSushi/toml; they import:"; echo "$$bad"; exit 1; fi; \
	done

# Browser tests against the real server and client.
e2e:
	QUIZ_WEB=$(CURDIR)/web QUIZ_BIN=$(CURDIR)/bin/quizserver \
	CHROMIUM="$${CHROMIUM:-$$(command -v chromium || command -v chromium-browser || true)}" \
	$(GO) test -count=1 -timeout 15m ./e2e/...

# Benchmarks (not part of make test: they take minutes and want a quiet
# machine). bench-load: the server and Debian's nginx serving the static
# export, in turn on loopback, under wrk (both installed from Debian when
# missing); prints requests/s and p99 at 256 connections, errors at 1000,
# as ratios ours/nginx, and the server's peak memory (tools/loadbench).
BENCH_DIST ?= bin/bench-dist
bench: bench-load bench-page

bench-load: build
	tools/deps.sh bench
	$(GO) run ./tools/static -base /careers/pmo-quiz/ -out $(BENCH_DIST) -quiz quiz.toml -web web
	$(GO) run ./tools/loadbench -dist $(BENCH_DIST) -server bin/quizserver -quiz quiz.toml -web web

# Benchmarks, never part of make test. bench-page: the visitor's first
# seconds (first paint, first answer, the wasm running, bytes) on fast and
# slow 4G, cold and repeat, against a SurveyJS page generated from the same
# quiz, then Lighthouse on the intro (tools/pagebench; README.md,
# Measured). PAGEBENCH_FLAGS passes flags, e.g. "-n 5 -v -json out.json".
PAGEBENCH_FLAGS ?=
bench-page: build deps-bench-page
	$(GO) run ./tools/pagebench $(PAGEBENCH_FLAGS)

# Lighthouse alone, three runs.
bench-lighthouse: build deps-bench-page
	$(GO) run ./tools/pagebench -n 0 -lighthouse 3 $(PAGEBENCH_FLAGS)

# SurveyJS and Lighthouse from npm at the versions
# tools/pagebench/package-lock.json pins, in tools/pagebench/node_modules
# (not committed, and not installed by make test: Lighthouse alone is
# ~200 packages); npm ci runs again only when the lock file changes.
deps-bench-page: deps
	tools/deps.sh test
	cd tools/pagebench && if ! cmp -s package-lock.json node_modules/.package-lock.ci; then \
		npm ci --no-audit --no-fund && cp package-lock.json node_modules/.package-lock.ci; \
	fi

clean:
	rm -rf bin build dist $(WASM) $(WASM).gz $(WASM).br web/*.tmp \
		$(STUDIO_WASM) $(STUDIO_WASM).gz $(STUDIO_WASM).br $(PREVIEW_WASM) $(PREVIEW_WASM).gz $(PREVIEW_WASM).br

FORCE:
