# toon: PostgreSQL extension (PGXS). The version lives in toon.control only.
EXTENSION   = toon
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big  = toon
CORE_SRCS   = $(sort $(wildcard src/core/*.cpp src/core/tokens/*.cpp))
PG_SRCS     = $(sort $(wildcard src/pg/*.cpp))
CORE_OBJS   = $(CORE_SRCS:.cpp=.o)
# Token vocabularies are embedded in the library (rules in mk/tokens.mk).
VOCAB_NAMES = cl100k_base o200k_base
VOCAB_BINS  = $(VOCAB_NAMES:%=src/vocab/%.bin)
CORE_OBJS  += src/vocab/vocab_blob.o
OBJS        = $(CORE_OBJS) $(PG_SRCS:.cpp=.o)

# The install script is assembled from sql/parts/*.sql (one part per feature).
SQL_PARTS   = $(sort $(wildcard sql/parts/*.sql))
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA        = sql/$(EXTENSION)--0.1.0.sql $(wildcard sql/$(EXTENSION)--*--*.sql)

# pg_regress: sql/<test>.sql against expected/<test>.out (install scripts excluded).
REGRESS      = $(sort $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

ICU_LIBS    = $(shell pkg-config --libs icu-uc icu-i18n 2>/dev/null || echo -licui18n -licuuc -licudata)
# Warnings are errors in the tests and CI (test/run and test/matrix/run set
# WERROR=-Werror), never forced on users building from source or packages.
WERROR     ?=
PG_CPPFLAGS = -Isrc/core -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CXXFLAGS = -MMD -MP -std=c++17 -Wno-register -Wextra -Wno-unused-parameter -Wno-missing-field-initializers $(WERROR)
SHLIB_LINK  = -lstdc++ $(ICU_LIBS)

# No LLVM bitcode: JIT inlining only pays for small functions called per row
# from expressions; ours are large C++ routines, and skipping bitcode keeps the
# build to one compiler (g++) with one set of flags.
override with_llvm = no

EXTRA_CLEAN = $(shell find src test bench -name "*.d") build test/core/toon_core_tests_sanitize $(DATA_built) $(BENCH_BINS) $(TEST_TOOLS) test/core/toon_core_tests test/core/*.o results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(DATA_built): $(SQL_PARTS) $(EXTENSION).control Makefile
	@mkdir -p $(dir $@)
	{ printf '%s\n' '-- Generated from sql/parts/*.sql by make; do not edit.' \
	    '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit'; \
	  for f in $(SQL_PARTS); do printf '\n-- %s\n' "$$f"; cat "$$f"; done; } > $@

include mk/tokens.mk
# The `toon` command-line tool (make cli, make install-cli).
include mk/cli.mk
# Developer targets (make test, demo, bench, sanitizers, fuzzing, ...).
include mk/dev.mk
# Portability matrix, Debian packages, PGXN archive (make test-matrix, deb, dist).
include mk/matrix.mk
