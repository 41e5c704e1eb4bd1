// libFuzzer harness for the encoder. The first two bytes pick the options
// (the decoder's mode and indent; the encoder's delimiter, one of the three,
// and indent size, 1-8 or, with the top bit, any up to the limit), the rest
// is a TOON document; whatever decodes is encoded. Properties:
//  - decode(encode(x)) == x under JSON-model equality (strict decoder, at the
//    encoder's indent size and with the document's own indent size, 0);
//  - encode() is a fixpoint after one round trip;
//  - validate() and decode_to_json() accept every encoder output, and
//    decode_to_json() gives write_json() of the decoded value;
//  - the tape encoder (JSON text -> TOON without a tree, used by to_toon)
//    writes exactly the same text as encode() of the parsed value;
//  - max_output: an output over the limit stops with ProgramLimit, never
//    with a truncated result.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "decode.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "value.hpp"
#include "json.hpp"
#include "json_tape.hpp"
#include "model_equal.hpp"

using namespace toon::core;

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "property failed: %s\n", what);
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    DecodeOptions in;
    in.strict = (data[0] & 1) == 0;
    in.indent_size = 1 + ((data[0] >> 1) & 3);
    const char delimiter = ",\t|"[data[1] % 3];
    const int indent = (data[0] & 0x80) ? 1 + data[1] % kMaxIndentSize : 1 + (data[1] / 3) % 8;
    const std::string_view doc(reinterpret_cast<const char*>(data + 2), size - 2);

    Value value;
    try {
        value = decode(doc, in);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidSyntax && e.code() != ErrorCode::InvalidUtf8 &&
            e.code() != ErrorCode::StackDepth)
            fail("unexpected error kind from decode");
        return 0;
    }
    const std::string json = write_json(value);

    {
        {
            EncodeOptions eo;
            eo.delimiter = delimiter;
            eo.indent_size = indent;
            const std::string text = encode(value, eo);

            DecodeOptions strict;
            strict.indent_size = indent;
            const Value back = decode(text, strict);
            if (!model_equal(back, value)) fail("decode(encode(x)) != x");
            if (encode(back, eo) != text) fail("encode is not a fixpoint after one round trip");
            DecodeOptions own;
            own.indent_size = 0;
            if (!model_equal(decode(text, own), value)) fail("own-indent decode differs");
            validate(text, strict);
            std::string direct;
            decode_to_json(text, strict, direct);
            if (direct != write_json(back)) fail("decode_to_json != write_json(decode)");

            std::string taped;
            encode_into(parse_json_tape(json), eo, taped);
            if (taped != encode(parse_json(json), eo)) fail("tape encoder differs from the tree encoder");

            if (!text.empty()) {
                EncodeOptions small = eo;
                small.max_output = text.size() - 1;
                try {
                    (void)encode(value, small);
                    fail("output over max_output was returned");
                } catch (const Error& e) {
                    if (e.code() != ErrorCode::ProgramLimit) fail("max_output: wrong error kind");
                }
                small.max_output = text.size();
                if (encode(value, small) != text) fail("output at exactly max_output differs");
            }
        }
    }
    return 0;
}
