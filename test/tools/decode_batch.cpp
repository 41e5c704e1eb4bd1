// decode_batch: decodes many TOON documents with the core, for the decode
// differential test (test/node/decode_differential.mjs). No server involved.
//
// stdin: records separated by U+001E (record separator); each record is one
// option letter ('s' strict, 'l' non-strict) followed by the document.
// stdout: one line per record, "ok <compact JSON>" or "error <detail>".
#include <iostream>
#include <iterator>
#include <string>

#include "decode.hpp"
#include "error.hpp"
#include "json.hpp"

int main() {
    std::ios::sync_with_stdio(false);
    const std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::size_t pos = 0;
    while (pos < input.size()) {
        std::size_t end = input.find('\x1e', pos);
        if (end == std::string::npos) end = input.size();
        toon::core::DecodeOptions options;
        options.strict = input[pos] == 's';
        const std::string_view doc(input.data() + pos + 1, end - pos - 1);
        pos = end + 1;
        try {
            std::string json;
            toon::core::decode_to_json(doc, options, json);
            std::cout << "ok " << json << '\n';
        } catch (const toon::core::Error& e) { std::cout << "error " << e.detail() << '\n'; }
    }
    return 0;
}
