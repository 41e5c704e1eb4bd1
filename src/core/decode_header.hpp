// The decoder's bookkeeping for keys and headers: the duplicate-key rule of
// sibling keys (SPEC §14.3) and the parsed form of array and keyed headers
// with their field lists (SPEC §6, §9.3). Only decode.cpp includes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decode_lines.hpp"
#include "key_hash.hpp"
#include "scratch.hpp"

namespace toon::core::decoding {

// Working memory past DecodeOptions::max_work_bytes: `what` would need more.
[[noreturn]] inline void work_limit(const char* what, std::size_t limit) {
    throw Error(ErrorCode::ProgramLimit, "document exceeds the decoder's working memory limit",
                std::string(what) + " would need more than " + std::to_string(limit) + " bytes of working memory.");
}

// What one entry of a node-based hash index costs (key view or string,
// value, link, cached hash, the allocator's header, its bucket), for the
// working-memory count.
inline constexpr std::size_t kIndexEntryBytes = 80;

// Sibling keys of the objects being decoded, for the duplicate-key rule
// (SPEC §14.3): strict mode rejects duplicates, non-strict resolves them
// last-write-wins, keeping the first occurrence's position. add() returns the
// member index the key maps to. Keys that lie inside the document are kept as
// views (no copy); others (unescaped quoted keys) are copied. Its memory
// (the keys of all open objects, their indexes and copies) counts against
// `limit` (Error(ProgramLimit) past it); a closed object's index is given back.
class KeyTracker {
public:
    struct Scope;
    // Spare storage of the working stacks (see Parser's thread spares).
    struct Spares {
        ScratchSpares<std::vector<std::string_view>> keys;
        ScratchSpares<std::vector<Scope>> scopes;
    };
    KeyTracker(std::string_view doc, std::size_t limit, Spares& spares)
        : doc_(doc), limit_(limit), keys_(spares.keys), scopes_(spares.scopes) {}

    void push() { scopes_.push_back(Scope{used_, owned_used_, 0, nullptr}); }

    void pop() {
        used_ = scopes_.back().begin;
        owned_used_ = scopes_.back().owned_begin;
        // Give back what add() counted for the index: its entries and the table.
        if (scopes_.back().index) bytes_ -= (scopes_.back().index->size() + 1) * kIndexEntryBytes;
        scopes_.pop_back();
    }

    // {index, true} when the key was already present in the innermost scope.
    std::pair<std::size_t, bool> add(std::string_view key) { return add(key.data(), key.size()); }

private:
    // add() on the key's pointer and length, kept in registers (a string_view
    // rebuilt from a spilled copy stalls store forwarding on this hot path).
    std::pair<std::size_t, bool> add(const char* data, std::size_t size) {
        std::string_view key(data, size);
        Scope& scope = scopes_.back();
        const std::size_t count = used_ - scope.begin;
        if (scope.index) {
            auto it = scope.index->find(key);
            if (it != scope.index->end()) return {it->second, true};
        } else {
            // A 64-bit filter of the scope's keys: most new keys skip the comparisons.
            const std::uint64_t bit = filter_bit(data, size);
            if (scope.filter & bit) {
                for (std::size_t i = scope.begin; i < used_; ++i)
                    if (keys_[i].size() == size && std::memcmp(keys_[i].data(), data, size) == 0)
                        return {i - scope.begin, true};
            }
            scope.filter |= bit;
        }
        if (!in_document(key)) {
            const std::string_view copy = own(key);
            data = copy.data();
        }
        if (used_ < keys_.size()) keys_[used_] = std::string_view(data, size);
        else grow(data, size);  // keys_ only grows: popped scopes leave stale entries
        ++used_;
        if (scope.index) {
            take(kIndexEntryBytes);
            scope.index->emplace(std::string_view(data, size), count);
        } else if (count + 1 > kLinearLimit) {
            take((count + 2) * kIndexEntryBytes);  // the entries, and one for the table itself
            scope.index = std::make_unique<std::unordered_map<std::string_view, std::size_t, KeyHash>>();
            for (std::size_t i = scope.begin; i < used_; ++i) scope.index->emplace(keys_[i], i - scope.begin);
        }
        return {count, false};
    }

