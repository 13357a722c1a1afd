// The AVX2 + FMA path: 8 lanes, a 6 × 16 GEMM tile (12 of the 16 ymm registers accumulate).
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define SK_VL 8
#define SK_MR 6
#define SK_NRV 2
#define SK_FMA 1
#define SK_NAME(x) x##_avx2
#include "kernels.inc"
#pragma clang attribute pop
#endif
