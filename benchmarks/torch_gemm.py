"""PyTorch's matmul (MKL on x86 wheels) on the d128 study step's products with cold operands: the same 14 shapes,
8 rotating copies and best of 4 as the "cold operands" table of gemm_shapes.c (`make bench-gemm`), one thread.

    benchmarks/.venv/bin/python benchmarks/torch_gemm.py
"""
import time

import torch

# (transA, transB, M, N, K, product): T 352, B 16 -> 5632 rows; one layer of d128L2 plus the LM head (V 101).
SHAPES = [
    (0, 1, 5632, 384, 128, "qkv forward"), (0, 1, 5632, 128, 128, "projection forward"),
    (0, 1, 5632, 512, 128, "fc1 forward"), (0, 1, 5632, 128, 512, "fc2 forward"), (0, 1, 5632, 101, 128, "LM head forward"),
    (0, 0, 5632, 128, 384, "qkv dinp"), (0, 0, 5632, 128, 512, "fc1 dinp"), (0, 0, 5632, 512, 128, "fc2 dinp"),
    (0, 0, 5632, 128, 101, "LM head dinp"), (1, 0, 384, 128, 5632, "qkv dweight"), (1, 0, 128, 128, 5632, "projection dweight"),
    (1, 0, 512, 128, 5632, "fc1 dweight"), (1, 0, 128, 512, 5632, "fc2 dweight"), (1, 0, 101, 128, 5632, "LM head dweight"),
]
COPIES = 8


def main():
    torch.set_num_threads(1)
    total = 0.0
    print(f"{'product':20s} {'M x N x K (tA tB)':>20s} {'PyTorch':>9s}")
    for ta, tb, m, n, k, name in SHAPES:
        a = [torch.rand(k, m) if ta else torch.rand(m, k) for _ in range(COPIES)]
        b = [torch.rand(n, k) if tb else torch.rand(k, n) for _ in range(COPIES)]
        best = float("inf")
        for _ in range(4):
            t0 = time.perf_counter()
            for x, y in zip(a, b):
                (x.t() if ta else x) @ (y.t() if tb else y)
            best = min(best, (time.perf_counter() - t0) / COPIES)
        total += best
        print(f"{name:20s} {f'{m} x {n} x {k} ({ta} {tb})':>20s} {2 * m * n * k / best / 1e9:9.1f}")
    print(f"{'all 14 (one thread)':20s} {'':20s} {total * 1e3:7.1f}ms")


if __name__ == "__main__":
    main()
