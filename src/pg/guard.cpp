// The C++/PostgreSQL boundary: see guard.hpp for the rules.
#include "guard.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>

#include "error.hpp"
#include "interrupt.hpp"

extern "C" {
#include "access/xact.h"
#include "catalog/namespace.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "tcop/tcopprot.h"  // max_stack_depth (miscadmin.h from PostgreSQL 18)
}

namespace toon::pg {

namespace {

// What the catch blocks saw. Static so that nothing on invoke()'s frame has a
// destructor when ereport() longjmps away; the strings are reused next time.
struct Pending {
    enum class What { None, Core, Pg, OutOfMemory, Std, Unknown } what = What::None;
    core::ErrorCode code = core::ErrorCode::Internal;
    std::string message;
    std::string detail;
    std::string hint;
    // Where the core made the error (static strings; null: this file).
    const char* file = nullptr;
    int line = 0;
    const char* function = nullptr;
    ErrorData* edata = nullptr;
};
Pending g_pending;

int sqlstate_of(core::ErrorCode code) {
    switch (code) {
        case core::ErrorCode::InvalidSyntax: return ERRCODE_INVALID_TEXT_REPRESENTATION;
        case core::ErrorCode::InvalidParameter: return ERRCODE_INVALID_PARAMETER_VALUE;
        case core::ErrorCode::InvalidUtf8: return ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
        case core::ErrorCode::Canceled: return ERRCODE_QUERY_CANCELED;
        case core::ErrorCode::StackDepth: return ERRCODE_STATEMENT_TOO_COMPLEX;
        case core::ErrorCode::ProgramLimit: return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
        case core::ErrorCode::Internal: break;
    }
    return ERRCODE_INTERNAL_ERROR;
}

void record(core::ErrorCode code, const char* message, const std::string* detail, const std::string* hint,
            const core::Error* where = nullptr) noexcept {
    g_pending.what = Pending::What::OutOfMemory;  // if a copy below fails
    g_pending.file = where ? where->file() : nullptr;
    g_pending.line = where ? where->source_line() : 0;
    g_pending.function = where ? where->function() : nullptr;
    try {
        g_pending.code = code;
        g_pending.message.assign(message);
        g_pending.detail.assign(detail ? *detail : std::string());
        g_pending.hint.assign(hint ? *hint : std::string());
        g_pending.what = Pending::What::Core;
    } catch (...) {}
}

// Mirrors the conditions under which ProcessInterrupts() raises an error.
bool cancel_pending() {
    return InterruptPending && InterruptHoldoffCount == 0 && CritSectionCount == 0 &&
           (ProcDiePending || (QueryCancelPending && QueryCancelHoldoffCount == 0));
}

bool stack_too_deep() { return stack_is_too_deep(); }

bool is_soft_error(core::ErrorCode code) {
    return code == core::ErrorCode::InvalidSyntax || code == core::ErrorCode::InvalidUtf8 ||
           code == core::ErrorCode::InvalidParameter;
}

bool is_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

// A core message (UTF-8) in the server encoding, as ereport() expects it.
// Never raises: a character the server encoding cannot hold becomes '?'
// (the message must still be reported), and if no conversion exists the
// non-ASCII bytes become '?'. The result is palloc'd (or s itself).
const char* message_for_server(const std::string& s) {
    const int enc = GetDatabaseEncoding();
    if (enc == PG_UTF8 || enc == PG_SQL_ASCII || is_ascii(s)) return s.c_str();
    Oid proc = InvalidOid;
    MemoryContext oldcxt = CurrentMemoryContext;
    PG_TRY();
    { proc = FindDefaultConversionProc(PG_UTF8, enc); }
    PG_CATCH();
    {
        MemoryContextSwitchTo(oldcxt);
        FlushErrorState();
        proc = InvalidOid;
    }
    PG_END_TRY();
    const std::size_t len = std::min<std::size_t>(s.size(), 1u << 20);  // messages are short; excerpts are cut
    auto* src = reinterpret_cast<unsigned char*>(const_cast<char*>(s.data()));
    // pg_do_encoding_conversion_buf() converts only what fits in
    // (room - 1) / MAX_CONVERSION_GROWTH input bytes: with this capacity the
    // rest of the input always fits (out <= 5 * in), so a conversion stops
    // early only at a character it cannot convert.
    const std::size_t cap = (MAX_CONVERSION_GROWTH + 4) * len + 2;
    auto* dst = static_cast<unsigned char*>(palloc(cap));
    std::size_t in = 0, out = 0;
    while (in < len) {
        if (OidIsValid(proc)) {
            const int used = pg_do_encoding_conversion_buf(proc, PG_UTF8, enc, src + in, static_cast<int>(len - in),
                                                           dst + out, static_cast<int>(cap - out), true);
            in += static_cast<std::size_t>(used);
            out += std::strlen(reinterpret_cast<char*>(dst + out));
            if (in >= len) break;
        } else if (src[in] < 0x80) {
            dst[out++] = src[in++];
            continue;
        }
        // An untranslatable (or unconvertible) character: '?' and skip it.
        dst[out++] = '?';
        ++in;
        while (in < len && (src[in] & 0xC0) == 0x80) ++in;
    }
    dst[out] = '\0';
    return reinterpret_cast<const char*>(dst);
}

// Raises the recorded error. Returns only when the error was saved softly
// into an ErrorSaveContext (PostgreSQL 16+, pg_input_is_valid()).
void raise_pending(FunctionCallInfo fcinfo) {
    switch (g_pending.what) {
        case Pending::What::None: return;
        case Pending::What::Pg: {
            ErrorData* edata = g_pending.edata;
            g_pending.edata = nullptr;
            ReThrowError(edata);
        }
        case Pending::What::OutOfMemory: ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
        case Pending::What::Std:
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                            errmsg_internal("unexpected C++ exception in toon: %s", g_pending.message.c_str())));
        case Pending::What::Unknown:
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg_internal("unknown C++ exception in toon")));
        case Pending::What::Core: break;
    }
    const core::ErrorCode code = g_pending.code;
    if (code == core::ErrorCode::Canceled) {
        // Let PostgreSQL report cancel, statement_timeout or termination itself.
        CHECK_FOR_INTERRUPTS();
    }
    // Core messages are UTF-8; ereport() takes text in the server encoding.
    const char* message = message_for_server(g_pending.message);
    const char* detail = g_pending.detail.empty() ? nullptr : message_for_server(g_pending.detail);
    const char* hint = g_pending.hint.empty() ? nullptr : message_for_server(g_pending.hint);
    char stack_hint[200];
    if (code == core::ErrorCode::StackDepth && hint) {
        // The core's hint, with the current setting as check_stack_depth() gives it.
        snprintf(stack_hint, sizeof stack_hint,
                 "Increase the configuration parameter \"max_stack_depth\" (currently %dkB), after ensuring the "
                 "platform's stack depth limit is adequate.",
                 max_stack_depth);
        hint = stack_hint;
    }
    // ereport()/errsave() spelled out, with the core's place as LOCATION
    // (VERBOSITY verbose) instead of this function's.
    const char* file = g_pending.file ? g_pending.file : __FILE__;
    const int line = g_pending.file ? g_pending.line : __LINE__;
    const char* function = g_pending.file ? g_pending.function : __func__;
