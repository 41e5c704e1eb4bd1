// Token counting in SQL: toon_token_count(), toon_tokens(), toon_token_truncate(),
// toon_token_chunks() and toon_encodings(). The work is in src/core/tokens/tokenizer.hpp;
// documents are UTF-8 (converted from the server encoding, see server_encoding.hpp).
#include "cache.hpp"
#include "guard.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
}

#include <string>
#include <vector>

#include "error.hpp"
#include "server_encoding.hpp"
#include "tokens/tokenizer.hpp"

namespace {

using toon::core::Error;
using toon::core::ErrorCode;
using toon::core::Tokenizer;

// The encoding argument; names are ASCII, but a bad one is quoted in the
// error message, which is UTF-8 (see server_encoding.hpp).
const Tokenizer& tokenizer_arg(const text* encoding) {
    return Tokenizer::get(toon::core::resolve_encoding(toon::pg::server_to_utf8(toon::pg::text_view(encoding))));
}

// The document as UTF-8. SQL_ASCII databases hold arbitrary bytes: they are
// used when they are well-formed UTF-8 and rejected (22021) otherwise.
std::string_view document_utf8(const text* doc) { return toon::pg::server_text_to_utf8(toon::pg::text_view(doc)); }

// A one-dimensional int4[] of the ids, built without PostgreSQL calls that can
// raise (the layout of construct_array() for a by-value 4-byte type).
// More than MaxArraySize elements would make an array that nothing can read
// or output: a clean 54000 instead.
ArrayType* make_int4_array(const std::vector<std::uint32_t>& ids) {
    if (ids.size() > MaxArraySize)
        throw Error(ErrorCode::ProgramLimit, "too many tokens for an integer array",
                    "The document has " + std::to_string(ids.size()) + " tokens; an array holds at most " +
                        std::to_string(MaxArraySize) + " elements.",
                    "Use toon_token_count() for the count, or toon_token_chunks() to split the document first.");
    const int ndim = ids.empty() ? 0 : 1;
    const std::size_t size = ARR_OVERHEAD_NONULLS(ndim) + ids.size() * sizeof(int32);
    auto* a = static_cast<ArrayType*>(toon::pg::palloc_nothrow(size));
    std::memset(a, 0, ARR_OVERHEAD_NONULLS(ndim));
    SET_VARSIZE(a, size);
    a->ndim = ndim;
    a->dataoffset = 0;
    a->elemtype = INT4OID;
    if (ndim) {
        ARR_DIMS(a)[0] = static_cast<int>(ids.size());
        ARR_LBOUND(a)[0] = 1;
        auto* data = reinterpret_cast<int32*>(ARR_DATA_PTR(a));
        for (std::size_t i = 0; i < ids.size(); ++i) data[i] = static_cast<int32>(ids[i]);
    }
    return a;
}

void require(bool ok, const char* message, const char* detail = "") {
    if (!ok) throw Error(ErrorCode::InvalidParameter, message, detail);
}

// Switches CurrentMemoryContext and restores it on every exit.
class ContextSwitch {
public:
    explicit ContextSwitch(MemoryContext to) : old_(MemoryContextSwitchTo(to)) {}
    ~ContextSwitch() { MemoryContextSwitchTo(old_); }
    ContextSwitch(const ContextSwitch&) = delete;
    ContextSwitch& operator=(const ContextSwitch&) = delete;

private:
    MemoryContext old_;
};

// Rows of a set-returning function, computed on its first call.
struct RowsState {
    Datum* rows;
};

// toon_token_chunks() between calls, in its multi-call memory context: the
// UTF-8 document and the byte range of each chunk (16 bytes per chunk). Each
// call builds one chunk's text, so memory stays near the document's size
// however many chunks there are.
struct ChunksState {
    const char* doc;
    std::size_t (*ranges)[2];
};

}  // namespace

// toon_token_count(doc text|toon, encoding text) -> integer
TOON_FUNCTION(toon_token_count) {
    text* encoding = PG_GETARG_TEXT_PP(1);
    const Tokenizer& t = tokenizer_arg(encoding);
    PG_RETURN_INT32(toon::pg::cached_int32(fcinfo, 0, toon::pg::CacheKind::TokenCount,
                                           toon::pg::CacheOptions().add(t.encoding()),
                                           [&](text* doc) { return static_cast<int32>(t.count(document_utf8(doc))); }));
}

// toon_tokens(doc text|toon, encoding text) -> integer[]
TOON_FUNCTION(toon_tokens) {
    text* doc = PG_GETARG_TEXT_PP(0);
    text* encoding = PG_GETARG_TEXT_PP(1);
    ArrayType* result;
    {
        const Tokenizer& t = tokenizer_arg(encoding);
        std::vector<std::uint32_t> ids;
        t.encode(document_utf8(doc), ids, MaxArraySize);
        result = make_int4_array(ids);
    }
    PG_RETURN_ARRAYTYPE_P(result);
}

// toon_token_truncate(doc text, max_tokens integer, encoding text) -> text
TOON_FUNCTION(toon_token_truncate) {
    text* doc = PG_GETARG_TEXT_PP(0);
    const int32 max_tokens = PG_GETARG_INT32(1);
    text* encoding = PG_GETARG_TEXT_PP(2);
    const Tokenizer& t = tokenizer_arg(encoding);
    require(max_tokens >= 0, "max_tokens must not be negative");
    const std::string_view s = document_utf8(doc);
    const std::size_t len = toon::core::truncate_length(t, s, static_cast<std::size_t>(max_tokens));
    if (len == s.size()) PG_RETURN_TEXT_P(doc);
    PG_RETURN_TEXT_P(toon::pg::make_text(toon::pg::utf8_to_server(s.substr(0, len))));
}

