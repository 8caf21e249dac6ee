/*
 * A FreeSWITCH-style Lua embedding, to prove sipcodes in the way mod_lua
 * uses Lua: many threads, and for every call a fresh lua_State that opens
 * the standard libraries, gets "session", "argv" and "freeswitch" globals,
 * runs a dialplan script (which requires sipcodes) and is closed again.
 *
 *   embed_host SCRIPT REFERENCE_TSV THREADS CALLS_PER_THREAD
 *
 * The fake session records what the script asks FreeSWITCH to do
 * (execute, setVariable, hangup).  For each call the host works out on its
 * own what a script following RFC 3261 must have asked for, and counts the
 * calls where the two differ.  Expected phrases come from the reference
 * table (REFERENCE_TSV), never from the module.  Exit status 0 means every
 * call gave the expected actions and no Lua error.
 *
 * Built against one Lua version (5.2 or 5.3, like mod_lua) and linked with
 * its library; the sipcodes module itself is found through LUA_CPATH.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#define MAX_ROWS 128
#define ACTIONS_SIZE 512

/* Reference reason phrases: code -> phrase, from the TSV fixture. */
static struct { int code; char reason[80]; } reference[MAX_ROWS];
static int reference_rows;

/* The phrase the README documents for sip.format() of a valid code the
 * registry lacks. */
static const char *const class_phrases[] = {
    "Provisional", "Success", "Redirection",
    "Client Failure", "Server Failure", "Global Failure"
};

static const char *script_path;
static int calls_per_thread;

/* One call's inputs and what the script did with them. */
struct call {
    const char *status;          /* sip_term_status after the first bridge */
    const char *backup;          /* argv[1], or NULL */
    const char *backup_status;   /* after bridging to the backup; NULL = answered */
    int bridged;                 /* the script bridged to the backup */
    char actions[ACTIONS_SIZE];
};

/* What each call may look like: every status a far end might send as a
 * string, plus none at all (NULL) and strings that are no status. */
static const char *statuses[256];
static int n_statuses;
static const char *const backup_statuses[] = { NULL, "503", "486", "408", "603" };

static int load_reference(const char *path)
{
    char line[2048];
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL && reference_rows < MAX_ROWS) {
        char *tab = strchr(line, '\t'), *end;
        int code = atoi(line);
        if (code < 100 || tab == NULL)
            continue;                    /* the header line */
        end = strchr(tab + 1, '\t');
        if (end == NULL || (size_t)(end - tab - 1) >= sizeof reference[0].reason)
            continue;
        reference[reference_rows].code = code;
        memcpy(reference[reference_rows].reason, tab + 1, (size_t)(end - tab - 1));
        reference[reference_rows].reason[end - tab - 1] = '\0';
        reference_rows++;
    }
    fclose(f);
    return reference_rows > 0 ? 0 : -1;
}

static const char *expected_phrase(int code)
{
    int i;
    for (i = 0; i < reference_rows; i++)
        if (reference[i].code == code)
            return reference[i].reason;
    return class_phrases[code / 100 - 1];
}

/* A status string as RFC 3261 section 7.2 has it: three digits, 100-699. */
static int status_code(const char *s)
{
    if (s == NULL || strlen(s) != 3 || s[0] < '1' || s[0] > '6'
        || s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9')
        return 0;
    return atoi(s);
}

static void append(char *buf, const char *a, const char *b)
{
    size_t used = strlen(buf);
    snprintf(buf + used, ACTIONS_SIZE - used, "%s %s;", a, b);
}

/* The oracle: what the dialplan script must ask for, by RFC 3261.
 * No final response counts as 408 (16.7 step 6); 408 and 5xx may succeed
 * at another server (21.4, 21.5), 6xx never (6, 16.7); only 4xx-6xx are
 * failures; a 503 is passed on as 500 (16.7 step 6). */
static void expected_actions(const struct call *c, char *out)
{
    int code = c->status == NULL ? 408 : status_code(c->status);
    char reply[120];

    out[0] = '\0';
    if (code < 400)
        return;
    if (c->backup != NULL && (code == 408 || code / 100 == 5)) {
        append(out, "bridge", c->backup);
        if (c->backup_status == NULL)
            return;
        code = status_code(c->backup_status);
        if (code < 400)
            return;
    }
    if (code == 503)
        code = 500;
    snprintf(reply, sizeof reply, "%d %s", code, expected_phrase(code));
    append(out, "respond", reply);
}

/* ---- the fake FreeSWITCH API: session:method(...) -------------------- */

static struct call *call_of(lua_State *L)
{
    return (struct call *)lua_touserdata(L, lua_upvalueindex(1));
}

static int session_getVariable(lua_State *L)
{
    struct call *c = call_of(L);
    const char *name = luaL_checkstring(L, 2);
    const char *value = NULL;
    if (strcmp(name, "sip_term_status") == 0)
        value = c->bridged ? c->backup_status : c->status;
    if (value == NULL)
        lua_pushnil(L);
    else
        lua_pushstring(L, value);
    return 1;
}

static int session_setVariable(lua_State *L)
{
    struct call *c = call_of(L);
    char kv[200];
    snprintf(kv, sizeof kv, "%s=%s", luaL_checkstring(L, 2), luaL_checkstring(L, 3));
    append(c->actions, "set", kv);
    return 0;
}

static int session_execute(lua_State *L)
{
    struct call *c = call_of(L);
    const char *app = luaL_checkstring(L, 2);
    append(c->actions, app, luaL_optstring(L, 3, ""));
    if (strcmp(app, "bridge") == 0)
        c->bridged = 1;
    return 0;
}

static int session_hangup(lua_State *L)
{
    append(call_of(L)->actions, "hangup", luaL_optstring(L, 2, "NORMAL_CLEARING"));
    return 0;
}

/* Hung up once a bridge was answered (hangup_after_bridge=true). */
static int session_ready(lua_State *L)
{
    struct call *c = call_of(L);
    lua_pushboolean(L, !(c->bridged && c->backup_status == NULL));
    return 1;
}

static int consoleLog(lua_State *L)
{
    luaL_checkstring(L, 1);
    luaL_checkstring(L, 2);
    return 0;
}

static void set_method(lua_State *L, struct call *c, const char *name, lua_CFunction f)
{
    lua_pushlightuserdata(L, c);
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, -2, name);
}

