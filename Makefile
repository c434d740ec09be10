# Regimen — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/regimen

.PHONY: build test demo handouts validate format lint docs vocabulary embedded clean fuzz fuzz-dict fuzz-corpus bench bench-corpus bench-release \
  static install uninstall release install-check
CHROMIUM := $(shell command -v chromium || command -v chromium-browser || command -v google-chrome)

build:
	$(SWIFT) build

# The test command README.md names, and the one CI runs.
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Checks the sample programmes (clean), shows what Regimen says about a file with typical
# mistakes in it, compiles a plan, and writes the handouts of every sample programme.
demo: build
	@echo "== regimen validate programmes/"
	@$(BIN) validate programmes/
	@echo
	@echo "== regimen validate docs/examples/common-mistakes.yaml (mistakes on purpose)"
	@$(BIN) validate docs/examples/common-mistakes.yaml; status=$$?; \
	  echo "(exit code $$status: findings)"; test $$status -eq 1
	@echo
	@echo "== regimen explain RG104"
	@$(BIN) explain RG104 | sed -n '1,12p'
	@echo
	@mkdir -p out
	@echo "== regimen compile programmes/sciatica-muscle-imbalance.yaml --patient docs/examples/patients/left-sciatica.yaml -o out/sciatica.plan.json"
	@$(BIN) compile programmes/sciatica-muscle-imbalance.yaml --patient docs/examples/patients/left-sciatica.yaml -o out/sciatica.plan.json 2>&1 | grep -E '^(warning|error)' || true
	@echo "wrote out/sciatica.plan.json ($$(wc -c < out/sciatica.plan.json) bytes)"
	@echo
	@echo "== the same programme for a patient after a hip replacement (refused on purpose)"
	@$(BIN) compile programmes/sciatica-muscle-imbalance.yaml --patient docs/examples/patients/hip-replacement.yaml -o out/refused.plan.json 2>&1 | grep -E '^(error|no plan)'; \
	  test ! -e out/refused.plan.json
	@echo
	@echo "== plugins (docs/plugins.md): a Markdown and a calendar exporter in Python, a lumbar spine rule pack"
	@$(BIN) plugins list
	@$(BIN) export programmes/sciatica-muscle-imbalance.yaml --patient docs/examples/patients/left-sciatica.yaml --format markdown -o out/sciatica.md 2>/dev/null
	@$(BIN) export programmes/sciatica-muscle-imbalance.yaml --patient docs/examples/patients/left-sciatica.yaml --format ics -o out/sciatica.ics 2>/dev/null
	@echo "wrote out/sciatica.md, and out/sciatica.ics ($$(grep -c BEGIN:VEVENT out/sciatica.ics) sessions on the calendar)"
	@echo
	@echo "== in Spanish (docs/languages.md): a patient whose record says language: es-ES; the programme's translations beside it"
	@$(BIN) export programmes/sciatica-muscle-imbalance.yaml --patient docs/examples/patients/left-sciatica-es.yaml --strict-language --format html -o out/sciatica.es.html 2>out/sciatica.es.log || { cat out/sciatica.es.log; exit 1; }
	@$(BIN) export programmes/sciatica-muscle-imbalance.yaml --patient docs/examples/patients/left-sciatica-es.yaml --strict-language --format text -o out/sciatica.es.txt 2>out/sciatica.es.log || { cat out/sciatica.es.log; exit 1; }
	@grep -E '^(warning|error)' out/sciatica.es.log | grep -v RG302 || true
	@echo "wrote out/sciatica.es.html and out/sciatica.es.txt: \"$$(sed -n 1p out/sciatica.es.txt)\""
	@echo
	@$(MAKE) --no-print-directory handouts

