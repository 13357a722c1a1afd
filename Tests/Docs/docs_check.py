#!/usr/bin/env python3
"""Keeps the docs true to the tool (Python standard library only). `make test` runs the check, `make readme` --write.

Three parts:

* help:     docs/cli.md ends with every command's `--help`, between `<!-- help: CMD -->` markers. The check fails
            when a block differs from what the binary prints, or when a command (or subcommand) has no block, so
            every subcommand and option is in docs/cli.md.
* findings: README.md's findings table (between `<!-- findings: ... -->` and `<!-- /findings -->`) is made from the
            Summary of notebooks-data/paper/report.md; the committed reports of the studies the docs show must equal
            what `scaling report` makes of their results now.
* commands: every line of every ```sh block of the docs (README.md, docs/*.md, benchmarks/README.md,
            notebooks-data/README.md) runs in a temporary copy of the repository, one copy per file so a block's
            later lines see earlier lines' outputs, with `scaling` on PATH. What would take minutes is not run:
            `scaling sweep` runs with `--dry-run`; `scaling bench`, `scaling sweep run` and `scaling train` beyond
            100 steps are only checked: every option they use must be in their `--help`. So are usage synopses
            (lines with `[--option]`) and the blocks after a `<!-- docs-check: options -->` line (commands on files
            the reader brings). `make TARGET` lines run as `make -n TARGET` (the target exists, its recipe expands).
            Other programs (python3, squeue, /usr/bin/time, the PyTorch venv) are listed as not covered.

    python3 Tests/Docs/docs_check.py --binary .build/release/scaling            # check all three (make test)
    python3 Tests/Docs/docs_check.py --binary .build/release/scaling --write    # regenerate help, reports, findings
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = ["README.md", "benchmarks/README.md", "notebooks-data/README.md"] + sorted(
    "docs/" + f for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
# The studies whose report.md the docs show, and the one the README's findings table tallies.
# notebooks-data/paper-v1 (the first paper preset) and d96-seed2 (the seed pilot) stay reported: docs/presets.md
# shows their history (d96-seed2's report had gone stale before it was listed here).
REPORTED_STUDIES = ["notebooks-data/quick", "notebooks-data/paper", "notebooks-data/paper-v1", "notebooks-data/d96-seed2"]
FINDINGS_STUDY = "notebooks-data/paper"
# Commands that finish in seconds on the docs' inputs; the others are checked against --help only.
RUN = {("tasks",), ("eval",), ("fit",), ("plot",), ("plot", "fit"), ("report",), ("sweep", "status"), ("sweep",), ("train",)}
TRAIN_STEPS_LIMIT = 100


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(os.path.join(ROOT, path), "w", encoding="utf-8") as f:
        f.write(text)


def output(binary, args, cwd=ROOT):
    # 300 s like the docs' commands below: `scaling report notebooks-data/paper` (122 runs, nested bootstraps) takes
    # ~26 s with two base builds sharing the cores and once ran past 120 s on a host loaded by other machines.
    r = subprocess.run([binary] + args, cwd=cwd, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        sys.exit(f"docs-check: scaling {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout


# ---- help -------------------------------------------------------------------------------------------------------

def subcommands(help_text):
    """The names in a help text's COMMANDS: section."""
    names, inside = [], False
    for line in help_text.splitlines():
        if line.startswith("COMMANDS:"):
            inside = True
        elif inside and not line.strip():
            break
        elif inside and re.match(r"^  [a-z]", line):
            names.append(line.split()[0])
    return names


def command_paths(binary):
    """Every command path, `()` for the top level, with its --help text."""
    paths, queue = {}, [()]
    while queue:
        path = queue.pop(0)
        text = output(binary, list(path) + ["--help"])
        paths[path] = text
        queue += [path + (name,) for name in subcommands(text)]
    return paths


HELP_BLOCK = re.compile(r"<!-- help: (scaling[a-z ]*) -->\n```text\n(.*?)```\n<!-- /help -->\n", re.S)
HELP_HEADING = "## Every command's `--help`"


def help_section(paths):
    parts = [HELP_HEADING + "\n\n"
             "Generated from the binary by `make readme`; `make test` fails when this differs from `--help`.\n"]
    for path, text in paths.items():
        name = " ".join(("scaling",) + path)
        parts.append(f"\n<!-- help: {name} -->\n```text\n{text}```\n<!-- /help -->\n")
    return "".join(parts)


