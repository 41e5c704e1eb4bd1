// TOON is always UTF-8 (SPEC §17); PostgreSQL text is in the server encoding.
// In UTF8 and SQL_ASCII databases the bytes are used as they are (and the core
// rejects ill-formed UTF-8 with SQLSTATE 22021). In any other database, text
// is converted to UTF-8 on the way in and results back to the server encoding
// on the way out (PostgreSQL raises 22P05 for a character the server encoding
// cannot hold).
#pragma once

#include "guard.hpp"

#include <cstring>
#include <string>
#include <string_view>

#include "error.hpp"
#include "utf8.hpp"

extern "C" {
#include "mb/pg_wchar.h"
}

namespace toon::pg {

inline bool server_is_utf8() {
    const int enc = GetDatabaseEncoding();
    return enc == PG_UTF8 || enc == PG_SQL_ASCII;
}

// The length of `s` as the int that PostgreSQL's conversion functions take.
// Text longer than a varlena can hold is refused (54000) before any cast, so
// that no length ever wraps (a 4 GiB + 62,770-byte result once became a
// 62,770-byte json value).
inline int conversion_length(std::string_view s) {
    if (s.size() > MaxAllocSize - VARHDRSZ)
        throw toon::core::Error(
            toon::core::ErrorCode::ProgramLimit, "toon value exceeds the maximum size of 1 GB",
            "The text to convert between UTF-8 and the server encoding has " + std::to_string(s.size()) + " bytes.");
    return static_cast<int>(s.size());
}

// `s` converted by `convert` (pg_server_to_any or pg_any_to_server, to or
// from UTF-8); the view may point into palloc'd memory.
inline std::string_view convert_utf8(std::string_view s, char* (*convert)(const char*, int, int)) {
    if (server_is_utf8() || s.empty()) return s;
    const char* data = s.data();
    const int len = conversion_length(s);
    char* converted = pg_call([&] { return convert(data, len, PG_UTF8); });
    if (converted == data) return s;
    return std::string_view(converted, std::strlen(converted));
}

// `s` (server encoding) as UTF-8.
inline std::string_view server_to_utf8(std::string_view s) { return convert_utf8(s, pg_server_to_any); }

// Server text that goes to the core as a string value or key: as UTF-8, and
// in SQL_ASCII (whose bytes PostgreSQL never checks) checked to be UTF-8
// (22021), since the core takes such text as well-formed (the Markdown
// renderer measures it by code points).
inline std::string_view server_text_to_utf8(std::string_view s) {
    if (GetDatabaseEncoding() == PG_SQL_ASCII) toon::core::require_utf8_value(s);
    return server_to_utf8(s);
}

// UTF-8 `s` in the server encoding.
inline std::string_view utf8_to_server(std::string_view s) { return convert_utf8(s, pg_any_to_server); }

// A toon result from TOON text already in the server encoding. In SQL_ASCII,
// text and names are whatever bytes were stored; the toon type holds UTF-8
// only (its input rejects anything else with 22021), so every result is
// checked the same way: a stored toon always reads back.
inline text* make_toon(std::string_view server_text) {
    if (GetDatabaseEncoding() == PG_SQL_ASCII) toon::core::require_utf8(server_text);
    return make_text(server_text);
}

}  // namespace toon::pg
