// The toon type: TOON text validated strictly (in the document's own indent
// size, stored_options.hpp) on input and stored verbatim, like json (comments
// and layout are kept, since the exact text is what reaches a model). Binary form: one format-version byte (1)
// followed by the text, like jsonb's. Also toon_is_valid() and the text casts.
#include "guard.hpp"

extern "C" {
#include "libpq/pqformat.h"
}

#include "decode.hpp"
#include "stored_options.hpp"
#include "error.hpp"
#include "server_encoding.hpp"

namespace {

constexpr int kBinaryFormatVersion = 1;

// Validates TOON text in the server encoding with the type's fixed options.
void validate_stored(std::string_view server_text) {
    toon::core::validate(toon::pg::server_to_utf8(server_text), toon::pg::stored_document_options());
}

}  // namespace

// toon_in(cstring) -> toon
TOON_FUNCTION(toon_in) {
    const char* input = PG_GETARG_CSTRING(0);
    const std::string_view doc(input, std::strlen(input));
    validate_stored(doc);
    PG_RETURN_POINTER(toon::pg::make_text(doc));
}

// toon_out(toon) -> cstring: the stored text, unchanged.
TOON_FUNCTION(toon_out) {
    text* t = PG_GETARG_TEXT_PP(0);
    PG_RETURN_CSTRING(text_to_cstring(t));
}

// toon_recv(internal) -> toon: version byte 1, then the text in the client encoding.
TOON_FUNCTION(toon_recv) {
    StringInfo buf = reinterpret_cast<StringInfo>(PG_GETARG_POINTER(0));
    const int version = pq_getmsgint(buf, 1);
    if (version != kBinaryFormatVersion)
        ereport(ERROR, (errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                        errmsg("unsupported toon binary format version %d", version),
                        errdetail("This version of the toon extension reads binary format version %d.",
                                  kBinaryFormatVersion)));
    int nbytes = 0;
    char* str = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
    const std::string_view doc(str, static_cast<std::size_t>(nbytes));
    validate_stored(doc);
    PG_RETURN_POINTER(toon::pg::make_text(doc));
}

// toon_send(toon) -> bytea
TOON_FUNCTION(toon_send) {
    text* t = PG_GETARG_TEXT_PP(0);
    StringInfoData buf;
    pq_begintypsend(&buf);
    pq_sendint8(&buf, kBinaryFormatVersion);
    pq_sendtext(&buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
    PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

// toon(text) -> toon: the validating text::toon cast.
TOON_FUNCTION(toon_from_text) {
    text* t = PG_GETARG_TEXT_PP(0);
    const std::string_view doc = toon::pg::text_view(t);
    validate_stored(doc);
    PG_RETURN_POINTER(toon::pg::make_text(doc));
}

// toon_is_valid(doc text, strict boolean, indent_size int) -> boolean.
// False for malformed TOON or ill-formed UTF-8; bad options still raise 22023.
TOON_FUNCTION(toon_is_valid) {
    text* t = PG_GETARG_TEXT_PP(0);
    toon::core::DecodeOptions options;
    options.strict = PG_GETARG_BOOL(1);
    options.indent_size = PG_GETARG_INT32(2);
    const std::string_view doc = toon::pg::text_view(t);
    try {
        toon::core::validate(toon::pg::server_to_utf8(doc), toon::pg::with_limits(options));
    } catch (const toon::core::Error& e) {
        if (e.code() == toon::core::ErrorCode::InvalidSyntax || e.code() == toon::core::ErrorCode::InvalidUtf8)
            PG_RETURN_BOOL(false);
        throw;
    }
    PG_RETURN_BOOL(true);
}
