/*
 * The allocation-failure sweep: a host whose allocator refuses memory
 * (HAProxy's tune.lua.maxmem, any limiting allocator) can make any
 * allocation of any call fail, in a lua_State that every script of the
 * host keeps using afterwards.  The module promises that a call that
 * raises, for that reason or any other, leaves every answer of the module
 * in that state as it was.
 *
 * The script (test/harness/alloc_sweep.lua, or the control
 * alloc_control.lua) names the entry points and computes the digest, a
 * string of every answer of the module.  For each entry point and for
 * N = 1, 2, ...: a fresh state, the module required (but for the entry
 * point `require` itself), the entry point run under lua_pcall with its
 * Nth growing allocation and every later one refused.  When the call met a
 * refused allocation: the limit lifted, the digest must equal a fresh
 * state's, the entry point run again must answer what it answers in a
 * fresh state, and the digest must still be the same.  The sweep of an
 * entry point ends at the first N the call no longer reaches.
 *
 * Every allocation from the Nth on is refused, not the Nth alone: Lua 5.2
 * and later retry a refused allocation after an emergency collection, so
 * refusing one would mostly go unseen.  Shrinking and freeing never fail,
 * as Lua requires of an allocator.
 *
 *   alloc_sweep VM SCRIPT CPATH [TEXT]
 *       Prints "ok - [VM] <entry>: N failure points swept", or "not ok"
 *       with the first difference, for each entry point (those whose text
 *       contains TEXT, when given), then "# [VM] N failure points swept ...".
 *   alloc_sweep VM SCRIPT CPATH functions
 *       Prints the names of the module's functions the entry points call.
 *
 * Builds against Lua 5.1 to 5.5.
 */
#define _POSIX_C_SOURCE 199309L
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MEMORY_ERROR "error: not enough memory"

struct limiter {
    unsigned long grown;     /* growing allocations so far in this state */
    unsigned long fail_from; /* refuse from this one on; 0: refuse none */
    unsigned long refused;
};

struct text {
    char *s;
    size_t len;
};

struct sweep {
    const char *vm;
    const char *cpath;
    struct text source;      /* the script, then the chunk compiled once */
    int compiled;
    struct limiter lim;
    struct text fresh_digest;
};

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct limiter *lim = (struct limiter *)ud;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    /* With ptr NULL, osize is the kind of object, not a size. */
    if (ptr == NULL || nsize > osize) {
        lim->grown++;
        if (lim->fail_from != 0 && lim->grown >= lim->fail_from) {
            lim->refused++;
            return NULL;
        }
    }
    return realloc(ptr, nsize);
}

static void die(const char *what, const char *detail)
{
    printf("not ok - %s: %s\n", what, detail != NULL ? detail : "(no message)");
    exit(1);
}

static struct text copy_text(const char *s, size_t len)
{
    struct text t;
    t.s = malloc(len + 1);
    if (t.s == NULL)
        die("malloc", "out of memory");
    memcpy(t.s, s, len);
    t.s[len] = '\0';
    t.len = len;
    return t;
}

/* The string at idx, or a note that it is not one. */
static struct text take(lua_State *L, int idx)
{
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    if (s == NULL)
        return copy_text("(not a string)", 14);
    return copy_text(s, len);
}

