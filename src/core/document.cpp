// The compact document tree: arena, builder, converters (see document.hpp).
#include "document.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "error.hpp"
#include "interrupt.hpp"
#include "json.hpp"
#include "json_tape.hpp"

namespace toon::core {

// ---- Arena ------------------------------------------------------------------

struct Arena::Block {
    Block* next;
    std::size_t size;
};

namespace {
// Blocks grow by doubling up to this size (larger requests get their own block).
constexpr std::size_t kMaxBlock = std::size_t{64} << 20;
}  // namespace

Arena::~Arena() { release(); }

Arena::Arena(Arena&& other) noexcept
    : blocks_(other.blocks_),
      cur_(other.cur_),
      end_(other.end_),
      next_block_(other.next_block_),
      reserved_(other.reserved_),
      limit_(other.limit_) {
    other.blocks_ = nullptr;
    other.cur_ = other.end_ = nullptr;
    other.reserved_ = 0;
}

Arena& Arena::operator=(Arena&& other) noexcept {
    if (this != &other) {
        release();
        blocks_ = other.blocks_;
        cur_ = other.cur_;
        end_ = other.end_;
        next_block_ = other.next_block_;
        reserved_ = other.reserved_;
        limit_ = other.limit_;
        other.blocks_ = nullptr;
        other.cur_ = other.end_ = nullptr;
        other.reserved_ = 0;
    }
    return *this;
}

void Arena::release() noexcept {
    while (blocks_) {
        Block* next = blocks_->next;
        std::free(blocks_);
        blocks_ = next;
    }
    cur_ = end_ = nullptr;
    reserved_ = 0;
}

void* Arena::allocate_slow(std::size_t bytes) {
    std::size_t size = next_block_;
    if (size < bytes + sizeof(Block)) size = bytes + sizeof(Block);
    if (reserved_ + size > limit_) {
        size = std::max(limit_ - std::min(limit_, reserved_), bytes + sizeof(Block));  // the last block: what is left
        if (reserved_ + size > limit_)
            throw Error(ErrorCode::ProgramLimit, "document tree exceeds the memory limit",
                        "The tree of this document would need more than " + std::to_string(limit_) + " bytes.");
    }
    auto* block = static_cast<Block*>(std::malloc(size));
    if (!block) throw std::bad_alloc();
    block->next = blocks_;
    block->size = size;
    blocks_ = block;
    reserved_ += size;
    // The next block is half of everything so far: at most a third of the
    // reserved memory is ever unused, and the block count stays logarithmic.
    next_block_ = std::min(kMaxBlock, std::max(next_block_, reserved_ / 2));
    char* start = reinterpret_cast<char*>(block + 1);
    cur_ = start + bytes;
    end_ = reinterpret_cast<char*>(block) + size;
    return start;
}

std::string_view Arena::copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size()));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
}

// ---- DocumentBuilder ----------------------------------------------------------

namespace {
void check_count(std::size_t n) {
    if (n > UINT32_MAX) throw Error(ErrorCode::ProgramLimit, "too many elements in one array or object");
}
}  // namespace

DocumentBuilder::Spares& DocumentBuilder::thread_spares() {
    thread_local Spares spares;
    return spares;
}

DocumentBuilder::DocumentBuilder(std::string_view source, std::size_t first_block, std::size_t max_bytes,
                                 Spares& spares)
    : source_begin_(source.data()),
      source_end_(source.data() + source.size()),
      values_(spares.values),
      keys_(spares.keys),
      frames_(spares.frames),
      shapes_(spares.shapes) {
    // One scan of the source here saves one per string and key in jsonb.
    note_copy(source);
    doc_.arena_ = Arena(std::min(first_block, max_bytes));
    doc_.arena_.set_limit(max_bytes);
    values_.reserve(64);
    values_.emplace_back();  // the root's slot
    frames_.reserve(16);
}

// Moves the `n` children of the container of frame `f` from the scratch
// stack into one block of the arena, after `header` bytes (an object's key
// span pointer); nullptr when there are none.
void* DocumentBuilder::close(const Frame& f, std::size_t n, std::size_t header) {
    check_count(n);
    if (n == 0) return nullptr;
    char* block = static_cast<char*>(doc_.arena_.allocate(header + n * sizeof(Node)));
    std::memcpy(static_cast<void*>(block + header), values_.data() + f.values, n * sizeof(Node));
    values_.resize(f.values);
    return block;
}

void DocumentBuilder::end_array() {
    const Frame f = frames_.back();
    frames_.pop_back();
    const std::size_t n = values_.size() - f.values;
    Node node;
    node.ptr = close(f, n, 0);
    node.kind = Kind::Array;
    node.size_ = static_cast<std::uint32_t>(n);
    values_[f.target] = node;
}

