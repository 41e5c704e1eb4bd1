// A parsed JSON text in a few flat arrays (a "tape"), for encoding large
// json values without a Value tree: one node per value, one slot per
// container element, all text in one buffer. Building it makes no allocation
// per value and freeing it is immediate, so memory stays near the input size
// and a canceled encode returns at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "value.hpp"

namespace toon::core {

struct JsonTape {
    struct Node {
        std::uint64_t first;  // String/Number: offset in text; Array/Object: first slot
        std::uint32_t count;  // String/Number: byte length; Array/Object: elements
        Kind kind;
        bool boolean;
    };
    struct Slot {
        std::uint64_t key;       // offset in text (objects)
        std::uint32_t key_size;  // byte length (objects)
        std::uint32_t node;      // the element's node
    };
    std::vector<Node> nodes;
    std::vector<Slot> slots;
    std::string text;  // unescaped strings and keys, canonical numbers
    std::uint32_t root = 0;
};

// Parses one JSON text exactly like parse_json() (same errors, duplicate keys
// and numbers) into a tape. A tape whose buffers would pass max_bytes (about
// 33 bytes a value, plus the text: 16x the input for an array of one-digit
// numbers) stops with Error(ProgramLimit).
JsonTape parse_json_tape(std::string_view text, std::size_t max_bytes = static_cast<std::size_t>(-1));

}  // namespace toon::core
