// Lossless canonical numbers: see number.hpp for the policy.
#include "number.hpp"

#include <cstdint>

#include "error.hpp"

namespace toon::core {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Scans [+-]?digits(.digits)?([eE][+-]?digits)? and reports the parts.
struct NumberParts {
    bool negative = false;
    std::string_view int_digits;
    std::string_view frac_digits;
    bool has_exponent = false;
    bool exp_negative = false;
    std::string_view exp_digits;
};

bool scan(std::string_view s, bool allow_plus, NumberParts& p) {
    std::size_t i = 0, n = s.size();
    if (i < n && (s[i] == '-' || (allow_plus && s[i] == '+'))) {
        p.negative = s[i] == '-';
        ++i;
    }
    std::size_t start = i;
    while (i < n && is_digit(s[i])) ++i;
    if (i == start) return false;
    p.int_digits = s.substr(start, i - start);
    if (i < n && s[i] == '.') {
        start = ++i;
        while (i < n && is_digit(s[i])) ++i;
        if (i == start) return false;
        p.frac_digits = s.substr(start, i - start);
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        p.has_exponent = true;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            p.exp_negative = s[i] == '-';
            ++i;
        }
        start = i;
        while (i < n && is_digit(s[i])) ++i;
        if (i == start) return false;
        p.exp_digits = s.substr(start, i - start);
    }
    return i == n;
}

// Digits of `decimal + delta` for a decimal string far larger than |delta|.
std::string add_to_decimal(std::string_view decimal, std::int64_t delta) {
    std::string out(decimal);
    bool subtract = delta < 0;
    std::uint64_t rest = subtract ? 0 - static_cast<std::uint64_t>(delta) : static_cast<std::uint64_t>(delta);
    int carry = 0;
    for (std::size_t i = out.size(); i-- > 0 && (rest || carry);) {
        int d = out[i] - '0';
        int r = static_cast<int>(rest % 10);
        rest /= 10;
        if (subtract) {
            d -= r + carry;
            carry = d < 0;
            if (d < 0) d += 10;
        } else {
            d += r + carry;
            carry = d >= 10;
            if (d >= 10) d -= 10;
        }
        out[i] = static_cast<char>('0' + d);
    }
    if (carry) out.insert(out.begin(), '1');  // addition only: subtraction never borrows past the top
    std::size_t lead = 0;
    while (lead + 1 < out.size() && out[lead] == '0') ++lead;
    return out.substr(lead);
}

void append_exponent(std::string& out, std::int64_t e) {
    out += 'e';
    out += e < 0 ? '-' : '+';
    out += std::to_string(e < 0 ? -e : e);
}

}  // namespace

bool is_toon_number(std::string_view token) {
    NumberParts p;
    if (token.empty() || token[0] == '+' || !scan(token, false, p)) return false;
    // Forbidden leading zeros: "05", "-0001"; a single "0" integer part is fine.
    return !(p.int_digits.size() > 1 && p.int_digits[0] == '0');
}

bool is_json_number(std::string_view token) { return is_toon_number(token); }

bool looks_numeric(std::string_view s) {
    NumberParts p;
    return !s.empty() && scan(s, true, p);
}

std::string canonical_number(std::string_view token) {
    NumberParts p;
    if (!scan(token, true, p))
        throw Error(ErrorCode::Internal, "canonical_number: not a number: " + std::string(token));

    // Decimal exponent. Exponents beyond 10^17 (only possible in exponent
    // layout) are kept as digit strings; see big_exponent().
    std::string_view exp_digits = p.exp_digits;
    while (exp_digits.size() > 1 && exp_digits[0] == '0') exp_digits.remove_prefix(1);
    const bool huge_exponent = exp_digits.size() > 17;
    std::int64_t exp = 0;
    if (!huge_exponent)
        for (char c : exp_digits) exp = exp * 10 + (c - '0');
    if (p.exp_negative) exp = -exp;

    // value = 0.DIGITS x 10^point, with DIGITS = int_digits + frac_digits.
    std::int64_t point = static_cast<std::int64_t>(p.int_digits.size()) + exp;
    std::string digits;
    digits.reserve(p.int_digits.size() + p.frac_digits.size());
    std::size_t lead = 0;
    std::string_view all[2] = {p.int_digits, p.frac_digits};
    bool seen_nonzero = false;
    for (auto part : all)
        for (char c : part) {
            if (!seen_nonzero && c == '0') {
                ++lead;
                continue;
            }
            seen_nonzero = true;
            digits += c;
        }
    if (digits.empty()) return "0";
    point -= static_cast<std::int64_t>(lead);
    if (huge_exponent) {
        // |value| is far outside 1e-6..1e21: exponent layout, exponent =
        // exp + (int_digits - lead - 1), added in decimal.
        std::string out = p.negative ? "-" : "";
        while (digits.back() == '0') digits.pop_back();
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        out += p.exp_negative ? "e-" : "e+";
        const std::int64_t adjust =
            static_cast<std::int64_t>(p.int_digits.size()) - static_cast<std::int64_t>(lead) - 1;
        out += add_to_decimal(exp_digits, p.exp_negative ? -adjust : adjust);
        return out;
    }
    while (digits.back() == '0') digits.pop_back();

    // JavaScript's Number::toString layout (ECMA-262 §6.1.6.1.20) on exact digits.
    const auto k = static_cast<std::int64_t>(digits.size());
    const std::int64_t n = point;
    std::string out;
    out.reserve(digits.size() + 8);
    if (p.negative) out += '-';
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, static_cast<std::size_t>(n));
        out += '.';
        out.append(digits, static_cast<std::size_t>(n), std::string::npos);
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        append_exponent(out, n - 1);
    }
    return out;
}

std::string_view canonical_prefix(std::string_view t) {
    const std::size_t int_begin = !t.empty() && t[0] == '-' ? 1 : 0;
    std::size_t i = int_begin;
    while (i < t.size() && is_digit(t[i])) ++i;
    const std::size_t int_len = i - int_begin;
    if (int_len == 0 || int_len > 21) return {};
    const bool zero_int = t[int_begin] == '0';
    if (zero_int && int_len > 1) return {};  // forbidden leading zero
    std::size_t end = t.size();
    if (i < t.size()) {
        if (t[i] != '.' || i + 1 == t.size()) return {};
        for (std::size_t k = i + 1; k < t.size(); ++k)
            if (!is_digit(t[k])) return {};  // exponent or junk
        // 0.000000ddd is below 1e-6: exponent layout.
        if (zero_int && t.compare(i + 1, 6, "000000") == 0) return {};
        while (end > i + 1 && t[end - 1] == '0') --end;
        if (end == i + 1) end = i;  // "2.00" -> "2"
    }
    const std::string_view prefix = t.substr(0, end);
    if (prefix == "-0") return {};  // canonical "0" is not a prefix
    return prefix;
}

void append_canonical_number(std::string_view token, std::string& out) {
    const std::string_view prefix = canonical_prefix(token);
    if (!prefix.empty()) out.append(prefix.data(), prefix.size());
    else out += canonical_number(token);
}

}  // namespace toon::core
