// sw_run's workers (include/workers.h). One job at a time: the caller publishes (body, context, workers), bumps
// `generation`, runs worker 0 itself and spins until `pending` reaches zero. An idle worker spins on `generation`
// for up to SPIN_SECONDS after its last job, yielding the core now and then (so more workers than cores still make
// progress), then sleeps on a condition variable until the next job wakes it.
#include "workers.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#define SPIN_SECONDS 0.002    // a training step's serial gaps are far shorter; a sweep's between-step work is longer
#define YIELD_EVERY 64        // pause instructions between sched_yield calls while spinning

static atomic_int busy;                   // 1 while a caller owns the workers
// The current job's sequence number and worker count in one word, (sequence << 8) | workers, so a worker that is not
// part of a job never reads the job's other fields (which the next job's caller may be writing meanwhile).
static atomic_ulong generation;
static atomic_int pending;                // workers ≥ 1 of the current job not yet finished
static atomic_int sleepers;               // workers asleep on `wake`
static int started;                       // threads created (ids 1 ... started); only the busy owner changes it
static void (*job_body)(void *, int);
static void *job_context;
static atomic_int next_chunk;              // sw_run_chunks: the next chunk to claim
static int job_chunks;
static void (*chunk_body)(void *, int, int);
static void *chunk_context;
static unsigned long start_generation[SW_MAX_WORKERS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;

static inline void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

// Waits until `generation` differs from `seen` and returns it.
static unsigned long next_job(unsigned long seen) {
    double since = 0;
    for (unsigned spins = 1;; spins++) {
        unsigned long g = atomic_load(&generation);
        if (g != seen) return g;
        relax();
        if (spins % YIELD_EVERY) continue;
        sched_yield();
        double now = seconds();
        if (since == 0) since = now;
        if (now - since < SPIN_SECONDS) continue;
        // Sleep. sleepers is raised before generation is read again, and the caller bumps generation before reading
        // sleepers (both sequentially consistent), so either this worker sees the new job or the caller sees it asleep.
        pthread_mutex_lock(&lock);
        atomic_fetch_add(&sleepers, 1);
        while (atomic_load(&generation) == seen) pthread_cond_wait(&wake, &lock);
        atomic_fetch_sub(&sleepers, 1);
        pthread_mutex_unlock(&lock);
        since = 0;
    }
}

static void *worker_main(void *argument) {
    const int id = (int)(intptr_t)argument;
    unsigned long seen = start_generation[id];
    for (;;) {
        seen = next_job(seen);
        if (id < (int)(seen & 0xff)) {
            job_body(job_context, id);
            atomic_fetch_sub_explicit(&pending, 1, memory_order_release);
        }
    }
    return NULL;
}

// Takes the workers for this caller: 0 when another call holds them (or workers is out of range).
static int acquire(int workers) {
    int expected = 0;
    return workers <= SW_MAX_WORKERS && atomic_compare_exchange_strong(&busy, &expected, 1);
}

// Runs one job on workers 0 ..< workers with the workers acquired, and releases them.
static int run_acquired(int workers, void (*body)(void *, int), void *context) {
    while (started < workers - 1) {
        const int id = started + 1;
        start_generation[id] = atomic_load(&generation);
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        pthread_t thread;
        const int failed = pthread_create(&thread, &attributes, worker_main, (void *)(intptr_t)id);
        pthread_attr_destroy(&attributes);
        if (failed) {
            atomic_store(&busy, 0);
            return 0;
        }
        started = id;
    }
    job_body = body;
    job_context = context;
    atomic_store(&pending, workers - 1);
    // Publishes the job (sequentially consistent: see next_job).
    atomic_store(&generation, ((atomic_load(&generation) >> 8) + 1) << 8 | (unsigned long)workers);
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&lock);
        pthread_cond_broadcast(&wake);
        pthread_mutex_unlock(&lock);
    }
    body(context, 0);
    for (unsigned spins = 1; atomic_load_explicit(&pending, memory_order_acquire) > 0; spins++) {
        relax();
        if (spins % YIELD_EVERY == 0) sched_yield();
    }
    atomic_store(&busy, 0);
    return 1;
}

int sw_run(int workers, void (*body)(void *, int), void *context) {
    if (workers <= 1) {
        if (workers == 1) body(context, 0);
        return 1;
    }
    return acquire(workers) ? run_acquired(workers, body, context) : 0;
}

// Each worker claims chunks in turn until none are left.
static void claim_chunks(void *context, int worker) {
    (void)context;
    for (int c; (c = atomic_fetch_add_explicit(&next_chunk, 1, memory_order_relaxed)) < job_chunks;)
        chunk_body(chunk_context, worker, c);
}

int sw_run_chunks(int workers, int chunks, void (*body)(void *, int, int), void *context) {
    if (workers <= 1 || chunks <= 1) {
        for (int c = 0; c < chunks; c++) body(context, 0, c);
        return 1;
    }
    if (!acquire(workers)) return 0;
    chunk_body = body;
    chunk_context = context;
    job_chunks = chunks;
    atomic_store(&next_chunk, 0);
    return run_acquired(workers, claim_chunks, NULL);
}
