// The portable path: 4-lane vectors the baseline instruction set has (SSE2 on x86-64, NEON on arm64), no FMA,
// a 4 × 8 GEMM tile.
#define SK_VL 4
#define SK_MR 4
#define SK_NRV 2
#define SK_FMA 0
#define SK_NAME(x) x##_portable
#include "kernels.inc"
