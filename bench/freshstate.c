/*
 * What require("sipcodes") adds to a fresh lua_State, the way FreeSWITCH
 * mod_lua uses Lua: luaL_newstate + luaL_openlibs + require + lua_close,
 * once per call.
 *
 *   freshstate MODE MODULE-DIR CYCLES [CHUNK]
 *
 * MODE is "base" (no require), "c" (require "sipcodes" from MODULE-DIR's
 * cpath), "first" (the same, then one call of sip.reason), "chunk" (runs
 * the Lua source CHUNK, which requires and uses the module as a script
 * would), "preload" (require "sipcodes" through package.preload, with the
 * library opened once by this program: what luaopen itself costs) or
 * "lua" (require "sipcodes_pure" from MODULE-DIR's path).  It
 * runs CYCLES fresh states and prints one line of key=value pairs:
 *
 *   heap_added   bytes the Lua heap holds after require, after a full GC,
 *                minus the same for a bare state (first cycle)
 *   malloc_first / malloc_last   bytes in use in the C heap after cycle
 *                100 (the first, for fewer cycles; later, so that one-off
 *                allocations of the C library are behind) and after the
 *                last cycle (glibc counts its per-thread caches as in use,
 *                so this moves by a few hundred bytes either way)
 *   rss_first / rss_last   resident KiB at the same two points: a leak of
 *                even 10 bytes per state would show over 10,000 states
 *
 * Instructions per state come from running it under callgrind with two
 * CYCLES values and dividing the difference (bench/run does that).
 */
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include <dlfcn.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t heap_bytes(lua_State *L)
{
    lua_gc(L, LUA_GCCOLLECT, 0);
    lua_gc(L, LUA_GCCOLLECT, 0);
    return (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024
         + (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
}

/* Sets package.path and package.cpath to dir only, so that nothing else
 * installed on the machine can answer the require. */
static void set_paths(lua_State *L, const char *dir)
{
    lua_getglobal(L, "package");
    lua_pushfstring(L, "%s/?.lua", dir);
    lua_setfield(L, -2, "path");
    lua_pushfstring(L, "%s/?.so", dir);
    lua_setfield(L, -2, "cpath");
    lua_pop(L, 1);
}

static void require_or_die(lua_State *L, const char *module)
{
    lua_getglobal(L, "require");
    lua_pushstring(L, module);
    if (lua_pcall(L, 1, 1, 0) != 0) {
        fprintf(stderr, "freshstate: %s\n", lua_tostring(L, -1));
        exit(1);
    }
    lua_pop(L, 1);
}

/* require("sipcodes").reason(486): what a script that looks one phrase
 * up pays, the tables made on first use included. */
static void require_and_use(lua_State *L)
{
    require_or_die(L, "sipcodes");
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "loaded");
    lua_getfield(L, -1, "sipcodes");
    lua_getfield(L, -1, "reason");
    lua_pushinteger(L, 486);
    if (lua_pcall(L, 1, 1, 0) != 0 || lua_type(L, -1) != LUA_TSTRING) {
        fprintf(stderr, "freshstate: sip.reason(486) failed\n");
        exit(1);
    }
    lua_pop(L, 4);
}

static void run_chunk(lua_State *L, const char *chunk)
{
    if (luaL_loadstring(L, chunk) != 0 || lua_pcall(L, 0, 0, 0) != 0) {
        fprintf(stderr, "freshstate: %s\n", lua_tostring(L, -1));
        exit(1);
    }
}

static lua_CFunction preload_open;

static void set_preload(lua_State *L)
{
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "preload");
    lua_pushcfunction(L, preload_open);
    lua_setfield(L, -2, "sipcodes");
    lua_pop(L, 2);
}

static lua_CFunction open_library(const char *dir)
{
    char path[4096];
    void *lib;
    union { void *object; lua_CFunction function; } sym;
    snprintf(path, sizeof path, "%s/sipcodes.so", dir);
    lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "freshstate: %s\n", dlerror());
        exit(1);
    }
    sym.object = dlsym(lib, "luaopen_sipcodes");
    if (sym.object == NULL) {
        fprintf(stderr, "freshstate: %s\n", dlerror());
        exit(1);
    }
    return sym.function;
}

static long resident_kib(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * 4;
}

static size_t malloc_in_use(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    return mallinfo2().uordblks;
#else
    return (size_t)mallinfo().uordblks;
#endif
}

int main(int argc, char **argv)
{
    const char *mode, *dir, *module = NULL, *chunk = NULL;
    long cycles, i;
    size_t heap_added = 0, malloc_first = 0;
    long rss_first = 0;

    if (argc != 4 && !(argc == 5 && strcmp(argv[1], "chunk") == 0)) {
        fprintf(stderr, "usage: freshstate base|c|first|preload|lua MODULE-DIR CYCLES\n"
                        "       freshstate chunk MODULE-DIR CYCLES LUA-SOURCE\n");
        return 2;
    }
    mode = argv[1];
    dir = argv[2];
    cycles = atol(argv[3]);
    if (strcmp(mode, "chunk") == 0)
        chunk = argv[4];
    else if (strcmp(mode, "c") == 0 || strcmp(mode, "first") == 0)
        module = "sipcodes";
    else if (strcmp(mode, "lua") == 0)
        module = "sipcodes_pure";
    else if (strcmp(mode, "preload") == 0) {
        module = "sipcodes";
        preload_open = open_library(dir);
    }
    else if (strcmp(mode, "base") != 0) {
        fprintf(stderr, "freshstate: unknown mode %s\n", mode);
        return 2;
    }

    for (i = 0; i < cycles; i++) {
        lua_State *L = luaL_newstate();
        if (L == NULL)
            return 1;
        luaL_openlibs(L);
        set_paths(L, dir);
        if (preload_open != NULL)
            set_preload(L);
        if (i == 0) {
            size_t before = heap_bytes(L);
            if (chunk != NULL)
                run_chunk(L, chunk);
            else if (strcmp(mode, "first") == 0)
                require_and_use(L);
            else if (module != NULL)
                require_or_die(L, module);
            heap_added = heap_bytes(L) - before;
        } else if (chunk != NULL) {
            run_chunk(L, chunk);
        } else if (strcmp(mode, "first") == 0) {
            require_and_use(L);
        } else if (module != NULL) {
            require_or_die(L, module);
        }
        lua_close(L);
        if (i == (cycles > 100 ? 99 : 0))
        {
            malloc_first = malloc_in_use();
            rss_first = resident_kib();
        }
    }
    printf("mode=%s cycles=%ld heap_added=%lu malloc_first=%lu malloc_last=%lu"
           " rss_first=%ld rss_last=%ld\n",
           mode, cycles, (unsigned long)heap_added,
           (unsigned long)malloc_first, (unsigned long)malloc_in_use(),
           rss_first, resident_kib());
    return 0;
}
