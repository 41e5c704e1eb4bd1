// Rows and values to TOON without JSON text in between: the toon_agg() and
// toon_object_agg() aggregates and to_toon(anyelement).
//
// Each datum becomes nodes of a core AggTape (src/core/agg.hpp) by the
// rules PostgreSQL's to_json() uses (json.c, json_categorize_type and
// datum_to_json, PostgreSQL 15): domains are looked through; booleans;
// integers, floats and numeric are numbers with every digit (NaN and the
// infinities, which are not JSON numbers, are strings); date, timestamp and
// timestamptz are ISO 8601 strings (JsonEncodeDateTime, as to_json writes
// them); json and jsonb are nested values; arrays are arrays (one level per
// dimension); composites are objects with their columns in order (dropped
// columns skipped); a non-built-in type with a cast to json goes through that
// cast; anything else is its output function's text. The tape is then encoded
// by the one encoder engine, so toon_agg(x) is byte-identical to
// to_toon(json_agg(x)) and toon_object_agg(k, v) to to_toon(json_object_agg(k, v)).
//
// Type facts (categories, output functions, tuple descriptors) are looked up
// once per call site and kept in fn_extra; the aggregate's tape lives in the
// aggregate memory context (a palloc allocator), so hash aggregation counts
// it and it is freed with the group.
#include "guard.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>

extern "C" {
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "parser/parse_coerce.h"
#include "utils/array.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"
}

#include "agg.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "json_tape.hpp"
#include "key_hash.hpp"
#include "markdown.hpp"
#include "number.hpp"
#include "server_encoding.hpp"
#include "stored_options.hpp"

namespace {

using toon::core::Error;
using toon::core::ErrorCode;
using toon::core::Kind;
using toon::pg::pg_call;

// ---- memory: a C++ allocator on a PostgreSQL memory context -----------------

template <class T>
struct ContextAllocator {
    using value_type = T;
    MemoryContext cxt;

    explicit ContextAllocator(MemoryContext c) : cxt(c) {}
    template <class U>
    ContextAllocator(const ContextAllocator<U>& o) : cxt(o.cxt) {}

