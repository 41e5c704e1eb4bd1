// toon_token_savings(doc json, encoding text): how many tokens a document
// costs as pretty JSON, compact JSON and TOON, and what TOON saves.
//
// "Pretty" is JSON.stringify(doc, null, 2) and "compact" JSON.stringify(doc)
// (what an application sends to a model; jsonb_pretty() sorts keys and is a
// PostgreSQL-only layout, so it is not the baseline). Both are written from
// the parsed document (key order kept, a repeated key keeps its last value at
// its first position, numbers lossless), as is the TOON, which equals
// to_toon(doc). Tokens are counted exactly like tiktoken (toon_token_count).
#include "guard.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

extern "C" {
#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/numeric.h"
}

#include "document.hpp"
#include "encode.hpp"
#include "json.hpp"
#include "json_tape.hpp"
#include "server_encoding.hpp"
#include "stored_options.hpp"
#include "tokens/tokenizer.hpp"

namespace {

// 100 * (base - toon) / base rounded half away from zero to one decimal, as text.
std::string percent(std::int64_t base, std::int64_t toon) {
    if (base == 0) return std::string();
    const std::int64_t num = 1000 * (base - toon);
    std::int64_t tenths = (2 * (num < 0 ? -num : num) + base) / (2 * base);
    if (num < 0) tenths = -tenths;
    const std::int64_t whole = (tenths < 0 ? -tenths : tenths) / 10, frac = (tenths < 0 ? -tenths : tenths) % 10;
    return std::string(tenths < 0 ? "-" : "") + std::to_string(whole) + "." + std::to_string(frac);
}

}  // namespace

// toon_token_savings(doc json, encoding text) -> record
TOON_FUNCTION(toon_token_savings) {
    text* doc = PG_GETARG_TEXT_PP(0);
    text* encoding = PG_GETARG_TEXT_PP(1);
    TupleDesc desc;
    if (get_call_result_type(fcinfo, nullptr, &desc) != TYPEFUNC_COMPOSITE)
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("function returning record called in context that cannot accept type record")));
    desc = BlessTupleDesc(desc);
    std::int64_t pretty, compact, toon;
    std::string pct_pretty, pct_compact;
    {
        const toon::core::Tokenizer& t = toon::core::Tokenizer::get(
            toon::core::resolve_encoding(toon::pg::server_to_utf8(toon::pg::text_view(encoding))));
        // One parse into a tape: the TOON is encoded from it (as to_toon(json)
        // does), the two JSON texts are written from its compact tree.
        const toon::core::JsonTape tape =
            toon::core::parse_json_tape(toon::pg::server_to_utf8(toon::pg::text_view(doc)), toon::pg::kMaxTreeBytes);
        const toon::core::Document tree = toon::core::document_from_tape(
            toon::core::TapeView{tape.nodes.data(), tape.slots.data(), tape.text, tape.nodes.size()}, tape.root,
            toon::pg::kMaxTreeBytes);
        std::string out;
        toon::core::write_json_pretty_into(tree.root(), 2, out);
        pretty = static_cast<std::int64_t>(t.count(out));
        out.clear();
        toon::core::write_json_into(tree.root(), out);
        compact = static_cast<std::int64_t>(t.count(out));
        out.clear();
        toon::core::encode_into(tape, toon::core::EncodeOptions{}, out);
        toon = static_cast<std::int64_t>(t.count(out));
        pct_pretty = percent(pretty, toon);
        pct_compact = percent(compact, toon);
    }
    Datum values[5];
    bool nulls[5] = {false, false, false, pct_pretty.empty(), pct_compact.empty()};
    values[0] = Int32GetDatum(static_cast<int32>(pretty));
    values[1] = Int32GetDatum(static_cast<int32>(compact));
    values[2] = Int32GetDatum(static_cast<int32>(toon));
    const char* p1 = pct_pretty.c_str();
    const char* p2 = pct_compact.c_str();
    values[3] = nulls[3] ? 0 : toon::pg::pg_call([&] {
        return DirectFunctionCall3(numeric_in, CStringGetDatum(p1), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
    });
    values[4] = nulls[4] ? 0 : toon::pg::pg_call([&] {
        return DirectFunctionCall3(numeric_in, CStringGetDatum(p2), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
    });
    HeapTuple tuple = toon::pg::pg_call([&] { return heap_form_tuple(desc, values, nulls); });
    PG_RETURN_DATUM(HeapTupleGetDatum(tuple));
}
