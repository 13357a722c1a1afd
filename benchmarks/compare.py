"""`make bench`: `scaling bench` against the PyTorch reference (torch_gpt.py, plain and --sdpa attention) on the
same shapes, run alternately (scaling, torch, torch --sdpa, scaling, ...) so that drift in machine speed hits
both sides alike. Prints one table row per shape with medians and the ratio scaling / best PyTorch.

    python benchmarks/compare.py --scaling .build/release/scaling [--rounds 3] [--steps 20] [--threads 2]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# (d, layers, heads) at T=128, B=32, V=128: the three target shapes.
SHAPES = [(64, 2, 2), (128, 4, 4), (256, 6, 8)]

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--scaling', required=True, help='path of the scaling binary')
p.add_argument('--python', default=sys.executable, help='python with torch')
p.add_argument('--rounds', type=int, default=3)
p.add_argument('--steps', type=int, default=20)
p.add_argument('--threads', type=int, default=2)
p.add_argument('--ctx', type=int, default=128)
p.add_argument('--batch', type=int, default=32)
p.add_argument('--vocab', type=int, default=128)
a = p.parse_args()


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def shape_args(d, layers, heads):
    return ['--d', str(d), '--layers', str(layers), '--heads', str(heads), '--ctx', str(a.ctx),
            '--batch', str(a.batch), '--vocab', str(a.vocab), '--threads', str(a.threads), '--steps', str(a.steps)]


print(f'threads {a.threads}, T {a.ctx}, B {a.batch}, V {a.vocab}, {a.steps} timed steps, medians of {a.rounds} '
      'alternating rounds')
header = ('shape', 'scaling tok/s', 'torch tok/s', 'torch sdpa tok/s', 'ratio', 'GFLOP/s', 'of sgemm peak',
          'rss/model')
print(' | '.join(header))
for d, layers, heads in SHAPES:
    ours, plain, sdpa, fraction, gflops, rss = [], [], [], [], [], []
    for _ in range(a.rounds):
        s = run([a.scaling, 'bench', '--json'] + shape_args(d, layers, heads))
        ours.append(s['train_tokens_per_s'])
        gflops.append(s['gflops'])
        fraction.append(s['fraction_of_peak'])
        rss.append(s['rss_over_model'])
        plain.append(run([a.python, os.path.join(HERE, 'torch_gpt.py')] + shape_args(d, layers, heads))['tokens_per_s'])
        sdpa.append(run([a.python, os.path.join(HERE, 'torch_gpt.py'), '--sdpa'] + shape_args(d, layers, heads))['tokens_per_s'])
    m = statistics.median
    best_torch = max(m(plain), m(sdpa))
    print(f'd{d}/L{layers}/H{heads} | {m(ours):.0f} | {m(plain):.0f} | {m(sdpa):.0f} | {m(ours) / best_torch:.2f}x | '
          f'{m(gflops):.1f} | {m(fraction):.0%} | {m(rss):.2f}')
    sys.stdout.flush()