    // One buffer of the state at most MaxAllocSize, like a palloc chunk (and
    // json_agg's string): the state of an aggregate stays bounded (its few
    // buffers) instead of growing until the machine runs out of memory.
    T* allocate(std::size_t n) {
        if (n > MaxAllocSize / sizeof(T)) throw toon::core::too_large("the aggregate's state", MaxAllocSize);
        void* p = MemoryContextAllocExtended(cxt, n * sizeof(T), MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
        if (!p) throw std::bad_alloc();
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t) noexcept { pfree(p); }
    template <class U>
    bool operator==(const ContextAllocator<U>& o) const {
        return cxt == o.cxt;
    }
    template <class U>
    bool operator!=(const ContextAllocator<U>& o) const {
        return cxt != o.cxt;
    }
};

using Tape = toon::core::AggTape<ContextAllocator<char>>;

// ---- type facts (plain structs in fn_mcxt: built inside pg_call) -------------

// json.c's JsonTypeCategory, with the numeric and text cases split for speed.
enum class Category : std::uint8_t {
    Bool,
    Int2,
    Int4,
    Int8,
    Number,
    Date,
    Timestamp,
    TimestampTz,
    Json,
    Array,
    Composite,
    Cast,
    Text,
    Other
};

struct TypeInfo {
    Oid typid;  // as declared (a domain stays a domain here)
    Oid base;   // after getBaseType()
    Category category;
    FmgrInfo fn;     // output function (Number, Json, Other) or cast function (Cast)
    TypeInfo* next;  // the cache's list
};

struct FieldInfo {
    const char* key;  // column name, UTF-8
    std::uint32_t key_size;
    std::uint32_t key_id;  // index into a tape's interned keys
    int attno;             // 0-based
    int slot;              // member position: that of the first column of this name
    TypeInfo* type;
};

struct RowInfo {
    Oid type;
    int32 typmod;
    std::uint64_t identifier;  // the type cache's tupDesc identifier: changes with the row type
    TupleDesc desc;            // a copy in the cache context
    int nfields;               // columns not dropped
    int nmembers;              // distinct column names among them
    FieldInfo* fields;
    Datum* values;  // heap_deform_tuple scratch, natts long
    bool* nulls;
    bool busy;  // values/nulls hold a row being written (a row of this type nests in it)
    RowInfo* next;
};

struct Cache {
    MemoryContext cxt;
    TypeInfo* types;
    RowInfo* rows;
    RowInfo* last_row;
    std::uint32_t keys;  // key ids handed out so far
};

TypeInfo* find_type(Cache* c, Oid typid);

// json_categorize_type (PostgreSQL 15, json.c) for one type. Calls
// PostgreSQL: run inside pg_call.
TypeInfo* build_type(Cache* c, Oid typid) {
    auto* t = static_cast<TypeInfo*>(MemoryContextAllocZero(c->cxt, sizeof(TypeInfo)));
    t->typid = typid;
    t->base = getBaseType(typid);
    Oid fn = InvalidOid;
    bool varlena;
    switch (t->base) {
        case BOOLOID: t->category = Category::Bool; break;
        case INT2OID: t->category = Category::Int2; break;
        case INT4OID: t->category = Category::Int4; break;
        case INT8OID: t->category = Category::Int8; break;
        case FLOAT4OID:
        case FLOAT8OID:
        case NUMERICOID:
            t->category = Category::Number;
            getTypeOutputInfo(t->base, &fn, &varlena);
            break;
        case DATEOID: t->category = Category::Date; break;
        case TIMESTAMPOID: t->category = Category::Timestamp; break;
        case TIMESTAMPTZOID: t->category = Category::TimestampTz; break;
        case JSONOID:
        case JSONBOID:
            t->category = Category::Json;
            getTypeOutputInfo(t->base, &fn, &varlena);
            break;
        case TEXTOID:
        case VARCHAROID:
        case BPCHAROID: t->category = Category::Text; break;  // output = the bytes as stored
        default:
            if (OidIsValid(get_element_type(t->base)) || t->base == ANYARRAYOID || t->base == ANYCOMPATIBLEARRAYOID ||
                t->base == RECORDARRAYOID) {
                t->category = Category::Array;
            } else if (type_is_rowtype(t->base)) {
                t->category = Category::Composite;
            } else {
                t->category = Category::Other;
                Oid castfunc = InvalidOid;
                if (t->base >= FirstNormalObjectId &&
                    find_coercion_pathway(JSONOID, t->base, COERCION_EXPLICIT, &castfunc) == COERCION_PATH_FUNC &&
                    OidIsValid(castfunc)) {
                    t->category = Category::Cast;
                    fn = castfunc;
                } else {
                    getTypeOutputInfo(t->base, &fn, &varlena);
                }
            }
    }
    if (OidIsValid(fn)) fmgr_info_cxt(fn, &t->fn, c->cxt);
    t->next = c->types;
    c->types = t;
    return t;
}

TypeInfo* find_type(Cache* c, Oid typid) {
    if (!OidIsValid(typid)) throw Error(ErrorCode::InvalidParameter, "could not determine the input data type");
    for (TypeInfo* t = c->types; t; t = t->next)
        if (t->typid == typid) return t;
    return pg_call([&] { return build_type(c, typid); });
}

// Columns of a row type. Calls PostgreSQL: run inside pg_call.
RowInfo* build_row(Cache* c, Oid type, int32 typmod, std::uint64_t identifier) {
    TupleDesc desc = lookup_rowtype_tupdesc(type, typmod);
    MemoryContext old = MemoryContextSwitchTo(c->cxt);
    auto* r = static_cast<RowInfo*>(palloc0(sizeof(RowInfo)));
    r->type = type;
    r->typmod = typmod;
    r->identifier = identifier;
    r->desc = CreateTupleDescCopy(desc);
    r->fields = static_cast<FieldInfo*>(palloc0(sizeof(FieldInfo) * (desc->natts + 1)));
    r->values = static_cast<Datum*>(palloc0(sizeof(Datum) * (desc->natts + 1)));
    r->nulls = static_cast<bool*>(palloc0(sizeof(bool) * (desc->natts + 1)));
    for (int i = 0; i < desc->natts; ++i) {
        Form_pg_attribute att = TupleDescAttr(desc, i);
        if (att->attisdropped) continue;
        FieldInfo& f = r->fields[r->nfields++];
        const char* name = NameStr(att->attname);
        char* utf8 = pg_server_to_any(name, static_cast<int>(strlen(name)), PG_UTF8);
        f.key = utf8 == name ? pstrdup(name) : utf8;
        f.key_size = static_cast<std::uint32_t>(strlen(f.key));
        f.key_id = c->keys++;
        f.attno = i;
        f.type = nullptr;  // resolved by find_row (find_type may call back in here)
        // A repeated column name (SELECT 1 AS a, 2 AS a) is one member that
        // keeps the last value at the first position, as to_toon(to_json(row))
        // does: TOON, like toon's own input, has no duplicate keys.
        f.slot = r->nmembers;
        for (int j = 0; j + 1 < r->nfields; ++j)
            if (r->fields[j].key_size == f.key_size && std::memcmp(r->fields[j].key, f.key, f.key_size) == 0) {
                f.slot = r->fields[j].slot;
                break;
            }
        if (f.slot == r->nmembers) ++r->nmembers;
    }
    MemoryContextSwitchTo(old);
    ReleaseTupleDesc(desc);
    return r;
}

// The columns of a row type as they are now: a table's row type can change
// within one query (ALTER TABLE in a function called per row), so the type
// cache's identifier of its descriptor is part of the key, as record_out
// and to_json look the descriptor up for every value.
RowInfo* find_row(Cache* c, Oid type, int32 typmod) {
    const std::uint64_t id = pg_call([&] { return assign_record_type_identifier(type, typmod); });
    auto same = [&](const RowInfo* r) { return r->type == type && r->typmod == typmod && r->identifier == id; };
    if (c->last_row && same(c->last_row)) return c->last_row;
    RowInfo* r = c->rows;
    while (r && !same(r)) r = r->next;
    if (!r) {
        r = pg_call([&] { return build_row(c, type, typmod, id); });
        for (int i = 0; i < r->nfields; ++i)
            r->fields[i].type = find_type(c, TupleDescAttr(r->desc, r->fields[i].attno)->atttypid);
        r->next = c->rows;
        c->rows = r;
    }
    c->last_row = r;
    return r;
}

// The call site's cache (fn_extra), created on first use.
Cache* cache_of(FunctionCallInfo fcinfo) {
    auto* c = static_cast<Cache*>(fcinfo->flinfo->fn_extra);
    if (!c) {
        MemoryContext cxt = fcinfo->flinfo->fn_mcxt;
        c = pg_call([&] { return static_cast<Cache*>(MemoryContextAllocZero(cxt, sizeof(Cache))); });
        c->cxt = cxt;
        fcinfo->flinfo->fn_extra = c;
    }
    return c;
}

// ---- datums to tape nodes ----------------------------------------------------

using KeyVector = std::vector<Tape::Text, ContextAllocator<Tape::Text>>;

class Builder {
public:
    Builder(Tape& tape, Cache& cache, KeyVector& keys) : tape_(tape), cache_(cache), keys_(keys) {}

