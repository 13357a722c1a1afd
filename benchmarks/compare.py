"""`make bench`: `scaling` against the PyTorch references on the shapes the study runs, in one run, alternating
(ours, torch, torch --sdpa, ours, ...) so that drift in machine speed hits both sides alike. Prints one table:

  pretrain  the study's pretraining steps: T 352, B 16, V 101, L 2; d64 H4, d96 H6, d128 H4 (Presets.swift)
  sft       the study's SFT steps: the same models, B 16, rows of T - b*T/(2B) tokens for T 326 (the mean
            longest row of the study's SFT batches of 16 pool examples), masked loss (--sft on both sides;
            PyTorch pads every row to T, ours runs each at its own length as the study does; both count B*T)
  bench     the issue's bench shapes: T 128, B 32, V 128; d64 L2 H2, d128 L4 H4, d256 L6 H8 (the last also as a
            fraction of the sgemm peak that `scaling bench` measures in the same invocation)
  sampling  one study evaluation with the KV cache on each study model: 200 test prompts, 1 greedy + 16
            samples at temperature 0.7 each, every continuation exactly `new_tokens` long (no stop at <end>):
            `scaling bench --sampling-workload evaluation` vs torch_sample.py on the same workload JSON

Training rows compare with the best of torch_gpt.py plain and --sdpa; each side's figure is the best (default)
or the median of --rounds alternating rounds. Ratio = ours / torch; RSS/model = our peak resident memory over
the bytes of parameters, gradients, Adam moments and activations.

    python benchmarks/compare.py --scaling .build/release/scaling --python benchmarks/.venv/bin/python
    python benchmarks/compare.py ... --quick            # smoke run: 1 round, 2 steps, a small sampling workload
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STUDY = dict(ctx=352, batch=16, vocab=101)
SFT = dict(ctx=326, batch=16, vocab=101)
BENCH = dict(ctx=128, batch=32, vocab=128)
STUDY_MODELS = [(64, 2, 4), (96, 2, 6), (128, 2, 4)]          # (d, layers, heads): d64L2, d96L2H6, d128L2
BENCH_MODELS = [(64, 2, 2), (128, 4, 4), (256, 6, 8)]
GROUPS = ['pretrain', 'sft', 'bench', 'sampling']


def rows():
    """(group, label, model, data shape, options) of every table row, in table order."""
    out = [('pretrain', 'pretrain', m, STUDY, {}) for m in STUDY_MODELS]
    out += [('sft', 'sft', m, SFT, {'sft': True}) for m in STUDY_MODELS]
    out += [('bench', 'bench', m, BENCH, {'peak': m == BENCH_MODELS[-1]}) for m in BENCH_MODELS]
    out += [('sampling', 'sampling', m, STUDY, {}) for m in STUDY_MODELS]
    return out


p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--scaling', required=True, help='path of the scaling binary')
p.add_argument('--python', default=sys.executable, help='python with torch')
p.add_argument('--rounds', type=int, default=2, help='alternating rounds per row (default 2)')
p.add_argument('--stat', choices=['best', 'median'], default='best', help='per side over the rounds (default best)')
p.add_argument('--steps', type=int, default=20, help='timed training steps per measurement')
p.add_argument('--warmup', type=int, default=3, help='untimed training steps before timing')
p.add_argument('--threads', type=int, default=2)
p.add_argument('--torch-threads', default=None,
               help='comma-separated thread counts for PyTorch, best taken (default: --threads)')
p.add_argument('--groups', default=','.join(GROUPS), help=f'rows to run, of {",".join(GROUPS)} (default all)')
p.add_argument('--prompts', type=int, default=None, help='sampling: only the first N prompts of the workload')
p.add_argument('--new-tokens', type=int, default=None, help='sampling: N new tokens per continuation')
p.add_argument('--quick', action='store_true', help='smoke run: 1 round, 2 steps + 1 warm-up, 16 prompts x 16 tokens')
p.add_argument('--raw', default=None, help='also write every measurement as JSON lines to this file')
a = p.parse_args()
if a.quick:
    a.rounds, a.steps, a.warmup = 1, 2, 1
    a.prompts, a.new_tokens = a.prompts or 16, a.new_tokens or 16
groups = [g.strip() for g in a.groups.split(',') if g.strip()]
if not groups or any(g not in GROUPS for g in groups):
    p.error(f'--groups: expected some of {",".join(GROUPS)}, got {a.groups!r}')
if a.rounds < 1 or a.steps < 1 or a.warmup < 0 or a.threads < 1:
    p.error('--rounds, --steps and --threads must be at least 1, --warmup at least 0')
try:
    torch_threads = [int(t) for t in (a.torch_threads or str(a.threads)).split(',')]
except ValueError:
    p.error(f'--torch-threads: expected integers, got {a.torch_threads!r}')
raw = open(a.raw, 'w') if a.raw else None


def run(cmd):
    """Runs a benchmark command; returns its last stdout line as JSON."""
    t0 = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'error: {" ".join(cmd)} failed (exit {r.returncode}):\n{r.stderr.strip()}')
    result = json.loads(r.stdout.strip().splitlines()[-1])
    if raw:
        raw.write(json.dumps({'cmd': cmd[1:], 'wall_s': round(time.time() - t0, 2), **result}) + '\n')
        raw.flush()
    return result


def model_args(m, shape, threads):
    d, layers, heads = m
    return ['--d', str(d), '--layers', str(layers), '--heads', str(heads), '--ctx', str(shape['ctx']),
            '--vocab', str(shape['vocab']), '--threads', str(threads)]


def train_args(m, shape, threads):
    return model_args(m, shape, threads) + ['--batch', str(shape['batch']), '--steps', str(a.steps),
                                            '--warmup', str(a.warmup)]


workload_file = None
if 'sampling' in groups:
    extra = (['--prompts', str(a.prompts)] if a.prompts else []) + (['--new-tokens', str(a.new_tokens)] if a.new_tokens else [])
    out = subprocess.run([a.scaling, 'bench', '--sampling-workload', 'evaluation', '--print-workload'] + extra,
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f'error: scaling bench --print-workload failed:\n{out.stderr.strip()}')
    workload = json.loads(out.stdout)
    workload_file = tempfile.NamedTemporaryFile('w', suffix='.json', prefix='workload-', delete=False)
    workload_file.write(out.stdout)
    workload_file.close()


def measure(group, m, shape, options):
    """One alternating round of a row: {'ours': tok/s, 'torch': tok/s, 'sdpa': tok/s or None, ...}."""
    if group == 'sampling':
        ours = run([a.scaling, 'bench', '--sampling-workload', 'evaluation', '--json'] + extra
                   + model_args(m, shape, a.threads))
        torch = max(run([a.python, os.path.join(HERE, 'torch_sample.py'), '--workload', workload_file.name]
                        + model_args(m, shape, t))['tokens_per_s'] for t in torch_threads)
        return {'ours': ours['sample_tokens_per_s'], 'torch': torch, 'sdpa': None, 'rss': None, 'fraction': None}
    flags = ['--sft'] if options.get('sft') else []
    ours = run([a.scaling, 'bench', '--json'] + ([] if options.get('peak') else ['--no-peak']) + flags
               + train_args(m, shape, a.threads))
    script = os.path.join(HERE, 'torch_gpt.py')
    plain = max(run([a.python, script] + flags + train_args(m, shape, t))['tokens_per_s'] for t in torch_threads)
    sdpa = max(run([a.python, script, '--sdpa'] + flags + train_args(m, shape, t))['tokens_per_s'] for t in torch_threads)
    return {'ours': ours['train_tokens_per_s'], 'torch': plain, 'sdpa': sdpa, 'rss': ours['rss_over_model'],
            'fraction': ours['fraction_of_peak'] if options.get('peak') else None}


def pick(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return max(values) if a.stat == 'best' else statistics.median(values)


start = time.time()
threads_note = f'PyTorch threads best of {",".join(map(str, torch_threads))}' if len(torch_threads) > 1 else ''
print(f'{a.threads} threads{", " + threads_note if threads_note else ""}; {a.stat} of {a.rounds} alternating '
      f'round(s); training: {a.steps} timed steps after {a.warmup}; sampling: '
      + (f'{len(workload["prompt_lengths"])} prompts x (1 greedy + {workload["samples"]} samples at T '
         f'{workload["temperature"]:g}) x {workload["new_tokens"]} new tokens = {workload["generated_tokens"]} tokens'
         if workload_file else 'not run'))
print()
print('| row | shape | ours tok/s | PyTorch tok/s (plain / sdpa) | ratio | of sgemm peak | RSS / model |')
print('|---|---|---|---|---|---|---|')
sys.stdout.flush()
for group, label, m, shape, options in rows():
    if group not in groups:
        continue
    results = [measure(group, m, shape, options) for _ in range(a.rounds)]
    ours = pick([r['ours'] for r in results])
    plain, sdpa = pick([r['torch'] for r in results]), pick([r['sdpa'] for r in results])
    best_torch = max(v for v in (plain, sdpa) if v is not None)
    fraction, rss = pick([r['fraction'] for r in results]), pick([r['rss'] for r in results])
    d, layers, heads = m
    where = (f'T {shape["ctx"]}, B {shape["batch"]}, V {shape["vocab"]}' if group != 'sampling'
             else f'T {shape["ctx"]}, V {shape["vocab"]}, evaluation')
    torch_text = f'{plain:,.0f}' + (f' / {sdpa:,.0f}' if sdpa is not None else '')
    print(f'| {label} | d{d} L{layers} H{heads}, {where} | {ours:,.0f} | {torch_text} | {ours / best_torch:.2f}x | '
          f'{"" if fraction is None else f"{fraction:.0%}"} | {"" if rss is None else f"{rss:.2f}"} |')
    sys.stdout.flush()
print(f'\n(wall time of this comparison: {time.time() - start:.0f} s)')
if workload_file:
    os.unlink(workload_file.name)
