# slate — run `make help` for the targets.
GO        ?= go
BIN       ?= bin/slate
FUZZTIME  ?= 30s
# Minimising a new input is capped by executions: coverage that varies
# from run to run (map order reaching a sort, pools, goroutines) can make
# the default minute of minimisation per input take the whole run.
FUZZMINIMIZE ?= 100x
PKGS      := ./...
BENCH_SIZE ?= small

.DEFAULT_GOAL := help
SHELL         := bash

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## Build the slate binary into bin/.
	$(GO) build -trimpath -o $(BIN) ./cmd/slate

.PHONY: demo
demo: build ## Assess the bundled example site (examples/plant-a) and print the summary.
	$(BIN) assess examples/plant-a --out out/plant-a

.PHONY: portfolio
portfolio: build ## Assess the three example sites at three dates each, sign each site's runs with its own key and build the portfolio (examples/runs/portfolio).
	SLATE=$(BIN) examples/portfolio.sh

.PHONY: test
test: ## Run every test: unit, Rego, golden files and CLI end-to-end; ends with "N passed, N failed, N skipped" and every skip's reason.
	set -o pipefail; $(GO) test -count=1 -timeout 30m -json $(PKGS) | $(GO) run ./cmd/testsum

.PHONY: lint
lint: ## Check Go and Rego formatting and run go vet.
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	@if command -v opa >/dev/null 2>&1; then \
	  out=$$(opa fmt --list policies); \
	  if [ -n "$$out" ]; then echo "opa fmt needed:"; echo "$$out"; exit 1; fi; \
	elif [ "$${CI:-}" = true ]; then echo "opa not found: the Rego format check needs it in CI"; exit 1; \
	else echo "opa not found: Rego format not checked"; fi

.PHONY: fuzz
fuzz: ## Run every fuzz target for FUZZTIME each (default 30s), minimising new inputs in at most FUZZMINIMIZE executions (100x); ends with a line per target.
	FUZZTIME=$(FUZZTIME) FUZZMINIMIZE=$(FUZZMINIMIZE) GO=$(GO) .ci/fuzz $(PKGS)

.PHONY: bench
bench: ## Print the speed targets' figures in one table: one capture against tshark, evaluation at scale, the whole site from files, the workbook of 100k gaps (BENCH_SIZE=small, the default, or full; docs/performance.md).
	bench/bench.sh $(BENCH_SIZE)

.PHONY: bench-guard
bench-guard: ## Run the small benchmarks and fail when a figure is more than 2x its value in bench/guard.txt (as CI does).
	bench/guard.sh

.PHONY: gobench
gobench: ## Run every Go benchmark of every package.
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

.PHONY: docs
docs: ## Regenerate the generated docs: docs/evidence.md, the CLI reference in docs/cli and the screenshots docs/scorecard.png (with chromium) and docs/workbook-summary.png (with libreoffice and poppler-utils).
	$(GO) run ./cmd/docgen
	$(GO) run ./cmd/slate docs --dir docs/cli
	@if command -v chromium >/dev/null 2>&1; then \
	  mkdir -p out/docs && \
	  $(GO) run ./cmd/slate report testdata/golden/examples/plant-a/scorecard.json --format html --out out/docs/scorecard.html && \
	  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=out/docs/profile \
	    --window-size=1280,1800 --screenshot=docs/scorecard.png file://$(CURDIR)/out/docs/scorecard.html; \
	else echo "chromium not on PATH: docs/scorecard.png not regenerated"; fi
	@# The workbook's Summary sheet as printed: its page of the PDF, the
	@# first screen of it (the chart and the table's first rows).
	@if command -v libreoffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then \
	  mkdir -p out/docs && \
	  $(GO) run ./cmd/slate report testdata/golden/examples/plant-a/scorecard.json --format xlsx --out out/docs/scorecard.xlsx && \
	  libreoffice --headless -env:UserInstallation=file://$(CURDIR)/out/docs/lo-profile --convert-to pdf --outdir out/docs out/docs/scorecard.xlsx >/dev/null && \
	  page=$$(pdftotext -layout out/docs/scorecard.pdf - | awk 'BEGIN { RS = "\f" } { split($$0, l, "\n"); if (l[1] ~ / Summary$$/) { print NR; exit } }') && \
	  test -n "$$page" && \
	  pdftoppm -f $$page -l $$page -r 110 -x 0 -y 0 -W 1286 -H 640 -png -singlefile out/docs/scorecard.pdf docs/workbook-summary; \
	else echo "libreoffice or pdftoppm not on PATH: docs/workbook-summary.png not regenerated"; fi

.PHONY: update-golden
update-golden: ## Rewrite golden files from the current output (review the diff!).
	@for dir in $$(grep -rl --include='*_test.go' 'flag.Bool("update"' . | xargs -n1 dirname | sort -u); do \
	  $(GO) test -count=1 $$dir -update || exit 1; \
	done

.PHONY: clean
clean: ## Remove build and demo output.
	rm -rf bin out
