// Encoding JSON to TOON: to_toon(json|jsonb, delimiter, indent_size) and the
// json::toon and jsonb::toon casts.
//
// json is parsed by the core into a flat tape (json_tape.hpp; key order as
// written, a repeated key keeps its last value at its first position, like
// JavaScript), which keeps memory near the input size. jsonb is read
// in place: the encoder engine walks jsonb's binary containers (JEntry arrays)
// directly, with no intermediate tree; jsonb has already sorted its keys and
// dropped duplicates. Numbers keep all their digits in both cases.
#include "guard.hpp"

#include <string>
#include <string_view>

extern "C" {
#include "utils/jsonb.h"
#include "utils/numeric.h"
}

#include "encode.hpp"
#include "encode_engine.hpp"
#include "error.hpp"
#include "json_tape.hpp"
#include "number.hpp"
#include "server_encoding.hpp"
#include "stored_options.hpp"

namespace {

using toon::core::Error;
using toon::core::ErrorCode;
using toon::core::Kind;

toon::core::EncodeOptions encode_options(std::string_view delimiter, int indent_size) {
    toon::core::EncodeOptions options = toon::pg::with_limits(toon::core::EncodeOptions{});
    options.delimiter = toon::core::parse_delimiter(toon::pg::server_to_utf8(delimiter));
    options.indent_size = indent_size;
    toon::core::check_encode_options(options);
    return options;
}

// TOON text (server encoding) of JSON text (server encoding).
text* encode_json_text(std::string_view json, const toon::core::EncodeOptions& options) {
    std::string out;
    {
        const toon::core::JsonTape tape =
            toon::core::parse_json_tape(toon::pg::server_to_utf8(json), toon::pg::kMaxTreeBytes);
        out.reserve(json.size());
        toon::core::encode_into(tape, options, out);
    }
    return toon::pg::make_text(toon::pg::utf8_to_server(out));
}

// TOON text (server encoding) of a json value (server encoding).
text* encode_json(const text* json, const toon::core::EncodeOptions& options) {
    return encode_json_text(toon::pg::text_view(json), options);
}

// Reads a jsonb value in place for EncoderEngine. A Ref is one node: its
// JEntry type bits and where its data starts (a JsonbContainer for arrays
// and objects, a Numeric, or string bytes with their length).
class JsonbTree {
public:
    struct Ref {
        JEntry entry;
        const char* data;
        std::uint32_t length;
    };

    static Ref root(const Jsonb* jb) {
        const JsonbContainer* c = &jb->root;
        if (JsonContainerIsScalar(c)) return child(c, 0, 1);
        return Ref{JENTRY_ISCONTAINER, reinterpret_cast<const char*>(c), 0};
    }

    Kind kind(Ref r) const {
        switch (r.entry & JENTRY_TYPEMASK) {
            case JENTRY_ISSTRING: return Kind::String;
            case JENTRY_ISNUMERIC: return Kind::Number;
            case JENTRY_ISBOOL_FALSE:
            case JENTRY_ISBOOL_TRUE: return Kind::Bool;
            case JENTRY_ISNULL: return Kind::Null;
            default: return JsonContainerIsObject(container(r)) ? Kind::Object : Kind::Array;
        }
    }
    std::size_t size(Ref r) const { return JsonContainerSize(container(r)); }
    Ref item(Ref r, std::size_t i) const {
        const JsonbContainer* c = container(r);
        return child(c, static_cast<int>(i), JsonContainerSize(c));
    }
    std::string_view key(Ref r, std::size_t i) const {
        const JsonbContainer* c = container(r);
        Ref k = child(c, static_cast<int>(i), 2 * JsonContainerSize(c));
        return std::string_view(k.data, k.length);
    }
    Ref member(Ref r, std::size_t i) const {
        const JsonbContainer* c = container(r);
        const std::uint32_t n = JsonContainerSize(c);
        return child(c, static_cast<int>(n + i), 2 * n);
    }
    std::string_view string(Ref r) const { return std::string_view(r.data, r.length); }
    bool boolean(Ref r) const { return (r.entry & JENTRY_TYPEMASK) == JENTRY_ISBOOL_TRUE; }
    void prefetch(Ref, bool) const {}  // jsonb rows are contiguous already

