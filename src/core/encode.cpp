// encode(): core Values -> TOON text, through the generic engine of
// encode_engine.hpp.
#include "encode.hpp"

#include "decode.hpp"
#include "encode_engine.hpp"
#include "json_tape.hpp"
#include "value_tree.hpp"

namespace toon::core {

namespace {

// Reads a JsonTape for EncoderEngine.
struct TapeTree {
    using Ref = const JsonTape::Node*;
    const JsonTape& tape;

    Kind kind(Ref r) const { return r->kind; }
    std::size_t size(Ref r) const { return r->count; }
    Ref item(Ref r, std::size_t i) const { return &tape.nodes[tape.slots[r->first + i].node]; }
    std::string_view key(Ref r, std::size_t i) const {
        const JsonTape::Slot& s = tape.slots[r->first + i];
        return std::string_view(tape.text.data() + s.key, s.key_size);
    }
    Ref member(Ref r, std::size_t i) const { return item(r, i); }
    std::string_view string(Ref r) const { return std::string_view(tape.text.data() + r->first, r->count); }
    void append_number(Ref r, std::string& out) const { out.append(tape.text, r->first, r->count); }
    bool boolean(Ref r) const { return r->boolean; }
    void prefetch(Ref, bool) const {}  // a tape is laid out in document order already
};

}  // namespace

void check_encode_options(const EncodeOptions& options) {
    check_delimiter(options.delimiter);
    check_encode_indent_size(options.indent_size);
}

void encode_into(const Value& value, const EncodeOptions& options, std::string& out) {
    ValueTree tree;
    EncoderEngine<ValueTree> engine(tree, options, out);
    engine.encode_root(&value);
}

void encode_into(const JsonTape& tape, const EncodeOptions& options, std::string& out) {
    TapeTree tree{tape};
    EncoderEngine<TapeTree> engine(tree, options, out);
    engine.encode_root(&tape.nodes[tape.root]);
}

std::string encode(const Value& value, const EncodeOptions& options) {
    std::string out;
    encode_into(value, options, out);
    return out;
}

void check_reads_back(std::string_view toon, std::size_t max_work_bytes, std::size_t max_stack_bytes) {
    DecodeOptions options;
    options.strict = true;
    options.indent_size = 0;
    options.max_work_bytes = max_work_bytes;
    options.max_stack_bytes = max_stack_bytes;
    try {
        validate(toon, options);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::StackDepth)
            throw Error(ErrorCode::StackDepth, "toon document nested too deeply",
                        "The TOON of this value would nest deeper than the decoder reads back (" +
                            (e.detail().empty() ? std::string(e.what()) : e.detail()) + ").");
        if (e.code() == ErrorCode::ProgramLimit)
            throw Error(ErrorCode::ProgramLimit, e.what(),
                        "The TOON of this value would need more than the decoder reads back: " + e.detail());
        // Malformed output would be an encoder bug; anything else (cancel,
        // ill-formed UTF-8 from a SQL_ASCII database) is reported as it is.
        if (e.code() == ErrorCode::InvalidSyntax)
            throw Error(ErrorCode::Internal, "encoded TOON does not read back",
                        e.what() + std::string(": ") + e.detail());
        throw;
    }
}

}  // namespace toon::core
