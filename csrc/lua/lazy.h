/*
 * Tables filled on demand: the module's fields and the data tables it
 * shares (sip.reasons, the cause tables).
 *
 * A host that makes a fresh lua_State per call (FreeSWITCH) pays for
 * everything made in it, while a script reads a handful of entries:
 * interning 77 phrases, or the names of some fifty functions and 77
 * constants, would be most of that cost.  So such a table starts empty,
 * with a metatable whose __index makes the entry read and stores it: from
 * then on it is an ordinary entry.  The whole table is made when it is
 * walked (pairs, sip.copy) -- and, for a data table, once its __index has
 * been called a few times, so that a loop over keys it lacks (unknown
 * codes) stops calling C.  Then the metatable goes.
 */
#ifndef LSIPCODES_LAZY_H
#define LSIPCODES_LAZY_H

#include "binding.h"

struct lsipcodes_lazy {
    /* Pushes the value of the key at index 2 and returns 1, or returns 0
     * when the table has no such key; `extra` (a stack index) is what
     * lsipcodes_lazy_table was given. */
    int (*entry)(lua_State *L, int extra);
    /* Stores every entry into the table at index `table`. */
    void (*all)(lua_State *L, int table, int extra);
    /* After how many calls of __index everything is made; 0: only when
     * the table is walked. */
    int calls_before_all;
    /* For a data table, at most how many entries it has when complete:
     * its hash part is made that size, so filling it never grows it; and
     * since its values are plain (strings), a copy is made straight from
     * `all`.  NULL for the module, whose values are its own functions and
     * tables. */
    size_t (*entries)(void);
};

/* calls_before_all of the data tables: a handful of lookups stays cheap,
 * a loop soon reads an ordinary table. */
#define LSIPCODES_LAZY_READS 8

/* Pushes a new, empty table filled on demand by `lazy` (static), which
 * gets the value on top of the stack (popped) as `extra`. */
LSIPCODES_LOCAL void lsipcodes_lazy_table(lua_State *L,
                                          const struct lsipcodes_lazy *lazy);

/* Makes every entry of the table at idx when it is filled on demand, and
 * turns it into an ordinary table; does nothing to any other table. */
LSIPCODES_LOCAL void lsipcodes_lazy_complete(lua_State *L, int idx);

/* When the table at idx is a data table filled on demand, pushes a new
 * plain table with every entry, leaving it as it is, and returns 1; else
 * returns 0 and pushes nothing. */
LSIPCODES_LOCAL int lsipcodes_lazy_copy(lua_State *L, int idx);

#endif