    // numeric_out's text in the canonical layout of number.hpp.
    void append_number(Ref r, std::string& out) {
        const Numeric num = reinterpret_cast<Numeric>(const_cast<char*>(r.data));
        char* text =
            toon::pg::pg_call([&] { return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num))); });
        toon::core::append_canonical_number(text, out);
        pfree(text);
    }

private:
    static const JsonbContainer* container(Ref r) { return reinterpret_cast<const JsonbContainer*>(r.data); }

    // Child `index` of container `c`, whose JEntry array has `nentries` slots
    // (the data area starts right after it); layout as in fillJsonbValue().
    static Ref child(const JsonbContainer* c, int index, std::uint32_t nentries) {
        const char* base = reinterpret_cast<const char*>(&c->children[nentries]);
        const JEntry entry = c->children[index];
        const std::uint32_t offset = getJsonbOffset(c, index);
        switch (entry & JENTRY_TYPEMASK) {
            case JENTRY_ISSTRING: return Ref{entry, base + offset, getJsonbLength(c, index)};
            case JENTRY_ISNUMERIC:
            case JENTRY_ISCONTAINER: return Ref{entry, base + INTALIGN(offset), 0};
            default: return Ref{entry, nullptr, 0};
        }
    }
};

text* encode_jsonb(const Jsonb* jb, const toon::core::EncodeOptions& options) {
    if (!toon::pg::server_is_utf8()) {
        // jsonb strings are in the server encoding, and the encoder (its
        // read-back check of deep or wide output included) works in UTF-8:
        // go through jsonb's text, converted like the json overload's input.
        char* json = toon::pg::pg_call(
            [&] { return JsonbToCString(nullptr, const_cast<JsonbContainer*>(&jb->root), VARSIZE(jb)); });
        text* result = encode_json_text(json, options);
        pfree(json);
        return result;
    }
    std::string out;
    out.reserve(VARSIZE(jb));
    {
        JsonbTree tree;
        toon::core::EncoderEngine<JsonbTree> engine(tree, options, out);
        engine.encode_root(JsonbTree::root(jb));
    }
    // jsonb strings are already in the server encoding: no conversion.
    return toon::pg::make_toon(out);
}

}  // namespace

// to_toon(json, delimiter text, indent_size int) -> toon
TOON_FUNCTION(to_toon_json) {
    text* json = PG_GETARG_TEXT_PP(0);
    text* delimiter = PG_GETARG_TEXT_PP(1);
    const int indent_size = PG_GETARG_INT32(2);
    PG_RETURN_POINTER(encode_json(json, encode_options(toon::pg::text_view(delimiter), indent_size)));
}

// to_toon(jsonb, delimiter text, indent_size int) -> toon
TOON_FUNCTION(to_toon_jsonb) {
    Jsonb* jb = PG_GETARG_JSONB_P(0);
    text* delimiter = PG_GETARG_TEXT_PP(1);
    const int indent_size = PG_GETARG_INT32(2);
    PG_RETURN_POINTER(encode_jsonb(jb, encode_options(toon::pg::text_view(delimiter), indent_size)));
}

// json::toon cast (default options).
TOON_FUNCTION(json_to_toon_cast) {
    text* json = PG_GETARG_TEXT_PP(0);
    PG_RETURN_POINTER(encode_json(json, encode_options(",", 2)));
}

// jsonb::toon cast (default options).
TOON_FUNCTION(jsonb_to_toon_cast) {
    Jsonb* jb = PG_GETARG_JSONB_P(0);
    PG_RETURN_POINTER(encode_jsonb(jb, encode_options(",", 2)));
}
