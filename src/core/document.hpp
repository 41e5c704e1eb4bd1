// The compact document tree (issue 10): what the decoder builds for every
// path that needs a tree (Markdown, jsonb), instead of a Value tree.
//
// Every node is 16 bytes and lives in one arena owned by the Document.
// Strings and number text are views into the decoded input where they need
// no unescaping or canonicalisation, else copies in the arena. Array items
// and object values sit in contiguous spans; the keys of an object are a
// separate span that consecutive objects of the same shape (table rows, list
// items with the same fields) share. Destroying a Document frees a handful
// of arena blocks, whatever the tree's size, so an error or a cancel that
// abandons a tree unwinds at once without parking anything.
//
// A Document that views its input is valid only while that input lives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "json_tape.hpp"
#include "scratch.hpp"
#include "value.hpp"

namespace toon::core {

// Bump allocator: blocks of growing size, all freed by the destructor.
class Arena {
public:
    Arena() = default;
    // `first_block`: the size of the first block (0: 4 KiB; at least 256 bytes).
    explicit Arena(std::size_t first_block)
        : next_block_(first_block == 0    ? 4096
                      : first_block < 256 ? 256
                                          : first_block) {}
    ~Arena();
    Arena(Arena&& other) noexcept;
    Arena& operator=(Arena&& other) noexcept;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;

    // 8-byte aligned; throws std::bad_alloc.
    void* allocate(std::size_t bytes) {
        bytes = (bytes + 7) & ~std::size_t{7};
        if (static_cast<std::size_t>(end_ - cur_) < bytes) return allocate_slow(bytes);
        void* p = cur_;
        cur_ += bytes;
        return p;
    }
    std::string_view copy(std::string_view s);

    // A bound on reserved(): past it, allocate() throws Error(ProgramLimit).
    void set_limit(std::size_t bytes) { limit_ = bytes; }
    std::size_t limit() const { return limit_; }

    // Bytes obtained from the system (blocks), and bytes handed out.
    std::size_t reserved() const { return reserved_; }
    std::size_t used() const { return reserved_ - static_cast<std::size_t>(end_ - cur_); }

private:
    void* allocate_slow(std::size_t bytes);
    void release() noexcept;

    struct Block;
    Block* blocks_ = nullptr;
    char* cur_ = nullptr;
    char* end_ = nullptr;
    std::size_t next_block_ = 64 * 1024;
    std::size_t reserved_ = 0;
    std::size_t limit_ = static_cast<std::size_t>(-1);
};

// An object key: a view, 16 bytes.
struct Key {
    const char* data;
    std::uint32_t size;
    std::string_view view() const { return {data, size}; }
};

template <typename T>
struct Span;
struct MemberSpan;

// One JSON value (SPEC §2), 16 bytes. Numbers are canonical text (number.hpp).
struct Node {
    const void* ptr = nullptr;  // String/Number: bytes; Array: Node[size]; Object: ObjectBody
    std::uint32_t size_ = 0;    // String/Number: byte length; Array/Object: element count
    Kind kind = Kind::Null;
    bool boolean = false;

    bool is_primitive() const { return kind != Kind::Array && kind != Kind::Object; }
    std::string_view text() const { return {static_cast<const char*>(ptr), size_}; }
    inline Span<Node> items() const;
    inline MemberSpan members() const;
};
static_assert(sizeof(Node) == 16, "Node must stay 16 bytes");

// One member as the renderer reads it.
struct MemberRef {
    std::string_view first;
    const Node& second;
};

template <typename T>
struct Span {
    const T* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }
};

// The members of an object: keys and values side by side.
struct MemberSpan {
    const Key* keys = nullptr;
    const Node* values = nullptr;
    std::size_t size_ = 0;

    struct iterator {
        const Key* k;
        const Node* v;
        MemberRef operator*() const { return MemberRef{k->view(), *v}; }
        iterator& operator++() {
            ++k;
            ++v;
            return *this;
        }
        bool operator!=(const iterator& o) const { return v != o.v; }
    };
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    MemberRef operator[](std::size_t i) const { return MemberRef{keys[i].view(), values[i]}; }
    iterator begin() const { return {keys, values}; }
    iterator end() const { return {keys + size_, values + size_}; }
};

// An object's storage in the arena: the shared key span, then the values.
struct ObjectBody {
    const Key* keys;
    const Node* values() const { return reinterpret_cast<const Node*>(this + 1); }
    Node* values() { return reinterpret_cast<Node*>(this + 1); }
};

inline Span<Node> Node::items() const {
    return kind == Kind::Array ? Span<Node>{static_cast<const Node*>(ptr), size_} : Span<Node>{};
}

inline MemberSpan Node::members() const {
    if (kind != Kind::Object || size_ == 0) return {};
    const auto* body = static_cast<const ObjectBody*>(ptr);
    return MemberSpan{body->keys, body->values(), size_};
}

