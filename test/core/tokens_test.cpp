// Unit tests of the tokenizer core: vocabulary tables, character classes,
// encoding/model names, known tiktoken ids, truncation and chunk invariants,
// cancellation. Exactness on a large corpus is test/suites/20-tokens.sh.
#include <gtest/gtest.h>

#include <unicode/uchar.h>
#include <unicode/uvernum.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "tokens/bpe.hpp"
#include "tokens/char_class.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "tokens/tokenizer.hpp"

namespace {

using namespace toon::core;

std::vector<std::uint32_t> ids(Encoding e, const std::string& s) {
    std::vector<std::uint32_t> out;
    Tokenizer::get(e).encode(s, out);
    return out;
}

// Unformatted: clang-format splits this literal differently on every run (wide characters).
// clang-format off
const std::string kProse =
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of "
    "foolishness... Ünïcödé naïve café, 日本語のテキスト, Привет мир! 👩‍👩‍👧‍👦 ﬁ 12345678 ²³ "
    "don't WON'T it'S\r\n\r\n   indented\tcode();  // comment\n";
// clang-format on

// tiktoken's merge rule written the plain quadratic way: merge the adjacent
// pair of lowest rank, the leftmost on ties, until none is a token.
std::vector<std::uint32_t> naive_bpe(const Vocab& v, const std::string& piece) {
    const auto* p = reinterpret_cast<const unsigned char*>(piece.data());
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i <= piece.size(); ++i) starts.push_back(i);
    for (;;) {
        std::uint32_t best = kNoRank;
        std::size_t at = 0;
        for (std::size_t k = 0; k + 2 < starts.size(); ++k) {
            const std::uint32_t r = v.rank(p + starts[k], starts[k + 2] - starts[k]);
            if (r < best) {
                best = r;
                at = k;
            }
        }
        if (best == kNoRank) break;
        starts.erase(starts.begin() + static_cast<std::ptrdiff_t>(at) + 1);
    }
    std::vector<std::uint32_t> out;
    for (std::size_t k = 0; k + 1 < starts.size(); ++k) out.push_back(v.rank(p + starts[k], starts[k + 1] - starts[k]));
    return out;
}

// Pieces longer than the short-piece limit (192 bytes) take the heap-based
// merge (bpe.cpp merge_large): the same tokens as the plain rule, on pieces
// of few distinct bytes where many ranks tie and merges cascade.
TEST(Bpe, LongPiecesMergeLikeThePlainRule) {
    std::mt19937 rng(7);
    const std::vector<std::vector<std::string>> alphabets = {
        {"a", "b"}, {"ab", "the", "ing", "x"},       {"e", "t", "a", "o", "i", "n", "s"}, {"!", "?", "."},
        {" "},      {"\xe6\x97\xa5", "\xe6\x9c\xac"}};
    for (Encoding e : kEncodings) {
        const Vocab& v = Tokenizer::get(e).vocab();
        for (int trial = 0; trial < 60; ++trial) {
            const auto& alphabet = alphabets[trial % alphabets.size()];
            std::string piece;
            const std::size_t n = 193 + rng() % 1200;
            while (piece.size() < n) piece += alphabet[rng() % alphabet.size()];
            std::vector<std::uint32_t> got;
            bpe_encode(v, reinterpret_cast<const unsigned char*>(piece.data()), piece.size(), got);
            ASSERT_EQ(got, naive_bpe(v, piece)) << "trial " << trial << ": " << piece;
            EXPECT_EQ(bpe_count(v, reinterpret_cast<const unsigned char*>(piece.data()), piece.size()), got.size());
        }
    }
}

// A piece past kMaxPieceBytes is refused before any working memory is taken.
TEST(Bpe, OverlongPieceIsRefused) {
    const Vocab& v = Tokenizer::get(Encoding::O200kBase).vocab();
    const std::string piece(kMaxPieceBytes + 1, 'a');
    try {
        bpe_count(v, reinterpret_cast<const unsigned char*>(piece.data()), piece.size());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::ProgramLimit);
        EXPECT_STREQ(e.what(), "text too long to tokenize without a break");
    }
}

TEST(Vocab, EveryTokenIsFoundUnderItsOwnRank) {
    for (Encoding e : kEncodings) {
        const Vocab& v = Tokenizer::get(e).vocab();
        for (std::uint32_t r = 0; r < v.size(); ++r) {
            auto b = v.bytes(r);
            ASSERT_EQ(v.rank(reinterpret_cast<const unsigned char*>(b.data()), b.size()), r) << encoding_name(e);
        }
        EXPECT_EQ(v.rank(reinterpret_cast<const unsigned char*>("\xff\xfe\xfd\xfc zz"), 7), kNoRank);
    }
    EXPECT_EQ(Tokenizer::get(Encoding::Cl100kBase).vocab().size(), 100256u);
    EXPECT_EQ(Tokenizer::get(Encoding::O200kBase).vocab().size(), 199998u);
}

