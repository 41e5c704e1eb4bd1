// toon_to_markdown(): a toon document rendered as GitHub Flavored Markdown
// (rules in src/core/markdown.hpp and the README).
#include "guard.hpp"

#include <string>

#include "decoder.hpp"
#include "error.hpp"
#include "markdown.hpp"
#include "server_encoding.hpp"

// toon_to_markdown(doc toon, heading_level int, pad boolean) -> text
TOON_FUNCTION(toon_to_markdown) {
    text* t = PG_GETARG_TEXT_PP(0);
    toon::core::MarkdownOptions options;
    options.heading_level = PG_GETARG_INT32(1);
    options.pad = PG_GETARG_BOOL(2);
    const std::string_view doc = toon::pg::server_to_utf8(toon::pg::text_view(t));
    std::string markdown;
    {
        toon::core::check_markdown_options(options);  // before the decoding work
        const toon::core::Value value = toon::core::decode(doc);
        markdown.reserve(doc.size() + doc.size() / 2);
        toon::core::render_markdown_into(value, options, markdown);
    }
    PG_RETURN_TEXT_P(toon::pg::make_text(toon::pg::utf8_to_server(markdown)));
}
