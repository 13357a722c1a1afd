// `make bench-gemm`: our GEMM (CKernels) against OpenBLAS, one thread, at the trainer's shapes, on every kernel
// path this CPU supports. Each shape alternates the two (OpenBLAS, ours, OpenBLAS, ours, ...) for about a second
// each and prints the best GFLOP/s of each side and their ratio, plus the largest difference of the results.
#include "ckernels.h"
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

typedef struct { int transA, transB, M, N, K; const char *where; } Shape;

static float *aligned(size_t bytes) {
    float *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (p == NULL) abort();
    return p;
}

static void fill_random(float *x, size_t n) {
    for (size_t i = 0; i < n; i++) x[i] = (float)rand() / (float)RAND_MAX - 0.5f;
}

// The best seconds per product of each side (0 OpenBLAS, 1 ours) over `rounds` alternations (OpenBLAS, ours,
// OpenBLAS, ...), each timing `reps` passes over `copies` operand sets (one set: hot operands; several: cold).
static void best_alternating(double best[2], Shape sh, int rounds, int reps, int copies, float *const *A, float *const *B,
                             float *const *C[2]) {
    int lda = sh.transA ? sh.M : sh.K, ldb = sh.transB ? sh.K : sh.N;
    best[0] = best[1] = INFINITY;
    for (int round = 0; round < rounds; round++)
        for (int side = 0; side < 2; side++) {
            double t0 = now();
            for (int r = 0; r < reps; r++)
                for (int c = 0; c < copies; c++) {
                    if (side == 0)
                        cblas_sgemm(CblasRowMajor, sh.transA ? CblasTrans : CblasNoTrans, sh.transB ? CblasTrans : CblasNoTrans,
                                    sh.M, sh.N, sh.K, 1, A[c], lda, B[c], ldb, 0, C[side][c], sh.N);
                    else
                        sk_sgemm(sh.transA, sh.transB, sh.M, sh.N, sh.K, 1, A[c], lda, B[c], ldb, 0, C[side][c], sh.N);
                }
            double t = (now() - t0) / ((double)reps * copies);
            if (t < best[side]) best[side] = t;
        }
}

static const char *dimensions(Shape sh, char dims[64]) {
    snprintf(dims, 64, "%d x %d x %d (%d %d)", sh.M, sh.N, sh.K, sh.transA, sh.transB);
    return dims;
}

// The core's fused multiply-add peak: 12 independent chains of register-only FMAs (no loads), GFLOP/s.
#define PEAK_LOOP(lanes)                                                                                       \
    typedef float v __attribute__((vector_size(lanes * 4)));                                                \
    v a[12], b = (v){0} + 1.0000001f, c = (v){0} + 1e-7f;                                                      \
    for (int i = 0; i < 12; i++) a[i] = (v){0} + (float)i;                                                     \
    const long n = 50000000;                                                                                   \
    double t0 = now();                                                                                         \
    for (long k = 0; k < n; k++) {                                                                             \
        for (int i = 0; i < 12; i++) a[i] = __builtin_elementwise_fma(a[i], b, c);                             \
        __asm__ volatile("" : "+x"(a[0]), "+x"(a[1]), "+x"(a[2]), "+x"(a[3]), "+x"(a[4]), "+x"(a[5]),          \
                         "+x"(a[6]), "+x"(a[7]), "+x"(a[8]), "+x"(a[9]), "+x"(a[10]), "+x"(a[11]));            \
    }                                                                                                          \
    return n * 12.0 * lanes * 2 / (now() - t0) / 1e9;
__attribute__((target("avx512f"))) static double peak_avx512(void) { PEAK_LOOP(16) }
__attribute__((target("avx2,fma"))) static double peak_avx2(void) { PEAK_LOOP(8) }

