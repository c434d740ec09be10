# Regimen — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/regimen

.PHONY: build test demo handouts validate format lint docs vocabulary clean fuzz fuzz-dict fuzz-corpus bench bench-corpus bench-release
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

clean:
	rm -rf .build

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
#   make bench BENCH_SIZES=20 BENCH_RUNS=1 BENCH_RECORD=
# Corpora, the floor, the peers' venv and the imported library live in .build-bench/ (ignored).
BENCH_SIZES ?= 1000,10000
BENCH_RUNS ?= 5
BENCH_SEED ?= 1
BENCH_PROCESS_MAX ?= 1000
BENCH_PEER_MAX ?= 1000
BENCH_RECORD ?= docs/benchmarks.md

bench-release:
	$(SWIFT) build -c release --product regimen

bench-corpus: bench-release
	python3 bench/make_corpus.py --sizes $(BENCH_SIZES) --seed $(BENCH_SEED)

# The floor: libyaml's event loop over every file, nothing else (bench/run.py installs libyaml-dev).
.build-bench/yaml-floor: bench/yaml-floor.c
	@mkdir -p .build-bench
	cc -O2 -o $@ bench/yaml-floor.c -lyaml

bench: bench-release
	python3 bench/run.py --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --seed $(BENCH_SEED) \
	  --process-max $(BENCH_PROCESS_MAX) --peer-max $(BENCH_PEER_MAX) --record "$(BENCH_RECORD)"
