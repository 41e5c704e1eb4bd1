# Developer targets: unit tests, sanitizers, fuzzing, test tools, benchmarks,
# make test / demo / bench. Included by the Makefile after PGXS.

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

# Every test suite against a throwaway cluster (see test/run);
# `make test SUITES="robust tokens"` runs the suites whose names contain a word.
test:
	test/run $(SUITES)

demo:
	examples/demo.sh

bench:
	bench/run

# The result cache benchmark alone (bench/cache.sh).
.PHONY: bench-cache
bench-cache:
	bench/run cache

# ---- source formatting (.clang-format) and compile_commands.json ----------
FORMAT_SRCS = $(shell git ls-files '*.cpp' '*.hpp' 2>/dev/null)
CLANG_FORMAT ?= clang-format
.PHONY: format format-check compile_commands.json
format:
	$(CLANG_FORMAT) -i $(FORMAT_SRCS)
format-check:
	$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_SRCS)
# For clangd and clang-tidy: records a clean build with bear (Debian package bear).
compile_commands.json:
	$(MAKE) clean && bear -- $(MAKE) all test/core/toon_core_tests
