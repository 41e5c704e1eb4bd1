// Prints the CharClass of every code point under ICU's data, one "first last
// class" line per run; src/tools/unicode_patch.py compares it with the Rust regex
// tables to generate src/core/unicode_patch.inc.
#include <cstdio>

#include "char_class.hpp"

int main() {
    using toon::core::icu_char_class;
    char32_t first = 0;
    auto cls = icu_char_class(0);
    for (char32_t c = 1; c <= 0x110000; ++c) {
        auto k = c < 0x110000 ? icu_char_class(c) : cls;
        if (c == 0x110000 || k != cls) {
            std::printf("%X %X %d\n", unsigned(first), unsigned(c - 1), int(cls));
            first = c;
            cls = k;
        }
    }
}
