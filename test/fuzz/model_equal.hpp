// JSON-model equality for round-trip properties (SPEC §2): like Value's ==,
// except that objects compare as key -> value maps, because tabular and keyed
// tabular forms legitimately reorder keys to the header's field order.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

#include "value.hpp"

namespace toon::core {

inline bool model_equal(const Value& a, const Value& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case Kind::Array:
            if (a.items.size() != b.items.size()) return false;
            for (std::size_t i = 0; i < a.items.size(); ++i)
                if (!model_equal(a.items[i], b.items[i])) return false;
            return true;
        case Kind::Object: {
            if (a.members.size() != b.members.size()) return false;
            std::vector<const Member*> x, y;
            for (auto& m : a.members) x.push_back(&m);
            for (auto& m : b.members) y.push_back(&m);
            auto by_key = [](const Member* l, const Member* r) { return l->first < r->first; };
            std::sort(x.begin(), x.end(), by_key);
            std::sort(y.begin(), y.end(), by_key);
            for (std::size_t i = 0; i < x.size(); ++i)
                if (x[i]->first != y[i]->first || !model_equal(x[i]->second, y[i]->second)) return false;
            return true;
        }
        default: return a == b;
    }
}

}  // namespace toon::core