static void push_globals(lua_State *L, struct call *c)
{
    lua_newtable(L);
    set_method(L, c, "getVariable", session_getVariable);
    set_method(L, c, "setVariable", session_setVariable);
    set_method(L, c, "execute", session_execute);
    set_method(L, c, "hangup", session_hangup);
    set_method(L, c, "ready", session_ready);
    lua_setglobal(L, "session");

    lua_newtable(L);
    lua_pushcfunction(L, consoleLog);
    lua_setfield(L, -2, "consoleLog");
    lua_setglobal(L, "freeswitch");

    lua_newtable(L);                     /* argv[0] is the script, as in mod_lua */
    lua_pushstring(L, script_path);
    lua_rawseti(L, -2, 0);
    if (c->backup != NULL) {
        lua_pushstring(L, c->backup);
        lua_rawseti(L, -2, 1);
    }
    lua_setglobal(L, "argv");
}

/* ---- calls ------------------------------------------------------------ */

struct worker { int id; long mismatches; };

static void *run_calls(void *arg)
{
    struct worker *w = arg;
    int i;
    for (i = 0; i < calls_per_thread; i++) {
        int k = w->id * calls_per_thread + i;
        struct call c;
        char want[ACTIONS_SIZE];
        const char *error = NULL;
        lua_State *L;

        memset(&c, 0, sizeof c);
        c.status = statuses[k % n_statuses];
        c.backup = (k / n_statuses) % 2 ? "sofia/gateway/backup/1000" : NULL;
        c.backup_status = backup_statuses[(k / (2 * n_statuses)) % 5];

        L = luaL_newstate();
        if (L == NULL) {
            fprintf(stderr, "thread %d call %d: no memory for a Lua state\n", w->id, i);
            w->mismatches++;
            continue;
        }
        luaL_openlibs(L);
        push_globals(L, &c);
        if (luaL_loadfile(L, script_path) != LUA_OK || lua_pcall(L, 0, 0, 0) != LUA_OK)
            error = lua_tostring(L, -1);
        expected_actions(&c, want);
        if (error != NULL || strcmp(want, c.actions) != 0) {
            if (w->mismatches < 5)
                fprintf(stderr, "thread %d call %d: status %s backup %s/%s: want \"%s\", got \"%s\"%s%s\n",
                        w->id, i, c.status ? c.status : "(none)", c.backup ? c.backup : "(none)",
                        c.backup_status ? c.backup_status : "answers", want, c.actions,
                        error ? " error: " : "", error ? error : "");
            w->mismatches++;
        }
        lua_close(L);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    static const char *const odd[] = { NULL, "200", "183", "abc", "4861", "486 ", "" };
    struct worker *workers;
    pthread_t *threads;
    long mismatches = 0;
    int n_threads, i;

    if (argc != 5) {
        fprintf(stderr, "usage: %s SCRIPT REFERENCE_TSV THREADS CALLS_PER_THREAD\n", argv[0]);
        return 2;
    }
    script_path = argv[1];
    n_threads = atoi(argv[3]);
    calls_per_thread = atoi(argv[4]);
    if (load_reference(argv[2]) != 0 || n_threads < 1 || calls_per_thread < 1) {
        fprintf(stderr, "%s: cannot read %s, or bad counts\n", argv[0], argv[2]);
        return 2;
    }
    /* Every registered code, four unregistered ones, and the odd cases. */
    for (i = 0; i < reference_rows; i++) {
        static char text[MAX_ROWS][4];
        snprintf(text[i], sizeof text[i], "%d", reference[i].code);
        statuses[n_statuses++] = text[i];
    }
    statuses[n_statuses++] = "499";
    statuses[n_statuses++] = "599";
    statuses[n_statuses++] = "699";
    statuses[n_statuses++] = "299";
    for (i = 0; i < (int)(sizeof odd / sizeof odd[0]); i++)
        statuses[n_statuses++] = odd[i];

    workers = calloc((size_t)n_threads, sizeof *workers);
    threads = calloc((size_t)n_threads, sizeof *threads);
    if (workers == NULL || threads == NULL)
        return 2;
    for (i = 0; i < n_threads; i++) {
        workers[i].id = i;
        if (pthread_create(&threads[i], NULL, run_calls, &workers[i]) != 0) {
            fprintf(stderr, "cannot start thread %d\n", i);
            return 2;
        }
    }
    for (i = 0; i < n_threads; i++) {
        pthread_join(threads[i], NULL);
        mismatches += workers[i].mismatches;
    }
    printf("%s: %d threads x %d calls = %ld calls, %d distinct inputs, %ld wrong\n",
           LUA_RELEASE, n_threads, calls_per_thread, (long)n_threads * calls_per_thread,
           n_statuses * 2 * 5, mismatches);
    free(workers);
    free(threads);
    return mismatches == 0 ? 0 : 1;
}
