/*
 * Sealed objects: what the module hands out to be shared (the module
 * itself, sip.reasons, info records, the cause tables) and that no script
 * may change.
 *
 * A sealed object is a full userdata of no size whose metatable's __index
 * is the table holding the data.  Reads are table reads (LuaJIT compiles
 * them; PUC Lua goes straight to the metatable), while a write has nowhere
 * to go: assignment raises through __newindex, and rawset, rawget, next
 * and the table library refuse a userdata on every VM.  A table proxy
 * could not refuse rawset.
 */
#ifndef LSIPCODES_SEALED_H
#define LSIPCODES_SEALED_H

#include "binding.h"

/* Replaces the table on top of the stack by a sealed object over it.
 * `name` ("sipcodes.reasons") is what errors call it. */
LSIPCODES_LOCAL void lsipcodes_seal(lua_State *L, const char *name);

/* sip.copy(t): a plain, mutable deep copy of a sealed object. */
LSIPCODES_LOCAL int lsipcodes_copy(lua_State *L);

#endif
