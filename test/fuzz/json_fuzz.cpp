// libFuzzer harness for the JSON reader/writer and the encoder. Properties:
//  - parse_json() fails only with documented error kinds;
//  - write_json(parse_json(x)) parses back to the same value;
//  - encode() of any parsed value decodes back to it under JSON-model equality
//    (strict decoder), and encoding is a fixpoint after one round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "decode.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "value.hpp"
#include "json.hpp"
#include "model_equal.hpp"

using namespace toon::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Value value;
    try {
        value = parse_json(text);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidSyntax && e.code() != ErrorCode::InvalidUtf8 &&
            e.code() != ErrorCode::StackDepth && e.code() != ErrorCode::ProgramLimit)
            __builtin_trap();
        return 0;
    }
    if (parse_json(write_json(value)) != value) __builtin_trap();
    const std::string once = encode(value);
    const Value back = decode(once);
    if (!model_equal(back, value)) __builtin_trap();
    if (encode(back) != once) __builtin_trap();
    return 0;
}
