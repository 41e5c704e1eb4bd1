// libFuzzer harness for the TOON decoder. The first byte picks the options;
// the rest is the document. Properties checked on every input:
//  - decode() and validate() agree on validity and on the error code;
//  - errors are only the documented kinds (never Internal, never another exception);
//  - a decoded value survives encode() -> decode() (JSON-model equality), for
//    each delimiter, and re-encoding that result gives the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "decode.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "value.hpp"
#include "model_equal.hpp"

using namespace toon::core;

namespace {

[[noreturn]] void fail(const char* what) {
    __builtin_trap();
    (void)what;
}

bool expected_error(ErrorCode code) {
    return code == ErrorCode::InvalidSyntax || code == ErrorCode::InvalidUtf8 || code == ErrorCode::StackDepth;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    DecodeOptions options;
    options.strict = (data[0] & 1) == 0;
    options.indent_size = 1 + ((data[0] >> 1) & 3);
    const std::string_view doc(reinterpret_cast<const char*>(data + 1), size - 1);

    Value value;
    bool decoded = false;
    ErrorCode decode_code = ErrorCode::Internal;
    try {
        value = decode(doc, options);
        decoded = true;
    } catch (const Error& e) {
        if (!expected_error(e.code())) fail("unexpected error kind from decode");
        decode_code = e.code();
    }

    try {
        validate(doc, options);
        if (!decoded) fail("validate accepted what decode rejected");
    } catch (const Error& e) {
        if (decoded) fail("validate rejected what decode accepted");
        if (e.code() != decode_code) fail("validate and decode disagree on the error");
    }
    if (!decoded) return 0;

    for (char delimiter : {',', '\t', '|'}) {
        EncodeOptions eo;
        eo.delimiter = delimiter;
        eo.indent_size = options.indent_size;
        const std::string text = encode(value, eo);
        DecodeOptions strict;
        strict.indent_size = options.indent_size;
        const Value back = decode(text, strict);
        if (!model_equal(back, value)) fail("decode(encode(x)) != x");
        if (encode(back, eo) != text) fail("encode is not a fixpoint after one round trip");
    }
    return 0;
}
