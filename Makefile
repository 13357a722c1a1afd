# The two commands of the README:  `make figures` (set-up + the quick study + figures) and `make test`.
# slurm-wlm and munge: the single-node cluster of the Slurm executor's test (.ci/slurm-cluster.sh).
APT_PACKAGES := libopenblas-dev liblapacke-dev gnuplot-nox slurm-wlm munge
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_RELEASE := swift build -c release
BIN := .build/release/scaling

.PHONY: deps build test docs-check readme fuzz figures paper fit-demo bench bench-gemm clean

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

## test: the whole test suite (release mode with testability: the trainer tests train real models), the commands
## of the docs (docs-check), then a short fuzz run of the CLI (300 cases, under a minute).
## One build: `swift build --build-tests` builds the product and the tests, `swift test --skip-build` runs them
## (a plain `swift test` after `swift build` compiles every module again: its build description differs).
test: deps
	swift build --build-tests -c release -Xswiftc -enable-testing
	swift test --skip-build -c release -Xswiftc -enable-testing
	python3 Tests/Docs/docs_check.py --binary $(BIN)
	python3 Tests/Fuzz/fuzz.py --binary $(BIN) --cases 300

## docs-check: every command in the docs' sh blocks runs (or, where it would take minutes, has its options checked
## against --help), docs/cli.md holds every command's --help, the README's findings table and the committed reports
## equal what the binary makes now (Tests/Docs/docs_check.py)
docs-check: build
	python3 Tests/Docs/docs_check.py --binary $(BIN)

## readme: regenerate what docs-check compares: docs/cli.md's --help section, the committed studies' report.md and
## the README's findings table
readme: build
	python3 Tests/Docs/docs_check.py --binary $(BIN) --write

## fuzz: the full fuzz run of the CLI (every subcommand and option, hostile files; see Tests/Fuzz/fuzz.py)
fuzz: build
	python3 Tests/Fuzz/fuzz.py --binary $(BIN) --cases 5000

## figures: the main job: the quick study (resumes when rerun), its report, the paper's Table 1 fit, and the
## study's figures (fits drawn from the same Fits code as `scaling fit`) in plots/quick/.
STUDY := notebooks-data/quick
## Runs side by side, one thread each: on 2 cores faster than one run on both (results do not depend on it).
JOBS ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 1)
figures: build fit-demo
	$(BIN) sweep --preset quick --out $(STUDY) --jobs $(JOBS)
	$(BIN) report $(STUDY)
	$(BIN) plot $(STUDY) --out plots/quick
	@echo "study results: $(STUDY)/metrics.csv, $(STUDY)/runs.jsonl; report: $(STUDY)/report.md"
	@echo "figures: plots/quick/*.png and .svg (with their gnuplot scripts); Table 1 fit: plots/paper-table1.png"

## paper: the paper preset (E1-E10 with 4 pretraining seeds per size, 137 runs on twelve bases; resumes when rerun),
## its report and the figures F1-F10 in plots/ (the ones the README shows).
PAPER := notebooks-data/paper
paper: build
	$(BIN) sweep --preset paper --out $(PAPER) --jobs $(JOBS)
	$(BIN) report $(PAPER)
	$(BIN) plot $(PAPER) --out plots
	@echo "study results: $(PAPER)/metrics.csv, $(PAPER)/runs.jsonl; report: $(PAPER)/report.md; figures: plots/F1-F10"

fit-demo: build
	$(BIN) fit plots/paper-table1.csv --x sft_size --y accuracy --group dataset,data --model all
	$(BIN) plot fit plots/paper-table1.csv --x sft_size --y accuracy --group dataset,data --panels dataset \
	  --model logit-power --logx --xlabel "SFT examples" --ylabel "accuracy (LLaMA-2 7B)" --size 900,640 \
	  --title "Paper Table 1: real vs synthetic SFT data, logit-power fits" --out plots/paper-table1

## bench: `scaling` vs the PyTorch references (benchmarks/torch_gpt.py, torch_sample.py) in one table, alternating:
## the study's pretraining and SFT steps, the bench shapes, evaluation sampling (benchmarks/README.md).
## PyTorch comes from a venv in benchmarks/.venv (created once; torch installed from PyPI only when missing).
## Options of compare.py go in BENCH_ARGS, e.g. `make bench BENCH_ARGS=--quick` (a smoke run).
BENCH_VENV := benchmarks/.venv
BENCH_ARGS ?=
bench: build
	@[ -x $(BENCH_VENV)/bin/python ] || python3 -m venv $(BENCH_VENV)
	@$(BENCH_VENV)/bin/python -c 'import torch' 2>/dev/null || \
	  $(BENCH_VENV)/bin/pip install torch
	$(BENCH_VENV)/bin/python benchmarks/compare.py --scaling $(BIN) --python $(BENCH_VENV)/bin/python $(BENCH_ARGS)

## bench-gemm: our GEMM microkernel against OpenBLAS, one thread, at the trainer's shapes, on every kernel path
## (compiled with the Swift toolchain's clang, which understands the kernels' per-path target pragmas).
bench-gemm: deps
	clang -O2 -ISources/CKernels/include $$(pkg-config --cflags openblas 2>/dev/null) Sources/CKernels/*.c \
	  benchmarks/gemm_shapes.c -o .build/gemm_shapes -lopenblas -lm
	.build/gemm_shapes

clean:
	rm -rf .build