def check_help(binary, fix):
    paths = command_paths(binary)
    cli = read("docs/cli.md")
    wanted = help_section(paths)
    at = cli.find(HELP_HEADING)
    current = cli[at:] if at >= 0 else ""
    if current == wanted:
        return []
    if fix:
        write("docs/cli.md", (cli[:at] if at >= 0 else cli.rstrip("\n") + "\n\n") + wanted)
        return []
    documented = {m.group(1): m.group(2) for m in HELP_BLOCK.finditer(current)}
    problems = []
    for path, text in paths.items():
        name = " ".join(("scaling",) + path)
        if name not in documented:
            problems.append(f"docs/cli.md: no --help block for '{name}'")
        elif documented[name] != text:
            problems.append(f"docs/cli.md: the --help block of '{name}' differs from the binary's")
    for name in documented.keys() - {" ".join(("scaling",) + p) for p in paths}:
        problems.append(f"docs/cli.md: --help block for '{name}', which is no command")
    return problems or ["docs/cli.md: the --help section differs from its generated form"]


# ---- findings ---------------------------------------------------------------------------------------------------

FINDINGS = re.compile(r"(<!-- findings: [^\n]*-->\n)(.*?)(<!-- /findings -->)", re.S)


def summary_rows(report):
    """The rows of a report's Summary table as dicts by column name."""
    section = report.split("\n## Summary\n", 1)
    if len(section) < 2:
        return None
    lines = [l for l in section[1].split("\n## ", 1)[0].splitlines() if l.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    return [dict(zip(header, (c.strip() for c in l.strip("|").split("|")))) for l in lines[2:]]


def findings_table(report):
    rows = summary_rows(report)
    if not rows or "experiment" not in rows[0] or "reproduced" not in rows[0]:
        sys.exit(f"docs-check: {FINDINGS_STUDY}/report.md has no Summary table with 'experiment' and 'reproduced'")
    tally = {}
    for row in rows:
        verdicts = tally.setdefault(row["experiment"], {})
        verdicts[row["reproduced"]] = verdicts.get(row["reproduced"], 0) + 1
    lines = ["| experiment | findings | reproduced |", "|---|---|---|"]
    for experiment, verdicts in tally.items():
        counts = ", ".join(f"{v} {n}" for v, n in verdicts.items())
        lines.append(f"| {experiment} | {sum(verdicts.values())} | {counts} |")
    return "\n".join(lines) + "\n"


def check_findings(binary, fix):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for study in REPORTED_STUDIES:
            fresh = os.path.join(tmp, os.path.basename(study) + ".md")
            output(binary, ["report", study, "--out", fresh])
            with open(fresh, encoding="utf-8") as f:
                made = f.read()
            if made != read(study + "/report.md"):
                if fix:
                    write(study + "/report.md", made)
                else:
                    problems.append(f"{study}/report.md differs from what `scaling report {study}` makes now")
    readme = read("README.md")
    match = FINDINGS.search(readme)
    if not match:
        return problems + ["README.md: no <!-- findings: ... --> ... <!-- /findings --> block"]
    table = findings_table(read(FINDINGS_STUDY + "/report.md"))
    if match.group(2) != table:
        if fix:
            write("README.md", readme[:match.start(2)] + table + readme[match.end(2):])
        else:
            problems.append(f"README.md: the findings table differs from {FINDINGS_STUDY}/report.md's Summary")
    return problems


# ---- commands ---------------------------------------------------------------------------------------------------

def sh_lines(path):
    """(line number, command, options_only, block number) for each command of the file's ```sh blocks."""
    commands, block, options_only, previous, blocks = [], None, False, "", 0
    pending, pending_line = "", 0
    for number, line in enumerate(read(path).splitlines(), 1):
        if line.startswith("```"):
            if block is None:
                block = line[3:].strip().split(" ")[0]
                options_only = previous.strip() == "<!-- docs-check: options -->"
                blocks += 1
            else:
                block = None
            continue
        if line.strip():
            previous = line if block is None else previous
        if block not in ("sh", "bash"):
            continue
        if not pending:
            pending_line = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        command, pending = (pending + line).strip(), ""
        if command and not command.startswith("#"):
            commands.append((pending_line, command, options_only, blocks))
    return commands


def words(command):
    try:
        return shlex.split(command, comments=True)
    except ValueError:
        return command.split()


def scaling_path(tokens, paths):
    """The command path of a `scaling ...` token list, and the tokens after it."""
    path, rest = (), tokens[1:]
    while rest and path + (rest[0],) in paths:
        path, rest = path + (rest[0],), rest[1:]
    return path, rest


def unknown_options(path, rest, paths):
    known = set(re.findall(r"(?m)^  (--[a-z0-9-]+)", paths[path]))
    used = []
    for token in rest:
        for word in token.strip("[]").split("|"):
            if word.startswith("--"):
                used.append(word.split("=", 1)[0].strip("[]"))
    return [o for o in used if o not in known]


def check_file(doc, binary, paths, verbose):
    """Runs or checks the commands of one doc in its own copy of the repository: (problems, tallies, uncovered).
    A block's `cd DIR && ...` line moves the rest of that block into DIR, as in a shell."""
    problems, tally, uncovered = [], {"run": 0, "options": 0, "make -n": 0}, []
    commands = sh_lines(doc)
    if not commands:
        return problems, tally, uncovered
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "repo")
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".build", ".git", ".venv"), symlinks=True)
        os.makedirs(os.path.join(copy, ".build", "release"))
        os.symlink(os.path.abspath(binary), os.path.join(copy, ".build", "release", "scaling"))
        env = dict(os.environ, PATH=os.path.join(copy, ".build", "release") + os.pathsep + os.environ["PATH"])
        cwd, cwd_block = copy, 0
        for number, command, options_only, block in commands:
            where = f"{doc}:{number}"
            if block != cwd_block:
                cwd, cwd_block = copy, block
            tokens = words(command)
            if tokens and tokens[0] in ("/usr/bin/time", "time"):
                tokens = tokens[1:]
            if tokens and tokens[0] in ("scaling", ".build/release/scaling"):
                path, rest = scaling_path(tokens, paths)
                bad = unknown_options(path, rest, paths)
                if bad:
                    problems.append(f"{where}: {' '.join(bad)} not in `scaling {' '.join(path)} --help`: {command}")
                    continue
                steps = next((int(b) for a, b in zip(rest, rest[1:]) if a == "--steps" and b.isdigit()), None)
                runnable = (path in RUN and not options_only and "[" not in command
                            and (path != ("train",) or (steps is not None and steps <= TRAIN_STEPS_LIMIT)))
                if not runnable:
                    tally["options"] += 1
                    continue
                if path == ("sweep",) and "--dry-run" not in rest:
                    command = command.split(" #", 1)[0] + " --dry-run"
            elif tokens and tokens[0] == "make":
                command = "make -n " + " ".join(t for t in tokens[1:] if "=" not in t)
            elif tokens and (tokens[0] in ("cd", "gnuplot")) and not options_only:
                pass
            else:
                uncovered.append(f"{where}: {command}")
                continue
            tally["make -n" if tokens[0] == "make" else "run"] += 1
            started = time.monotonic()
            r = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
            if verbose:
                print(f"  {time.monotonic() - started:5.1f} s  {where}: {command[:100]}")
            if r.returncode == 0 and tokens[0] == "cd":
                cwd = os.path.join(cwd, tokens[1])
            if r.returncode != 0:
                tail = (r.stderr.strip() or r.stdout.strip()).splitlines()[-1:] or [""]
                problems.append(f"{where}: exit {r.returncode}: {command}: {tail[0]}")
    return problems, tally, uncovered


