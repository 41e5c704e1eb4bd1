// toon_to_markdown(): a document rendered as GitHub Flavored Markdown (rules
// in src/core/markdown.hpp and the README), from toon, TOON text or jsonb.
#include "cache.hpp"
#include "guard.hpp"

#include <string>

extern "C" {
#include "utils/jsonb.h"
}

#include "decode.hpp"
#include "stored_options.hpp"
#include "error.hpp"
#include "json.hpp"
#include "markdown.hpp"
#include "scratch.hpp"
#include "server_encoding.hpp"

namespace {

toon::core::MarkdownOptions markdown_options(FunctionCallInfo fcinfo) {
    toon::core::MarkdownOptions options;
    options.heading_level = PG_GETARG_INT32(1);
    options.pad = PG_GETARG_BOOL(2);
    options.max_output = toon::pg::kMaxResultBytes;
    toon::core::check_markdown_options(options);  // before any decoding work
    return options;
}

// Markdown (server encoding) of a TOON document (server encoding). The
// compact tree (document.hpp) is freed in one step however the call ends.
text* render_toon(const text* doc, const toon::core::MarkdownOptions& options) {
    const std::string_view utf8 = toon::pg::server_to_utf8(toon::pg::text_view(doc));
    toon::core::Scratch<std::string> markdown;  // a short document's Markdown costs no malloc
    {
        const toon::core::Document tree = toon::core::decode_document(utf8, toon::pg::stored_document_options());
        markdown.reserve(utf8.size() + utf8.size() / 2);
        toon::core::render_markdown_into(tree.root(), options, markdown);
    }
    return toon::pg::make_text(toon::pg::utf8_to_server(markdown));
}

// What besides the document decides the Markdown: the options and the input
// type ('t' TOON text, 'j' jsonb).
toon::pg::CacheOptions markdown_cache_options(const toon::core::MarkdownOptions& options, char input) {
    return toon::pg::CacheOptions().add(input).add(options.heading_level).add(options.pad);
}

text* render_jsonb(Jsonb* jb, const toon::core::MarkdownOptions& options);

}  // namespace

// toon_to_markdown(doc toon, heading_level int, pad boolean) -> text; also
// the text overload (TOON text, validated by the decoder like toon input).
TOON_FUNCTION(toon_to_markdown) {
    const toon::core::MarkdownOptions options = markdown_options(fcinfo);
    return toon::pg::cached_text(fcinfo, 0, toon::pg::CacheKind::Markdown, markdown_cache_options(options, 't'),
                                 [&](text* doc) { return render_toon(doc, options); });
}

// toon_to_markdown(doc jsonb, heading_level int, pad boolean) -> text.
// jsonb's own text output is parsed once (no TOON encode and decode); keys
// come in jsonb's order (shorter keys first), as in every jsonb output.
TOON_FUNCTION(toon_to_markdown_jsonb) {
    const toon::core::MarkdownOptions options = markdown_options(fcinfo);
    return toon::pg::cached_text(fcinfo, 0, toon::pg::CacheKind::Markdown, markdown_cache_options(options, 'j'),
                                 [&](text* doc) { return render_jsonb(reinterpret_cast<Jsonb*>(doc), options); });
}

namespace {

// Markdown (server encoding) of a jsonb value.
text* render_jsonb(Jsonb* jb, const toon::core::MarkdownOptions& options) {
    char* json = toon::pg::pg_call([&] { return JsonbToCString(nullptr, &jb->root, VARSIZE(jb)); });
    toon::core::Scratch<std::string> markdown;  // a short document's Markdown costs no malloc
    {
        const toon::core::Document tree =
            toon::core::parse_json_document(toon::pg::server_to_utf8(json), toon::pg::kMaxTreeBytes);
        pfree(json);
        markdown.reserve(VARSIZE(jb));
        toon::core::render_markdown_into(tree.root(), options, markdown);
    }
    return toon::pg::make_text(toon::pg::utf8_to_server(markdown));
}

}  // namespace
