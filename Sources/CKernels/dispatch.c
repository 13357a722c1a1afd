// Chooses the kernels' instruction-set path at run time: the widest the CPU and the OS support, unless
// sk_set_path picks another (the tests run every supported path; SCALING_KERNELS=portable|avx2|avx512 in the
// environment does the same for a whole process).
#include "ckernels.h"
#include "paths.h"
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

#define SK_PORTABLE(x) x##_portable
#define SK_AVX2(x) x##_avx2
#define SK_AVX512(x) x##_avx512
SK_DECLARE_PATH(SK_PORTABLE)
#if defined(__x86_64__)
SK_DECLARE_PATH(SK_AVX2)
SK_DECLARE_PATH(SK_AVX512)
#endif

#if defined(__x86_64__)
static unsigned long long xgetbv0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}
#endif

int sk_path_supported(sk_path path) {
    if (path == SK_PATH_PORTABLE) return 1;
#if defined(__x86_64__)
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1;
    if (!osxsave || !avx || !fma) return 0;
    unsigned long long xcr0 = xgetbv0();
    if ((xcr0 & 0x6) != 0x6) return 0;   // the OS saves xmm and ymm state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int avx2 = (b >> 5) & 1;
    if (path == SK_PATH_AVX2) return avx2;
    if (path == SK_PATH_AVX512) {
        int f = (b >> 16) & 1, dq = (b >> 17) & 1, bw = (b >> 30) & 1, vl = (b >> 31) & 1;
        return avx2 && f && dq && bw && vl && (xcr0 & 0xE6) == 0xE6;   // and opmask/zmm state
    }
#endif
    return 0;
}

static sk_path current = SK_PATH_PORTABLE;
static int chosen = 0;

static void choose(void) {
    if (chosen) return;
    current = SK_PATH_PORTABLE;
    if (sk_path_supported(SK_PATH_AVX2)) current = SK_PATH_AVX2;
    if (sk_path_supported(SK_PATH_AVX512)) current = SK_PATH_AVX512;
    const char *forced = getenv("SCALING_KERNELS");
    if (forced) {
        for (int p = SK_PATH_PORTABLE; p <= SK_PATH_AVX512; p++)
            if (strcmp(forced, sk_path_name((sk_path)p)) == 0 && sk_path_supported((sk_path)p)) current = (sk_path)p;
    }
    chosen = 1;
}

sk_path sk_current_path(void) { choose(); return current; }

int sk_set_path(sk_path path) {
    if (!sk_path_supported(path)) return 0;
    current = path;
    chosen = 1;
    return 1;
}

const char *sk_path_name(sk_path path) {
    switch (path) {
    case SK_PATH_AVX512: return "avx512";
    case SK_PATH_AVX2: return "avx2";
    default: return "portable";
    }
}

#if defined(__x86_64__)
#define DISPATCH(name, ...)                                                                                       \
    switch (sk_current_path()) {                                                                                  \
    case SK_PATH_AVX512: name##_avx512(__VA_ARGS__); return;                                                      \
    case SK_PATH_AVX2: name##_avx2(__VA_ARGS__); return;                                                          \
    default: name##_portable(__VA_ARGS__); return;                                                                \
    }
#else
#define DISPATCH(name, ...) name##_portable(__VA_ARGS__);
#endif

void sk_sgemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
              const float *B, int ldb, float beta, float *C, int ldc) {
    DISPATCH(sk_sgemm, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)
}
void sk_sgemm_add(int transA, int transB, int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                  const float *bias, const float *res, int ldr, float *C, int ldc) {
    DISPATCH(sk_sgemm_add, transA, transB, M, N, K, A, lda, B, ldb, bias, res, ldr, C, ldc)
}
void sk_gelu_forward(float *out, const float *inp, size_t n) { DISPATCH(sk_gelu_forward, out, inp, n) }
void sk_gelu_backward(float *dinp, const float *inp, const float *dout, size_t n) {
    DISPATCH(sk_gelu_backward, dinp, inp, dout, n)
}
void sk_softmax_row(float *row, int valid, int width, float scale) { DISPATCH(sk_softmax_row, row, valid, width, scale) }
void sk_softmax_backward_row(float *d, const float *p, int valid, int width, float scale) {
    DISPATCH(sk_softmax_backward_row, d, p, valid, width, scale)
}
void sk_exp(float *out, const float *x, size_t n) { DISPATCH(sk_exp, out, x, n) }
void sk_attention_forward(int T, int hs, float scale, const float *q, const float *k, const float *v, int ld, float *y,
                          int ldy, float *att, float *lse) {
    DISPATCH(sk_attention_forward, T, hs, scale, q, k, v, ld, y, ldy, att, lse)
}
void sk_attention_backward(int T, int hs, float scale, const float *q, const float *k, const float *v, int ld,
                           const float *y, const float *dy, int ldy, const float *att, const float *lse, float *dq,
                           float *dk, float *dv) {
    DISPATCH(sk_attention_backward, T, hs, scale, q, k, v, ld, y, dy, ldy, att, lse, dq, dk, dv)
}
size_t sk_decode_attention_scratch(int P, int own, int hs) {
    const size_t width = (size_t)(P + SK_KEY_BLOCK - 1) / SK_KEY_BLOCK * SK_KEY_BLOCK
                         + (size_t)(own + SK_KEY_BLOCK - 1) / SK_KEY_BLOCK * SK_KEY_BLOCK;
    return SK_DECODE_QUERIES * (width + (size_t)hs);
}

void sk_decode_attention(int n, int P, int own, int hs, float scale, const float *q, int ldq, const float *pk,
                         const float *pv, const float *sk, const float *sv, const long *rows, long rowStride,
                         float *y, int ldy, float *scratch) {
    DISPATCH(sk_decode_attention, n, P, own, hs, scale, q, ldq, pk, pv, sk, sv, rows, rowStride, y, ldy, scratch)
}
