// Every path's kernel entry points, declared once from the path's name macro N (N(x) = x_avx512, ...): dispatch.c
// declares all paths' with it, and each kernels.inc instance declares its own before defining them, so a definition
// whose parameters drift from what the dispatcher calls stops the build instead of running with shifted arguments.
#ifndef SK_PATHS_H
#define SK_PATHS_H
#include <stddef.h>

#define SK_DECLARE_PATH(N)                                                                                        \
    void N(sk_sgemm)(int, int, int, int, int, float, const float *, int, const float *, int, float, float *, int); \
    void N(sk_sgemm_add)(int, int, int, int, int, const float *, int, const float *, int, const float *,          \
                         const float *, int, float *, int);                                                      \
    void N(sk_gelu_forward)(float *, const float *, size_t);                                                    \
    void N(sk_gelu_backward)(float *, const float *, const float *, size_t);                                    \
    void N(sk_softmax_row)(float *, int, int, float);                                                           \
    void N(sk_softmax_backward_row)(float *, const float *, int, int, float);                                   \
    void N(sk_exp)(float *, const float *, size_t);                                                             \
    void N(sk_attention_forward)(int, int, float, const float *, const float *, const float *, int, float *, int, \
                                 float *, float *);                                                             \
    void N(sk_attention_backward)(int, int, float, const float *, const float *, const float *, int, const float *, \
                                  const float *, int, const float *, const float *, float *, float *, float *);  \
    void N(sk_decode_attention)(int, int, int, int, float, const float *, int, const float *, const float *,     \
                                const float *, const float *, const long *, long, float *, int, float *);
#endif