# The text, HTML and (when Chromium is installed) PDF handout of every programme.
handouts: build
	@mkdir -p handouts
	@for programme in programmes/*.yaml; do \
	  name=$$(basename $$programme .yaml); \
	  $(BIN) export $$programme --format text -o handouts/$$name.txt 2>/dev/null || exit 1; \
	  $(BIN) export $$programme --format html -o handouts/$$name.html 2>/dev/null || exit 1; \
	  if [ -n "$(CHROMIUM)" ]; then \
	    profile=$$(mktemp -d); \
	    timeout 120 $(CHROMIUM) --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir=$$profile \
	      --print-to-pdf=handouts/$$name.pdf handouts/$$name.html >/dev/null 2>&1; \
	    rm -rf $$profile; \
	  fi; \
	done
	@# One sheet per phase, as a clinic prints at each review visit (--phase; docs/handouts.md).
	@for phase in settle restore-movement strengthen; do \
	  $(BIN) export programmes/sciatica-muscle-imbalance.yaml --patient docs/examples/patients/left-sciatica.yaml \
	    --format html --phase $$phase -o handouts/sciatica-muscle-imbalance.$$phase.html 2>/dev/null || exit 1; \
	  if [ -n "$(CHROMIUM)" ]; then \
	    profile=$$(mktemp -d); \
	    timeout 120 $(CHROMIUM) --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir=$$profile \
	      --print-to-pdf=handouts/sciatica-muscle-imbalance.$$phase.pdf handouts/sciatica-muscle-imbalance.$$phase.html >/dev/null 2>&1; \
	    rm -rf $$profile; \
	  fi; \
	done
	@echo "== handouts written to $(CURDIR)/handouts/"
	@ls -1 handouts/
	@[ -n "$(CHROMIUM)" ] || echo "(install chromium to get PDF handouts too)"

validate: build
	$(BIN) validate programmes/

format:
	$(SWIFT) format --in-place --recursive --configuration .swift-format Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive --configuration .swift-format Sources Tests

# Regenerates the generated parts of docs/ (the tests check they are current).
docs: build
	$(BIN) explain --markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md
	$(BIN) schema -o docs/programme.schema.json

# Compiles vocabulary/*.yaml into the binary: checks the files, and rewrites
# Sources/RegimenVocabulary/EmbeddedVocabulary.swift (docs/vocabulary.md; the tests check it is current).
vocabulary:
	$(SWIFT) build --build-tests
	RECORD=1 $(SWIFT) test --skip-build --filter VocabularyTests/theCompiledInVocabularyIsTheYAML
	$(SWIFT) build

# Compiles the handout template, the starter repository of `regimen init` and the bundled
# library into the binary: rewrites the Embedded*.swift sources (the tests check they are current).
embedded:
	$(SWIFT) build --build-tests
	RECORD=1 $(SWIFT) test --skip-build --filter EmbeddedFilesTests/theGeneratedSourceIsCurrent
	$(SWIFT) build

clean:
	rm -rf .build dist

# Installing (docs/install.md). `make install PREFIX=DIR` (default /usr/local) copies the release
# binary, with the Swift standard library linked in, and what it uses beside it:
#   DIR/bin/regimen
#   DIR/share/regimen/plugins/          the bundled exporter plugins (markdown, ics)
#   DIR/share/regimen/library/images/   the library's pictures, which `regimen init` copies
#   DIR/share/man/man1/regimen.1        and shell completions for bash, zsh and fish
# `make uninstall PREFIX=DIR` removes exactly those files. `make release` writes the same layout
# as dist/regimen-VERSION-linux-ARCH.tar.gz, with its .sha256.
PREFIX ?= /usr/local
VERSION := $(shell sed -n 's/.*static let current = "\(.*\)"/\1/p' Sources/RegimenCLI/RegimenCommand.swift)
ARCH := $(shell uname -m)
DIST := regimen-$(VERSION)-linux-$(ARCH)
STATIC := .build/static/regimen
MANUAL := .build/static/regimen.1
BUNDLED_PLUGINS := regimen-export-markdown regimen-export-ics
LIBRARY_IMAGES := $(notdir $(wildcard programmes/library/images/*))
INSTALLED := bin/regimen $(addprefix share/regimen/plugins/,$(BUNDLED_PLUGINS)) \
  $(addprefix share/regimen/library/images/,$(LIBRARY_IMAGES)) share/man/man1/regimen.1 \
  share/bash-completion/completions/regimen share/zsh/site-functions/_regimen share/fish/vendor_completions.d/regimen.fish

# The release build with the Swift standard library (and Foundation) linked statically: it needs
# only the C libraries, and starts faster. It shares .build/release with `bench-release`; the two
# differ in how they link, so switching between them relinks. The result is kept as
# .build/static/regimen, with its man page from swift-argument-parser's generate-manual tool.
MANUAL_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
static:
	$(SWIFT) build -c release --static-swift-stdlib --product regimen
	$(SWIFT) build -c release --static-swift-stdlib --product generate-manual
	@mkdir -p .build/static
	cp .build/release/regimen $(STATIC)
	@if ldd $(STATIC) 2>/dev/null | grep -q libswift; then echo "$(STATIC) links Swift libraries dynamically:" >&2; ldd $(STATIC) >&2; exit 1; fi
	.build/release/generate-manual $(STATIC) --date $(MANUAL_DATE) --output-directory - > $(MANUAL)

# $(call stage,DIR): the installed layout under DIR.
define stage
	install -d "$(1)/bin" "$(1)/share/regimen/plugins" "$(1)/share/regimen/library/images" "$(1)/share/man/man1" \
	  "$(1)/share/bash-completion/completions" "$(1)/share/zsh/site-functions" "$(1)/share/fish/vendor_completions.d"
	install -m 755 $(STATIC) "$(1)/bin/regimen"
	install -m 755 $(addprefix plugins/,$(BUNDLED_PLUGINS)) "$(1)/share/regimen/plugins/"
	install -m 644 $(addprefix programmes/library/images/,$(LIBRARY_IMAGES)) "$(1)/share/regimen/library/images/"
	install -m 644 $(MANUAL) "$(1)/share/man/man1/regimen.1"
	$(STATIC) --generate-completion-script bash > "$(1)/share/bash-completion/completions/regimen"
	$(STATIC) --generate-completion-script zsh > "$(1)/share/zsh/site-functions/_regimen"
	$(STATIC) --generate-completion-script fish > "$(1)/share/fish/vendor_completions.d/regimen.fish"
endef

install: static
	$(call stage,$(PREFIX))
	@echo "installed $(PREFIX)/bin/regimen $(VERSION) (make uninstall PREFIX=$(PREFIX) removes it)"

uninstall:
	cd "$(PREFIX)" && rm -f $(INSTALLED)
	@cd "$(PREFIX)" && for folder in share/regimen/library/images share/regimen/library share/regimen/plugins share/regimen; do \
	  [ ! -d $$folder ] || rmdir $$folder 2>/dev/null || echo "kept $(PREFIX)/$$folder: it holds other files"; \
	done

release: static
	rm -rf dist/$(DIST) dist/$(DIST).tar.gz dist/$(DIST).tar.gz.sha256
	$(call stage,dist/$(DIST))
	tar -C dist --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - $(DIST) | gzip -n > dist/$(DIST).tar.gz
	cd dist && sha256sum $(DIST).tar.gz > $(DIST).tar.gz.sha256
	rm -rf dist/$(DIST)
	@echo "wrote dist/$(DIST).tar.gz and dist/$(DIST).tar.gz.sha256"

# The whole install as a newcomer meets it, checked (CI runs it after the benchmark smoke run).
install-check:
	.ci/install-check

# Fuzzing (docs/fuzzing.md): libFuzzer feeds arbitrary bytes through load, validate, compile and
# every exporter for FUZZ_SECONDS; inputs that crash are kept in Tests/Fuzz/crashes/.
FUZZ_SECONDS ?= 60
FUZZ_TARGET ?= pipeline
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGET=$(FUZZ_TARGET) SWIFT=$(SWIFT) Tests/Fuzz/run-fuzzer

# Regenerates the fuzz dictionary from FormatSpec (the tests check it is current).
fuzz-dict: build
	.build/debug/RegimenFuzz --dictionary > Tests/Fuzz/regimen.dict

# Regenerates the seed corpus from the sample programmes, rule examples and docs.
fuzz-corpus: build
	rm -rf Tests/Fuzz/corpus Tests/Fuzz/corpus-*
	.build/debug/RegimenFuzz --seeds Tests/Fuzz/corpus
	for target in profile configuration rule-pack plan template plugin-answer; do \
	  REGIMEN_FUZZ_TARGET=$$target .build/debug/RegimenFuzz --seeds Tests/Fuzz/corpus-$$target || exit 1; \
	done

# Benchmarks (docs/benchmarks.md): not tests. `make bench` measures, prints a table and appends
# it to docs/benchmarks.md; a smoke run keeps the scripts working:
#   make bench BENCH_SIZES=20 BENCH_RUNS=1 BENCH_EDITS=5 BENCH_RECORD=
# Corpora, the floor, the peers' venv and the imported library live in .build-bench/ (ignored).
BENCH_SIZES ?= 1000,10000
BENCH_RUNS ?= 5
BENCH_SEED ?= 1
BENCH_PROCESS_MAX ?= 1000
BENCH_PEER_MAX ?= 1000
BENCH_EDITS ?= 40
BENCH_RECORD ?= docs/benchmarks.md

# The release build as `swift build -c release` makes it (the standard library linked
# dynamically), kept as .build/dynamic/regimen: `static` relinks .build/release in place.
bench-release:
	$(SWIFT) build -c release --product regimen
	@mkdir -p .build/dynamic
	cp .build/release/regimen .build/dynamic/regimen

bench-corpus: bench-release
	python3 bench/make_corpus.py --sizes $(BENCH_SIZES) --seed $(BENCH_SEED)

# The floor: libyaml's event loop over every file, nothing else (bench/run.py installs libyaml-dev).
.build-bench/yaml-floor: bench/yaml-floor.c
	@mkdir -p .build-bench
	cc -O2 -o $@ bench/yaml-floor.c -lyaml

# The dynamic build first, kept aside, then the installed (static) one: `static` and
# `bench-release` share the release build folder and differ only in the link, so each is linked
# once, and `make install` or `make release` after a bench run links nothing again.
bench:
	$(MAKE) --no-print-directory bench-release
	$(MAKE) --no-print-directory install PREFIX=$(CURDIR)/.build-bench/install
	REGIMEN_BENCH_BINARY=.build/dynamic/regimen python3 bench/run.py --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --seed $(BENCH_SEED) \
	  --process-max $(BENCH_PROCESS_MAX) --peer-max $(BENCH_PEER_MAX) --edits $(BENCH_EDITS) --record "$(BENCH_RECORD)" \
	  --installed .build-bench/install/bin/regimen
