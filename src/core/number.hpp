// Lossless canonical numbers (SPEC §2, §4).
//
// Policy: a number is kept as decimal text and never converted to a double.
// Canonical form, which is what JavaScript's Number#toString prints for the
// same digits: no leading zeros, no trailing fractional zeros, "-0" -> "0";
// plain decimal when 1e-6 <= |n| < 1e21, otherwise exponent form with one
// integer digit, lowercase e and an explicit sign ("1.5e-7", "1e+21").
// All significant digits are kept (no rounding to 17 digits).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace toon::core {

// True when `token` matches the TOON decoder number grammar of SPEC §4
// (/^-?[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?$/i without forbidden leading zeros).
bool is_toon_number(std::string_view token);

// True when `token` is a JSON number (RFC 8259 §6).
bool is_json_number(std::string_view token);

// Canonical text of a number token that passed is_toon_number or is_json_number.
std::string canonical_number(std::string_view token);

// The canonical text of `token` when it is a prefix of it, without copying:
// a plain decimal -?D+(.D+)? (no forbidden leading zero) with 1e-6 <= |n| < 1e21,
// whose canonical form only drops trailing fraction zeros ("1.50" -> "1.5").
// Empty for everything else (exponents, "-0", 0.000000ddd, non-numbers):
// those need canonical_number(). This is the one fast path for decoder,
// encoder and aggregate number text (numeric_out prints this form).
std::string_view canonical_prefix(std::string_view token);

// Appends the canonical text of a number token (as for canonical_number).
void append_canonical_number(std::string_view token, std::string& out);

// True when a string must be quoted because it looks numeric (SPEC §7.2).
bool looks_numeric(std::string_view s);

}  // namespace toon::core
