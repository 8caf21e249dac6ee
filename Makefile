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
# Each Lua API call goes through the GOT directly instead of a PLT stub:
# one jump less per call, a few instructions on every hot function.
MODFLAGS += -fno-plt
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

# ---- make check: memory safety, robustness and thread safety ------------
#
#   make check                   everything below; ends with "N passed, N failed"
#   make check FUZZ_SECONDS=5    shorter fuzzing for a local run (CI: 60 per target)
#
# The busted suite under ASan+UBSan (Lua 5.4 and 5.1) and under valgrind
# (Lua 5.4); every test/fuzz/fuzz_*.c under libFuzzer with ASan+UBSan; the
# state harness under ThreadSanitizer and for memory growth; the objects'
# sections for writable state.  Suites live in test/check/.

FUZZ_SECONDS ?= 60
SAN_CC       ?= gcc
FUZZ_CC      ?= clang
SANITIZE     := -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_VMS     := lua5.1 lua5.4
HARNESS_VMS  := $(VMS)
# LuaJIT unwinds errors with its own unwinder, which ThreadSanitizer cannot
# follow through instrumented frames: PUC Lua only under TSan.
TSAN_VMS     := lua5.1 lua5.2 lua5.3 lua5.4
LIB_lua5.1   := -llua5.1
LIB_lua5.2   := -llua5.2
LIB_lua5.3   := -llua5.3
LIB_lua5.4   := -llua5.4
LIB_luajit   := -lluajit-5.1

FUZZ_TARGETS := $(patsubst test/fuzz/%.c,build/fuzz/%,$(wildcard test/fuzz/fuzz_*.c))
CHECK_BUILDS := $(foreach vm,$(ASAN_VMS),build/asan/$(vm)/sipcodes.so) \
	$(foreach vm,$(TSAN_VMS),build/tsan/$(vm)/sipcodes.so build/tsan/$(vm)/states) \
	$(foreach vm,$(HARNESS_VMS),build/harness/$(vm)/states build/objects/$(vm)/.done) \
	$(FUZZ_TARGETS)

.PHONY: check deps-check

define check_rules
# The module with AddressSanitizer and UndefinedBehaviorSanitizer, for a
# plain interpreter that preloads the ASan runtime.
build/asan/$(1)/sipcodes.so: $(CORE_SRC) $(BINDING_SRC) $(HEADERS) Makefile
	@mkdir -p build/asan/$(1)
	$$(SAN_CC) $$(SANITIZE) -fsanitize=address,undefined $$(WARN) $$(MODFLAGS) \
		-I$$(INC_$(1)) -Icsrc $$(CORE_SRC) $$(BINDING_SRC) $$(LIBFLAG) -o $$@

# The module and the state harness with ThreadSanitizer.
build/tsan/$(1)/sipcodes.so: $(CORE_SRC) $(BINDING_SRC) $(HEADERS) Makefile
	@mkdir -p build/tsan/$(1)
	$$(SAN_CC) $$(SANITIZE) -fsanitize=thread $$(WARN) $$(MODFLAGS) \
		-I$$(INC_$(1)) -Icsrc $$(CORE_SRC) $$(BINDING_SRC) $$(LIBFLAG) -o $$@
build/tsan/$(1)/states: test/harness/states.c Makefile
	@mkdir -p build/tsan/$(1)
	$$(SAN_CC) $$(SANITIZE) -fsanitize=thread -DSTATES_TSAN_LONGJMP $$(WARN) -I$$(INC_$(1)) \
		test/harness/states.c $$(LIB_$(1)) -lpthread -o $$@

# The state harness without instrumentation, for memory growth figures.
build/harness/$(1)/states: test/harness/states.c Makefile
	@mkdir -p build/harness/$(1)
	$$(CC) $$(CFLAGS) $$(WARN) -I$$(INC_$(1)) test/harness/states.c \
		$$(LIB_$(1)) -lpthread -o $$@

# Every object compiled exactly as for the module, for the section check.
build/objects/$(1)/.done: $(CORE_SRC) $(BINDING_SRC) $(HEADERS) Makefile
	@mkdir -p build/objects/$(1)
	@for src in $$(CORE_SRC) $$(BINDING_SRC); do \
		obj=build/objects/$(1)/$$$$(basename $$$$src .c).o; \
		echo "$$(CC) $$(CFLAGS) $$(WARN) $$(MODFLAGS) -I$$(INC_$(1)) -Icsrc -c $$$$src -o $$$$obj"; \
		$$(CC) $$(CFLAGS) $$(WARN) $$(MODFLAGS) -I$$(INC_$(1)) -Icsrc -c $$$$src -o $$$$obj || exit 1; \
	done
	@touch $$@
endef
$(foreach vm,$(HARNESS_VMS),$(eval $(call check_rules,$(vm))))

# libFuzzer targets: the core alone, ASan+UBSan, no Lua.
build/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(CORE_SRC) $(HEADERS) $(wildcard test/fuzz/*.h) Makefile
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(SANITIZE) -fsanitize=fuzzer,address,undefined $(WARN) -Icsrc \
		$< $(CORE_SRC) -o $@

deps-check:
	@sh build-aux/deps check

check: deps-test deps-check build $(CHECK_BUILDS)
	@SUITES=test/check SAN_CC='$(SAN_CC)' FUZZ_SECONDS='$(FUZZ_SECONDS)' \
		ASAN_VMS='$(ASAN_VMS)' TSAN_VMS='$(TSAN_VMS)' HARNESS_VMS='$(HARNESS_VMS)' \
		sh test/run-all

# Benchmark against a plain table and a pure-Lua peer; writes bench/results.md.
.PHONY: bench deps-bench
deps-bench:
	@sh build-aux/deps bench

bench: deps-bench build
	@sh bench/run
