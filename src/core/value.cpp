#include "value.hpp"

namespace toon::core {

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
