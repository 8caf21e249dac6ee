/*
 * Many short-lived lua_States, the way FreeSWITCH mod_lua uses a module: a
 * fresh state per call, on many threads at once.  Each state opens the
 * standard libraries, points package.cpath at the module under test, runs
 * the workload script (which requires sipcodes and uses every function) and
 * is closed again.
 *
 *   states threads CPATH WORKLOAD THREADS STATES_PER_THREAD
 *       Runs THREADS threads at once; prints "states=N failures=N".  Built
 *       with ThreadSanitizer, any data race is reported on stderr.
 *   states cycles CPATH WORKLOAD WARMUP CYCLES [LEAK_BYTES]
 *       One thread: WARMUP cycles, then measures heap bytes in use and the
 *       resident set, runs CYCLES more and measures again.  LEAK_BYTES
 *       leaks that much per cycle on purpose, to show the measurement sees
 *       a leak.  Prints "name=value" lines.
 *   states race
 *       Two threads write one variable without a lock: the control that
 *       shows a ThreadSanitizer build reports races at all.
 *
 * Builds against any Lua 5.1-5.4 or LuaJIT: it uses only the 5.1 API.
 */
#define _GNU_SOURCE
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include <malloc.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef STATES_TSAN_LONGJMP
/* Debian's Lua libraries leave lua_error through __longjmp_chk (built with
 * _FORTIFY_SOURCE) or _longjmp (5.2), neither of which ThreadSanitizer
 * intercepts: it would never see the instrumented module frames being
 * unwound, and its shadow stack would overflow after some thousands of
 * errors.  Defined here, in the executable, these take precedence and go
 * through longjmp, which ThreadSanitizer does intercept. */
void __longjmp_chk(jmp_buf env, int value);
void __longjmp_chk(jmp_buf env, int value)
{
    longjmp(env, value);
}

void _longjmp(jmp_buf env, int value)
{
    longjmp(env, value);
}
#endif

struct workload {
    const char *cpath;
    char *script;
    size_t script_len;
};

/* One state's life; returns 0 when the workload ran without error. */
static int run_one_state(const struct workload *w, char *errbuf, size_t cap)
{
    int failed = 0;
    lua_State *L = luaL_newstate();
    if (L == NULL) {
        snprintf(errbuf, cap, "luaL_newstate failed");
        return 1;
    }
    luaL_openlibs(L);
    lua_getglobal(L, "package");
    lua_pushstring(L, w->cpath);
    lua_setfield(L, -2, "cpath");
    lua_pop(L, 1);
    if (luaL_loadbuffer(L, w->script, w->script_len, "=workload") != 0
        || lua_pcall(L, 0, 0, 0) != 0) {
        const char *msg = lua_tostring(L, -1);
        snprintf(errbuf, cap, "%s", msg != NULL ? msg : "(error object)");
        failed = 1;
    }
    lua_close(L);
    return failed;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long size;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0
        || fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        exit(2);
    }
    buf = malloc((size_t)size + 1);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        perror(path);
        exit(2);
    }
    fclose(f);
    *len = (size_t)size;
    return buf;
}

/* ---- threads ---------------------------------------------------------- */

struct worker {
    pthread_t thread;
    const struct workload *w;
    long states;
    long failures;            /* written by this worker only */
    char first_error[256];
};

static void *worker_main(void *arg)
{
    struct worker *me = arg;
    long i;
    char err[256];
    for (i = 0; i < me->states; i++) {
        if (run_one_state(me->w, err, sizeof err) != 0) {
            if (me->failures++ == 0)
                snprintf(me->first_error, sizeof me->first_error, "%s", err);
        }
    }
    return NULL;
}

static int run_threads(const struct workload *w, int nthreads, long per_thread)
{
    struct worker *workers = calloc((size_t)nthreads, sizeof *workers);
    long failures = 0;
    int i;
    if (workers == NULL)
        return 2;
    for (i = 0; i < nthreads; i++) {
        workers[i].w = w;
        workers[i].states = per_thread;
        if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i])) {
            fprintf(stderr, "pthread_create failed\n");
            return 2;
        }
    }
    for (i = 0; i < nthreads; i++) {
        pthread_join(workers[i].thread, NULL);
        failures += workers[i].failures;
        if (workers[i].failures > 0)
            fprintf(stderr, "thread %d: %s\n", i, workers[i].first_error);
    }
    printf("threads=%d states=%ld failures=%ld\n", nthreads,
           (long)nthreads * per_thread, failures);
    free(workers);
    return failures == 0 ? 0 : 1;
}

/* ---- the control for ThreadSanitizer -------------------------------- */

static long unguarded_counter;

static void *race_main(void *arg)
{
    int i;
    (void)arg;
    for (i = 0; i < 1000; i++)
        unguarded_counter++;
    return NULL;
}

static int run_race(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, race_main, NULL);
    pthread_create(&b, NULL, race_main, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("counter=%ld\n", unguarded_counter);
    return 0;
}

/* ---- cycles ----------------------------------------------------------- */

static long rss_kb(void)
{
    long pages_total, pages_resident = -1;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return -1;
    if (fscanf(f, "%ld %ld", &pages_total, &pages_resident) != 2)
        pages_resident = -1;
    fclose(f);
    return pages_resident * 4;
}

static int run_cycle_batch(const struct workload *w, long n, size_t leak)
{
    char err[256];
    long i;
    for (i = 0; i < n; i++) {
        if (run_one_state(w, err, sizeof err) != 0) {
            fprintf(stderr, "cycle %ld: %s\n", i, err);
            return 1;
        }
        if (leak > 0) {
            /* The deliberate leak: touched, so it is resident too. */
            char *p = malloc(leak);
            if (p != NULL)
                memset(p, 1, leak);
        }
    }
    return 0;
}

static int run_cycles(const struct workload *w, long warmup, long cycles,
                      size_t leak)
{
    struct mallinfo2 before, after;
    long rss_before, rss_after;
    if (run_cycle_batch(w, warmup, leak) != 0)
        return 1;
    malloc_trim(0);
    before = mallinfo2();
    rss_before = rss_kb();
    if (run_cycle_batch(w, cycles, leak) != 0)
        return 1;
    malloc_trim(0);
    after = mallinfo2();
    rss_after = rss_kb();
    printf("cycles=%ld\n", cycles);
    printf("heap_in_use_before=%zu\nheap_in_use_after=%zu\n",
           before.uordblks + before.hblkhd, after.uordblks + after.hblkhd);
    printf("rss_kb_before=%ld\nrss_kb_after=%ld\n", rss_before, rss_after);
    return 0;
}

int main(int argc, char **argv)
{
    struct workload w;
    if (argc >= 6 && strcmp(argv[1], "threads") == 0) {
        w.cpath = argv[2];
        w.script = read_file(argv[3], &w.script_len);
        return run_threads(&w, atoi(argv[4]), atol(argv[5]));
    }
    if (argc >= 6 && strcmp(argv[1], "cycles") == 0) {
        w.cpath = argv[2];
        w.script = read_file(argv[3], &w.script_len);
        return run_cycles(&w, atol(argv[4]), atol(argv[5]),
                          argc > 6 ? (size_t)atol(argv[6]) : 0);
    }
    if (argc >= 2 && strcmp(argv[1], "race") == 0)
        return run_race();
    fprintf(stderr, "usage: states threads CPATH WORKLOAD THREADS N\n"
                    "       states cycles CPATH WORKLOAD WARMUP N [LEAK_BYTES]\n"
                    "       states race\n");
    return 2;
}
