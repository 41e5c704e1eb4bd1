// Decoding TOON to JSON: toon_to_json(doc, strict, indent_size) and the
// toon::json and toon::jsonb casts. Object key order is kept in json; numbers
// keep all their digits.
//
// The JSON text is written while parsing (decode_to_json), without a tree.
// toon::jsonb builds the jsonb from the compact document tree (jsonb_build.cpp),
// keeping jsonb's own rules (key order, last value of a repeated key, numbers
// through numeric_in, \u0000 rejected); outside UTF8/SQL_ASCII databases it
// hands the JSON text to jsonb_in.
#include "cache.hpp"
#include "guard.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "decode.hpp"
#include "stored_options.hpp"
#include "error.hpp"
#include "json.hpp"
#include "jsonb_build.hpp"
#include "server_encoding.hpp"

namespace {

// JSON text (server encoding) of a TOON document (server encoding).
std::string_view json_of(std::string_view doc, const toon::core::DecodeOptions& options, std::string& json) {
    // JSON repeats what TOON tables state once: reserve generously (pages
    // never written are never touched) rather than grow and copy.
    json.reserve(std::min<std::size_t>(doc.size() * 3 + 64, MaxAllocSize));
    toon::core::decode_to_json(toon::pg::server_to_utf8(doc), options, json);
    return toon::pg::utf8_to_server(json);
}

}  // namespace

// toon_to_json(doc text, strict boolean, indent_size int) -> json
TOON_FUNCTION(toon_to_json) {
    text* t = PG_GETARG_TEXT_PP(0);
    toon::core::DecodeOptions options;
    options.strict = PG_GETARG_BOOL(1);
    options.indent_size = PG_GETARG_INT32(2);
    std::string json;
    PG_RETURN_TEXT_P(toon::pg::make_text(json_of(toon::pg::text_view(t), toon::pg::with_limits(options), json)));
}

// toon::json cast (default options).
TOON_FUNCTION(toon_to_json_cast) {
    text* t = PG_GETARG_TEXT_PP(0);
    std::string json;
    PG_RETURN_TEXT_P(toon::pg::make_text(json_of(toon::pg::text_view(t), toon::pg::stored_document_options(), json)));
}

// toon::jsonb cast (default options). In UTF8 and SQL_ASCII databases the
// jsonb is built straight from the compact tree (jsonb_build.hpp); in other
// encodings strings would need converting one by one, so the JSON text goes
// through jsonb_in instead, as it does for a document whose tree would pass
// its budget. The result cache keeps the jsonb
// (position-independent bytes) per document.
TOON_FUNCTION(toon_to_jsonb_cast) {
    return toon::pg::cached_text(fcinfo, 0, toon::pg::CacheKind::Jsonb, toon::pg::CacheOptions(), [&](text* t) {
        if (toon::pg::server_is_utf8()) {
            Jsonb* jb = nullptr;
            try {
                const toon::core::Document tree =
                    toon::core::decode_document(toon::pg::text_view(t), toon::pg::stored_document_options());
                jb = toon::pg::jsonb_from_document(tree);
            } catch (const toon::core::Error& e) {
                // The tree takes 16 bytes a value, jsonb as few as 4: a
                // document whose tree passes its budget (1 GB) may still make
                // a jsonb, which jsonb_in builds from the JSON text below
                // (any other limit met here is met there again; jsonb's own
                // limits raise PostgreSQL's errors, which pass).
                if (e.code() != toon::core::ErrorCode::ProgramLimit) throw;
            }
            if (jb) return reinterpret_cast<text*>(jb);
        }
        std::string json;
        const std::string_view json_text = json_of(toon::pg::text_view(t), toon::pg::stored_document_options(), json);
        // jsonb_in wants a NUL-terminated string in palloc'd memory.
        char* cstr = static_cast<char*>(toon::pg::palloc_nothrow(json_text.size() + 1));
        std::memcpy(cstr, json_text.data(), json_text.size());
        cstr[json_text.size()] = '\0';
        json.clear();
        json.shrink_to_fit();
        const Datum jsonb = toon::pg::pg_call([&] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(cstr)); });
        return reinterpret_cast<text*>(DatumGetPointer(jsonb));
    });
}
