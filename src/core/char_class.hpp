// Character classes of the tiktoken split patterns (cl100k_base, o200k_base).
//
// The patterns only ask for \p{L} (split into the o200k letter sets), \p{M},
// \p{N} and \s (Unicode White_Space). Every code point falls in exactly one
// class below. Properties come from ICU, patched to the Unicode version of the
// Rust regex crate that tiktoken's regex engine was built with (see
// char_class.cpp and unicode_patch.inc).
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

// Unicode version whose properties char_class() reproduces.
inline constexpr const char* kCharClassUnicodeVersion = "16.0.0";

// Class of a code point under ICU's own Unicode data (no patch).
CharClass icu_char_class(char32_t c);

// Class of a code point as tiktoken's regex engine sees it.
CharClass char_class(char32_t c);

}  // namespace toon::core
