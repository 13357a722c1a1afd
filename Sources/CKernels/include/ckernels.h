// The trainer's hot kernels in C, compiled once per instruction-set path (AVX-512, AVX2+FMA, portable) from one
// source (kernels.inc) and chosen at run time from the CPU's features (dispatch.c). Swift code calls these through
// the Transformer module; everything is single-threaded: the caller splits work over its own workers.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The instruction-set paths, widest first. A path is usable when the CPU and the OS support it.
typedef enum {
    SK_PATH_PORTABLE = 0,   // plain C vector code: SSE2 on x86-64, NEON on arm64
    SK_PATH_AVX2 = 1,       // AVX2 + FMA, 8 lanes
    SK_PATH_AVX512 = 2,     // AVX-512F, 16 lanes
} sk_path;

/// Whether this CPU (and OS) can run `path`.
int sk_path_supported(sk_path path);
/// The path in use (the widest supported, unless `sk_set_path` chose another).
sk_path sk_current_path(void);
/// Use `path` from now on (process-wide). Returns 0 if the CPU cannot run it (nothing changes), 1 otherwise.
int sk_set_path(sk_path path);
/// The path's name: "portable", "avx2", "avx512".
const char *sk_path_name(sk_path path);

/// C[M,N] = alpha · op(A)[M,K] · op(B)[K,N] + beta · C, row-major like cblas_sgemm(CblasRowMajor, ...).
/// op(A) = A (stored M×K, lda ≥ K) or, with transA, Aᵀ (A stored K×M, lda ≥ M); likewise B.
/// beta = 0 never reads C (so C may hold NaN). Packs A and B into thread-local scratch.
void sk_sgemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
              const float *B, int ldb, float beta, float *C, int ldc);

/// C[M,N] = start + op(A)[M,K] · op(B)[K,N], where start[i, j] = res[i·ldr + j] + bias[j] (either may be NULL:
/// then the other alone, or 0), computed in the product's first store instead of a pass writing it into C first.
/// The bits equal writing start into C and calling sk_sgemm with alpha 1, beta 1. res may alias C (ldr = ldc).
void sk_sgemm_add(int transA, int transB, int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                  const float *bias, const float *res, int ldr, float *C, int ldc);

/// out[i] = gelu_tanh(inp[i]) (out may alias inp).
void sk_gelu_forward(float *out, const float *inp, size_t n);
/// dinp[i] = gelu_tanh'(inp[i]) · dout[i] (dinp may alias dout).
void sk_gelu_backward(float *dinp, const float *inp, const float *dout, size_t n);

/// In place over the first `valid` entries: row = softmax(scale · row); row[valid ..< width] = 0.
void sk_softmax_row(float *row, int valid, int width, float scale);
/// In place: d[j] = scale · p[j] · (d[j] − Σ_{i<valid} p[i]·d[i]) for j < width (p[j] = 0 past valid).
void sk_softmax_backward_row(float *d, const float *p, int valid, int width, float scale);

/// Causal self-attention of one head, fused (scores, mask, softmax and the product with v per tile of query rows).
/// q, k, v: T rows of hs floats, rows `ld` apart (the qkv activation); y: T rows, `ldy` apart. When att is not NULL
/// ([T, T] row-major) row t receives softmax over columns ≤ t and zeros from t+1 to the end of t's block of 36
/// columns (later columns untouched); when lse is not NULL, lse[t] = log Σ_j exp(score[t, j]) (what the backward
/// needs to recompute the probabilities). Any head size (tested 4 ... 64). Thread-local scratch of O(T · hs) floats.
void sk_attention_forward(int T, int hs, float scale, const float *q, const float *k, const float *v, int ld, float *y,
                          int ldy, float *att, float *lse);
/// Backward of `sk_attention_forward` from its output y and either its probabilities att (when not NULL) or its
/// log-sum-exp rows lse (the probabilities are then recomputed tile by tile): dq, dk, dv (rows `ld` apart, like
/// q, k, v) are overwritten; dy rows are `ldy` apart like y. Thread-local scratch of O(T²) floats.
void sk_attention_backward(int T, int hs, float scale, const float *q, const float *k, const float *v, int ld,
                           const float *y, const float *dy, int ldy, const float *att, const float *lse, float *dq,
                           float *dk, float *dv);

/// The decode-step attention's keys are stored in blocks of SK_KEY_BLOCK keys, each block transposed: dimension d
/// of key j at (j / SK_KEY_BLOCK)·SK_KEY_BLOCK·hs + d·SK_KEY_BLOCK + j % SK_KEY_BLOCK (`sk_key_offset`). Scores are
/// then products along the keys in whole vectors (SK_KEY_BLOCK is a multiple of every path's vector), and a
/// sample's keys are one contiguous stream (plain transposed rows were hs short streams that the hardware
/// prefetcher never caught). Key storage is rounded up to whole blocks.
#define SK_KEY_BLOCK 16
static inline long sk_key_offset(int j, int d, int hs) {
    return (long)(j / SK_KEY_BLOCK) * SK_KEY_BLOCK * hs + (long)d * SK_KEY_BLOCK + j % SK_KEY_BLOCK;
}

/// The sampler's decode-step attention of one (prompt group, head): row i < n of q (rows ldq apart) attends to the
/// P prompt keys pk (blocked, SK_KEY_BLOCK) with values pv ([P, hs]) and to its sample's `own` keys and values at
/// sk + rows[i]·rowStride (blocked) and sv + rows[i]·rowStride ([own, hs]); y[i·ldy ..< i·ldy + hs] =
/// softmax(scale · q·k) · v over both. scratch: `sk_decode_attention_scratch(P, own, hs)` floats (queries go in
/// blocks of SK_DECODE_QUERIES).
void sk_decode_attention(int n, int P, int own, int hs, float scale, const float *q, int ldq, const float *pk,
                         const float *pv, const float *sk, const float *sv, const long *rows, long rowStride,
                         float *y, int ldy, float *scratch);

/// Queries sk_decode_attention takes at once (its scratch holds one score row per query of a block).
#define SK_DECODE_QUERIES 4

/// The floats of sk_decode_attention's scratch for prompts of up to P tokens and up to `own` generated ones.
size_t sk_decode_attention_scratch(int P, int own, int hs);

/// e^x[i] for i < n (the same polynomial on every path; for tests).
void sk_exp(float *out, const float *x, size_t n);

#ifdef __cplusplus
}
#endif
#endif