// The d128 study step's products (T 352, B 16: 5632 rows; one layer plus the LM head) with cold operands, as in a
// training step: every call reads the next of 8 copies. Ours on the widest path against OpenBLAS, best of 4.
static void cold_products(void) {
    const Shape shapes[] = {
        {0, 1, 5632, 384, 128, "qkv forward"}, {0, 1, 5632, 128, 128, "projection forward"},
        {0, 1, 5632, 512, 128, "fc1 forward"}, {0, 1, 5632, 128, 512, "fc2 forward"}, {0, 1, 5632, 101, 128, "LM head forward"},
        {0, 0, 5632, 128, 384, "qkv dinp"}, {0, 0, 5632, 128, 512, "fc1 dinp"}, {0, 0, 5632, 512, 128, "fc2 dinp"},
        {0, 0, 5632, 128, 101, "LM head dinp"}, {1, 0, 384, 128, 5632, "qkv dweight"}, {1, 0, 128, 128, 5632, "projection dweight"},
        {1, 0, 512, 128, 5632, "fc1 dweight"}, {1, 0, 128, 512, 5632, "fc2 dweight"}, {1, 0, 101, 128, 5632, "LM head dweight"},
    };
    enum { copies = 8 };
    double total[2] = {0, 0};
    printf("\ncold operands (8 rotating copies), d128 study step, path %s\n", sk_path_name(sk_current_path()));
    printf("%-20s %20s %9s %8s\n", "product", "M x N x K (tA tB)", "OpenBLAS", "ours");
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        Shape sh = shapes[s];
        float *A[copies], *B[copies], *C[copies];
        for (int c = 0; c < copies; c++) {
            A[c] = aligned(sizeof(float) * (size_t)sh.M * sh.K);
            B[c] = aligned(sizeof(float) * (size_t)sh.K * sh.N);
            C[c] = aligned(sizeof(float) * (size_t)sh.M * sh.N);
            fill_random(A[c], (size_t)sh.M * sh.K);
            fill_random(B[c], (size_t)sh.K * sh.N);
        }
        double best[2];
        best_alternating(best, sh, 4, 1, copies, A, B, (float *const *[2]){C, C});
        char dims[64];
        double flops = 2.0 * sh.M * sh.N * sh.K;
        printf("%-20s %20s %9.1f %8.1f\n", sh.where, dimensions(sh, dims), flops / best[0] / 1e9, flops / best[1] / 1e9);
        total[0] += best[0];
        total[1] += best[1];
        for (int c = 0; c < copies; c++) { free(A[c]); free(B[c]); free(C[c]); }
    }
    printf("%-20s %20s %8.1fms %6.1fms\n", "all 14 (one thread)", "", total[0] * 1e3, total[1] * 1e3);
}

int main(void) {
    openblas_set_num_threads(1);
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) printf("FMA peak, one core: avx512 %.1f GFLOP/s\n", peak_avx512());
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) printf("FMA peak, one core: avx2 %.1f GFLOP/s\n", peak_avx2());
    const Shape shapes[] = {
        {0, 1, 2816, 192, 64, "qkv forward (d64, T 352, B 16, half the rows)"},
        {0, 1, 2816, 256, 64, "fc1 forward (d64)"},
        {0, 1, 2816, 64, 256, "fc2 forward (d64)"},
        {0, 1, 2816, 101, 64, "LM head forward (d64, V 101)"},
        {0, 0, 2816, 64, 192, "dinp of qkv (d64)"},
        {1, 0, 96, 64, 5632, "dweight of qkv (d64, half the output channels)"},
        {0, 1, 2816, 384, 128, "qkv forward (d128)"},
        {0, 0, 36, 16, 352, "attention probabilities . v (head size 16)"},
        {0, 0, 36, 352, 16, "attention q . kT (head size 16)"},
        {0, 0, 1024, 1024, 1024, "square"},
    };
    const int count = sizeof shapes / sizeof shapes[0];
    printf("%-8s %-48s %20s %9s %8s %8s %9s\n", "path", "shape", "M x N x K (tA tB)", "OpenBLAS", "ours", "ratio", "max diff");
    for (int path = SK_PATH_PORTABLE; path <= SK_PATH_AVX512; path++) {
        if (!sk_set_path((sk_path)path)) continue;
        for (int s = 0; s < count; s++) {
            Shape sh = shapes[s];
            // 64-byte aligned, as the trainer's buffers are (FloatBuffer): malloc's 16-byte offset makes every vector
            // load of a row straddle two cache lines (5-13% slower at these shapes).
            float *A = aligned(sizeof(float) * (size_t)sh.M * sh.K), *B = aligned(sizeof(float) * (size_t)sh.K * sh.N);
            float *C = aligned(sizeof(float) * (size_t)sh.M * sh.N), *D = aligned(sizeof(float) * (size_t)sh.M * sh.N);
            srand(1);
            fill_random(A, (size_t)sh.M * sh.K);
            fill_random(B, (size_t)sh.K * sh.N);
            double flops = 2.0 * sh.M * sh.N * sh.K, best[2];
            best_alternating(best, sh, 5, (int)(2e8 / flops) + 1, 1, &A, &B, (float *const *[2]){&C, &D});
            double diff = 0;
            for (size_t i = 0; i < (size_t)sh.M * sh.N; i++) diff = fmax(diff, fabs(C[i] - D[i]));
            char dims[64];
            printf("%-8s %-48s %20s %9.1f %8.1f %7.2fx %9.1e\n", sk_path_name((sk_path)path), sh.where, dimensions(sh, dims),
                   flops / best[0] / 1e9, flops / best[1] / 1e9, best[0] / best[1], diff);
            fflush(stdout);
            free(A); free(B); free(C); free(D);
        }
    }
    cold_products();
    return 0;
}
