// Character classes for the tiktoken pre-tokenizers: ICU general categories and
// White_Space, patched to Unicode 16.0.0 (the tables of regex-syntax 0.8.5+,
// which tiktoken 1.0.22's WASM build uses; ICU 72 implements Unicode 15.0).
#include "char_class.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <memory>

namespace toon::core {

namespace {

struct PatchRange {
    char32_t first;
    char32_t last;
    std::uint8_t cls;
};

constexpr PatchRange kPatch[] = {
#include "unicode_patch.inc"
};

constexpr int kBlockBits = 8;
constexpr std::size_t kBlockSize = std::size_t(1) << kBlockBits;
constexpr std::size_t kBlocks = 0x110000 >> kBlockBits;

// Per-256-code-point blocks of classes, filled on first use. Racing threads
// compute identical contents; the loser frees its copy.
std::atomic<const std::uint8_t*> g_blocks[kBlocks];

CharClass patched_class(char32_t c) {
    auto it = std::upper_bound(std::begin(kPatch), std::end(kPatch), c,
                               [](char32_t v, const PatchRange& r) { return v < r.first; });
    if (it != std::begin(kPatch) && c <= std::prev(it)->last) return CharClass(std::prev(it)->cls);
    return icu_char_class(c);
}

const std::uint8_t* fill_block(std::size_t b) {
    auto block = std::make_unique<std::uint8_t[]>(kBlockSize);
    for (std::size_t i = 0; i < kBlockSize; ++i)
        block[i] = std::uint8_t(patched_class(char32_t((b << kBlockBits) | i)));
    const std::uint8_t* expected = nullptr;
    if (g_blocks[b].compare_exchange_strong(expected, block.get())) return block.release();
    return expected;
}

}  // namespace

CharClass icu_char_class(char32_t c) {
    UChar32 u = static_cast<UChar32>(c);
    if (u_hasBinaryProperty(u, UCHAR_WHITE_SPACE)) return CharClass::Space;
    switch (u_charType(u)) {
        case U_UPPERCASE_LETTER:
        case U_TITLECASE_LETTER: return CharClass::Upper;
        case U_LOWERCASE_LETTER: return CharClass::Lower;
        case U_MODIFIER_LETTER:
        case U_OTHER_LETTER: return CharClass::OtherLetter;
        case U_NON_SPACING_MARK:
        case U_ENCLOSING_MARK:
        case U_COMBINING_SPACING_MARK: return CharClass::Mark;
        case U_DECIMAL_DIGIT_NUMBER:
        case U_LETTER_NUMBER:
        case U_OTHER_NUMBER: return CharClass::Number;
        default: return CharClass::Other;
    }
}

CharClass char_class(char32_t c) {
    if (c >= 0x110000) return CharClass::Other;
    std::size_t b = c >> kBlockBits;
    const std::uint8_t* block = g_blocks[b].load(std::memory_order_acquire);
    if (!block) block = fill_block(b);
    return CharClass(block[c & (kBlockSize - 1)]);
}

}  // namespace toon::core
