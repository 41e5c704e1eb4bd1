// The encoder's input built value by value, for toon_agg(), toon_object_agg()
// and to_toon(anyelement) (src/pg/agg.cpp): the same flat node/slot
// layout as a parsed JSON tape (json_tape.hpp), filled from PostgreSQL datums
// instead of JSON text, then encoded by the one encoder engine
// (encode_engine.hpp) - so the output is byte-identical to encoding the
// equivalent JSON text.
//
// A container reserves its slots when it is opened and its children are
// added after it, so every container's slots stay contiguous while nested
// values are built depth-first. The root of an aggregate is virtual: its
// elements (one per input row) live in their own list, which grows by one
// slot per row; nothing is ever copied or moved again, so building is linear
// in the input. Memory comes from `Alloc` (the PostgreSQL layer passes an
// allocator on the aggregate's memory context).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"
#include "encode.hpp"
#include "encode_engine.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "json_tape.hpp"
#include "value.hpp"

namespace toon::core {

template <class Alloc = std::allocator<char>>
class AggTape {
public:
    using Node = JsonTape::Node;
    using Slot = JsonTape::Slot;
    // A string (key) stored once in the text buffer.
    struct Text {
        std::uint64_t offset;
        std::uint32_t size;
    };
    // Node index of the virtual root (the aggregate's array or object).
    static constexpr std::uint32_t kRoot = std::numeric_limits<std::uint32_t>::max();

    explicit AggTape(const Alloc& alloc = Alloc())
        : nodes_(NodeAlloc(alloc)), slots_(SlotAlloc(alloc)), root_(SlotAlloc(alloc)), text_(CharAlloc(alloc)) {}

    std::uint32_t null_value() { return add(Node{0, 0, Kind::Null, false}); }
    std::uint32_t boolean(bool b) { return add(Node{0, 0, Kind::Bool, b}); }
    // `canonical` must be in the canonical form of number.hpp.
    std::uint32_t number(std::string_view canonical) {
        Text t = text(canonical);
        return add(Node{t.offset, t.size, Kind::Number, false});
    }
    std::uint32_t string(std::string_view s) {
        Text t = text(s);
        return add(Node{t.offset, t.size, Kind::String, false});
    }
    // Stores `s` (a key to be shared by many members).
    Text text(std::string_view s) {
        if (s.size() > std::numeric_limits<std::uint32_t>::max()) throw too_large();
        Text t{text_.size(), static_cast<std::uint32_t>(s.size())};
        text_.append(s.data(), s.size());
        return t;
    }
    // Drops the last text stored (when it was not needed after all).
    void drop_text(Text t) {
        if (t.offset + t.size == text_.size()) text_.resize(t.offset);
    }
    std::string_view view(Text t) const { return std::string_view(text_.data() + t.offset, t.size); }

    // A new array or object with `n` slots to fill with set_item / set_member.
    std::uint32_t container(Kind kind, std::size_t n) {
        if (n > std::numeric_limits<std::uint32_t>::max() - 1) throw too_large();
        const std::uint64_t first = slots_.size();
        slots_.resize(slots_.size() + n, Slot{0, 0, 0});
        return add(Node{first, static_cast<std::uint32_t>(n), kind, false});
    }
    void set_item(std::uint32_t container, std::size_t i, std::uint32_t node) {
        slots_[nodes_[container].first + i].node = node;
    }
    void set_member(std::uint32_t container, std::size_t i, Text key, std::uint32_t node) {
        slots_[nodes_[container].first + i] = Slot{key.offset, key.size, node};
    }

    // Copies a parsed JSON tape in; returns its root node.
    std::uint32_t splice(const JsonTape& t) {
        const std::uint64_t node_base = nodes_.size(), slot_base = slots_.size(), text_base = text_.size();
        if (node_base + t.nodes.size() >= kRoot) throw too_large();
        text_.append(t.text);
        grow(slots_, t.slots.size());
        for (const Slot& s : t.slots)
            slots_.push_back(Slot{s.key + text_base, s.key_size, static_cast<std::uint32_t>(s.node + node_base)});
        grow(nodes_, t.nodes.size());
        for (Node n : t.nodes) {
            if (n.kind == Kind::String || n.kind == Kind::Number) n.first += text_base;
            else if (n.kind == Kind::Array || n.kind == Kind::Object) n.first += slot_base;
            nodes_.push_back(n);
        }
        return static_cast<std::uint32_t>(t.root + node_base);
    }

    // Room for `more` elements, growing geometrically: reserving the exact size
    // for every spliced value made toon_agg over json values quadratic.
    template <class V>
    static void grow(V& v, std::size_t more) {
        if (v.capacity() - v.size() < more) v.reserve(std::max(v.size() + more, 2 * v.capacity()));
    }