// A tree and the arena that holds it (plus, optionally, the text it views).
class Document {
public:
    Document() = default;
    Document(Document&&) noexcept = default;
    Document& operator=(Document&&) noexcept = default;

    const Node& root() const { return root_; }
    // Bytes of the tree: arena blocks (the viewed input not included).
    std::size_t memory() const { return arena_.reserved(); }
    // Total number of nodes (values) in the tree, and of numbers among them.
    std::size_t node_count() const { return nodes_; }
    std::size_t number_count() const { return numbers_; }
    // False when no string or key can hold a NUL byte (none in the viewed
    // input, none in the copies): jsonb's \u0000 check can then be skipped.
    bool may_hold_nul() const { return may_hold_nul_; }

private:
    friend class DocumentBuilder;
    Arena arena_;
    Node root_;
    std::size_t nodes_ = 0;
    std::size_t numbers_ = 0;
    bool may_hold_nul_ = true;
    std::unique_ptr<std::string> owned_;  // text viewed by the tree, when the Document owns it
};

// Builds a Document from sink events (the decoder's sink interface; also the
// JSON tape and Value converters). Children wait on a scratch stack and are
// copied into the arena, contiguous, when their container closes. Strings
// inside `source` are kept as views; any other string is copied.
class DocumentBuilder {
public:
    // `max_bytes` bounds the tree's arena (Error(ProgramLimit) past it).
    explicit DocumentBuilder(std::string_view source, std::size_t first_block = 0,
                             std::size_t max_bytes = static_cast<std::size_t>(-1))
        : DocumentBuilder(source, first_block, max_bytes, thread_spares()) {}

    void begin_object(std::size_t) {
        const std::uint32_t target = open_slot();
        frames_.push_back(
            Frame{static_cast<std::uint32_t>(values_.size()), static_cast<std::uint32_t>(keys_.size()), target, true});
    }
    void begin_array(std::size_t) {
        const std::uint32_t target = open_slot();
        frames_.push_back(Frame{static_cast<std::uint32_t>(values_.size()), 0, target, false});
    }
    void end_object();
    void end_array();
    // A table row: an object of `n` values whose keys are `keys` (from
    // key_span(), shared by every row of the table). It is placed in the
    // arena at once; its values follow through the row_*() calls, straight
    // into place, and end_row() checks that all `n` came.
    void begin_row(const Key* keys, std::size_t n);
    void row_null() { row_value(Node{}); }
    void row_boolean(bool b) { row_value(bool_node(b)); }
    void row_number(std::string_view canonical) { row_value(number_node(canonical)); }
    void row_string(std::string_view s) { row_value(text_node(Kind::String, s)); }
    void end_row() {
        if (row_next_ != row_end_) row_mismatch();
    }
    // `n` keys, name(i) each, copied into the tree once for many rows.
    template <typename Name>
    const Key* key_span(std::size_t n, Name&& name) {
        auto* keys = static_cast<Key*>(doc_.arena_.allocate(n * sizeof(Key)));
        for (std::size_t i = 0; i < n; ++i) keys[i] = intern_key(name(i));
        return keys;
    }
    // The next value is the member at `index` of the innermost object: a new
    // member when index is the member count, else it replaces the value (LWW).
    void member(std::string_view key, std::size_t index) {
        const Frame& f = frames_.back();
        const std::size_t count = keys_.size() - f.keys;
        if (index < count) {
            pending_ = static_cast<std::uint32_t>(f.values + index);  // a repeated key: last value wins
            return;
        }
        room();
        keys_.push_back(intern_key(key));
        values_.emplace_back();
        pending_ = static_cast<std::uint32_t>(values_.size() - 1);
    }
    void null() { set(Node{}); }
    void boolean(bool b) { set(bool_node(b)); }
    // `canonical` must already be canonical (number.hpp).
    void number(std::string_view canonical) { set(number_node(canonical)); }
    void string(std::string_view s) { set(text_node(Kind::String, s)); }

    // Makes the builder's text part of the Document (views stay valid).
    void own_source(std::unique_ptr<std::string> text) { doc_.owned_ = std::move(text); }
    Document finish();

private:
    struct Frame {
        std::uint32_t values;  // first child on values_
        std::uint32_t keys;    // first key on keys_ (objects)
        std::uint32_t target;  // where the finished container goes on values_
        bool object;
    };
    struct Shape {
        const Key* keys = nullptr;
        std::size_t size = 0;
    };

    // Spare storage of the working stacks, per thread.
    struct Spares {
        ScratchSpares<std::vector<Node>> values;
        ScratchSpares<std::vector<Key>> keys;
        ScratchSpares<std::vector<Frame>> frames;
        ScratchSpares<std::vector<Shape>> shapes;
    };
    static Spares& thread_spares();
    DocumentBuilder(std::string_view source, std::size_t first_block, std::size_t max_bytes, Spares& spares);

