// libFuzzer harness for the tokenizer (both encodings). The first two bytes
// pick the encoding, a token budget and an overlap; the rest is the text.
// Properties (text of any bytes):
//  - the pre-tokenizer's pieces tile the text (each ends after it starts);
//  - count() equals the sum of the BPE counts over the pieces and the length
//    of encode(); the tokens' bytes concatenate to the text;
// and for well-formed UTF-8 (what the SQL functions accept):
//  - truncate_length(): a prefix ending at a character boundary whose own
//    count fits the budget; the whole text when it fits;
//  - chunk_ranges(): non-empty ranges at character boundaries, starting at
//    0, ending at the text's end, each start after the previous one and not
//    after its end (no gap); each chunk's own count fits the budget unless it
//    is one character; without overlap the chunks concatenate to the text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "tokens/bpe.hpp"
#include "error.hpp"
#include "value.hpp"
#include "tokens/pretokenizer.hpp"
#include "tokens/tokenizer.hpp"
#include "utf8.hpp"

using namespace toon::core;

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "property failed: %s\n", what);
    __builtin_trap();
}

bool char_start(std::string_view s, std::size_t i) {
    return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

std::size_t char_count(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) n += char_start(s, i);
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const Encoding enc = (data[0] & 1) ? Encoding::O200kBase : Encoding::Cl100kBase;
    const std::size_t max_tokens = 1 + (data[0] >> 1) % 32;
    const std::size_t overlap = (data[1] & 0x80) ? 0 : data[1] % max_tokens;
    const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
    const Tokenizer& t = Tokenizer::get(enc);
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());

    std::size_t sum = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t e =
            enc == Encoding::O200kBase ? next_piece_o200k(s, text.size(), i) : next_piece_cl100k(s, text.size(), i);
        if (e <= i || e > text.size()) fail("pieces do not tile the text");
        sum += bpe_count(t.vocab(), s + i, e - i);
        i = e;
    }
    const std::size_t count = t.count(text);
    if (count != sum) fail("count != sum of the pieces' counts");
    std::vector<std::uint32_t> ids;
    t.encode(text, ids);
    if (ids.size() != count) fail("count != encode().size()");
    std::string joined;
    for (auto id : ids) joined.append(t.vocab().bytes(id));
    if (joined != text) fail("tokens do not concatenate to the text");

    if (find_invalid_utf8(text) != std::string_view::npos) return 0;

    const std::size_t len = truncate_length(t, text, max_tokens);
    if (len > text.size() || !char_start(text, len)) fail("truncate: not a character boundary");
    if (t.count(text.substr(0, len)) > max_tokens) fail("truncate: prefix over the budget");
    if (count <= max_tokens && len != text.size()) fail("truncate: cut a text that fits");

    const auto chunks = chunk_ranges(t, text, max_tokens, overlap);
    if (text.empty()) {
        if (!chunks.empty()) fail("chunks of an empty text");
        return 0;
    }
    if (chunks.empty() || chunks.front().first != 0 || chunks.back().second != text.size())
        fail("chunks do not span the text");
    std::string concat;
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        const auto [b, e] = chunks[k];
        if (b >= e || e > text.size() || !char_start(text, b) || !char_start(text, e)) fail("bad chunk range");
        if (k > 0 && (b <= chunks[k - 1].first || b > chunks[k - 1].second)) fail("chunks go back or leave a gap");
        const std::string_view piece = text.substr(b, e - b);
        if (t.count(piece) > max_tokens && char_count(piece) != 1) fail("chunk over the budget");
        concat.append(piece);
    }
    if (overlap == 0 && concat != text) fail("chunks without overlap do not concatenate to the text");
    return 0;
}
