#include "interrupt.hpp"

namespace toon::core {

namespace {
InterruptHooks g_hooks;
}

void set_interrupt_hooks(const InterruptHooks& hooks) { g_hooks = hooks; }
const InterruptHooks& interrupt_hooks() { return g_hooks; }

void throw_canceled() { throw Error(ErrorCode::Canceled, "canceling statement due to user request"); }

void throw_stack_depth() {
    throw Error(ErrorCode::StackDepth, "stack depth limit exceeded", {},
                "Increase the configuration parameter \"max_stack_depth\", after ensuring the "
                "platform's stack depth limit is adequate.");
}

}  // namespace toon::core
