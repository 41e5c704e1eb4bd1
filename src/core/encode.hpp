// TOON v4 encoder (SPEC §2, §5-§12): Value -> text, byte-identical to the
// reference encoder's default output (@toon-format/toon 4.4.0 `encode`).
#pragma once

#include <cstddef>
#include <limits>
#include <string>

#include "options.hpp"
#include "value.hpp"

namespace toon::core {

struct EncodeOptions {
    char delimiter = ',';  // ',', '\t' or '|'
    int indent_size = 2;   // spaces per level: 1 to kMaxIndentSize (options.hpp)
    // Output larger than this many bytes stops with Error(ProgramLimit)
    // (the PostgreSQL layer passes the 1 GB varlena limit).
    std::size_t max_output = std::numeric_limits<std::size_t>::max();
    // The decoder's working-memory limit (DecodeOptions::max_work_bytes) the
    // read-back check applies, so that the encoder refuses what toon input
    // would refuse (the PostgreSQL layer passes the same 1 GB).
    std::size_t max_work_bytes = std::numeric_limits<std::size_t>::max();
    // The decoder's stack (DecodeOptions::max_stack_bytes) the read-back check
    // allows, whatever the stack hook allows in this session: the PostgreSQL
    // layer passes what the default max_stack_depth leaves a restore, so a
    // session with a raised max_stack_depth cannot store TOON that a server
    // with the default cannot read back. 0: the hook's limit only.
    std::size_t max_stack_bytes = 0;
};

// Throws Error(InvalidParameter) for bad options, Canceled, StackDepth.
std::string encode(const Value& value, const EncodeOptions& options = {});

// Appends to `out` (lets callers reuse a buffer).
void encode_into(const Value& value, const EncodeOptions& options, std::string& out);

// Encodes a parsed JSON tape (json_tape.hpp) without building Values; the
// output is identical to encoding parse_json() of the same text.
struct JsonTape;
void encode_into(const JsonTape& tape, const EncodeOptions& options, std::string& out);

// Throws Error(InvalidParameter) unless the options are valid.
void check_encode_options(const EncodeOptions& options);

// Encoders call this for TOON nested deeper than kReadBackDepth levels (lines
// and field groups) or with a header or object wider than kReadBackWidth
// fields or keys: it validates `toon` as the toon type reads it (strict, the
// document's own indent size, `max_work_bytes`, `max_stack_bytes`) and raises
// Error(StackDepth) when it nests deeper than the decoder takes (its 10,000
// levels, or the stack) or Error(ProgramLimit) when it needs more working
// memory, so that every result reads back. Shallower and narrower TOON
// always does.
inline constexpr std::size_t kReadBackDepth = 64;
inline constexpr std::size_t kReadBackWidth = 65536;
void check_reads_back(std::string_view toon, std::size_t max_work_bytes, std::size_t max_stack_bytes);

}  // namespace toon::core