    // Out of line: add() is inlined on the parser's recursion path.
    __attribute__((noinline)) void grow(const char* data, std::size_t size) {
        const std::size_t before = keys_.capacity();
        if (keys_.size() == before) take((before ? before : 4) * sizeof(std::string_view));  // the vector doubles
        keys_.emplace_back(data, size);
    }

    void take(std::size_t bytes) {
        bytes_ += bytes;
        if (bytes_ > limit_) work_limit("The keys of its open objects", limit_);
    }

    static std::uint64_t filter_bit(const char* data, std::size_t size) {
        if (size == 0) return 1;
        const unsigned h = static_cast<unsigned char>(data[0]) * 7u + static_cast<unsigned char>(data[size - 1]) * 3u +
                           static_cast<unsigned>(size);
        return std::uint64_t(1) << (h & 63);
    }

    bool in_document(std::string_view key) const {
        return std::less_equal<const char*>()(doc_.data(), key.data()) &&
               std::less_equal<const char*>()(key.data() + key.size(), doc_.data() + doc_.size());
    }

    std::string_view own(std::string_view key) {
        if (owned_used_ < owned_.size()) {
            std::string& copy = *owned_[owned_used_];
            if (key.size() > copy.capacity()) take(key.size() - copy.capacity());
            copy.assign(key.data(), key.size());
        } else {
            take(2 * sizeof(void*) + sizeof(std::string) + key.size());
            owned_.push_back(std::make_unique<std::string>(key));
        }
        return *owned_[owned_used_++];
    }

    static constexpr std::size_t kLinearLimit = 16;

public:
    struct Scope {
        std::size_t begin;
        std::size_t owned_begin;
        std::uint64_t filter;  // filter_bit() of every key in the scope (linear mode)
        std::unique_ptr<std::unordered_map<std::string_view, std::size_t, KeyHash>> index;
    };

private:
    std::string_view doc_;
    std::size_t limit_;
    std::size_t bytes_ = 0;                        // counted working memory
    Scratch<std::vector<std::string_view>> keys_;  // keys_[0, used_) are in use
    std::size_t used_ = 0;
    // Copies of keys outside the document; the strings never move, so views
    // into them stay valid (and nothing is allocated when there are none).
    std::vector<std::unique_ptr<std::string>> owned_;
    std::size_t owned_used_ = 0;
    Scratch<std::vector<Scope>> scopes_;
};

// A field list of a tabular or keyed header, with nested groups (SPEC §9.3).
struct FieldGroup;
struct Field {
    std::string name;
    std::string json_key;  // "name": as JSON, written once per header rather than once per row
    std::size_t slot = 0;  // member index in the row object (duplicates share the first one's)
    std::unique_ptr<FieldGroup> group;
};
struct FieldGroup {
    std::vector<Field> fields;
    std::size_t member_count = 0;  // distinct names
    bool flat = true;              // no nested groups and no duplicate names
};

// A parsed array or keyed header line (SPEC §6).
struct Header {
    bool has_key = false;
    std::string_view key;  // into the document, or into key_storage (a quoted key, unescaped)
    std::string key_storage;
    const char* key_at = nullptr;
    std::size_t length = 0;
    char delimiter = ',';
    bool keyed = false;
    std::shared_ptr<const FieldGroup> fields;  // shared with the parser's cache of the last field list
    std::size_t leaf_count = 0;
    std::string_view inline_values;  // trimmed content after the colon
    std::string duplicate_field;     // first duplicate field name, if any
    const char* duplicate_at = nullptr;
};

enum class HeaderParse { NotHeader, Invalid, Ok };

}  // namespace toon::core::decoding