    // Elements of the virtual root: items of an array, or members of an object.
    void push_root(std::uint32_t node) { push_root(Text{0, 0}, node); }
    void push_root(Text key, std::uint32_t node) {
        if (root_.size() >= std::numeric_limits<std::uint32_t>::max()) throw too_large();
        root_.push_back(Slot{key.offset, key.size, node});
    }
    void set_root(std::size_t i, std::uint32_t node) { root_[i].node = node; }
    std::size_t root_size() const { return root_.size(); }

    // Encodes the virtual root as an array or an object (Kind::Array/Object),
    // or the node `node` when it is not kRoot.
    void encode(std::uint32_t node, Kind root_kind, const EncodeOptions& options, std::string& out) const {
        Tree tree{*this, root_kind};
        EncoderEngine<Tree> engine(tree, options, out);
        engine.encode_root(node);
    }

    // The value at `node` (not kRoot) as a compact Document (for the Markdown
    // renderer) whose strings and keys view this tape's text: valid while the
    // tape lives and is not added to. No Value tree is built (issue 10).
    Document to_document(std::uint32_t node, std::size_t max_bytes = static_cast<std::size_t>(-1)) const {
        const TapeView view{nodes_.data(), slots_.data(), std::string_view(text_.data(), text_.size()), nodes_.size()};
        return document_from_tape(view, node, max_bytes);
    }

    // The value at `node` as a Value tree: the model the tests check
    // to_document() against (no SQL path uses it).
    Value to_value(std::uint32_t node) const {
        check_stack();
        const Node& n = nodes_[node];
        switch (n.kind) {
            case Kind::Null: return Value::null();
            case Kind::Bool: return Value::from_bool(n.boolean);
            case Kind::Number: return Value::number(std::string(text_.data() + n.first, n.count));
            case Kind::String: return Value::string(std::string(text_.data() + n.first, n.count));
            case Kind::Array: {
                Value v = Value::array();
                v.items.reserve(n.count);
                for (std::uint32_t i = 0; i < n.count; ++i) v.items.push_back(to_value(slots_[n.first + i].node));
                return v;
            }
            case Kind::Object: {
                Value v = Value::object();
                v.members.reserve(n.count);
                for (std::uint32_t i = 0; i < n.count; ++i) {
                    const Slot& s = slots_[n.first + i];
                    v.members.emplace_back(std::string(text_.data() + s.key, s.key_size), to_value(s.node));
                }
                return v;
            }
        }
        return Value::null();
    }

private:
    template <class T>
    using Rebind = typename std::allocator_traits<Alloc>::template rebind_alloc<T>;
    using NodeAlloc = Rebind<Node>;
    using SlotAlloc = Rebind<Slot>;
    using CharAlloc = Rebind<char>;

    std::vector<Node, NodeAlloc> nodes_;
    std::vector<Slot, SlotAlloc> slots_;
    std::vector<Slot, SlotAlloc> root_;
    std::basic_string<char, std::char_traits<char>, CharAlloc> text_;

    static Error too_large() {
        return Error(ErrorCode::ProgramLimit, "too many values for one TOON document",
                     "A document holds at most 4294967294 values.");
    }

    std::uint32_t add(const Node& n) {
        if (nodes_.size() >= kRoot - 1) throw too_large();
        nodes_.push_back(n);
        return static_cast<std::uint32_t>(nodes_.size() - 1);
    }

    // Reads the tape for EncoderEngine; kRoot is the virtual root.
    struct Tree {
        using Ref = std::uint32_t;
        const AggTape& t;
        Kind root_kind;

        const Slot& slot(Ref r, std::size_t i) const {
            return r == kRoot ? t.root_[i] : t.slots_[t.nodes_[r].first + i];
        }
        Kind kind(Ref r) const { return r == kRoot ? root_kind : t.nodes_[r].kind; }
        std::size_t size(Ref r) const { return r == kRoot ? t.root_.size() : t.nodes_[r].count; }
        Ref item(Ref r, std::size_t i) const { return slot(r, i).node; }
        std::string_view key(Ref r, std::size_t i) const {
            const Slot& s = slot(r, i);
            return std::string_view(t.text_.data() + s.key, s.key_size);
        }
        Ref member(Ref r, std::size_t i) const { return slot(r, i).node; }
        std::string_view string(Ref r) const {
            const Node& n = t.nodes_[r];
            return std::string_view(t.text_.data() + n.first, n.count);
        }
        void append_number(Ref r, std::string& out) const { out.append(string(r)); }
        bool boolean(Ref r) const { return t.nodes_[r].boolean; }
        void prefetch(Ref, bool) const {}
    };
};

}  // namespace toon::core
