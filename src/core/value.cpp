#include "value.hpp"

namespace toon::core {

namespace {
std::vector<Value> g_parked;
}

void park(Value&& value) noexcept {
    try {
        g_parked.push_back(std::move(value));
    } catch (...) {
        // value is left intact by the failed push_back and destroyed by its owner.
    }
}

void park(std::vector<Member>&& members) noexcept {
    Value holder = Value::object();
    holder.members = std::move(members);
    park(std::move(holder));
}

bool have_parked() noexcept { return !g_parked.empty(); }

void release_parked() noexcept {
    std::vector<Value> parked;
    parked.swap(g_parked);
}

bool operator==(const Value& a, const Value& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case Kind::Null: return true;
        case Kind::Bool: return a.boolean == b.boolean;
        case Kind::Number:
        case Kind::String: return a.text == b.text;
        case Kind::Array: return a.items == b.items;
        case Kind::Object: return a.members == b.members;
    }
    return false;
}

}  // namespace toon::core
