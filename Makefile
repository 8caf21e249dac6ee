# sipcodes — build, test and install (GNU make).
#
#   make                      the module for one Lua: build/lua5.4/sipcodes.so
#   make LUA_VERSION=5.1      ... for another (5.1 5.2 5.3 5.4 5.5, or jit)
#   make LUA_INCDIR=/opt/lua/include LUA_VERSION=5.4   headers found elsewhere
#   make install              the module, the sipcode command and its manual
#                             page, the types, docs
#
#   make demo                 run examples/demo.lua (Lua 5.4)
#   make test                 the whole test suite; ends "N passed, N failed"
#   make test-quick           the core and the specs on the VMs installed
#   make check                sanitizers, valgrind, fuzzing, threads
#   make bench                the benchmark; writes bench/results.md
#   make build                build/<vm>/sipcodes.so for each Debian VM
#   make deb                  Debian packages in build/deb/ (debian/, dh-lua)
#   make deps                 the Debian packages the tests need
#   make clean
#
# Building never installs anything.  demo, test, check and bench first make
# sure their Debian packages are there (build-aux/deps): as root they
# install what is missing, otherwise they name it.

# ---- one module ----------------------------------------------------------

LUA_VERSION ?= 5.4
VM          := $(if $(filter jit,$(LUA_VERSION)),luajit,lua$(LUA_VERSION))
BUILD_DIR   ?= build/$(VM)

# The Lua headers: LUA_INCDIR if given, else what pkg-config knows of this
# Lua under its usual names, else the usual directories.
PC_NAMES   := $(if $(filter jit,$(LUA_VERSION)),luajit, \
	lua$(LUA_VERSION) lua-$(LUA_VERSION) lua$(subst .,,$(LUA_VERSION)))
INC_GUESS  := $(if $(filter jit,$(LUA_VERSION)),luajit-2.1,lua$(LUA_VERSION))
ifndef LUA_INCDIR
LUA_INCDIR := $(firstword \
	$(patsubst -I%,%,$(filter -I%,$(foreach pc,$(PC_NAMES),$(shell pkg-config --cflags-only-I $(pc) 2>/dev/null)))) \
	$(wildcard /usr/include/$(INC_GUESS) /usr/local/include/$(INC_GUESS) /usr/local/include/lua.h))
LUA_INCDIR := $(patsubst %/lua.h,%,$(LUA_INCDIR))
endif

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c99 -Wall -Wextra -Wpedantic
# Warnings fail the build in the test and CI builds, not for users.
WERROR  ?=
# Hidden by default: only luaopen_sipcodes leaves the shared object.
MODULE_CFLAGS := -fPIC -fvisibility=hidden

ifeq ($(shell uname -s 2>/dev/null),Darwin)
LIBFLAG ?= -bundle -undefined dynamic_lookup
else
LIBFLAG ?= -shared
# Each Lua API call goes through the GOT directly instead of a PLT stub.
MODULE_CFLAGS += -fno-plt
# nodelete keeps the library mapped when a host closes a lua_State, so a
# host that makes a fresh state per call does not map it again each time.
MODULE_LDFLAGS := -Wl,-z,nodelete
endif

