// The trainer's fork-join workers: persistent threads that wait for work by spinning briefly, so a parallel region
// of a few microseconds (a LayerNorm, a GELU, a GEMM on 2816 rows) costs about a microsecond to start instead of the
// tens of microseconds a sleeping thread takes to wake (libdispatch's concurrentPerform on a 2-core KVM guest took
// 10-60 µs longer per region than these threads, docs/engine.md).
#ifndef SCALING_WORKERS_H
#define SCALING_WORKERS_H

#ifdef __cplusplus
extern "C" {
#endif

/// The most workers one call can use (the calling thread included).
#define SW_MAX_WORKERS 16

/// Runs body(context, w) for every w in 0 ..< workers and returns when all have finished: w = 0 on the calling thread,
/// w ≥ 1 each on its own persistent thread (created on first use). Returns 1 when it ran the work. Returns 0 without
/// running anything when the workers are busy (a call from inside body, or from another thread meanwhile), when
/// workers > SW_MAX_WORKERS, or when a thread cannot be created: the caller then runs the work another way.
int sw_run(int workers, void (*body)(void *context, int worker), void *context);

/// Runs body(context, w, c) once for every chunk c in 0 ..< chunks, the workers 0 ..< workers claiming chunks in
/// increasing order as they finish the previous one (so a worker slowed by something else on its core does fewer),
/// and returns when all have finished; w is the worker that runs the chunk. Returns 0 (nothing ran) like sw_run.
int sw_run_chunks(int workers, int chunks, void (*body)(void *context, int worker, int chunk), void *context);

#ifdef __cplusplus
}
#endif
#endif