static int same(const struct text *a, const struct text *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static int collect_chunk(lua_State *L, const void *p, size_t n, void *ud)
{
    struct text *t = (struct text *)ud;
    char *grown = realloc(t->s, t->len + n);
    (void)L;
    if (grown == NULL)
        return 1;
    memcpy(grown + t->len, p, n);
    t->s = grown;
    t->len += n;
    return 0;
}

/* A fresh state with the standard libraries, package.cpath and the script's
 * table S at index 1.  The script is compiled in the first state and loaded
 * as a binary chunk after that. */
static lua_State *open_state(struct sweep *sw)
{
    lua_State *L;
    sw->lim.grown = sw->lim.fail_from = sw->lim.refused = 0;
#if LUA_VERSION_NUM >= 505
    /* A fixed seed: the same hashes, so the same allocations, each time. */
    L = lua_newstate(limited_alloc, &sw->lim, 0);
#else
    L = lua_newstate(limited_alloc, &sw->lim);
#endif
    if (L == NULL)
        die("lua_newstate", "no state");
    luaL_openlibs(L);
    lua_getglobal(L, "package");
    lua_pushstring(L, sw->cpath);
    lua_setfield(L, -2, "cpath");
    lua_pop(L, 1);
    if (luaL_loadbuffer(L, sw->source.s, sw->source.len, "=alloc_sweep") != 0)
        die("the sweep script", lua_tostring(L, -1));
    if (!sw->compiled) {
        struct text chunk = { NULL, 0 };
#if LUA_VERSION_NUM >= 503
        int failed = lua_dump(L, collect_chunk, &chunk, 0);
#else
        int failed = lua_dump(L, collect_chunk, &chunk);
#endif
        if (failed == 0 && chunk.len > 0) {
            free(sw->source.s);
            sw->source = chunk;
            sw->compiled = 1;
        }
    }
    if (lua_pcall(L, 0, 1, 0) != 0)
        die("the sweep script", lua_tostring(L, -1));
    return L;
}

/* Calls S[name] with the nargs values on top of the stack, leaving nres
 * results; returns the status of lua_pcall. */
static int call_script(lua_State *L, const char *name, int nargs, int nres)
{
    lua_getfield(L, 1, name);
    lua_insert(L, -(nargs + 1));
    return lua_pcall(L, nargs, nres, 0);
}

/* S.setup(entry): the entry point's function at index 2, or 0. */
static int setup(lua_State *L, int entry, struct text *error)
{
    lua_pushinteger(L, entry);
    if (call_script(L, "setup", 1, 1) != 0) {
        *error = take(L, -1);
        return 0;
    }
    return 1;
}

/* Runs the function at index 2 with every growing allocation from the
 * limit-th on refused (none when limit is 0); returns its outcome and
 * sets *refused to whether an allocation was refused. */
static struct text run(struct sweep *sw, lua_State *L, unsigned long limit,
                       int *refused)
{
    int status;
    struct text out;
    lua_settop(L, 2);
    lua_pushvalue(L, 2);
    sw->lim.refused = 0;
    sw->lim.fail_from = limit != 0 ? sw->lim.grown + limit : 0;
    status = lua_pcall(L, 0, LUA_MULTRET, 0);
    sw->lim.fail_from = 0;
    *refused = sw->lim.refused != 0;
    lua_pushboolean(L, status == 0);
    lua_insert(L, 3);
    if (call_script(L, "outcome", lua_gettop(L) - 2, 1) != 0) {
        lua_pushliteral(L, "S.outcome raised: ");
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    out = take(L, -1);
    lua_settop(L, 2);
    return out;
}

static struct text digest(lua_State *L)
{
    struct text d;
    int top = lua_gettop(L);
    if (call_script(L, "digest", 0, 1) != 0) {
        lua_pushliteral(L, "S.digest raised: ");
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    d = take(L, -1);
    lua_settop(L, top);
    return d;
}

/* The line of t holding byte at: its label (what comes before the first
 * "=", when it is short) and at most 60 bytes either side of at. */
static void line_around(const struct text *t, size_t at, char *out, size_t cap)
{
    size_t start, end, label = 0, from, to;
    if (at > t->len)
        at = t->len;
    start = end = at;
    while (start > 0 && t->s[start - 1] != '\n')
        start--;
    while (end < t->len && t->s[end] != '\n')
        end++;
    while (start + label < end && label < 40 && t->s[start + label] != '=')
        label++;
    if (start + label < end && t->s[start + label] == '=')
        label++;
    else
        label = 0;
    from = at > start + label + 60 ? at - 60 : start + label;
    to = end - at > 60 ? at + 60 : end;
    snprintf(out, cap, "%.*s%s%.*s%s", (int)label, t->s + start,
             from > start + label ? "..." : "", (int)(to - from), t->s + from,
             to < end ? "..." : "");
}

/* Writes where got first differs from want, in context. */
static void difference(const struct text *want, const struct text *got,
                       char *out, size_t cap)
{
    size_t i = 0;
    char a[256], b[256];
    while (i < want->len && i < got->len && want->s[i] == got->s[i])
        i++;
    line_around(got, i, b, sizeof b);
    line_around(want, i, a, sizeof a);
    snprintf(out, cap, "`%s` where a fresh state has `%s`", b, a);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Takes the digest; when it differs from a fresh state's, writes where,
 * after `stage`, into why and returns 0. */
static int digest_is_fresh(struct sweep *sw, lua_State *L, const char *stage,
                           char *why, size_t cap)
{
    struct text d = digest(L);
    int fresh = same(&sw->fresh_digest, &d);
    if (!fresh) {
        char diff[600];
        difference(&sw->fresh_digest, &d, diff, sizeof diff);
        snprintf(why, cap, "%s: %s", stage, diff);
    }
    free(d.s);
    return fresh;
}

/* When got is not want, writes the difference, after `stage`, into why
 * and returns 0. */
static int answers_as_fresh(const struct text *got, const struct text *want,
                            const char *stage, char *why, size_t cap)
{
    char diff[600];
    if (same(got, want))
        return 1;
    difference(want, got, diff, sizeof diff);
    snprintf(why, cap, "%s %s", stage, diff);
    return 0;
}

/* Sweeps one entry point; prints its line, adds its failure points. */
static int sweep_entry(struct sweep *sw, int entry, const char *name,
                       unsigned long *points_total)
{
    lua_State *L;
    struct text want, got, again, error;
    unsigned long calls, n, points = 0, bad = 0, first_bad = 0;
    int refused, ended = 0;
    char first[1200] = "", why[1100];

    /* What the call answers in a fresh state, and how many allocations it
     * makes there. */
    L = open_state(sw);
    if (!setup(L, entry, &error)) {
        printf("not ok - [%s] %s: S.setup raised %s\n", sw->vm, name, error.s);
        free(error.s);
        lua_close(L);
        return 1;
    }
    calls = sw->lim.grown;
    want = run(sw, L, 0, &refused);
    calls = sw->lim.grown - calls;
    lua_close(L);

    for (n = 1; !ended; n++) {
        int ok = 1;
        L = open_state(sw);
        if (!setup(L, entry, &error)) {
            snprintf(why, sizeof why, "S.setup raised %s", error.s);
            free(error.s);
            ok = 0;
            ended = 1;
        } else {
            got = run(sw, L, n, &refused);
            if (!refused) {
                /* The call no longer reaches the Nth allocation: the sweep
                 * ends with a call that fails nowhere, which must answer
                 * as in a fresh state and change nothing either. */
                ended = 1;
                ok = answers_as_fresh(&got, &want, "with no allocation refused, the call gave",
                                      why, sizeof why)
                    && digest_is_fresh(sw, L, "after a call with no allocation refused", why,
                                       sizeof why);
            } else {
                points++;
                if (strcmp(got.s, MEMORY_ERROR) != 0)
                    ok = answers_as_fresh(&got, &want,
                                          "the call gave neither the memory error nor its answer:",
                                          why, sizeof why);
                if (ok) {
                    char stage[120];
                    snprintf(stage, sizeof stage, "after the failed call (%.60s)", got.s);
                    ok = digest_is_fresh(sw, L, stage, why, sizeof why);
                }
                if (ok) {
                    again = run(sw, L, 0, &refused);
                    ok = answers_as_fresh(&again, &want, "run again, the call gave", why,
                                          sizeof why);
                    free(again.s);
                }
                if (ok)
                    ok = digest_is_fresh(sw, L, "after running it again", why, sizeof why);
            }
            free(got.s);
        }
        lua_close(L);
        if (!ok && bad++ == 0) {
            first_bad = n;
            snprintf(first, sizeof first, "%s", why);
        }
        /* Allocation counts differ a little from state to state (Lua 5.4
         * seeds its string hashes at random); far past a fresh state's
         * count, the call is not ending. */
        if (!ended && n > 2 * calls + 200) {
            if (bad++ == 0) {
                first_bad = n;
                snprintf(first, sizeof first,
                         "allocations still refused after %lu failure points; a call makes %lu",
                         n, calls);
            }
            ended = 1;
        }
    }
    free(want.s);
    *points_total += points;
    if (bad == 0) {
        printf("ok - [%s] %s: %lu failure point%s swept\n", sw->vm, name, points,
               points == 1 ? "" : "s");
        return 0;
    }
    printf("not ok - [%s] %s: %lu of %lu failure points change the module; the first, %lu: %s\n",
           sw->vm, name, bad, points, first_bad, first);
    return 1;
}

static struct text read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct text t = { NULL, 0 };
    char buf[8192];
    size_t n;
    if (f == NULL)
        die(path, "cannot open");
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        char *grown = realloc(t.s, t.len + n);
        if (grown == NULL)
            die(path, "out of memory");
        memcpy(grown + t.len, buf, n);
        t.s = grown;
        t.len += n;
    }
    fclose(f);
    return t;
}

int main(int argc, char **argv)
{
    struct sweep sw;
    lua_State *L;
    struct text d1, d2, d3;
    const char *filter = NULL;
    unsigned long points = 0;
    int count, entry, swept = 0, failed = 0;
    struct text *names;
    double start = seconds_now();

    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: alloc_sweep VM SCRIPT CPATH [TEXT | functions]\n");
        return 2;
    }
    memset(&sw, 0, sizeof sw);
    sw.vm = argv[1];
    sw.source = read_file(argv[2]);
    sw.cpath = argv[3];
    if (argc == 5)
        filter = argv[4];

    L = open_state(&sw);
    if (filter != NULL && strcmp(filter, "functions") == 0) {
        if (call_script(L, "functions", 0, 1) != 0)
            die("S.functions", lua_tostring(L, -1));
        printf("%s\n", lua_tostring(L, -1));
        lua_close(L);
        return 0;
    }

    /* The digest must not depend on the state it is taken in, nor change
     * by being taken: else no comparison below would mean anything. */
    d1 = digest(L);
    d2 = digest(L);
    lua_close(L);
    L = open_state(&sw);
    d3 = digest(L);
    if (call_script(L, "count", 0, 1) != 0)
        die("S.count", lua_tostring(L, -1));
    count = (int)lua_tointeger(L, -1);
    names = calloc((size_t)count + 1, sizeof *names);
    if (names == NULL)
        die("calloc", "out of memory");
    for (entry = 1; entry <= count; entry++) {
        lua_settop(L, 1);
        lua_pushinteger(L, entry);
        if (call_script(L, "name", 1, 1) != 0)
            die("S.name", lua_tostring(L, -1));
        names[entry] = take(L, -1);
    }
    lua_close(L);
    if (same(&d1, &d2) && same(&d1, &d3)) {
        printf("ok - [%s] the digest (%lu bytes) is the same in two fresh states and taken twice\n",
               sw.vm, (unsigned long)d1.len);
    } else {
        char why[1100];
        difference(&d1, same(&d1, &d2) ? &d3 : &d2, why, sizeof why);
        printf("not ok - [%s] the digest differs between fresh states or when taken twice: %s\n",
               sw.vm, why);
        failed++;
    }
    sw.fresh_digest = d1;
    free(d2.s);
    free(d3.s);

    for (entry = 1; entry <= count; entry++) {
        if (filter == NULL || strstr(names[entry].s, filter) != NULL) {
            failed += sweep_entry(&sw, entry, names[entry].s, &points);
            swept++;
        }
        free(names[entry].s);
    }
    free(names);
    printf("# [%s] %lu failure points swept over %d entry points in %.1f s\n",
           sw.vm, points, swept, seconds_now() - start);
    free(sw.fresh_digest.s);
    free(sw.source.s);
    return failed == 0 ? 0 : 1;
}
