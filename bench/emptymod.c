/* A C module that does nothing: what require() itself costs a fresh
 * lua_State for any C module (path search, dlopen, package tables), so
 * that the benchmark can tell it apart from what sipcodes builds. */
#include <lua.h>

__attribute__((visibility("default"))) int luaopen_sipcodes(lua_State *L);

int luaopen_sipcodes(lua_State *L)
{
    lua_newtable(L);
    return 1;
}
