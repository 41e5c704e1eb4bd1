// Cancellation and stack-depth checks for long-running core work.
//
// The core never calls CHECK_FOR_INTERRUPTS() or check_stack_depth() (both
// longjmp). Instead the PostgreSQL layer installs two plain predicates; core
// loops call poll() every few thousand units of work and recursive code calls
// check_stack(). Both throw toon::core::Error, which unwinds C++ frames normally;
// the guard then lets PostgreSQL raise its own error (cancel, statement_timeout,
// "stack depth limit exceeded").
#pragma once

#include <cstddef>

#include "error.hpp"

namespace toon::core {

struct InterruptHooks {
    bool (*cancel_pending)() = nullptr;  // true when the query must stop
    bool (*stack_too_deep)() = nullptr;  // true when the C stack is nearly exhausted
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

// The one depth guard for recursive walks (the decoder's parser, the
// Markdown renderer): enter() at each level, leave() when it returns. The
// stack hook (PostgreSQL's stack_is_too_deep(), which keeps a 512 KB margin)
// runs at the first level and whenever the stack has grown kCheckStep beyond
// the deepest point already approved (levels are entered hundreds of
// thousands of times per document). Without a hook (outside PostgreSQL) the
// guard bounds the stack the walk uses to kBudget itself; a non-zero
// `budget` bounds it to that many bytes even with a hook (a limit that must
// not depend on a setting: the encoder's read-back check).
class StackGuard {
public:
    explicit StackGuard(std::size_t budget = 0) : budget_(budget) {}

    // Within the usual 8 MB of a main thread: enough for 6,000 levels of
    // nested TOON lists.
    static constexpr std::size_t kBudget = 6u << 20;
    // Far below PostgreSQL's 512 KB margin (STACK_DEPTH_SLOP).
    static constexpr std::size_t kCheckStep = 32u << 10;

    void enter() {
        char here;
        if (!base_) base_ = &here;
        ++depth_;
        const auto used = static_cast<std::size_t>(base_ > &here ? base_ - &here : &here - base_);
        if (depth_ == 1 || used > checked_ + kCheckStep) {
            check_stack();
            if (used > checked_) checked_ = used;
        }
        if ((budget_ && used > budget_) || (used > kBudget && !interrupt_hooks().stack_too_deep)) throw_stack_depth();
    }
    void leave() { --depth_; }
    int depth() const { return depth_; }

    // One level for the lifetime of the object.
    class Level {
    public:
        explicit Level(StackGuard& guard) : guard_(guard) { guard_.enter(); }
        ~Level() { guard_.leave(); }
        Level(const Level&) = delete;
        Level& operator=(const Level&) = delete;

    private:
        StackGuard& guard_;
    };

private:
    const std::size_t budget_;    // 0: the hook's limit (or kBudget) only
    const char* base_ = nullptr;  // the first level's frame
    std::size_t checked_ = 0;     // deepest stack use the hook has approved
    int depth_ = 0;
};

// Counts work units and polls every `Every` of them.
template <unsigned Every = 4096>
class Poller {
public:
    void tick(unsigned n = 1) {
        count_ += n;
        if (count_ >= Every) {
            count_ = 0;
            poll();
        }
    }

private:
    unsigned count_ = 0;
};

}  // namespace toon::core
