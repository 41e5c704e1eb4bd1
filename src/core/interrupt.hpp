// Cancellation and stack-depth checks for long-running core work.
//
// The core never calls CHECK_FOR_INTERRUPTS() or check_stack_depth() (both
// longjmp). Instead the PostgreSQL layer installs two plain predicates; core
// loops call poll() every few thousand units of work and recursive code calls
// check_stack(). Both throw toon::core::Error, which unwinds C++ frames normally;
// the guard then lets PostgreSQL raise its own error (cancel, statement_timeout,
// "stack depth limit exceeded").
#pragma once

#include "error.hpp"

namespace toon::core {

struct InterruptHooks {
    bool (*cancel_pending)() = nullptr;   // true when the query must stop
    bool (*stack_too_deep)() = nullptr;   // true when the C stack is nearly exhausted
};

void set_interrupt_hooks(const InterruptHooks& hooks);
const InterruptHooks& interrupt_hooks();

[[noreturn]] void throw_canceled();
[[noreturn]] void throw_stack_depth();

// Cheap: one predictable branch when no hook is installed.
inline void poll() {
    auto f = interrupt_hooks().cancel_pending;
    if (f && f()) throw_canceled();
}

// Call at each recursion level. Without a hook (unit tests), a fixed depth
// budget is not enforced here; recursive code must bound itself.
inline void check_stack() {
    auto f = interrupt_hooks().stack_too_deep;
    if (f && f()) throw_stack_depth();
}

// Counts work units and polls every `Every` of them.
template <unsigned Every = 4096>
class Poller {
public:
    void tick(unsigned n = 1) {
        count_ += n;
        if (count_ >= Every) { count_ = 0; poll(); }
    }
private:
    unsigned count_ = 0;
};

}  // namespace toon::core
