# The two commands of the README:  `make figures` (set-up + the quick study + figures) and `make test`.
# slurm-wlm and munge: the single-node cluster of the Slurm executor's test (.ci/slurm-cluster.sh).
APT_PACKAGES := libopenblas-dev liblapacke-dev gnuplot-nox slurm-wlm munge
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_RELEASE := swift build -c release
BIN := .build/release/scaling

.PHONY: deps build test figures paper fit-demo bench clean

## deps: install the Debian packages that are missing (apt-get, with sudo when not root)
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

## build: release build of the `scaling` tool
build: deps
	$(SWIFT_RELEASE)

## test: the whole test suite (release mode with testability: the trainer tests train real models)
test: deps
	swift build -c release -Xswiftc -enable-testing
	swift test -c release -Xswiftc -enable-testing

## figures: the main job: the quick study (resumes when rerun), its report, the paper's Table 1 fit, and the
## study's figures (fits drawn from the same Fits code as `scaling fit`) in plots/quick/.
STUDY := notebooks-data/quick
figures: build fit-demo
	$(BIN) sweep --preset quick --out $(STUDY)
	$(BIN) report $(STUDY)
	$(BIN) plot $(STUDY) --out plots/quick
	@echo "study results: $(STUDY)/metrics.csv, $(STUDY)/runs.jsonl; report: $(STUDY)/report.md"
	@echo "figures: plots/quick/*.png and .svg (with their gnuplot scripts); Table 1 fit: plots/paper-table1.png"

## paper: the paper preset (E1-E10, 59 runs, ~46 min on 2 cores from the shipped bases; resumes when rerun),
## its report and the figures F1-F10 in plots/ (the ones the README shows).
PAPER := notebooks-data/paper
paper: build
	$(BIN) sweep --preset paper --out $(PAPER)
	$(BIN) report $(PAPER)
	$(BIN) plot $(PAPER) --out plots
	@echo "study results: $(PAPER)/metrics.csv, $(PAPER)/runs.jsonl; report: $(PAPER)/report.md; figures: plots/F1-F10"

fit-demo: build
	$(BIN) fit plots/paper-table1.csv --x sft_size --y accuracy --group dataset,data --model all
	$(BIN) plot fit plots/paper-table1.csv --x sft_size --y accuracy --group dataset,data --panels dataset \
	  --model logit-power --logx --xlabel "SFT examples" --ylabel "accuracy (LLaMA-2 7B)" --size 900,640 \
	  --title "Paper Table 1: real vs synthetic SFT data, logit-power fits" --out plots/paper-table1

## bench: `scaling bench` vs the PyTorch reference (benchmarks/torch_gpt.py) on the issue's shapes, alternating.
## PyTorch comes from a venv in benchmarks/.venv (created once; torch installed from PyPI only when missing).
BENCH_VENV := benchmarks/.venv
bench: build
	@[ -x $(BENCH_VENV)/bin/python ] || python3 -m venv $(BENCH_VENV)
	@$(BENCH_VENV)/bin/python -c 'import torch' 2>/dev/null || \
	  $(BENCH_VENV)/bin/pip install torch
	$(BENCH_VENV)/bin/python benchmarks/compare.py --scaling $(BIN) --python $(BENCH_VENV)/bin/python

clean:
	rm -rf .build
