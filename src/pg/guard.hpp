// The C++/PostgreSQL error boundary. Every SQL-callable function is defined
// with TOON_FUNCTION, which runs its body inside toon::pg::invoke():
//
//   - no C++ exception ever unwinds into PostgreSQL: invoke() catches
//     everything (core::Error, PgError, std::bad_alloc, std::exception, ...),
//     keeps what it needs in static storage, and only after the catch block
//     has ended raises the PostgreSQL error (ereport / ReThrowError);
//   - no PostgreSQL longjmp crosses C++ frames that own destructors: a body
//     may call PostgreSQL directly only while none of its C++ objects with
//     destructors are alive (fetching arguments at the top, building the
//     result at the end); anywhere else it wraps the call in pg_call(), which
//     turns an ereport into a C++ PgError, or allocates with the no-throw
//     helpers below;
//   - the core sees query cancel and stack depth only through the predicates
//     installed by install_interrupt_hooks() (src/core/interrupt.hpp).
#pragma once

#include "pg.hpp"

#include <cstddef>
#include <new>
#include <string_view>
#include <utility>

namespace toon::pg {

// A PostgreSQL error caught by pg_call(), rethrown by invoke() unchanged.
struct PgError {
    ErrorData* data;
};

Datum invoke(Datum (*body)(FunctionCallInfo), FunctionCallInfo fcinfo) noexcept;

// Installs the core's cancel and stack-depth predicates.
void install_interrupt_hooks();

// Runs f(), which may call PostgreSQL functions that ereport; an ERROR becomes
// a thrown PgError. Don't let f own C++ objects with destructors across the call.
template <typename F>
auto pg_call(F&& f) -> decltype(f());

// Allocates in CurrentMemoryContext without longjmp: throws std::bad_alloc.
void* palloc_nothrow(std::size_t size);

// A new text datum holding `s` (throws std::bad_alloc or core::Error(ProgramLimit)).
text* make_text(std::string_view s);

// Detoasted argument as a view; the caller must not let the view outlive the call.
inline std::string_view text_view(const text* t) { return std::string_view(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)); }

namespace detail {
[[noreturn]] void throw_pg_error(ErrorData* edata);
}

template <typename F>
auto pg_call(F&& f) -> decltype(f()) {
    if constexpr (std::is_void_v<decltype(f())>) {
        pg_call([&] {
            f();
            return true;
        });
    } else {
        MemoryContext volatile oldcxt = CurrentMemoryContext;
        ErrorData* volatile edata = nullptr;
        decltype(f()) volatile result{};
        PG_TRY();
        { result = f(); }
        PG_CATCH();
        {
            MemoryContextSwitchTo(oldcxt);
            edata = CopyErrorData();
            FlushErrorState();
        }
        PG_END_TRY();
        if (edata) detail::throw_pg_error(edata);
        return result;
    }
}

}  // namespace toon::pg

// Defines an SQL-callable function `name` whose body runs under the guard.
#define TOON_FUNCTION(name)                                                        \
    static Datum name##_body(PG_FUNCTION_ARGS);                                    \
    extern "C" {                                                                   \
    PG_FUNCTION_INFO_V1(name);                                                     \
    Datum name(PG_FUNCTION_ARGS) { return toon::pg::invoke(name##_body, fcinfo); } \
    }                                                                              \
    static Datum name##_body(PG_FUNCTION_ARGS)