    std::uint32_t value(Datum d, bool isnull, const TypeInfo* t) {
        if (isnull) return tape_.null_value();
        switch (t->category) {
            case Category::Bool: return tape_.boolean(DatumGetBool(d));
            case Category::Int2: return integer(DatumGetInt16(d));
            case Category::Int4: return integer(DatumGetInt32(d));
            case Category::Int8: return integer(DatumGetInt64(d));
            case Category::Number: {
                char* s = output(t, d);
                const std::uint32_t node = number(s);
                pfree(s);
                return node;
            }
            case Category::Date:
            case Category::Timestamp:
            case Category::TimestampTz: {
                char buf[MAXDATELEN + 1];
                const Oid base = t->base;
                pg_call([&] { JsonEncodeDateTime(buf, d, base, nullptr); });
                return tape_.string(buf);  // ASCII
            }
            case Category::Text: {
                text* p = pg_call([&] { return DatumGetTextPP(d); });
                const std::uint32_t node = tape_.string(toon::pg::server_text_to_utf8(toon::pg::text_view(p)));
                if (reinterpret_cast<Pointer>(p) != DatumGetPointer(d)) pfree(p);
                return node;
            }
            case Category::Json: {
                char* s = output(t, d);
                const std::uint32_t node = json(s);
                pfree(s);
                return node;
            }
            case Category::Cast: {
                const FmgrInfo* fn = &t->fn;
                char* s = pg_call(
                    [&] { return text_to_cstring(DatumGetTextPP(FunctionCall1(const_cast<FmgrInfo*>(fn), d))); });
                const std::uint32_t node = json(s);
                pfree(s);
                return node;
            }
            case Category::Array: return array(d);
            case Category::Composite: return row(d);
            case Category::Other: {
                char* s = output(t, d);
                const std::uint32_t node = tape_.string(toon::pg::server_text_to_utf8(s));
                pfree(s);
                return node;
            }
        }
        throw Error(ErrorCode::Internal, "toon_agg: unknown type category");
    }

