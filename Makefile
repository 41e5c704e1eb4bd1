# toon: PostgreSQL extension (PGXS). The version lives in toon.control only.
EXTENSION   = toon
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big  = toon
CORE_SRCS   = $(sort $(wildcard src/core/*.cpp))
PG_SRCS     = $(sort $(wildcard src/pg/*.cpp))
CORE_OBJS   = $(CORE_SRCS:.cpp=.o)
OBJS        = $(CORE_OBJS) $(PG_SRCS:.cpp=.o)

# ---- tokens: embedded BPE vocabularies (rules below) ------------------------
VOCAB_NAMES = cl100k_base o200k_base
VOCAB_BINS  = $(VOCAB_NAMES:%=src/vocab/%.bin)
CORE_OBJS  += src/vocab/vocab_blob.o
TOKEN_TOOLS = src/tools/vocab_pack src/tools/icu_classes
# ---- end tokens --------------------------------------------------------------

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

# ---- tokens: vocabularies are checked against the official sha256 sums, packed
# by a host tool into a hash table and linked in with .incbin (no run-time parsing).
EXTRA_CLEAN += $(VOCAB_BINS) $(TOKEN_TOOLS)
src/tools/vocab_pack: src/tools/vocab_pack.cpp src/core/vocab.hpp
	$(CXX) -std=c++17 -O2 -Isrc/core -o $@ $<
src/vocab/%.bin: src/vocab/%.tiktoken src/vocab/SHA256SUMS src/tools/vocab_pack
	cd src/vocab && grep ' $*.tiktoken$$' SHA256SUMS | sha256sum --check --quiet --strict -
	src/tools/vocab_pack $< $@
src/vocab/vocab_blob.o: src/vocab/vocab_blob.S $(VOCAB_BINS)
	$(CC) -c -o $@ $<
TOKEN_CORE_OBJS = $(addprefix src/core/,bpe.o char_class.o pretokenizer.o pretokenizer_cl100k.o \
                  pretokenizer_o200k.o tokenizer.o tokenizer_models.o vocab.o)
# The tokenizer's hot calls cross files; hidden symbols bind them directly
# inside toon.so instead of through the PLT (nothing outside calls them).
$(TOKEN_CORE_OBJS): override CXXFLAGS += -fvisibility=hidden
# Regenerating the Unicode patch (needs rust-lang/regex's regex-syntax tables):
#   make src/tools/icu_classes && src/tools/icu_classes > icu.txt &&
#   src/tools/unicode_patch.py REGEX/regex-syntax/src/unicode_tables icu.txt > src/core/unicode_patch.inc
src/tools/icu_classes: src/tools/icu_classes.cpp src/core/char_class.o
	$(CXX) $(CXXFLAGS) -Isrc/core -o $@ $^ $(ICU_LIBS)
# ---- end tokens --------------------------------------------------------------

# ---- core unit tests (GoogleTest, no server) -------------------------------
CORE_TEST_SRCS = $(sort $(wildcard test/core/*_test.cpp))
CORE_TEST_OBJS = $(CORE_TEST_SRCS:.cpp=.o)
test/core/%.o: test/core/%.cpp
	$(CXX) $(CXXFLAGS) -Isrc/core -c -o $@ $<
test/core/toon_core_tests: $(CORE_TEST_OBJS) $(CORE_OBJS)
	$(CXX) $(CXXFLAGS) -o $@ $^ -lgtest_main -lgtest -lpthread $(ICU_LIBS)

# ---- the same unit tests under AddressSanitizer + UndefinedBehaviorSanitizer ----
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_DIR   = build/sanitize
SAN_OBJS  = $(patsubst %.cpp,$(SAN_DIR)/%.o,$(CORE_SRCS) $(CORE_TEST_SRCS))
$(SAN_DIR)/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) $(SAN_FLAGS) -Isrc/core -c -o $@ $<
test/core/toon_core_tests_sanitize: $(SAN_OBJS) $(filter-out $(CORE_SRCS:.cpp=.o),$(CORE_OBJS))
	$(CXX) $(CXXFLAGS) $(SAN_FLAGS) -o $@ $^ -lgtest_main -lgtest -lpthread $(ICU_LIBS)

# ---- libFuzzer harnesses (clang): test/fuzz/<name>_fuzz.cpp with the core ----
FUZZ_SRCS  = $(wildcard test/fuzz/*_fuzz.cpp)
FUZZ_BINS  = $(patsubst %.cpp,$(SAN_DIR)/%,$(FUZZ_SRCS))
FUZZ_CXX   = $(subst clang,clang++,$(CLANG))
FUZZ_FLAGS = -MMD -MP -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_OBJS  = $(patsubst %.cpp,$(SAN_DIR)/fuzz/%.o,$(CORE_SRCS))
$(SAN_DIR)/fuzz/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(subst -fsanitize=fuzzer,-fsanitize=fuzzer-no-link,$(FUZZ_FLAGS)) -Isrc/core -c -o $@ $<
$(SAN_DIR)/test/fuzz/%: test/fuzz/%.cpp $(FUZZ_OBJS) $(filter-out $(CORE_SRCS:.cpp=.o),$(CORE_OBJS))
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(FUZZ_FLAGS) -Isrc/core -o $@ $(filter %.cpp %.o,$^) $(ICU_LIBS)
.PHONY: fuzz-bins
fuzz-bins: $(FUZZ_BINS)

# Header dependencies: every compile writes a .d file next to its object (so the
# link rules below filter their prerequisites down to sources and objects).
-include $(shell find src test bench build -name '*.d' 2>/dev/null)

# ---- test tools (encoder helper): test/tools/<name>.cpp linked with the core ----
TEST_TOOLS = $(patsubst %.cpp,%,$(wildcard test/tools/*.cpp))
test/tools/%: test/tools/%.cpp $(CORE_OBJS)
	$(CXX) $(CXXFLAGS) -Isrc/core -o $@ $(filter %.cpp %.o,$^) $(ICU_LIBS)
.PHONY: test-tools
test-tools: $(TEST_TOOLS)

# ---- benchmark programs: bench/<name>_bench.cpp linked with the core -------
BENCH_BINS = $(patsubst %.cpp,%,$(wildcard bench/*_bench.cpp))
bench/%_bench: bench/%_bench.cpp $(CORE_OBJS)
	$(CXX) $(CXXFLAGS) -Isrc/core -o $@ $(filter %.cpp %.o,$^) $(ICU_LIBS)

.PHONY: check-core test demo bench bench-bins
bench-bins: $(BENCH_BINS)

check-core: test/core/toon_core_tests
	test/core/toon_core_tests

# Every test suite against a throwaway cluster (see test/run).
test:
	test/run

demo:
	examples/demo.sh

bench:
	bench/run

# ---- portability and packaging (docs/portability.md) ------------------------
# test-matrix: build and test in PostgreSQL 15 (this machine), 17 (Debian 13
# chroot) and 18 (Debian sid chroot); TOON_MATRIX="15 17" picks versions.
# deb: binary packages postgresql-NN-toon for each installed server version,
# built by dpkg-buildpackage in a clean copy under build/deb/.
# dist: the PGXN archive toon-<version>.zip from git archive (committed HEAD).
.PHONY: test-matrix deb dist
test-matrix:
	test/matrix/run

deb:
	test/matrix/deb "$(CURDIR)/build/deb"

dist:
	@test "$$(sed -n 's/^   "version": "\(.*\)",$$/\1/p' META.json)" = "$(EXTVERSION)" || \
	    { echo "META.json version differs from $(EXTVERSION) (toon.control)"; exit 1; }
	git archive --format=zip --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(EXTENSION)-$(EXTVERSION).zip HEAD
	@echo "wrote $(EXTENSION)-$(EXTVERSION).zip"
EXTRA_CLEAN += $(EXTENSION)-$(EXTVERSION).zip
