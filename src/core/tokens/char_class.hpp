// Character classes of the tiktoken split patterns (cl100k_base, o200k_base).
//
// The patterns only ask for \p{L} (split into the o200k letter sets), \p{M},
// \p{N} and \s (Unicode White_Space). Every code point falls in exactly one
// class below. The classes are compiled in (unicode_classes.inc, generated
// from the Unicode 16.0.0 tables of the Rust regex crate that tiktoken's
// regex engine is built with); nothing depends on the ICU found at run time.
#pragma once

#include <cstdint>

namespace toon::core {

enum class CharClass : std::uint8_t {
    Other = 0,        // punctuation, symbols, controls, unassigned, ...
    Upper = 1,        // Lu, Lt
    Lower = 2,        // Ll
    OtherLetter = 3,  // Lm, Lo
    Mark = 4,         // Mn, Mc, Me
    Number = 5,       // Nd, Nl, No
    Space = 6,        // White_Space
};

// Unicode version of the compiled tables, and what the generator computed
// from its sources: an FNV-1a checksum of the class of every code point
// (0 to 0x10FFFF, one byte each) and the number of code points per class.
// test/core/tokens_test.cpp checks the compiled tables against them.
extern const char* const kCharClassUnicodeVersion;
extern const std::uint64_t kCharClassChecksum;
extern const std::uint32_t kCharClassCounts[7];

// Class of a code point as tiktoken's regex engine sees it (cached lookup).
CharClass char_class(char32_t c);

// The same, read straight from the compiled ranges (binary search).
CharClass table_char_class(char32_t c);

}  // namespace toon::core