    // A composite datum as an object, columns in order.
    std::uint32_t row(Datum d) {
        toon::core::check_stack();
        HeapTupleHeader td = pg_call([&] { return DatumGetHeapTupleHeader(d); });
        RowInfo* r = find_row(&cache_, HeapTupleHeaderGetTypeId(td), HeapTupleHeaderGetTypMod(td));
        HeapTupleData tuple;
        tuple.t_len = HeapTupleHeaderGetDatumLength(td);
        ItemPointerSetInvalid(&tuple.t_self);
        tuple.t_tableOid = InvalidOid;
        tuple.t_data = td;
        // The row's scratch, unless a row of the same type is being written
        // around this one (an anonymous record nested in a record of the
        // same shape): then arrays of its own.
        std::unique_ptr<Datum[]> own_values;
        std::unique_ptr<bool[]> own_nulls;
        Datum* values = r->values;
        bool* nulls = r->nulls;
        if (r->busy) {
            own_values.reset(new Datum[r->desc->natts + 1]);
            own_nulls.reset(new bool[r->desc->natts + 1]);
            values = own_values.get();
            nulls = own_nulls.get();
        }
        struct Busy {
            RowInfo* r;
            bool was;
            ~Busy() { r->busy = was; }
        } busy{r, r->busy};
        r->busy = true;
        pg_call([&] { heap_deform_tuple(&tuple, r->desc, values, nulls); });
        const std::uint32_t obj = tape_.container(Kind::Object, static_cast<std::size_t>(r->nmembers));
        for (int i = 0; i < r->nfields; ++i) {
            const FieldInfo& f = r->fields[i];
            const std::uint32_t node = value(values[f.attno], nulls[f.attno], f.type);
            tape_.set_member(obj, static_cast<std::size_t>(f.slot), key(f), node);
        }
        return obj;
    }

private:
    Tape& tape_;
    Cache& cache_;
    KeyVector& keys_;
    toon::core::Poller<256> poller_;

    template <typename I>
    std::uint32_t integer(I v) {
        char buf[24];
        auto res = std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(v));
        return tape_.number(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
    }

    // An output function's number text: canonical, or a string when it is
    // not a JSON number (NaN, Infinity).
    std::uint32_t number(std::string_view v) {
        if (const std::string_view prefix = toon::core::canonical_prefix(v); !prefix.empty())
            return tape_.number(prefix);
        if (!toon::core::is_json_number(v)) return tape_.string(v);
        return tape_.number(toon::core::canonical_number(v));
    }

    static char* output(const TypeInfo* t, Datum d) {
        const FmgrInfo* fn = &t->fn;
        return pg_call([&] { return OutputFunctionCall(const_cast<FmgrInfo*>(fn), d); });
    }

    // A JSON text (server encoding) as nested nodes, parsed like to_toon(json).
    std::uint32_t json(const char* s) {
        const toon::core::JsonTape parsed =
            toon::core::parse_json_tape(toon::pg::server_to_utf8(s), toon::pg::kMaxTreeBytes);
        return tape_.splice(parsed);
    }

    // The key of field `f` in this tape, stored once.
    Tape::Text key(const FieldInfo& f) {
        if (f.key_id >= keys_.size()) keys_.resize(f.key_id + 1, Tape::Text{0, UINT32_MAX});
        Tape::Text& k = keys_[f.key_id];
        if (k.size == UINT32_MAX) k = tape_.text(std::string_view(f.key, f.key_size));
        return k;
    }

    // array_to_json_internal: one nested array per dimension.
    std::uint32_t array(Datum d) {
        toon::core::check_stack();
        ArrayType* a = pg_call([&] { return DatumGetArrayTypeP(d); });
        const int ndim = ARR_NDIM(a);
        const int* dims = ARR_DIMS(a);
        const int nitems = pg_call([&] { return ArrayGetNItems(ndim, dims); });
        if (nitems <= 0) return tape_.container(Kind::Array, 0);
        const Oid elem_type = ARR_ELEMTYPE(a);
        const TypeInfo* et = find_type(&cache_, elem_type);
        int16 typlen;
        bool typbyval;
        char typalign;
        Datum* elems;
        bool* nulls;
        int n;
        pg_call([&] {
            get_typlenbyvalalign(elem_type, &typlen, &typbyval, &typalign);
            deconstruct_array(a, elem_type, typlen, typbyval, typalign, &elems, &nulls, &n);
        });
        int next = 0;
        const std::uint32_t node = dimension(0, ndim, dims, elems, nulls, next, et);
        pfree(elems);
        pfree(nulls);
        return node;
    }