CORE_SRC    := $(wildcard csrc/core/*.c)
BINDING_SRC := $(wildcard csrc/lua/*.c)
CORE_HDR    := $(wildcard csrc/core/*.h)
BINDING_HDR := $(wildcard csrc/lua/*.h)
# The Lua source the binding runs, turned into C strings at build time.
GEN_HDR     := build/gen/jit_functions.lua.h

OBJECTS := $(patsubst csrc/%.c,$(BUILD_DIR)/obj/%.o,$(CORE_SRC) $(BINDING_SRC))
MODULE  := $(BUILD_DIR)/sipcodes.so

.PHONY: all module
all: module
module: $(MODULE)

$(MODULE): $(OBJECTS)
	$(CC) $(LIBFLAG) $(MODULE_LDFLAGS) $(LDFLAGS) $(OBJECTS) -o $@

$(BUILD_DIR)/obj/core/%.o: csrc/core/%.c $(CORE_HDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(WERROR) $(MODULE_CFLAGS) -Icsrc/core -c $< -o $@

$(BUILD_DIR)/obj/lua/%.o: csrc/lua/%.c $(CORE_HDR) $(BINDING_HDR) $(GEN_HDR) Makefile
	@mkdir -p $(@D)
	@test -f "$(LUA_INCDIR)/lua.h" || { echo "No lua.h in '$(LUA_INCDIR)': set LUA_INCDIR to the headers of Lua $(LUA_VERSION)" >&2; exit 1; }
	$(CC) $(CFLAGS) $(WARN) $(WERROR) $(MODULE_CFLAGS) -I$(LUA_INCDIR) \
		-Icsrc/core -Icsrc/lua -Ibuild/gen -c $< -o $@

# Each line a C string, so that no literal is longer than C99 allows.
# Kept: it is an intermediate file to make, which would delete it.
.SECONDARY: $(GEN_HDR)
build/gen/%.lua.h: csrc/lua/%.lua
	@mkdir -p $(@D)
	{ echo '/* Made from $< by make: do not edit. */'; \
	  echo 'static const char *const lsipcodes_$*_lua[] = {'; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$$/\\n",/' $<; \
	  echo '    0'; echo '};'; } >$@

# ---- every Debian VM -----------------------------------------------------

VMS := lua5.1 lua5.2 lua5.3 lua5.4 luajit
# LUA_VERSION of a VM's name: lua5.1 -> 5.1, luajit -> jit.
version_of = $(if $(filter luajit,$(1)),jit,$(patsubst lua%,%,$(1)))

.PHONY: build $(VMS:%=build-%)
build: $(VMS:%=build-%)
$(VMS:%=build-%): build-%:
	@$(MAKE) --no-print-directory module LUA_VERSION=$(call version_of,$*) \
		WERROR='$(WERROR)'

# The core alone, for the C tests of test/core/: no Lua anywhere.  The
# routing test's random walk, the Warning header test, the text test and
# the limits test's exact-size buffers run under AddressSanitizer and UBSan.
CORE_TESTS := build/core/core_test build/core/routing_core_test \
	build/core/warning_core_test build/core/text_core_test build/core/limits_test
build/core/core_test: test/core/core_test.c $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Werror -Icsrc/core $< $(CORE_SRC) -o $@
# The tests that run under AddressSanitizer and UBSan: one rule.
SAN_CORE_TESTS := $(filter-out build/core/core_test,$(CORE_TESTS))
$(SAN_CORE_TESTS): build/core/%: test/core/%.c $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) -O1 -g $(WARN) -Werror -fsanitize=address,undefined -fno-sanitize-recover=all \
		-Icsrc/core $< $(CORE_SRC) -lm -o $@

# ---- packages, demo, tests -----------------------------------------------

.PHONY: deps deps-demo deps-test deps-check deps-platforms deps-bench demo test test-quick
deps: deps-test
deps-demo deps-test deps-check deps-platforms deps-bench deps-deb:
	@sh build-aux/deps $(@:deps-%=%)

demo: deps-demo
	@$(MAKE) --no-print-directory module LUA_VERSION=5.4
	@LUA_CPATH='build/lua5.4/?.so' lua5.4 examples/demo.lua

test: WERROR := -Werror
test: deps-test build $(CORE_TESTS)
	@sh test/run-all

# The edit loop: the C core and the specs, on the VMs that are installed.
QUICK_VMS := $(foreach vm,$(VMS),$(if $(shell command -v $(vm)),$(vm)))
test-quick: WERROR := -Werror
test-quick: $(QUICK_VMS:%=build-%) $(CORE_TESTS)
	@SPEC_VMS='$(QUICK_VMS)' sh test/run-all 10-core 20-specs

# ---- install -------------------------------------------------------------

PREFIX          ?= /usr/local
LUA_CMODULE_DIR ?= $(PREFIX)/lib/lua/$(if $(filter jit,$(LUA_VERSION)),5.1,$(LUA_VERSION))
BINDIR          ?= $(PREFIX)/bin
DATADIR         ?= $(PREFIX)/share
MANDIR          ?= $(DATADIR)/man
# The command's #! line names the interpreter of the installed module: a
# name is looked up on PATH when the command runs (#!/usr/bin/env NAME), a
# path is written as it is.  Lua 5.5, which no distribution names yet,
# takes the path of its interpreter (docs/install.md).
LUA_INTERPRETER ?= $(if $(filter jit,$(LUA_VERSION)),luajit,lua$(LUA_VERSION))
SHEBANG := $(if $(filter /%,$(LUA_INTERPRETER)),$(LUA_INTERPRETER),/usr/bin/env $(LUA_INTERPRETER))

.PHONY: install install-module install-command install-types install-man
install: install-module install-command install-types install-man

