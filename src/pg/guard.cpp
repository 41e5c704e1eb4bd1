// The C++/PostgreSQL boundary: see guard.hpp for the rules.
#include "guard.hpp"

#include <cstdint>
#include <cstring>
#include <exception>
#include <string>

#include "error.hpp"
#include "interrupt.hpp"
#include "value.hpp"

extern "C" {
#include "access/xact.h"
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

void record(core::ErrorCode code, const char* message, const std::string* detail, const std::string* hint) noexcept {
    g_pending.what = Pending::What::OutOfMemory;  // if a copy below fails
    try {
        g_pending.code = code;
        g_pending.message.assign(message);
        g_pending.detail.assign(detail ? *detail : std::string());
        g_pending.hint.assign(hint ? *hint : std::string());
        g_pending.what = Pending::What::Core;
    } catch (...) {
    }
}

// Mirrors the conditions under which ProcessInterrupts() raises an error.
bool cancel_pending() {
    return InterruptPending && InterruptHoldoffCount == 0 && CritSectionCount == 0 &&
           (ProcDiePending || (QueryCancelPending && QueryCancelHoldoffCount == 0));
}

bool stack_too_deep() { return stack_is_too_deep(); }

// Trees parked by a failed call (core::park in value.hpp) are freed once the
// failing statement is over: at the next toon call, or when the next
// transaction ends. Not when the failing transaction itself aborts: the client
// sees the error only after that abort, and freeing a large tree takes long.
std::uint64_t g_transaction_ends = 0;
std::uint64_t g_parked_at = 0;  // g_transaction_ends when a tree was last parked

void release_parked_at_transaction_end(XactEvent event, void*) {
    if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_COMMIT ||
        event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_PREPARE) {
        if (core::have_parked() && g_parked_at != g_transaction_ends) core::release_parked();
        ++g_transaction_ends;
    }
}

bool is_soft_error(core::ErrorCode code) {
    return code == core::ErrorCode::InvalidSyntax || code == core::ErrorCode::InvalidUtf8 ||
           code == core::ErrorCode::InvalidParameter;
}

// Raises the recorded error. Returns only when the error was saved softly
// into an ErrorSaveContext (PostgreSQL 16+, pg_input_is_valid()).
void raise_pending(FunctionCallInfo fcinfo) {
    switch (g_pending.what) {
        case Pending::What::None:
            return;
        case Pending::What::Pg: {
            ErrorData* edata = g_pending.edata;
            g_pending.edata = nullptr;
            ReThrowError(edata);
        }
        case Pending::What::OutOfMemory:
            ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
        case Pending::What::Std:
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                            errmsg_internal("unexpected C++ exception in toon: %s", g_pending.message.c_str())));
        case Pending::What::Unknown:
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg_internal("unknown C++ exception in toon")));
        case Pending::What::Core:
            break;
    }
    const core::ErrorCode code = g_pending.code;
    if (code == core::ErrorCode::Canceled) {
        // Let PostgreSQL report cancel, statement_timeout or termination itself.
        CHECK_FOR_INTERRUPTS();
    }
#if PG_VERSION_NUM >= 160000
    if (is_soft_error(code) && fcinfo->context && IsA(fcinfo->context, ErrorSaveContext)) {
        errsave(fcinfo->context,
                (errcode(sqlstate_of(code)), errmsg_internal("%s", g_pending.message.c_str()),
                 g_pending.detail.empty() ? 0 : errdetail_internal("%s", g_pending.detail.c_str()),
                 g_pending.hint.empty() ? 0 : errhint("%s", g_pending.hint.c_str())));
        return;
    }
#else
    (void)fcinfo;
    (void)is_soft_error;
#endif
    ereport(ERROR, (errcode(sqlstate_of(code)), errmsg_internal("%s", g_pending.message.c_str()),
                    g_pending.detail.empty() ? 0 : errdetail_internal("%s", g_pending.detail.c_str()),
                    g_pending.hint.empty() ? 0 : errhint("%s", g_pending.hint.c_str())));
}

}  // namespace

namespace detail {
void throw_pg_error(ErrorData* edata) { throw PgError{edata}; }
}  // namespace detail

Datum invoke(Datum (*body)(FunctionCallInfo), FunctionCallInfo fcinfo) noexcept {
    g_pending.what = Pending::What::None;
    if (core::have_parked()) core::release_parked();
    try {
        return body(fcinfo);
    } catch (const core::Error& e) {
        record(e.code(), e.what(), &e.detail(), &e.hint());
    } catch (const PgError& e) {
        g_pending.what = Pending::What::Pg;
        g_pending.edata = e.data;
    } catch (const std::bad_alloc&) {
        g_pending.what = Pending::What::OutOfMemory;
    } catch (const std::exception& e) {
        record(core::ErrorCode::Internal, e.what(), nullptr, nullptr);
        if (g_pending.what == Pending::What::Core) g_pending.what = Pending::What::Std;
    } catch (...) {
        g_pending.what = Pending::What::Unknown;
    }
    if (core::have_parked()) g_parked_at = g_transaction_ends;
    raise_pending(fcinfo);
    return (Datum)0;
}

void install_interrupt_hooks() {
    core::InterruptHooks hooks;
    hooks.cancel_pending = cancel_pending;
    hooks.stack_too_deep = stack_too_deep;
    core::set_interrupt_hooks(hooks);
    RegisterXactCallback(release_parked_at_transaction_end, nullptr);
}

void* palloc_nothrow(std::size_t size) {
    if (size > MaxAllocSize) throw core::Error(core::ErrorCode::ProgramLimit, "toon value exceeds the maximum size of 1 GB");
    void* p = MemoryContextAllocExtended(CurrentMemoryContext, size, MCXT_ALLOC_NO_OOM);
    if (!p) throw std::bad_alloc();
    return p;
}

text* make_text(std::string_view s) {
    if (s.size() > MaxAllocSize - VARHDRSZ)
        throw core::Error(core::ErrorCode::ProgramLimit, "toon value exceeds the maximum size of 1 GB");
    auto* t = static_cast<text*>(palloc_nothrow(s.size() + VARHDRSZ));
    SET_VARSIZE(t, s.size() + VARHDRSZ);
    std::memcpy(VARDATA(t), s.data(), s.size());
    return t;
}

}  // namespace toon::pg
