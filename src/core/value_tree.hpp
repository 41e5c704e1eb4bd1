// Reads a core Value tree through the tree accessor interface of
// encode_engine.hpp and tabular.hpp (the encoder of Values; tests).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "value.hpp"

namespace toon::core {

struct ValueTree {
    using Ref = const Value*;
    Kind kind(Ref r) const { return r->kind; }
    std::size_t size(Ref r) const { return r->kind == Kind::Array ? r->items.size() : r->members.size(); }
    Ref item(Ref r, std::size_t i) const { return &r->items[i]; }
    std::string_view key(Ref r, std::size_t i) const { return r->members[i].first; }
    Ref member(Ref r, std::size_t i) const { return &r->members[i].second; }
    std::string_view string(Ref r) const { return r->text; }
    void append_number(Ref r, std::string& out) const { out += r->text; }
    bool boolean(Ref r) const { return r->boolean; }
    // A table row's members sit in their own heap block, and long strings
    // in theirs: fetch them ahead (the block first, the strings later).
    void prefetch(Ref r, bool deep) const {
        if (r->kind != Kind::Object || r->members.empty()) return;
        if (!deep) {
            const char* p = reinterpret_cast<const char*>(r->members.data());
            const std::size_t bytes = r->members.size() * sizeof(Member);
            for (std::size_t off = 0; off < bytes; off += 64) __builtin_prefetch(p + off);
            return;
        }
        for (const Member& m : r->members)
            if (m.second.text.size() > 15) __builtin_prefetch(m.second.text.data());
    }
};

}  // namespace toon::core