install-module: $(MODULE)
	install -d $(DESTDIR)$(LUA_CMODULE_DIR)
	install -m 0755 $(MODULE) $(DESTDIR)$(LUA_CMODULE_DIR)/sipcodes.so

install-command: bin/sipcode
	install -d $(DESTDIR)$(BINDIR)
	sed -e '1s|.*|#!$(SHEBANG)|' \
	    -e 's|^local INSTALLED_MODULE_DIR = nil$$|local INSTALLED_MODULE_DIR = "$(LUA_CMODULE_DIR)"|' \
	    bin/sipcode >$(DESTDIR)$(BINDIR)/sipcode
	chmod 0755 $(DESTDIR)$(BINDIR)/sipcode
	@command -v '$(LUA_INTERPRETER)' >/dev/null 2>&1 || \
		echo "make install: note: no '$(LUA_INTERPRETER)' here, which $(BINDIR)/sipcode runs on; name the Lua it is to run on with LUA_INTERPRETER=" >&2

# The manual page is made from the command's --help text (build-aux/manpage).
build/man/sipcode.1: bin/sipcode csrc/core/version.h build-aux/manpage
	@mkdir -p $(@D)
	sh build-aux/manpage bin/sipcode csrc/core/version.h >$@.tmp
	mv $@.tmp $@

install-man: build/man/sipcode.1
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 0644 build/man/sipcode.1 $(DESTDIR)$(MANDIR)/man1/sipcode.1

# Not on package.path: a sipcodes.lua there would shadow the C module.
install-types: types/sipcodes.lua docs/api.md
	install -d $(DESTDIR)$(DATADIR)/sipcodes/types $(DESTDIR)$(DATADIR)/doc/sipcodes
	install -m 0644 types/sipcodes.lua $(DESTDIR)$(DATADIR)/sipcodes/types/sipcodes.lua
	install -m 0644 docs/api.md $(DESTDIR)$(DATADIR)/doc/sipcodes/api.md

# ---- Debian packages -----------------------------------------------------
#
# dpkg-buildpackage in a copy of this tree (debian/ included, build/ and
# .git left out), so that the checkout stays as it is; the packages land
# in build/deb/, the build's output in build/deb/build.log.

SIPCODES_VERSION := $(shell sed -n 's/^\#define SIPCODES_VERSION "\(.*\)"$$/\1/p' csrc/core/version.h)
DEB_SRC := build/deb/lua-sipcodes-$(SIPCODES_VERSION)