    void row_value(const Node& n) {
        if (row_next_ == row_end_) row_mismatch();
        ++doc_.nodes_;
        *row_next_++ = n;
    }
    [[noreturn]] static void row_mismatch();
    void set(const Node& n) {
        ++doc_.nodes_;
        if (frames_.empty()) {
            values_[0] = n;
        } else if (!frames_.back().object) {
            room();
            values_.push_back(n);
        } else {
            values_[pending_] = n;
        }
    }
    // Hot paths inline (the decoder calls them per value); copies out of line.
    std::uint32_t open_slot() {
        ++doc_.nodes_;
        if (frames_.empty()) return 0;
        if (frames_.back().object) return pending_;
        room();
        values_.emplace_back();
        return static_cast<std::uint32_t>(values_.size() - 1);
    }
    static Node bool_node(bool b) {
        Node n;
        n.kind = Kind::Bool;
        n.boolean = b;
        return n;
    }
    Node number_node(std::string_view canonical) {
        ++doc_.numbers_;
        return text_node(Kind::Number, canonical);
    }
    Node text_node(Kind kind, std::string_view s) {
        if (s.size() > UINT32_MAX) too_long("string");
        Node n;
        n.kind = kind;
        n.size_ = static_cast<std::uint32_t>(s.size());
        n.ptr = in_source(s) ? s.data() : copy_text(s);
        return n;
    }
    Key intern_key(std::string_view key) {
        if (key.size() > UINT32_MAX) too_long("key");
        if (key.empty()) return Key{"", 0};
        if (in_source(key)) return Key{key.data(), static_cast<std::uint32_t>(key.size())};
        return copy_key(key);
    }
    [[noreturn]] static void too_long(const char* what);
    // Room for one more child on the working stacks. They hold the children
    // of every open container (a root array's items until it closes) and
    // count against the tree's limit with the arena (docs/hardening.md).
    void room() {
        if (values_.size() == values_.capacity()) grow_stacks();
    }
    void grow_stacks();
    const char* copy_text(std::string_view s);
    Key copy_key(std::string_view key);
    const Key* shape_of(const Key* keys, std::size_t n, std::size_t depth);
    void* close(const Frame& f, std::size_t n, std::size_t header);
    bool in_source(std::string_view s) const { return s.data() >= source_begin_ && s.data() + s.size() <= source_end_; }

    // A copy (or the source) holds a NUL byte (Document::may_hold_nul()).
    void note_copy(std::string_view s) {
        if (!nul_seen_ && !s.empty() && std::memchr(s.data(), '\0', s.size())) nul_seen_ = true;
    }

    Document doc_;
    bool nul_seen_ = false;
    const char* source_begin_;
    const char* source_end_;
    // Working stacks, with capacity kept from one document to the next.
    Scratch<std::vector<Node>> values_;
    Scratch<std::vector<Key>> keys_;
    Scratch<std::vector<Frame>> frames_;
    Scratch<std::vector<Shape>> shapes_;  // the last object shape seen at each depth
    std::uint32_t pending_ = 0;
    Node* row_next_ = nullptr;  // begin_row(): where the next value goes
    Node* row_end_ = nullptr;
    // Keys from outside the source (field names, unescaped keys), by address:
    // one arena copy serves every row of a table.
    struct KeyCacheEntry {
        const char* from = nullptr;
        Key key{nullptr, 0};
    };
    KeyCacheEntry key_cache_[16];
};

// A tape's flat layout (json_tape.hpp; also agg.hpp's AggTape): its
// nodes, slots and text, and how many nodes it holds (sizes the arena).
struct TapeView {
    const JsonTape::Node* nodes;
    const JsonTape::Slot* slots;
    std::string_view text;
    std::size_t node_count;
};

// The Document of the tape's value at node `root`. Strings, numbers and keys
// are views into `tape.text`: the Document is valid while that text lives
// unchanged. Every slot of an object is a member of its own, in slot order
// (a tape's duplicate keys stay, as in the tape). Iterative (any depth),
// polls cancel; the arena is bounded by `max_bytes` (Error(ProgramLimit)).
Document document_from_tape(const TapeView& tape, std::uint32_t root,
                            std::size_t max_bytes = static_cast<std::size_t>(-1));

// A Document copying `value` (tests, callers that hold a Value).
Document document_from_value(const Value& value);

// The Value a Document describes (tests).
Value to_value(const Node& node);

// Parses one JSON text (json.hpp rules: errors, duplicate keys, numbers) into
// a Document that owns its text.
Document parse_json_document(std::string_view text, std::size_t max_bytes = static_cast<std::size_t>(-1));

// Appends the compact JSON text of a node (same text as write_json of to_value).
void write_json_into(const Node& node, std::string& out, std::size_t max_output = static_cast<std::size_t>(-1));

// JSON.stringify(node, null, indent), as write_json_pretty_into of a Value
// (json.hpp; the code is in json_writer.cpp).
void write_json_pretty_into(const Node& node, int indent, std::string& out);

}  // namespace toon::core
