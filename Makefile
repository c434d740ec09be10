# Regimen — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/regimen

.PHONY: build test demo validate format lint docs clean

build:
	$(SWIFT) build

# The test command README.md names, and the one CI runs.
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Checks the sample programmes (clean), then shows what Regimen says about a file with
# typical mistakes in it.
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

validate: build
	$(BIN) validate programmes/

format:
	$(SWIFT) format --in-place --recursive --configuration .swift-format Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive --configuration .swift-format Sources Tests

# Regenerates the generated parts of docs/ (the tests check they are current).
docs: build
	$(BIN) explain --markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

clean:
	rm -rf .build