void DocumentBuilder::end_object() {
    const Frame f = frames_.back();
    frames_.pop_back();
    const std::size_t n = values_.size() - f.values;
    Node node;
    node.ptr = close(f, n, sizeof(ObjectBody));
    node.kind = Kind::Object;
    node.size_ = static_cast<std::uint32_t>(n);
    if (n) {
        static_cast<ObjectBody*>(const_cast<void*>(node.ptr))->keys =
            shape_of(keys_.data() + f.keys, n, frames_.size());
        keys_.resize(f.keys);
    }
    values_[f.target] = node;
}

void DocumentBuilder::begin_row(const Key* keys, std::size_t n) {
    check_count(n);
    const std::uint32_t target = open_slot();
    Node node;
    node.kind = Kind::Object;
    node.size_ = static_cast<std::uint32_t>(n);
    if (n) {
        auto* body = static_cast<ObjectBody*>(doc_.arena_.allocate(sizeof(ObjectBody) + n * sizeof(Node)));
        body->keys = keys;
        row_next_ = body->values();
        row_end_ = row_next_ + n;
        node.ptr = body;
    } else {
        row_next_ = row_end_ = nullptr;
    }
    values_[target] = node;
}

void DocumentBuilder::row_mismatch() {
    throw Error(ErrorCode::Internal, "table row values do not match its field list");
}

void DocumentBuilder::grow_stacks() {
    // Every key on keys_ has its value on values_, so keys_ needs at most as
    // many entries: both are counted at values_'s new capacity.
    const std::size_t entries = std::max<std::size_t>(64, values_.capacity() * 2);
    const std::size_t stacks = entries * (sizeof(Node) + sizeof(Key));
    const std::size_t limit = doc_.arena_.limit();
    if (stacks > limit || doc_.arena_.reserved() > limit - stacks)
        throw Error(ErrorCode::ProgramLimit, "document tree exceeds the memory limit",
                    "The tree of this document and its working stacks would need more than " + std::to_string(limit) +
                        " bytes.");
    values_.reserve(entries);
}

void DocumentBuilder::too_long(const char* what) {
    throw Error(ErrorCode::ProgramLimit, std::string(what) + " too long for the document tree");
}

const char* DocumentBuilder::copy_text(std::string_view s) {
    note_copy(s);
    return doc_.arena_.copy(s).data();
}

Key DocumentBuilder::copy_key(std::string_view key) {
    const auto size = static_cast<std::uint32_t>(key.size());
    KeyCacheEntry& e = key_cache_[(reinterpret_cast<std::uintptr_t>(key.data()) >> 3) & 15];
    if (e.from == key.data() && e.key.size == size && std::memcmp(e.key.data, key.data(), size) == 0) return e.key;
    e.from = key.data();
    note_copy(key);
    e.key = Key{doc_.arena_.copy(key).data(), size};
    return e.key;
}

const Key* DocumentBuilder::shape_of(const Key* keys, std::size_t n, std::size_t depth) {
    if (depth >= shapes_.size()) shapes_.resize(depth + 1);
    Shape& last = shapes_[depth];
    if (last.size == n) {
        std::size_t i = 0;
        for (; i < n; ++i) {
            const Key& a = last.keys[i];
            const Key& b = keys[i];
            if (a.size != b.size || (a.data != b.data && std::memcmp(a.data, b.data, a.size) != 0)) break;
        }
        if (i == n) return last.keys;
    }
    auto* copy = static_cast<Key*>(doc_.arena_.allocate(n * sizeof(Key)));
    std::memcpy(static_cast<void*>(copy), keys, n * sizeof(Key));
    last.keys = copy;
    last.size = n;
    return copy;
}

Document DocumentBuilder::finish() {
    doc_.root_ = values_[0];
    doc_.may_hold_nul_ = nul_seen_;
    return std::move(doc_);
}

// ---- converters ---------------------------------------------------------------

namespace {

void build_from_value(DocumentBuilder& b, const Value& v, StackGuard& stack) {
    const StackGuard::Level level(stack);
    switch (v.kind) {
        case Kind::Null: b.null(); return;
        case Kind::Bool: b.boolean(v.boolean); return;
        case Kind::Number: b.number(v.text); return;
        case Kind::String: b.string(v.text); return;
        case Kind::Array:
            b.begin_array(v.items.size());
            for (const Value& item : v.items) build_from_value(b, item, stack);
            b.end_array();
            return;
        case Kind::Object:
            b.begin_object(v.members.size());
            for (std::size_t i = 0; i < v.members.size(); ++i) {
                b.member(v.members[i].first, i);
                build_from_value(b, v.members[i].second, stack);
            }
            b.end_object();
            return;
    }
}

}  // namespace

Document document_from_value(const Value& value) {
    DocumentBuilder b(std::string_view{});
    StackGuard stack;
    build_from_value(b, value, stack);
    return b.finish();
}