TEST(CharClass, WhiteSpaceAndUnicode16Patch) {
    EXPECT_EQ(char_class(0x85), CharClass::Space);    // NEL is White_Space
    EXPECT_EQ(char_class(0xFEFF), CharClass::Other);  // BOM is not
    EXPECT_EQ(char_class(0x200B), CharClass::Other);
    EXPECT_EQ(char_class(0x3000), CharClass::Space);
    EXPECT_EQ(char_class(0x2167), CharClass::Number);      // Ⅷ (Nl)
    EXPECT_EQ(char_class(0xB2), CharClass::Number);        // ² (No)
    EXPECT_EQ(char_class(0x1C5), CharClass::Upper);        // ǅ (Lt)
    EXPECT_EQ(char_class(0x2B0), CharClass::OtherLetter);  // ʰ (Lm)
    EXPECT_EQ(char_class(0x301), CharClass::Mark);
    // Unicode 16.0 additions that ICU 72 (Unicode 15.0) does not know.
    EXPECT_EQ(char_class(0x1C89), CharClass::Upper);
    EXPECT_EQ(char_class(0x1C8A), CharClass::Lower);
    EXPECT_EQ(char_class(0x10D40), CharClass::Number);
    EXPECT_EQ(char_class(0x2EBF0), CharClass::OtherLetter);  // CJK Ext. I (15.1)
}

// The build-time check of the compiled Unicode tables (issue 7, defect 8):
// both lookups agree with each other and with what the generator computed
// from the regex-syntax tables (checksum and count per class).
TEST(CharClass, CompiledTablesMatchTheGenerator) {
    EXPECT_STREQ(kCharClassUnicodeVersion, "16.0.0");
    std::uint64_t h = 0xcbf29ce484222325ULL;
    std::uint32_t counts[7] = {};
    for (char32_t c = 0; c < 0x110000; ++c) {
        const CharClass k = char_class(c);
        ASSERT_EQ(k, table_char_class(c)) << std::hex << std::uint32_t(c);
        h = (h ^ std::uint8_t(k)) * 0x100000001b3ULL;
        ++counts[std::uint8_t(k)];
    }
    EXPECT_EQ(h, kCharClassChecksum);
    for (int k = 0; k < 7; ++k) EXPECT_EQ(counts[k], kCharClassCounts[k]) << "class " << k;
    EXPECT_EQ(char_class(0x110000), CharClass::Other);
}

// Against the ICU this test is linked with: every code point ICU assigns
// has the same class in the compiled tables, unless it changed category in a
// later Unicode version than ICU's (none so far between 15.0 and 16.0).
TEST(CharClass, AgreesWithIcuWhereIcuKnowsTheCharacter) {
    std::vector<std::string> differ;
    for (char32_t c = 0; c < 0x110000; ++c) {
        const UChar32 u = static_cast<UChar32>(c);
        if (u_charType(u) == U_UNASSIGNED) continue;
        CharClass icu = CharClass::Other;
        if (u_hasBinaryProperty(u, UCHAR_WHITE_SPACE)) {
            icu = CharClass::Space;
        } else {
            switch (u_charType(u)) {
                case U_UPPERCASE_LETTER:
                case U_TITLECASE_LETTER: icu = CharClass::Upper; break;
                case U_LOWERCASE_LETTER: icu = CharClass::Lower; break;
                case U_MODIFIER_LETTER:
                case U_OTHER_LETTER: icu = CharClass::OtherLetter; break;
                case U_NON_SPACING_MARK:
                case U_ENCLOSING_MARK:
                case U_COMBINING_SPACING_MARK: icu = CharClass::Mark; break;
                case U_DECIMAL_DIGIT_NUMBER:
                case U_LETTER_NUMBER:
                case U_OTHER_NUMBER: icu = CharClass::Number; break;
                default: break;
            }
        }
        if (icu != char_class(c) && differ.size() < 20) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", unsigned(c));
            differ.push_back(buf);
        }
    }
    EXPECT_TRUE(differ.empty()) << differ.size() << " code points differ from ICU " << U_ICU_VERSION
                                << ", first: " << differ[0];
}