// toon_token_chunks(doc text, max_tokens integer, overlap integer, encoding text) -> SETOF text
// Value per call: the first call finds the chunk boundaries (tokenizing the
// document once, polling for cancel), every call returns one chunk.
TOON_FUNCTION(toon_token_chunks) {
    FuncCallContext* funcctx;
    if (SRF_IS_FIRSTCALL()) {
        funcctx = toon::pg::pg_call([&] { return init_MultiFuncCall(fcinfo); });
        ContextSwitch in_multi_call(funcctx->multi_call_memory_ctx);
        text* doc = PG_GETARG_TEXT_PP(0);
        const int32 max_tokens = PG_GETARG_INT32(1);
        const int32 overlap = PG_GETARG_INT32(2);
        text* encoding = PG_GETARG_TEXT_PP(3);
        const Tokenizer& t = tokenizer_arg(encoding);
        require(max_tokens > 0, "max_tokens must be positive");
        require(overlap >= 0 && overlap < max_tokens, "overlap must be at least 0 and less than max_tokens",
                "Consecutive chunks share overlap tokens, so each chunk must add at least one new token.");
        const std::string_view s = document_utf8(doc);
        auto* state = static_cast<ChunksState*>(toon::pg::palloc_nothrow(sizeof(ChunksState)));
        // The document must outlive this call: copy it unless detoasting or
        // the conversion already made a copy in this context.
        const bool detoasted = static_cast<void*>(doc) != DatumGetPointer(PG_GETARG_DATUM(0));
        if (s.data() == VARDATA_ANY(doc) && !detoasted) {
            char* copy = static_cast<char*>(toon::pg::palloc_nothrow(s.size() + 1));
            std::memcpy(copy, s.data(), s.size());
            state->doc = copy;
        } else {
            state->doc = s.data();
        }
        {
            const auto ranges =
                toon::core::chunk_ranges(t, std::string_view(state->doc, s.size()),
                                         static_cast<std::size_t>(max_tokens), static_cast<std::size_t>(overlap));
            state->ranges =
                static_cast<std::size_t(*)[2]>(toon::pg::palloc_nothrow(sizeof(std::size_t[2]) * (ranges.size() + 1)));
            for (std::size_t i = 0; i < ranges.size(); ++i) {
                state->ranges[i][0] = ranges[i].first;
                state->ranges[i][1] = ranges[i].second;
            }
            funcctx->max_calls = ranges.size();
        }
        funcctx->user_fctx = state;
    }
    funcctx = per_MultiFuncCall(fcinfo);
    if (funcctx->call_cntr < funcctx->max_calls) {
        const auto* state = static_cast<const ChunksState*>(funcctx->user_fctx);
        const std::size_t* range = state->ranges[funcctx->call_cntr];
        const Datum row = PointerGetDatum(toon::pg::make_text(
            toon::pg::utf8_to_server(std::string_view(state->doc + range[0], range[1] - range[0]))));
        SRF_RETURN_NEXT(funcctx, row);  // increments call_cntr
    }
    SRF_RETURN_DONE(funcctx);
}

// toon_encodings() -> TABLE(encoding text, vocabulary_size integer, models text[])
TOON_FUNCTION(toon_encodings) {
    FuncCallContext* funcctx;
    if (SRF_IS_FIRSTCALL()) {
        funcctx = toon::pg::pg_call([&] { return init_MultiFuncCall(fcinfo); });
        ContextSwitch in_multi_call(funcctx->multi_call_memory_ctx);
        TupleDesc desc = toon::pg::pg_call([&] {
            TupleDesc d;
            if (get_call_result_type(fcinfo, nullptr, &d) != TYPEFUNC_COMPOSITE)
                elog(ERROR, "toon_encodings() must return a composite type");
            return BlessTupleDesc(d);
        });
        const std::size_t n = std::size(toon::core::kEncodings);
        auto* state = static_cast<RowsState*>(toon::pg::palloc_nothrow(sizeof(RowsState)));
        state->rows = static_cast<Datum*>(toon::pg::palloc_nothrow(sizeof(Datum) * n));
        for (std::size_t i = 0; i < n; ++i) {
            const toon::core::Encoding e = toon::core::kEncodings[i];
            std::vector<Datum> models;
            for (const auto& m : toon::core::model_encodings()) {
                if (m.encoding != e) continue;
                std::string name = m.name;
                if (m.prefix) name += '*';
                models.push_back(PointerGetDatum(toon::pg::make_text(name)));
            }
            Datum values[3];
            bool nulls[3] = {false, false, false};
            values[0] = PointerGetDatum(toon::pg::make_text(toon::core::encoding_name(e)));
            values[1] = Int32GetDatum(static_cast<int32>(Tokenizer::get(e).vocab().size()));
            Datum* model_data = models.data();
            const int model_count = static_cast<int>(models.size());
            values[2] = toon::pg::pg_call([&] {
                return PointerGetDatum(construct_array(model_data, model_count, TEXTOID, -1, false, TYPALIGN_INT));
            });
            state->rows[i] = toon::pg::pg_call([&] { return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)); });
        }
        funcctx->user_fctx = state;
        funcctx->max_calls = n;
    }
    funcctx = per_MultiFuncCall(fcinfo);
    auto* state = static_cast<RowsState*>(funcctx->user_fctx);
    if (funcctx->call_cntr < funcctx->max_calls) {
        const Datum row = state->rows[funcctx->call_cntr];  // SRF_RETURN_NEXT increments call_cntr first
        SRF_RETURN_NEXT(funcctx, row);
    }
    SRF_RETURN_DONE(funcctx);
}
