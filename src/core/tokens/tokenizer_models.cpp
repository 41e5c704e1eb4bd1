// Encoding names, and model names mapped to encodings as openai/tiktoken's
// tiktoken/model.py maps them (MODEL_TO_ENCODING, MODEL_PREFIX_TO_ENCODING),
// keeping only the models of cl100k_base and o200k_base.
#include <string>

#include "error.hpp"
#include "tokenizer.hpp"
#include "utf8.hpp"

namespace toon::core {

const char* encoding_name(Encoding e) { return e == Encoding::Cl100kBase ? "cl100k_base" : "o200k_base"; }

const std::vector<ModelEncoding>& model_encodings() {
    constexpr auto o200k = Encoding::O200kBase;
    constexpr auto cl100k = Encoding::Cl100kBase;
    static const std::vector<ModelEncoding> table = {
        // MODEL_TO_ENCODING
        {"o1", o200k, false},
        {"o3", o200k, false},
        {"o4-mini", o200k, false},
        {"gpt-5", o200k, false},
        {"gpt-4.1", o200k, false},
        {"gpt-4o", o200k, false},
        {"gpt-4", cl100k, false},
        {"gpt-3.5-turbo", cl100k, false},
        {"gpt-3.5", cl100k, false},
        {"gpt-35-turbo", cl100k, false},
        {"davinci-002", cl100k, false},
        {"babbage-002", cl100k, false},
        {"text-embedding-ada-002", cl100k, false},
        {"text-embedding-3-small", cl100k, false},
        {"text-embedding-3-large", cl100k, false},
        // MODEL_PREFIX_TO_ENCODING, in order
        {"o1-", o200k, true},
        {"o3-", o200k, true},
        {"o4-mini-", o200k, true},
        {"gpt-5-", o200k, true},
        {"gpt-4.5-", o200k, true},
        {"gpt-4.1-", o200k, true},
        {"chatgpt-4o-", o200k, true},
        {"gpt-4o-", o200k, true},
        {"gpt-4-", cl100k, true},
        {"gpt-3.5-turbo-", cl100k, true},
        {"gpt-35-turbo-", cl100k, true},
        {"ft:gpt-4o", o200k, true},
        {"ft:gpt-4", cl100k, true},
        {"ft:gpt-3.5-turbo", cl100k, true},
        {"ft:davinci-002", cl100k, true},
        {"ft:babbage-002", cl100k, true},
    };
    return table;
}

Encoding resolve_encoding(std::string_view name) {
    for (Encoding e : kEncodings)
        if (name == encoding_name(e)) return e;
    const auto& models = model_encodings();
    for (const auto& m : models)
        if (!m.prefix && name == m.name) return m.encoding;
    for (const auto& m : models)
        if (m.prefix && name.substr(0, std::char_traits<char>::length(m.name)) == m.name) return m.encoding;

    std::string detail = "Valid encodings: cl100k_base, o200k_base. Valid models:";
    const char* sep = " ";
    for (const auto& m : models) {
        if (m.prefix) continue;
        detail += sep;
        detail += m.name;
        sep = ", ";
    }
    detail += ", and model names starting with";
    sep = " ";
    for (const auto& m : models) {
        if (!m.prefix) continue;
        detail += sep;
        detail += m.name;
        sep = ", ";
    }
    detail += ".";
    std::string shown(utf8_prefix(name, 60));
    if (shown.size() < name.size()) shown += "...";
    throw Error(ErrorCode::InvalidParameter, "unknown token encoding or model \"" + shown + "\"", detail,
                "Call toon_encodings() to list encodings and models.");
}

}  // namespace toon::core
