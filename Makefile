# sipcodes — build, test and install.
#
#   make demo       build for Lua 5.4 and run examples/demo.lua
#   make test       build for every VM and run the whole test suite
#   make build      build/<vm>/sipcodes.so for lua5.1 lua5.2 lua5.3 lua5.4 luajit
#   make install    one VM's module into LUA_CMODULE_DIR, the sipcode command,
#                   the type definitions and the API reference (see below)
#
# Both demo and test install the Debian packages they miss when run as root
# and name them otherwise (build-aux/deps).

VMS := lua5.1 lua5.2 lua5.3 lua5.4 luajit

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c99 -Wall -Wextra -Wpedantic -Werror
# Hidden by default: only luaopen_sipcodes leaves the shared object.
# nodelete keeps the library mapped when a host closes a lua_State, so a
# host that makes a fresh state per call does not map it again each time.
MODFLAGS := -fPIC -fvisibility=hidden
LIBFLAG ?= -shared -Wl,-z,nodelete

CORE_SRC    := csrc/sipcodes.c csrc/sipcodes_table.c csrc/sipcodes_grammar.c
CORE_SRC    += csrc/sipcodes_q850.c csrc/sipcodes_reason_header.c csrc/sipcodes_headers.c
CORE_SRC    += csrc/sipcodes_routing.c csrc/sipcodes_pattern.c
BINDING_SRC := $(filter-out $(CORE_SRC),$(wildcard csrc/*.c))
HEADERS     := $(wildcard csrc/*.h)

# Each VM builds against its own headers and never links a Lua library:
# the host process provides the Lua API.
INC_lua5.1 := /usr/include/lua5.1
INC_lua5.2 := /usr/include/lua5.2
INC_lua5.3 := /usr/include/lua5.3
INC_lua5.4 := /usr/include/lua5.4
INC_luajit := /usr/include/luajit-2.1

MODULES := $(foreach vm,$(VMS),build/$(vm)/sipcodes.so)

.PHONY: all build demo test deps-build deps-test clean install

all: build

build: deps-build $(MODULES)

define module_rule
build/$(1)/sipcodes.so: $(CORE_SRC) $(BINDING_SRC) $(HEADERS) Makefile
	@mkdir -p build/$(1)
	$$(CC) $$(CFLAGS) $$(WARN) $$(MODFLAGS) -I$$(INC_$(1)) -Icsrc \
		$$(CORE_SRC) $$(BINDING_SRC) $$(LIBFLAG) -o $$@
endef
$(foreach vm,$(VMS),$(eval $(call module_rule,$(vm))))

# The core alone, for C tests: no Lua anywhere.
build/core/core_test: test/core_test.c $(CORE_SRC) $(HEADERS)
	@mkdir -p build/core
	$(CC) $(CFLAGS) $(WARN) -Icsrc test/core_test.c $(CORE_SRC) -o $@

deps-build:
	@sh build-aux/deps build

deps-test:
	@sh build-aux/deps test

demo:
	@sh build-aux/deps demo
	@$(MAKE) --no-print-directory build/lua5.4/sipcodes.so
	@LUA_CPATH='build/lua5.4/?.so' lua5.4 examples/demo.lua

test: deps-test build build/core/core_test
	@sh test/run-all

# Install one VM's module: make install LUA_VERSION=5.1 (or LUA_VERSION=jit)
LUA_VERSION      ?= 5.4
PREFIX           ?= /usr/local
INSTALL_VM       := $(if $(filter jit,$(LUA_VERSION)),luajit,lua$(LUA_VERSION))
LUA_CMODULE_DIR  ?= $(PREFIX)/lib/lua/$(if $(filter jit,$(LUA_VERSION)),5.1,$(LUA_VERSION))

install: build/$(INSTALL_VM)/sipcodes.so
	install -d $(DESTDIR)$(LUA_CMODULE_DIR)
	install -m 0755 build/$(INSTALL_VM)/sipcodes.so $(DESTDIR)$(LUA_CMODULE_DIR)/sipcodes.so

clean:
	rm -rf build

# The sipcode command, the editor type definitions and the API reference go
# with the module.  The command's #! line names the interpreter of the
# installed module (lua5.4, lua5.1, luajit ...), so it loads that module.
BINDIR          ?= $(PREFIX)/bin
DATADIR         ?= $(PREFIX)/share
LUA_INTERPRETER ?= $(if $(filter jit,$(LUA_VERSION)),luajit,lua$(LUA_VERSION))

.PHONY: install-command install-types

install: install-command install-types

install-command: bin/sipcode
	install -d $(DESTDIR)$(BINDIR)
	sed '1s|.*|#!/usr/bin/env $(LUA_INTERPRETER)|' bin/sipcode >$(DESTDIR)$(BINDIR)/sipcode
	chmod 0755 $(DESTDIR)$(BINDIR)/sipcode

# Not on package.path: a sipcodes.lua there would shadow the C module.
install-types: types/sipcodes.lua docs/api.md
	install -d $(DESTDIR)$(DATADIR)/sipcodes/types $(DESTDIR)$(DATADIR)/doc/sipcodes
	install -m 0644 types/sipcodes.lua $(DESTDIR)$(DATADIR)/sipcodes/types/sipcodes.lua
	install -m 0644 docs/api.md $(DESTDIR)$(DATADIR)/doc/sipcodes/api.md

# A FreeSWITCH-style embedding host for the host tests (test/suites/52-*):
# unlike the module, a host links its Lua library.
build/hosts/embed-lua%: test/hosts/freeswitch/embed_host.c
	@mkdir -p build/hosts
	$(CC) $(CFLAGS) $(WARN) -pthread -I/usr/include/lua$* $< -llua$* -o $@