Value to_value(const Node& node) {
    check_stack();
    switch (node.kind) {
        case Kind::Null: return Value::null();
        case Kind::Bool: return Value::from_bool(node.boolean);
        case Kind::Number: return Value::number(std::string(node.text()));
        case Kind::String: return Value::string(std::string(node.text()));
        case Kind::Array: {
            Value v = Value::array();
            v.items.reserve(node.items().size());
            for (const Node& item : node.items()) v.items.push_back(to_value(item));
            return v;
        }
        case Kind::Object: {
            Value v = Value::object();
            v.members.reserve(node.members().size());
            for (const MemberRef m : node.members()) v.members.emplace_back(std::string(m.first), to_value(m.second));
            return v;
        }
    }
    return Value::null();
}

namespace {

// Emits the tape's value at `root` into `b` (see document_from_tape).
void build_from_tape(DocumentBuilder& b, const TapeView& tape, std::uint32_t root) {
    // Iterative walk: the tape may nest far deeper than the C stack allows.
    struct Open {
        std::uint32_t node;
        std::uint32_t next;  // next element
    };
    std::vector<Open> stack;
    Poller<> poller;
    auto emit = [&](std::uint32_t index) {
        const JsonTape::Node& n = tape.nodes[index];
        switch (n.kind) {
            case Kind::Null: b.null(); return;
            case Kind::Bool: b.boolean(n.boolean); return;
            case Kind::Number: b.number(tape.text.substr(n.first, n.count)); return;
            case Kind::String: b.string(tape.text.substr(n.first, n.count)); return;
            case Kind::Array:
                b.begin_array(n.count);
                stack.push_back(Open{index, 0});
                return;
            case Kind::Object:
                b.begin_object(n.count);
                stack.push_back(Open{index, 0});
                return;
        }
    };
    emit(root);
    while (!stack.empty()) {
        poller.tick();
        Open& top = stack.back();
        const JsonTape::Node& n = tape.nodes[top.node];
        if (top.next == n.count) {
            if (n.kind == Kind::Array) b.end_array();
            else b.end_object();
            stack.pop_back();
            continue;
        }
        const JsonTape::Slot& slot = tape.slots[n.first + top.next];
        if (n.kind == Kind::Object) b.member(tape.text.substr(slot.key, slot.key_size), top.next);
        ++top.next;
        emit(slot.node);  // may grow the stack: `top` is not used after this
    }
}

}  // namespace

Document document_from_tape(const TapeView& tape, std::uint32_t root, std::size_t max_bytes) {
    DocumentBuilder b(tape.text, tape.node_count * sizeof(Node) + 4096, max_bytes);
    build_from_tape(b, tape, root);
    return b.finish();
}

Document parse_json_document(std::string_view text, std::size_t max_bytes) {
    JsonTape tape = parse_json_tape(text, max_bytes);
    auto owned = std::make_unique<std::string>(std::move(tape.text));
    const TapeView view{tape.nodes.data(), tape.slots.data(), *owned, tape.nodes.size()};
    DocumentBuilder b(view.text, view.node_count * sizeof(Node) + 4096, max_bytes);
    build_from_tape(b, view, tape.root);
    b.own_source(std::move(owned));
    return b.finish();
}

namespace {

// Stops with Error(ProgramLimit) once the output passes `max_output` bytes
// past `start` (checked per value, so it overshoots by at most one string).
struct JsonOut {
    std::string& out;
    std::size_t start;
    std::size_t max_output;
    void check() const {
        if (out.size() - start > max_output) throw too_large("JSON output", max_output);
    }
};

void write_node(const Node& node, JsonOut& o, Poller<>& poller) {
    std::string& out = o.out;
    poller.tick();
    o.check();
    switch (node.kind) {
        case Kind::Null: out += "null"; return;
        case Kind::Bool: out += node.boolean ? "true" : "false"; return;
        case Kind::Number: out.append(node.text()); return;
        case Kind::String: write_json_string(node.text(), out); return;
        case Kind::Array: {
            check_stack();
            out += '[';
            bool first = true;
            for (const Node& item : node.items()) {
                if (!first) out += ',';
                first = false;
                write_node(item, o, poller);
            }
            out += ']';
            return;
        }
        case Kind::Object: {
            check_stack();
            out += '{';
            bool first = true;
            for (const MemberRef m : node.members()) {
                if (!first) out += ',';
                first = false;
                write_json_string(m.first, out);
                out += ':';
                write_node(m.second, o, poller);
            }
            out += '}';
            return;
        }
    }
}

}  // namespace

void write_json_into(const Node& node, std::string& out, std::size_t max_output) {
    Poller<> poller;
    JsonOut o{out, out.size(), max_output};
    write_node(node, o, poller);
    o.check();
}

}  // namespace toon::core
