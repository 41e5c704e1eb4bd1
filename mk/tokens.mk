# Token counting: vocabularies are checked against the official sha256 sums,
# packed by a host tool into a hash table and linked in with .incbin (no
# run-time parsing). Included by the Makefile after PGXS.
TOKEN_TOOLS = src/tools/vocab_pack
EXTRA_CLEAN += $(VOCAB_BINS) $(TOKEN_TOOLS)
src/tools/vocab_pack: src/tools/vocab_pack.cpp src/core/tokens/vocab.hpp
	$(CXX) -std=c++17 -O2 -Isrc/core -o $@ $<
src/vocab/%.bin: src/vocab/%.tiktoken src/vocab/SHA256SUMS src/tools/vocab_pack
	cd src/vocab && grep ' $*.tiktoken$$' SHA256SUMS | sha256sum --check --quiet --strict -
	src/tools/vocab_pack $< $@
src/vocab/vocab_blob.o: src/vocab/vocab_blob.S $(VOCAB_BINS)
	$(CC) -c -o $@ $<
TOKEN_CORE_OBJS = $(patsubst %.cpp,%.o,$(wildcard src/core/tokens/*.cpp))
# The tokenizer's hot calls cross files; hidden symbols bind them directly
# inside toon.so instead of through the PLT (nothing outside calls them).
$(TOKEN_CORE_OBJS): override CXXFLAGS += -fvisibility=hidden
# The tokenizer's Unicode classes are compiled in (no ICU at run time).
# Regenerating them (needs rust-lang/regex's regex-syntax tables):
#   src/tools/unicode_tables.py REGEX/regex-syntax/src/unicode_tables "<repo> <commit>" > src/core/tokens/unicode_classes.inc