.PHONY: deb
deb: deps-deb
	rm -rf build/deb
	mkdir -p $(DEB_SRC)
	tar -cf - --exclude=./build --exclude=./.git . | tar -xf - -C $(DEB_SRC)
	cd $(DEB_SRC) && dpkg-buildpackage -b -us -uc >../build.log 2>&1 || \
		{ tail -n 40 ../build.log; echo "make deb: failed, see build/deb/build.log" >&2; exit 1; }
	@ls build/deb/*.deb

.PHONY: clean
clean:
	rm -rf build csrc/*/*.o csrc/*.o sipcodes.so

# ---- make check: memory safety, robustness and thread safety ------------
#
#   make check                   everything below; ends with "N passed, N failed"
#   make check FUZZ_SECONDS=5    shorter fuzzing for a local run (CI: 60 per target)
#
# The busted suite under ASan+UBSan (Lua 5.4 and 5.1) and under valgrind
# (Lua 5.4); every test/fuzz/fuzz_*.c under libFuzzer with ASan+UBSan; the
# state harness under ThreadSanitizer and for memory growth; the objects'
# sections for writable state; every entry point with each of its
# allocations refused in turn; cross-built targets under qemu, LUA_32BITS,
# clang and musl (70-platforms).  Suites live in test/check/.

FUZZ_SECONDS ?= 60
SAN_CC       ?= gcc
FUZZ_CC      ?= clang
SANITIZE     := -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_VMS     := lua5.1 lua5.4
HARNESS_VMS  := $(VMS)
# LuaJIT unwinds errors with its own unwinder, which ThreadSanitizer cannot
# follow through instrumented frames: PUC Lua only under TSan.
TSAN_VMS     := lua5.1 lua5.2 lua5.3 lua5.4
# The allocation-failure sweep gives the state its own allocator (LuaJIT
# 2.1 takes one when built in GC64 mode, as Debian's is).  Lua 5.5 is
# added by its suite, from its source archive.
ALLOC_VMS    := lua5.1 lua5.2 lua5.3 lua5.4 luajit
LIB_lua5.1   := -llua5.1
LIB_lua5.2   := -llua5.2
LIB_lua5.3   := -llua5.3
LIB_lua5.4   := -llua5.4
LIB_luajit   := -lluajit-5.1
INC_lua5.1   := /usr/include/lua5.1
INC_lua5.2   := /usr/include/lua5.2
INC_lua5.3   := /usr/include/lua5.3
INC_lua5.4   := /usr/include/lua5.4
INC_luajit   := /usr/include/luajit-2.1

FUZZ_TARGETS := $(patsubst test/fuzz/%.c,build/fuzz/%,$(wildcard test/fuzz/fuzz_*.c))
CHECK_BUILDS := $(foreach vm,$(ASAN_VMS),asan-$(vm)) \
	$(foreach vm,$(TSAN_VMS),tsan-$(vm) build/tsan/$(vm)/states) \
	$(foreach vm,$(HARNESS_VMS),build/harness/$(vm)/states) \
	$(foreach vm,$(ALLOC_VMS),build/harness/$(vm)/alloc_sweep) \
	$(FUZZ_TARGETS)

.PHONY: check
check: WERROR := -Werror
check: deps-test deps-check deps-platforms build $(CHECK_BUILDS)
	@SUITES=test/check SAN_CC='$(SAN_CC)' FUZZ_SECONDS='$(FUZZ_SECONDS)' \
		ASAN_VMS='$(ASAN_VMS)' TSAN_VMS='$(TSAN_VMS)' HARNESS_VMS='$(HARNESS_VMS)' \
		ALLOC_VMS='$(ALLOC_VMS)' sh test/run-all

# The module built with sanitizers (build/asan/<vm>/, build/tsan/<vm>/):
# the same rules, another compiler and flags, its own build directory.
.PHONY: $(foreach vm,$(HARNESS_VMS),asan-$(vm) tsan-$(vm))
define check_rules
asan-$(1):
	@$$(MAKE) --no-print-directory module BUILD_DIR=build/asan/$(1) \
		LUA_VERSION=$(call version_of,$(1)) CC='$$(SAN_CC)' \
		CFLAGS='$$(SANITIZE) -fsanitize=address,undefined' \
		LDFLAGS=-fsanitize=address,undefined WERROR=-Werror
tsan-$(1):
	@$$(MAKE) --no-print-directory module BUILD_DIR=build/tsan/$(1) \
		LUA_VERSION=$(call version_of,$(1)) CC='$$(SAN_CC)' \
		CFLAGS='$$(SANITIZE) -fsanitize=thread' LDFLAGS=-fsanitize=thread WERROR=-Werror
build/tsan/$(1)/states: test/harness/states.c Makefile
	@mkdir -p build/tsan/$(1)
	$$(SAN_CC) $$(SANITIZE) -fsanitize=thread -DSTATES_TSAN_LONGJMP $$(WARN) -Werror -I$$(INC_$(1)) \
		test/harness/states.c $$(LIB_$(1)) -lpthread -o $$@
# The state harness without instrumentation, for memory growth figures.
build/harness/$(1)/states: test/harness/states.c Makefile
	@mkdir -p build/harness/$(1)
	$$(CC) $$(CFLAGS) $$(WARN) -Werror -I$$(INC_$(1)) test/harness/states.c \
		$$(LIB_$(1)) -lpthread -o $$@
endef
$(foreach vm,$(HARNESS_VMS),$(eval $(call check_rules,$(vm))))

# The allocation-failure sweep, against each Debian Lua; for Lua 5.5, against
# the static library build-aux/lua5.5 makes (-E: the module finds the Lua
# API in the executable).
LUA55_DIR := build/lua-5.5.0
build/harness/lua%/alloc_sweep: test/harness/alloc_sweep.c Makefile
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Werror -I$(INC_lua$*) $< $(LIB_lua$*) -o $@
build/harness/lua5.5/alloc_sweep: test/harness/alloc_sweep.c Makefile $(LUA55_DIR)/liblua.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -Werror -I$(LUA55_DIR) $< $(LUA55_DIR)/liblua.a -lm -ldl -Wl,-E -o $@

# libFuzzer targets: the core alone, ASan+UBSan, no Lua.
build/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(CORE_SRC) $(CORE_HDR) $(wildcard test/fuzz/*.h) Makefile
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(SANITIZE) -fsanitize=fuzzer,address,undefined $(WARN) -Werror -Icsrc/core \
		$< $(CORE_SRC) -o $@

# ---- make bench ----------------------------------------------------------

.PHONY: bench
bench: deps-bench build
	@sh bench/run
