// The AVX-512 path: 16 lanes, a 12 × 32 GEMM tile (24 of the 32 zmm registers accumulate).
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512dq,avx512bw,avx2,fma"))), apply_to = function)
#define SK_VL 16
#define SK_MR 12
#define SK_NRV 2
#define SK_FMA 1
#define SK_NAME(x) x##_avx512
#include "kernels.inc"
#pragma clang attribute pop
#endif
