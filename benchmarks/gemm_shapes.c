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

int main(void) {
    openblas_set_num_threads(1);
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
            int lda = sh.transA ? sh.M : sh.K, ldb = sh.transB ? sh.K : sh.N;
            // 64-byte aligned, as the trainer's buffers are (FloatBuffer): malloc's 16-byte offset makes every vector
            // load of a row straddle two cache lines (5-13% slower at these shapes).
            float *A = aligned(sizeof(float) * (size_t)sh.M * sh.K), *B = aligned(sizeof(float) * (size_t)sh.K * sh.N);
            float *C = aligned(sizeof(float) * (size_t)sh.M * sh.N), *D = aligned(sizeof(float) * (size_t)sh.M * sh.N);
            srand(1);
            for (size_t i = 0; i < (size_t)sh.M * sh.K; i++) A[i] = (float)rand() / RAND_MAX - 0.5f;
            for (size_t i = 0; i < (size_t)sh.K * sh.N; i++) B[i] = (float)rand() / RAND_MAX - 0.5f;
            double flops = 2.0 * sh.M * sh.N * sh.K, best[2] = {0, 0};
            int reps = (int)(2e8 / flops) + 1;
            for (int round = 0; round < 5; round++) {
                for (int side = 0; side < 2; side++) {
                    double t0 = now();
                    for (int r = 0; r < reps; r++) {
                        if (side == 0)
                            cblas_sgemm(CblasRowMajor, sh.transA ? CblasTrans : CblasNoTrans, sh.transB ? CblasTrans : CblasNoTrans,
                                        sh.M, sh.N, sh.K, 1, A, lda, B, ldb, 0, C, sh.N);
                        else
                            sk_sgemm(sh.transA, sh.transB, sh.M, sh.N, sh.K, 1, A, lda, B, ldb, 0, D, sh.N);
                    }
                    double rate = flops * reps / (now() - t0) / 1e9;
                    if (rate > best[side]) best[side] = rate;
                }
            }
            double diff = 0;
            for (size_t i = 0; i < (size_t)sh.M * sh.N; i++) diff = fmax(diff, fabs(C[i] - D[i]));
            char dims[64];
            snprintf(dims, sizeof dims, "%d x %d x %d (%d %d)", sh.M, sh.N, sh.K, sh.transA, sh.transB);
            printf("%-8s %-48s %20s %9.1f %8.1f %7.2fx %9.1e\n", sk_path_name((sk_path)path), sh.where, dims, best[0], best[1],
                   best[1] / best[0], diff);
            fflush(stdout);
            free(A); free(B); free(C); free(D);
        }
    }
    return 0;
}