def check_commands(binary, verbose):
    paths = command_paths(binary)
    problems, tally, uncovered = [], {"run": 0, "options": 0, "make -n": 0}, []
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for p, t, u in pool.map(lambda doc: check_file(doc, binary, paths, verbose), DOCS):
            problems += p
            uncovered += u
            for k in tally:
                tally[k] += t[k]
    print(f"docs-check: {tally['run']} commands run, {tally['make -n']} make targets expanded with make -n, "
          f"{tally['options']} checked against --help only, {len(uncovered)} not covered:")
    for line in uncovered:
        print("  " + line)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/scaling"))
    parser.add_argument("--write", action="store_true", help="regenerate the help section, the reports and the findings table")
    parser.add_argument("--only", choices=["help", "findings", "commands"], action="append")
    parser.add_argument("--verbose", action="store_true", help="print each command with its time")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    parts = args.only or ["help", "findings", "commands"]
    problems = []
    if "help" in parts:
        problems += check_help(binary, args.write)
    if "findings" in parts:
        problems += check_findings(binary, args.write)
    if "commands" in parts and not args.write:
        problems += check_commands(binary, args.verbose)
    for p in problems:
        print("docs-check: " + p, file=sys.stderr)
    if problems:
        print(f"docs-check: {len(problems)} problem(s); `make readme` regenerates the generated parts", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
