#!/usr/bin/env python3
"""Fuzzes the `scaling` release binary: every subcommand, every option, hostile files.

Each case runs the binary once with arguments drawn from the subcommand's own `--help` (so a new option is
fuzzed without editing this file): boundary and random values for every option (0, -1, huge, NaN, inf, text,
unicode, empty), valid small values, and hostile input files (empty, truncated, binary, NaN/inf, huge numbers,
wrong JSON types, deep nesting, unicode, very long lines). Every case must:
  - end by itself within the time limit (a hang is a failure),
  - exit 0, 1 or 2, never by a signal (a trap, an abort, the kernel's OOM killer),
  - when it fails (exit 1 or 2), say why in exactly one line, `error: ...`, the last line on stderr, with no
    backtrace.
Sizes that make a command train or sample are drawn small or invalid, never large and valid, so no case runs
long legitimately. Python 3 standard library only.

    python3 Tests/Fuzz/fuzz.py --binary .build/release/scaling --cases 5000      # the full run (make fuzz)
    python3 Tests/Fuzz/fuzz.py --cases 300                                        # the short run of `make test`

Exit status 0 when every case passed; otherwise each failure is printed with the command that reproduces it.
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CRASH_MARKERS = ("Fatal error", "Backtrace", "Stack dump", "Segmentation fault", "Illegal instruction",
                 "precondition", "Assertion failed", "Thread 0 crashed", "💣")


def run(binary, args, cwd, timeout):
    """(exit status or None on timeout, stdout, stderr, seconds). Each case runs in its own process group, so a
    case that times out is stopped with every process it started (a sweep's children)."""
    start = time.monotonic()
    p = subprocess.Popen([binary] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None, "", "", time.monotonic() - start
    return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.monotonic() - start


def check(status, stderr):
    """The reason a finished case fails the contract, or None."""
    if status is None:
        return "did not end within the time limit"
    if status < 0:
        return f"killed by signal {-status}"
    if status not in (0, 1, 2):
        return f"exit status {status}"
    for marker in CRASH_MARKERS:
        if marker in stderr:
            return f"stderr contains {marker!r}"
    if status != 0:
        lines = [l for l in stderr.replace("\r", "\n").split("\n") if l.strip()]
        errors = [l for l in lines if l.startswith("error: ")]
        if len(errors) != 1:
            return f"{len(errors)} 'error:' lines on stderr (expected exactly 1)"
        if lines[-1] != errors[0]:
            return "the error is not the last line on stderr"
    return None


# ---------------------------------------------------------------------------------------------- the commands

def commands(binary):
    """{"fit": spec, "plot fit": spec, ...} from the help texts: options (name, value placeholder, default)
    and positionals."""
    out = {}

    def visit(path):
        text = subprocess.run([binary] + path + ["--help"], capture_output=True, text=True, timeout=30).stdout
        usage = re.search(r"^USAGE: scaling(.*)$", text, re.M).group(1).split()
        positionals = [w.strip("[]") for w in usage if w not in ("[options]", "<command>") and not w.startswith("...")
                       and w.strip("[]") not in path]
        options = []
        for m in re.finditer(r"^  --([a-z0-9-]+)(?: ([^ ]+))?\s", text, re.M):
            if m.group(1) != "help":
                options.append((m.group(1), m.group(2)))
        subs = []
        if "COMMANDS:" in text:
            block = text.split("COMMANDS:")[1].split("\n\n")[0]
            subs = re.findall(r"^  ([a-z]+)\s", block, re.M)
        if path:
            out[" ".join(path)] = {"positionals": positionals, "options": options}
        for s in subs:
            visit(path + [s])

    visit([])
    return out


# ------------------------------------------------------------------------------------------------- fixtures

def make_fixtures(binary, d):
    """Valid small inputs (made by the binary itself) and hostile files, in directory d."""
    def ok(args):
        r = subprocess.run([binary] + args, cwd=d, capture_output=True, timeout=300)
        if r.returncode != 0:
            sys.exit(f"fixture failed: scaling {' '.join(args)}: {r.stderr.decode()}")

    ok(["tasks", "--set", "test", "--size", "8", "--out", "test.jsonl"])
    ok(["tasks", "--set", "pool", "--size", "16", "--test-size", "8", "--out", "pool.jsonl"])
    ok(["train", "--data", "pool.jsonl", "--out", "tiny.ckpt", "--d", "8", "--layers", "1", "--heads", "2",
        "--ctx", "352", "--steps", "2", "--quiet"])
    refs = [json.loads(l) for l in open(os.path.join(d, "test.jsonl"))]
    with open(os.path.join(d, "samples.jsonl"), "w") as f:
        for r in refs:
            answer = r["answer"].split("####")[-1].strip()
            f.write(json.dumps({"id": r["id"], "completions": [r["answer"], "#### 0", "no answer"],
                                "greedy_completion": f"The answer is {answer}", "model": "m"}) + "\n")
    shutil.copy(os.path.join(ROOT, "plots", "paper-table1.csv"), os.path.join(d, "points.csv"))
    # lm-evaluation-harness --log_samples output (16 repeats per document, two filters), read as it is.
    shutil.copy(os.path.join(ROOT, "Tests", "Data", "harness", "pythia-410m",
                             "samples_gsm8k_cot_self_consistency_2026-01-05T12-00-00.000000.jsonl"), os.path.join(d, "harness.jsonl"))
    # A tiny study: valid config (dry runs and single runs take seconds) and the figure fixture's metrics.
    tiny = {"name": "tiny", "models": ["d8L1H2"], "bases": "bases",
            "pretrain": {"tokens": 4000, "batch": 4, "context": 352},
            "sft": {"sizes": [0, 8], "epochs": 1, "batch": 4},
            "data": {"pool_size": 16}, "eval": {"test_size": 8, "samples": 2, "pass_at_k": [1], "regen_size": 4},
            "experiments": {"E1": {}}}
    with open(os.path.join(d, "tiny.json"), "w") as f:
        json.dump(tiny, f)
    os.makedirs(os.path.join(d, "study"), exist_ok=True)
    with open(os.path.join(d, "study", "config.json"), "w") as f:
        json.dump(tiny, f)
    shutil.copy(os.path.join(ROOT, "Tests", "StudyTests", "Data", "metrics.csv"), os.path.join(d, "study", "metrics.csv"))

    valid_jsonl = open(os.path.join(d, "test.jsonl")).read()
    valid_csv = open(os.path.join(d, "points.csv")).read()
    hostile = {
        "empty": "",
        "blank-lines": "\n\n  \n",
        "truncated.jsonl": valid_jsonl[: len(valid_jsonl) // 2],
        "truncated.csv": valid_csv[: len(valid_csv) // 2],
        "nan.csv": "sft_size,accuracy,dataset,data\nnan,0.5,a,b\n1,inf,a,b\n2,-inf,a,b\n3,NaN,a,b\n",
        "huge.csv": "sft_size,accuracy,dataset,data\n1e308,0.5,a,b\n1e400,0.6,a,b\n99999999999999999999999,0.7,a,b\n1e-320,0.8,a,b\n",
        "huge.jsonl": '{"question": "1e400", "answer": "#### 1e400", "steps": 99999999999999999999, "id": 1e308}\n',
        "wrong-types.jsonl": '{"question": 5, "answer": ["x"]}\n{"question": null, "answer": {}}\n[1,2,3]\n"text"\n',
        "wrong-types-samples.jsonl": '{"id": [1], "completion": 5, "greedy": "yes", "model": {}}\n{"question": 3, "completions": "x"}\n',
        "no-hashes.jsonl": '{"question": "What is 2+2?", "answer": "It is 4."}\n',
        "unicode.jsonl": json.dumps({"question": "Ünïcödé 🚀 مرحبا \u202e \u0301\u0301", "answer": "ẞ #### ５"}) + "\n",
        "unicode.csv": "sft_size,accuracy,dataset,data\n１,0.5,🚀,b\n2,0.6,\u202e,b\n",
        "long-line.jsonl": json.dumps({"question": "x" * 1_000_000, "answer": "#### 1"}) + "\n",
        "long-line.csv": "sft_size,accuracy\n" + "1" * 1_000_000 + ",0.5\n",
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "deep-object.jsonl": '{"a":' * 50_000 + "1" + "}" * 50_000 + "\n",
        "bad-config.json": json.dumps(dict(tiny, pretrain={"tokens": 4000, "context": 64})),
        "huge-model.json": json.dumps(dict(tiny, models=["d65536L64"])),
        "huge-sizes.json": json.dumps(dict(tiny, data={"pool_size": 99999999}, eval={"test_size": 99999996})),
        "types-config.json": json.dumps(dict(tiny, seed="one", models=[64], sft={"sizes": "many"})),
        "metrics-bad.csv": "study,experiment,metric,value\nx,E1,greedy_accuracy,nan\nx,E4,accuracy_steps_999999999,0.5\n",
        "fake.ckpt": "SCGPTCKP" + "\x00" * 100,
    }
    for name, text in hostile.items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    rng = random.Random(7)
    with open(os.path.join(d, "binary"), "wb") as f:
        f.write(bytes(rng.randrange(256) for _ in range(4096)))
    with open(os.path.join(d, "tiny.ckpt"), "rb") as f:
        ckpt = f.read()
    with open(os.path.join(d, "truncated.ckpt"), "wb") as f:
        f.write(ckpt[: len(ckpt) // 2])
    # A header whose shape (V = d = 4e9) overflows 64-bit parameter counts.
    import struct
    with open(os.path.join(d, "huge-shape.ckpt"), "wb") as f:
        f.write(b"SCGPTCKP" + struct.pack("<II5IQQQQI", 1, 0, 4_000_000_000, 1, 4_000_000_000, 1, 1, 0, 0, 0, 0, 0) + b"\0" * 64)
    flipped = bytearray(ckpt)
    flipped[len(flipped) // 2] ^= 0xFF
    with open(os.path.join(d, "flipped.ckpt"), "wb") as f:
        f.write(bytes(flipped))
    # Hostile study directories: empty, a metrics file of the wrong kind, a config that is binary.
    for name, files in {"study-empty": {}, "study-bad-metrics": {"config.json": json.dumps(tiny), "metrics.csv": hostile["metrics-bad.csv"]},
                        "study-binary": {"config.json": "\x00\x01\x02", "metrics.csv": "\xff\xfe"}}.items():
        os.makedirs(os.path.join(d, name), exist_ok=True)
        for f, text in files.items():
            with open(os.path.join(d, name, f), "w", encoding="utf-8", errors="surrogateescape") as h:
                h.write(text)
    files = sorted(set(hostile) | {"binary", "truncated.ckpt", "flipped.ckpt", "huge-shape.ckpt", "test.jsonl", "pool.jsonl", "tiny.ckpt",
                                   "samples.jsonl", "harness.jsonl", "points.csv", "tiny.json", "missing-file", "/", "."})
    dirs = ["study", "study-empty", "study-bad-metrics", "study-binary", "missing-dir", "."]
    return files, dirs


# ------------------------------------------------------------------------------------------- value drawing

BAD_NUMBERS = ["0", "-1", "-0", "1e308", "1e400", "-1e400", "nan", "NaN", "inf", "-inf", "9223372036854775807",
               "9223372036854775808", "99999999999999999999999", "0x10", "1.5", "1e3", "", " ", "abc", "５", "½", "1,2",
               "--", "-", "2147483648", "18446744073709551616"]
BAD_TEXT = ["", " ", "🚀", "\u202e", "a" * 10_000, "..", "/", "x,y", ",", ",,,", "NaN", "-", "=", "\t"]

# Options that make a command train, sample or loop: drawn small when valid, so no case runs long legitimately.
SMALL = {
    "d": ["4", "8", "16"], "layers": ["1", "2"], "heads": ["1", "2", "4"], "ctx": ["8", "64", "352"],
    "batch": ["1", "2", "4"], "vocab": ["8", "101"], "steps": ["1", "2"], "epochs": ["1"], "warmup": ["0", "1"],
    "samples": ["0", "1", "2"], "size": ["1", "4", "8", "12"], "pool-size": ["8", "40"], "test-size": ["4", "8"],
    "bootstrap": ["0", "10"], "threads": ["1", "2"], "jobs": ["1"], "save-every": ["0", "1"], "stop-after": ["1"],
    "k": ["1", "1,2", "3"], "extrapolate": ["1", "4", "1000"], "top-k": ["1", "5"], "predict": ["100", "1e4"],
    "target": ["0.5", "0.9"], "size:plot": ["200,150", "900,560"],
}


def draw_value(rng, name, placeholder, files, dirs, command, bad_rate):
    p = placeholder or ""
    # r < 1 - bad_rate draws a valid value where the option has a valid set, else a boundary or hostile one.
    r = rng.random() * 0.7 / max(1e-9, 1 - bad_rate)
    if p in ("FILE", "CKPT", "DATA") or p.startswith("FILE[") or name in ("data", "eval", "init", "samples-file", "reference", "config", "per-question"):
        if name in ("out", "per-question"):
            return rng.choice(["out.bin", "sub/dir/out.bin", "/proc/version", "", "🚀.out", "binary"])
        return rng.choice(files)
    if p == "DIR" or name == "out":
        return rng.choice(["out-" + str(rng.randrange(1000)), "", "/", "binary", "missing/deep/out", "🚀"])
    if "|" in p:
        choices = p.split("|")
        return rng.choice(choices) if r < 0.7 else rng.choice(BAD_TEXT + [c.upper() for c in choices])
    key = f"{name}:{command.split()[0]}" if f"{name}:{command.split()[0]}" in SMALL else name
    if key in SMALL:
        return rng.choice(SMALL[key]) if r < 0.7 else rng.choice(BAD_NUMBERS)
    if p in ("N", "K", "S", "X", "T", "F", "R", "Y", "HASH") or name in ("seed", "lr", "min-lr", "weight-decay", "clip",
                                                                       "temperature", "calculation-errors", "reasoning-errors"):
        if r < 0.7:
            return rng.choice(["0", "1", "0.5", "0.001", "2", "7"])
        return rng.choice(BAD_NUMBERS)
    if p == "A-B":
        return rng.choice(["1-4", "2-8", "1", "4-1", "0-9", "1-", "-", "a-b", "1-2-3", "8", "9", ""])
    if p in ("COL", "COL[,COL]") or name in ("x", "y", "group", "panels", "yerr"):
        return rng.choice(["sft_size", "accuracy", "dataset", "data", "dataset,data", "missing", "", ",", "🚀"])
    if p == "W,H":
        return rng.choice(["900,560", "200,150", "0,0", "-1,5", "99999,99999", "1e9,1", "a,b", "900", ""])
    return rng.choice(["quick", "paper", "E1", "E1,E3", "best", "all", "power", "logit-power", "png", "svg", "png,svg",
                       "light", "print"] + BAD_TEXT)


MUTABLE = ["test.jsonl", "pool.jsonl", "samples.jsonl", "harness.jsonl", "points.csv", "tiny.json", "tiny.ckpt", "study/metrics.csv"]


def mutate(rng, data):
    """A damaged copy of a valid file: flipped, inserted or deleted bytes, a cut, a repeated or dropped line."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(6)
        at = rng.randrange(max(1, len(data)))
        if kind == 0 and data:
            data[at] ^= 1 << rng.randrange(8)
        elif kind == 1:
            data[at:at] = rng.choice([b"\x00", b"\xff\xfe", b"\"", b"\\", b"{", b"]", b",", b"\n", b"1e999", b"-", b"NaN",
                                      "🚀".encode(), b"\r\n", b" " * 1000])
        elif kind == 2:
            del data[at:at + rng.randint(1, 50)]
        elif kind == 3:
            data = data[:at]
        elif kind == 4:
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        else:
            lines = bytes(data).split(b"\n")
            del lines[rng.randrange(len(lines))]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def draw_case(rng, name, spec, files, dirs, work=None, index=0):
    # A quarter of the cases read a freshly damaged copy of a valid input in place of the fixture files.
    if work is not None and rng.random() < 0.25:
        source = rng.choice(MUTABLE)
        with open(os.path.join(work, source), "rb") as f:
            damaged = mutate(rng, f.read())
        if source.startswith("study/"):
            target = f"mut-study-{index}"
            os.makedirs(os.path.join(work, target), exist_ok=True)
            shutil.copy(os.path.join(work, "study", "config.json"), os.path.join(work, target, "config.json"))
            with open(os.path.join(work, target, "metrics.csv"), "wb") as f:
                f.write(damaged)
            dirs = [target] * len(dirs) + dirs
        else:
            target = f"mut-{index}-{os.path.basename(source)}"
            with open(os.path.join(work, target), "wb") as f:
                f.write(damaged)
            files = [target] * len(files) + files   # half of the file arguments
    # A third of the cases has only valid option values (so the input files decide the outcome), a third a few
    # bad ones, a third many.
    bad_rate = rng.choice([0.0, 0.05, 0.3])
    args = name.split()
    for pos in spec["positionals"]:
        if "DIR" in pos:
            args.append(rng.choice(dirs))
        elif rng.random() < 0.95:
            args.append(rng.choice(files))
    for option, placeholder in spec["options"]:
        if rng.random() < 0.45:
            continue
        if placeholder is None:
            args.append("--" + option)
        else:
            value = draw_value(rng, option, placeholder, files, dirs, name, bad_rate)
            if rng.random() < 0.2:
                args.append(f"--{option}={value}")
            else:
                args += ["--" + option, value]
    # Keep the legitimately long commands short (they are fuzzed through their other options).
    if name == "train" and "--steps" not in args and "--epochs" not in args:
        args += ["--steps", "1"]
    if name == "train":
        for option, small in (("--d", "8"), ("--layers", "1"), ("--ctx", "64")):
            if option not in args and not any(a.startswith(option + "=") for a in args):
                args += [option, small]
    if name == "bench":
        args += ["--no-peak"] if rng.random() < 0.9 else []
        for option, small in (("--d", "8"), ("--layers", "1"), ("--ctx", "16"), ("--batch", "2"), ("--steps", "1"), ("--vocab", "16")):
            if option not in args and not any(a.startswith(option + "=") for a in args):
                args += [option, small]
    if name == "sweep" and "--dry-run" not in args:
        # A real sweep only of the tiny study (seconds); the presets' bases would take an hour to pretrain.
        if rng.random() < 0.9:
            args.append("--dry-run")
        else:
            args = without(args, ["--preset", "--config", "--resume"]) + ["--config", "tiny.json"]
    if name == "sweep" and not any(a.startswith("--out") for a in args):
        args += ["--out", "sweep-out"]
    r = rng.random() if bad_rate > 0 else 1
    if r < 0.04:
        args.insert(len(name.split()) + rng.randrange(len(args) - len(name.split()) + 1), rng.choice(["--no-such", "-x", "--", "extra"]))
    elif r < 0.06:
        args.append("--" + rng.choice(spec["options"] or [("help", None)])[0])  # an option without its value
    return args


def without(args, options):
    """`args` without the given options (`--name value` or `--name=value`; a flag alone)."""
    out, skip = [], False
    for i, a in enumerate(args):
        if skip:
            skip = False
            continue
        name = a.split("=", 1)[0]
        if name in options:
            skip = "=" not in a and i + 1 < len(args) and not args[i + 1].startswith("--") and a != "--resume"
            continue
        out.append(a)
    return out


def boundary_cases(cmds, files):
    """Deterministic cases: the issue's rows, each option alone with each bad number."""
    cases = [
        ["tasks", "--set", "test", "--steps", "1", "--size", "4000", "--out", "t.jsonl"],
        ["tasks", "--set", "synthetic", "--steps", "4", "--methods", "constraint", "--size", "10", "--pool-size", "20", "--out", "t.jsonl"],
        ["tasks", "--set", "synthetic", "--methods", ",", "--size", "10", "--out", "t.jsonl"],
        ["sweep", "--config", "bad-config.json", "--out", "s1", "--dry-run"],
        ["sweep", "--config", "huge-model.json", "--out", "s2", "--dry-run"],
        ["sweep", "--config", "huge-sizes.json", "--out", "s3", "--dry-run"],
        ["train", "--data", "pool.jsonl", "--out", "x.ckpt", "--d", "65536", "--layers", "64", "--steps", "1"],
        ["train", "--data", "pool.jsonl", "--out", "x.ckpt", "--batch", "1000000", "--ctx", "1000000", "--steps", "1"],
        ["bench", "--d", "1000000", "--no-peak"],
        ["plot", "fit", "points.csv", "--x", "sft_size", "--y", "accuracy", "--logx", "--extrapolate", "1e308", "--out", "p"],
        ["train", "--data", "pool.jsonl", "--out", "x.ckpt", "--steps", "1", "--d", "8", "--layers", "1", "--eval", "empty"],
        ["train", "--data", "pool.jsonl", "--out", "x.ckpt", "--steps", "1", "--d", "8", "--layers", "1", "--eval", "no-hashes.jsonl"],
        ["eval", "--samples", "samples.jsonl", "--reference", "empty"],
        ["eval", "--samples", "empty", "--reference", "test.jsonl"],
        ["eval", "--samples", "samples.jsonl", "--reference", "no-hashes.jsonl"],
        ["eval", "--samples", "harness.jsonl"],
        ["eval", "--samples", "harness.jsonl,harness.jsonl"],
        ["eval", "--samples", "harness.jsonl,samples.jsonl", "--model", "a,b", "--reference", "test.jsonl"],
        ["eval", "--samples", "harness.jsonl", "--model", "a,b"],
        ["eval", "--samples", ",", "--model", ","],
        ["eval", "--samples", "samples.jsonl"],
    ]
    for option in ("lr", "min-lr", "weight-decay", "clip", "temperature", "warmup", "seed", "batch", "d", "ctx"):
        for bad in ("nan", "inf", "-1", "1e308", "-0"):
            cases.append(["train", "--data", "pool.jsonl", "--out", "b.ckpt", "--steps", "1", "--d", "8", "--layers", "1",
                          "--ctx", "64", f"--{option}", bad])
    for name, spec in sorted(cmds.items()):
        for option, placeholder in spec["options"]:
            if placeholder is not None:
                for bad in ("nan", "-1", "1e400", ""):
                    args = name.split() + [f"--{option}={bad}"]
                    if name == "bench":
                        args += ["--no-peak", "--steps", "1", "--d", "8", "--ctx", "16", "--vocab", "16", "--batch", "2"]
                    if name == "sweep":
                        args += ["--dry-run"]
                    cases.append(args)
        for f in files:
            if spec["positionals"]:
                cases.append(name.split() + [f])
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "scaling"))
    ap.add_argument("--cases", type=int, default=3000,
                    help="random cases after all boundary cases (default 3000); fewer than the boundary cases: a short run of "
                         "exactly this many cases, half of them boundary cases")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60, help="seconds before a case counts as a hang")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-boundary", action="store_true", help="random cases only")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"fuzz: {binary} is not an executable (run 'make build' first)")
    start = time.monotonic()
    work = tempfile.mkdtemp(prefix="scaling-fuzz-")
    try:
        cmds = commands(binary)
        files, dirs = make_fixtures(binary, work)
        rng = random.Random(a.seed)
        boundary = [] if a.no_boundary else boundary_cases(cmds, files)
        names = sorted(cmds)
        if a.cases < len(boundary):
            # A short run of exactly --cases cases: half of them boundary cases (the rows first), half random.
            boundary = boundary[:15] + rng.sample(boundary[15:], max(0, a.cases // 2 - 15))
            random_count = max(0, a.cases - len(boundary))
        else:
            # A full run: every boundary case plus --cases random ones.
            random_count = a.cases
        cases = boundary + [draw_case(rng, n, cmds[n], files, dirs, work, i)
                            for i, n in enumerate([rng.choice(names) for _ in range(random_count)])]
        failures, statuses, slowest = [], {0: 0, 1: 0, 2: 0}, (0.0, [])

        def one(i_args):
            i, args = i_args
            case_dir = os.path.join(work, f"case-{i % (a.jobs * 4)}")
            if not os.path.isdir(case_dir):
                os.makedirs(case_dir)
                for f in os.listdir(work):
                    src = os.path.join(work, f)
                    if not f.startswith("case-"):
                        os.symlink(src, os.path.join(case_dir, f))
            status, out, err, seconds = run(binary, args, case_dir, a.timeout)
            return args, status, err, seconds, check(status, err)

        with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
            for args, status, err, seconds, problem in pool.map(one, enumerate(cases)):
                if status in statuses:
                    statuses[status] += 1
                if seconds > slowest[0]:
                    slowest = (seconds, args)
                if problem:
                    failures.append((args, problem, err))
        elapsed = time.monotonic() - start
        print(f"fuzz: {len(cases)} cases in {elapsed:.0f} s: exit 0: {statuses[0]}, exit 1: {statuses[1]}, exit 2: {statuses[2]}, "
              f"failures: {len(failures)}; slowest {slowest[0]:.1f} s: scaling {' '.join(slowest[1])[:200]}")
        for args, problem, err in failures[:50]:
            shown = " ".join(x if x and " " not in x else repr(x) for x in args)
            print(f"FAIL: {problem}: scaling {shown[:300]}\n  stderr: {err.strip()[-600:]!r}")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
