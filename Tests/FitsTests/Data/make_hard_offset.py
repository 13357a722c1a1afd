"""Offset-power cases for the scipy agreement tests, several of which need good starting values: plain
curve_fit(f, x, y) from its default start p0 = (1, 1, 1) converges to a wrong optimum on large_x, rising and
huge_x (RSS 1e4 to 1e6 times too large), and even with the bound b > 0 (trf) on rising. fit_scipy.py
supplies a grid start; `scaling fit` needs no starting values. Seeded; CSV on stdout.
Columns group,x,y; y = c + a * x^(-b) + N(0, sigma^2)."""
import math
import random
import sys

rng = random.Random(20240306)
cases = [  # group, c, a, b, sigma, x0, points
    ('large_x', 0.05, 40.0, 0.6, 0.0005, 1e4, 10),
    ('steep', 0.2, 5e3, 1.5, 0.002, 100.0, 9),
    ('slow_decay', 0.3, 2.0, 0.08, 0.001, 1000.0, 10),
    ('rising', 0.95, -12.0, 0.45, 0.003, 500.0, 8),
    ('huge_x', 0.1, 300.0, 0.5, 0.0001, 1e6, 10),
    ('falling_from_one', 0.02, 0.9, 0.35, 0.002, 1.0, 12),
]
w = sys.stdout
w.write('group,x,y\n')
for group, c, a, b, sigma, x0, n in cases:
    for k in range(n):
        x = x0 * 2 ** k
        w.write(f'{group},{x!r},{c + a * x ** -b + rng.gauss(0.0, sigma)!r}\n')