    std::uint32_t dimension(int dim, int ndim, const int* dims, const Datum* elems, const bool* nulls, int& next,
                            const TypeInfo* et) {
        const std::uint32_t arr = tape_.container(Kind::Array, static_cast<std::size_t>(dims[dim]));
        for (int i = 0; i < dims[dim]; ++i) {
            poller_.tick();
            std::uint32_t node;
            if (dim + 1 == ndim) {
                node = value(elems[next], nulls[next], et);
                ++next;
            } else {
                node = dimension(dim + 1, ndim, dims, elems, nulls, next, et);
            }
            tape_.set_item(arr, static_cast<std::size_t>(i), node);
        }
        return arr;
    }
};

// ---- aggregate state -----------------------------------------------------------

struct KeyRef {
    std::uint64_t offset;
    std::uint32_t size;
};

// Hashes object keys (stored in the tape's text) for toon_object_agg.
struct KeyHash {
    const Tape* tape;
    std::size_t operator()(const Tape::Text& k) const { return toon::core::KeyHash()(tape->view(k)); }
};
struct KeyEq {
    const Tape* tape;
    bool operator()(const Tape::Text& a, const Tape::Text& b) const { return tape->view(a) == tape->view(b); }
};
using KeyIndex = std::unordered_map<Tape::Text, std::uint32_t, KeyHash, KeyEq,
                                    ContextAllocator<std::pair<const Tape::Text, std::uint32_t>>>;

struct AggState {
    Tape tape;
    KeyVector keys;
    KeyIndex index;  // toon_object_agg: key -> root position