#if PG_VERSION_NUM >= 160000
    if (is_soft_error(code) && fcinfo->context && IsA(fcinfo->context, ErrorSaveContext)) {
        if (errsave_start(fcinfo->context, TEXTDOMAIN)) {
            errcode(sqlstate_of(code));
            errmsg_internal("%s", message);
            if (detail) errdetail_internal("%s", detail);
            if (hint) errhint("%s", hint);
            errsave_finish(fcinfo->context, file, line, function);
        }
        return;
    }
#else
    (void)fcinfo;
    (void)is_soft_error;
#endif
    if (errstart(ERROR, TEXTDOMAIN)) {
        errcode(sqlstate_of(code));
        errmsg_internal("%s", message);
        if (detail) errdetail_internal("%s", detail);
        if (hint) errhint("%s", hint);
        errfinish(file, line, function);
    }
    pg_unreachable();
}

}  // namespace

namespace detail {
void throw_pg_error(ErrorData* edata) { throw PgError{edata}; }
}  // namespace detail

Datum invoke(Datum (*body)(FunctionCallInfo), FunctionCallInfo fcinfo) noexcept {
    g_pending.what = Pending::What::None;
    try {
        return body(fcinfo);
    } catch (const core::Error& e) {
        record(e.code(), e.what(), &e.detail(), &e.hint(), &e);
    } catch (const PgError& e) {
        g_pending.what = Pending::What::Pg;
        g_pending.edata = e.data;
    } catch (const std::bad_alloc&) { g_pending.what = Pending::What::OutOfMemory; } catch (const std::exception& e) {
        record(core::ErrorCode::Internal, e.what(), nullptr, nullptr);
        if (g_pending.what == Pending::What::Core) g_pending.what = Pending::What::Std;
    } catch (...) { g_pending.what = Pending::What::Unknown; }
    raise_pending(fcinfo);
    return (Datum)0;
}

void install_interrupt_hooks() {
    core::InterruptHooks hooks;
    hooks.cancel_pending = cancel_pending;
    hooks.stack_too_deep = stack_too_deep;
    core::set_interrupt_hooks(hooks);
}

void* palloc_nothrow(std::size_t size) {
    if (size > MaxAllocSize)
        throw core::Error(core::ErrorCode::ProgramLimit, "toon value exceeds the maximum size of 1 GB");
    void* p = MemoryContextAllocExtended(CurrentMemoryContext, size, MCXT_ALLOC_NO_OOM);
    if (!p) throw std::bad_alloc();
    return p;
}

text* make_text(std::string_view s) {
    if (s.size() > MaxAllocSize - VARHDRSZ)
        throw core::Error(core::ErrorCode::ProgramLimit, "toon value exceeds the maximum size of 1 GB");
    auto* t = static_cast<text*>(palloc_nothrow(s.size() + VARHDRSZ));
    SET_VARSIZE(t, s.size() + VARHDRSZ);
    // Copying a result of hundreds of MB into fresh pages takes a few hundred
    // ms (page faults): copy in 8 MB steps and poll for cancel between them.
    constexpr std::size_t kStep = std::size_t(8) << 20;
    for (std::size_t at = 0; at < s.size(); at += kStep) {
        if (at) core::poll();
        std::memcpy(VARDATA(t) + at, s.data() + at, std::min(kStep, s.size() - at));
    }
    return t;
}

}  // namespace toon::pg
