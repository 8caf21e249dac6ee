/* How the core declares its functions.
 *
 * The core is linked into the Lua module, where only luaopen_sipcodes is
 * meant to be visible, so its functions are hidden by default; a build that
 * wants the C API exported (a shared core library) defines SIPCODES_API
 * itself. */
#ifndef SIPCODES_EXPORT_H
#define SIPCODES_EXPORT_H

#ifndef SIPCODES_API
#  if defined(__GNUC__)
#    define SIPCODES_API __attribute__((visibility("hidden")))
#  else
#    define SIPCODES_API
#  endif
#endif

#endif