    explicit AggState(MemoryContext cxt)
        : tape(ContextAllocator<char>(cxt)),
          keys(ContextAllocator<Tape::Text>(cxt)),
          index(16, KeyHash{&tape}, KeyEq{&tape}, ContextAllocator<std::pair<const Tape::Text, std::uint32_t>>(cxt)) {}
};

// The state in the aggregate context. Nothing in it needs a destructor: all
// its memory belongs to that context and goes when the context is reset.
AggState* state_arg(FunctionCallInfo fcinfo, const char* name) {
    MemoryContext aggcxt;
    if (!AggCheckCallContext(fcinfo, &aggcxt))
        throw Error(ErrorCode::Internal, std::string(name) + " called in non-aggregate context");
    if (!PG_ARGISNULL(0)) return reinterpret_cast<AggState*>(PG_GETARG_POINTER(0));
    void* mem = pg_call([&] { return MemoryContextAlloc(aggcxt, sizeof(AggState)); });
    return new (mem) AggState(aggcxt);
}

toon::core::EncodeOptions default_options() { return toon::pg::with_limits(toon::core::EncodeOptions{}); }

text* encode_state(const AggState* st, Kind kind) {
    std::string out;
    st->tape.encode(Tape::kRoot, kind, default_options(), out);
    return toon::pg::make_toon(toon::pg::utf8_to_server(out));
}

}  // namespace

// toon_agg(anyelement) transition: one root array item per row (NULL -> null).
TOON_FUNCTION(toon_agg_transfn) {
    AggState* st = state_arg(fcinfo, "toon_agg_transfn");
    Cache* cache = cache_of(fcinfo);
    const TypeInfo* t = find_type(cache, get_fn_expr_argtype(fcinfo->flinfo, 1));
    Builder b(st->tape, *cache, st->keys);
    st->tape.push_root(b.value(PG_GETARG_DATUM(1), PG_ARGISNULL(1), t));
    PG_RETURN_POINTER(st);
}

// toon_agg final: the TOON root array; NULL for no rows (like json_agg).
TOON_FUNCTION(toon_agg_finalfn) {
    if (PG_ARGISNULL(0)) PG_RETURN_NULL();
    const auto* st = reinterpret_cast<const AggState*>(PG_GETARG_POINTER(0));
    PG_RETURN_POINTER(encode_state(st, Kind::Array));
}

// toon_object_agg(key text, value anyelement) transition. A repeated key keeps
// its last value at its first position (what to_toon(json) does with
// json_object_agg's output).
TOON_FUNCTION(toon_object_agg_transfn) {
    AggState* st = state_arg(fcinfo, "toon_object_agg_transfn");
    if (PG_ARGISNULL(1))
        throw Error(ErrorCode::InvalidParameter, "field name must not be null", {},
                    "toon_object_agg() needs a non-null key for every row.");
    text* key_arg = PG_GETARG_TEXT_PP(1);
    Cache* cache = cache_of(fcinfo);
    const TypeInfo* t = find_type(cache, get_fn_expr_argtype(fcinfo->flinfo, 2));
    Builder b(st->tape, *cache, st->keys);
    const std::uint32_t node = b.value(PG_GETARG_DATUM(2), PG_ARGISNULL(2), t);
    // The key is stored after the value, so that a repeated key's copy is the
    // last text and can be dropped again.
    const Tape::Text key = st->tape.text(toon::pg::server_text_to_utf8(toon::pg::text_view(key_arg)));
    auto found = st->index.find(key);
    if (found != st->index.end()) {
        st->tape.set_root(found->second, node);
        st->tape.drop_text(key);
    } else {
        st->index.emplace(key, static_cast<std::uint32_t>(st->tape.root_size()));
        st->tape.push_root(key, node);
    }
    PG_RETURN_POINTER(st);
}

TOON_FUNCTION(toon_object_agg_finalfn) {
    if (PG_ARGISNULL(0)) PG_RETURN_NULL();
    const auto* st = reinterpret_cast<const AggState*>(PG_GETARG_POINTER(0));
    PG_RETURN_POINTER(encode_state(st, Kind::Object));
}

// to_toon(anyelement, delimiter text, indent_size int): one row or value.
TOON_FUNCTION(to_toon_any) {
    const Datum d = PG_GETARG_DATUM(0);
    text* delimiter = PG_GETARG_TEXT_PP(1);
    const int indent_size = PG_GETARG_INT32(2);
    Cache* cache = cache_of(fcinfo);
    const TypeInfo* t = find_type(cache, get_fn_expr_argtype(fcinfo->flinfo, 0));
    text* result;
    {
        toon::core::EncodeOptions options = default_options();
        options.delimiter = toon::core::parse_delimiter(toon::pg::server_to_utf8(toon::pg::text_view(delimiter)));
        options.indent_size = indent_size;
        toon::core::check_encode_options(options);
        Tape tape{ContextAllocator<char>(CurrentMemoryContext)};
        KeyVector keys{ContextAllocator<Tape::Text>(CurrentMemoryContext)};
        Builder b(tape, *cache, keys);
        const std::uint32_t root = b.value(d, false, t);
        std::string out;
        tape.encode(root, Kind::Null, options, out);
        result = toon::pg::make_toon(toon::pg::utf8_to_server(out));
    }
    PG_RETURN_POINTER(result);
}

// toon_to_markdown(anyelement, heading_level int, pad boolean): a row or value
// rendered as Markdown straight from the datum, without writing and parsing
// TOON text; equals toon_to_markdown(to_toon(value)).
TOON_FUNCTION(toon_to_markdown_any) {
    const Datum d = PG_GETARG_DATUM(0);
    toon::core::MarkdownOptions options;
    options.heading_level = PG_GETARG_INT32(1);
    options.pad = PG_GETARG_BOOL(2);
    Cache* cache = cache_of(fcinfo);
    const TypeInfo* t = find_type(cache, get_fn_expr_argtype(fcinfo->flinfo, 0));
    text* result;
    {
        toon::core::check_markdown_options(options);
        std::string markdown;
        {
            Tape tape{ContextAllocator<char>(CurrentMemoryContext)};
            KeyVector keys{ContextAllocator<Tape::Text>(CurrentMemoryContext)};
            Builder b(tape, *cache, keys);
            const std::uint32_t root = b.value(d, false, t);
            // The tree views the tape's text; an error or cancel frees it in one step.
            const toon::core::Document tree = tape.to_document(root, toon::pg::kMaxTreeBytes);
            toon::core::render_markdown_into(tree.root(), options, markdown);
        }
        result = toon::pg::make_text(toon::pg::utf8_to_server(markdown));
    }
    PG_RETURN_TEXT_P(result);
}