TEST(Encodings, NamesAndModels) {
    EXPECT_EQ(resolve_encoding("o200k_base"), Encoding::O200kBase);
    EXPECT_EQ(resolve_encoding("cl100k_base"), Encoding::Cl100kBase);
    for (const char* m : {"gpt-4o", "gpt-4o-2024-08-06", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "gpt-5-nano", "o1", "o3",
                          "o4-mini", "o1-preview", "chatgpt-4o-latest", "gpt-4.5-preview", "ft:gpt-4o-mini:x"})
        EXPECT_EQ(resolve_encoding(m), Encoding::O200kBase) << m;
    for (const char* m : {"gpt-4", "gpt-4-0613", "gpt-4-turbo", "gpt-3.5-turbo", "gpt-3.5-turbo-16k", "gpt-35-turbo",
                          "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002", "davinci-002"})
        EXPECT_EQ(resolve_encoding(m), Encoding::Cl100kBase) << m;
    // tiktoken's prefix is "gpt-5-" (the exact name "gpt-5" aside): names
    // that only start with "gpt-5" are not mapped (a token review found them
    // mapped to o200k_base).
    for (const char* m : {"gpt-5.1", "gpt-5o", "gpt-50"}) EXPECT_THROW(resolve_encoding(m), Error) << m;
    try {
        resolve_encoding("p50k_base");
        FAIL() << "p50k_base is not supported";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidParameter);
        EXPECT_NE(e.detail().find("o200k_base"), std::string::npos);
        EXPECT_NE(e.detail().find("gpt-4o"), std::string::npos);
    }
}

// Ids from tiktoken 1.0.22 encode_ordinary.
TEST(Tokenizer, KnownIds) {
    const std::string s = "Hello world! Don't you'LL think?";
    EXPECT_EQ(ids(Encoding::O200kBase, s), (std::vector<std::uint32_t>{13225, 2375, 0, 19666, 481, 6, 7454, 2411, 30}));
    EXPECT_EQ(ids(Encoding::Cl100kBase, s),
              (std::vector<std::uint32_t>{9906, 1917, 0, 4418, 956, 499, 6, 4178, 1781, 30}));
    EXPECT_EQ(ids(Encoding::O200kBase, "<|endoftext|>"), (std::vector<std::uint32_t>{27, 91, 419, 1440, 919, 91, 29}));
    EXPECT_EQ(ids(Encoding::O200kBase, "a  \n\n  b 12345 ²³ it'S"),
              (std::vector<std::uint32_t>{64, 11691, 220, 287, 220, 7633, 2548, 220, 13848, 45681, 480, 31233}));
    EXPECT_EQ(ids(Encoding::Cl100kBase, "a  \n\n  b 12345 ²³ it'S"),
              (std::vector<std::uint32_t>{64, 19124, 220, 293, 220, 4513, 1774, 220, 30556, 44301, 433, 13575}));
    EXPECT_TRUE(ids(Encoding::O200kBase, "").empty());
}

TEST(Tokenizer, CountEqualsNumberOfIds) {
    for (Encoding e : kEncodings) {
        EXPECT_EQ(Tokenizer::get(e).count(kProse), ids(e, kProse).size());
        const std::string long_piece(5000, 'x');  // one piece: the heap merge
        EXPECT_EQ(Tokenizer::get(e).count(long_piece), ids(e, long_piece).size());
    }
}

TEST(Tokenizer, IdsDecodeToTheText) {
    for (Encoding e : kEncodings) {
        std::string back;
        for (auto id : ids(e, kProse)) back += Tokenizer::get(e).vocab().bytes(id);
        EXPECT_EQ(back, kProse);
    }
}

TEST(Truncate, PrefixWithinBudgetAtCharacterBoundary) {
    for (Encoding e : kEncodings) {
        const Tokenizer& t = Tokenizer::get(e);
        const std::size_t total = t.count(kProse);
        std::size_t previous = 0;
        for (std::size_t k = 0; k <= total + 1; ++k) {
            std::size_t len = truncate_length(t, kProse, k);
            ASSERT_LE(len, kProse.size());
            EXPECT_LE(t.count(kProse.substr(0, len)), k);
            EXPECT_GE(len, previous);  // a larger budget never keeps less
            if (len < kProse.size()) { EXPECT_NE(static_cast<unsigned char>(kProse[len]) & 0xC0, 0x80); }
            previous = len;
        }
        EXPECT_EQ(truncate_length(t, kProse, total), kProse.size());
    }
}

// A prefix can take fewer tokens than the document has up to it: "a   1" is
// a | "  " | " " | 1 in both encodings, its prefix "a   " is a | "   ", so a
// budget of 2 keeps all three spaces (found by an adversarial review; the
// search once stopped at the budget's own boundary, "a  ").
TEST(Truncate, LongestEvenPastTheBudgetsBoundary) {
    for (Encoding e : kEncodings) {
        const Tokenizer& t = Tokenizer::get(e);
        ASSERT_EQ(t.count("a   1"), 4u);
        ASSERT_EQ(t.count("a   "), 2u);
        EXPECT_EQ(truncate_length(t, "a   1", 2), 4u);
        EXPECT_EQ(truncate_length(t, "x\n  a   1", t.count("x\n  a   ")), 8u);  // the same after a line
    }
}

TEST(Chunks, CoverTheTextWithinBudget) {
    for (Encoding e : kEncodings) {
        const Tokenizer& t = Tokenizer::get(e);
        for (std::size_t max : {1, 2, 3, 7, 50, 1000}) {
            auto ranges = chunk_ranges(t, kProse, max, 0);
            std::string joined;
            std::size_t at = 0;
            for (auto [b, end] : ranges) {
                EXPECT_EQ(b, at);
                EXPECT_LT(b, end);
                joined += kProse.substr(b, end - b);
                at = end;
            }
            EXPECT_EQ(joined, kProse) << max;
            for (auto [b, end] : ranges) {
                std::string chunk = kProse.substr(b, end - b);
                bool one_char = chunk.size() <= 4 &&
                                (chunk.size() == 1 || (static_cast<unsigned char>(chunk[0]) >= 0xC0 &&
                                                       (static_cast<unsigned char>(chunk.back()) & 0xC0) == 0x80));
                if (!one_char) { EXPECT_LE(t.count(chunk), max) << chunk; }
            }
        }
        // With overlap each chunk starts inside the previous one and moves forward.
        auto ranges = chunk_ranges(t, kProse, 10, 3);
        ASSERT_GT(ranges.size(), 2u);
        for (std::size_t i = 1; i < ranges.size(); ++i) {
            EXPECT_GT(ranges[i].first, ranges[i - 1].first);
            EXPECT_LT(ranges[i].first, ranges[i - 1].second);
        }
        EXPECT_EQ(ranges.back().second, kProse.size());
    }
}

// A chunk that starts with a character of several tokens: the overlap
// would start inside it, so it starts after it instead, still sharing the
// chunk's last tokens (found by a token review: it shared none).
TEST(Chunks, OverlapStartingInsideACharacterShrinksInsteadOfVanishing) {
    const Tokenizer& t = Tokenizer::get(Encoding::O200kBase);
    const std::string text = "\xF0\x93\x80\x80 one two three four five six seven";  // U+13000, 4 tokens
    ASSERT_GE(t.count("\xF0\x93\x80\x80"), 3u);
    const auto ranges = chunk_ranges(t, text, 6, 5);
    ASSERT_GE(ranges.size(), 2u);
    EXPECT_EQ(text.substr(ranges[0].first, ranges[0].second - ranges[0].first), "\xF0\x93\x80\x80 one two");
    EXPECT_EQ(ranges[1].first, 4u);  // right after the character: " one two" is shared
    EXPECT_LT(ranges[1].first, ranges[0].second);
    for (std::size_t i = 1; i < ranges.size(); ++i) EXPECT_GT(ranges[i].first, ranges[i - 1].first);
    EXPECT_EQ(ranges.back().second, text.size());
}

int g_polls = 0;
bool cancel_after_polls() { return ++g_polls > 3; }

TEST(Tokenizer, PollsForCancel) {
    std::string big;
    while (big.size() < (4u << 20)) big += kProse;
    InterruptHooks hooks;
    hooks.cancel_pending = cancel_after_polls;
    set_interrupt_hooks(hooks);
    g_polls = 0;
    try {
        Tokenizer::get(Encoding::O200kBase).count(big);
        ADD_FAILURE() << "not canceled";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::Canceled); }
    g_polls = 0;
    try {
        Tokenizer::get(Encoding::Cl100kBase).count(std::string(1 << 20, 'a'));  // one piece: the heap merge
        ADD_FAILURE() << "not canceled";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::Canceled); }
    set_interrupt_hooks(InterruptHooks{});
}

}  // namespace

// Issue 7, defect 6: encode() stops once more than max_tokens ids are out.
TEST(TokenizerLimits, EncodeStopsAtMaxTokens) {
    std::vector<std::uint32_t> out;
    const std::string text(10000, '1');
    EXPECT_THROW(Tokenizer::get(Encoding::O200kBase).encode(text + ",1,2,3", out, 100), Error);
    EXPECT_LE(out.size(), 200u);
    out.clear();
    Tokenizer::get(Encoding::O200kBase).encode("1,2,3", out, 5);
    EXPECT_EQ(out.size(), 5u);
}
