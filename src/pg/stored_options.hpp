// How the toon type reads the documents it stores: strictly, in the
// document's own indent size (toon::core::infer_indent_size), so that every
// to_toon() result, whatever its indent_size, is a valid toon value and
// survives output/input (dump and restore, casts through text).
#pragma once

#include "decode.hpp"
#include "encode.hpp"

namespace toon::pg {

// Bounds on what one call may build (docs/hardening.md): a result must fit
// in a varlena, and a compact document tree (document.hpp: toon_to_markdown,
// toon::jsonb, non-strict duplicate keys) at most kMaxTreeBytes of C++ heap.
inline constexpr std::size_t kMaxResultBytes = MaxAllocSize - VARHDRSZ;
inline constexpr std::size_t kMaxTreeBytes = MaxAllocSize;

// The decoder's own working memory (keys of open objects, a field list),
// bounded like one palloc chunk.
inline constexpr std::size_t kMaxWorkBytes = MaxAllocSize;

// The stack the encoder's read-back check lets the decoder use
// (EncodeOptions::max_stack_bytes): PostgreSQL's default max_stack_depth,
// 2 MB, less 64 kB for the frames below toon input in a restore (COPY FROM
// calls it about 2.5 kB above the stack base). So a session that raised
// max_stack_depth still stores only TOON that a default server reads back.
inline constexpr std::size_t kReadBackStackBytes = (2048 - 64) * std::size_t{1024};

// `options` with the output, tree and working-memory limits of one call.
inline toon::core::DecodeOptions with_limits(toon::core::DecodeOptions options) {
    options.max_output = kMaxResultBytes;
    options.max_tree_bytes = kMaxTreeBytes;
    options.max_work_bytes = kMaxWorkBytes;
    return options;
}

// `options` with the output limit of one call and the limits its read-back
// check applies: what toon input reads, on a server at the default
// max_stack_depth (encode.hpp).
inline toon::core::EncodeOptions with_limits(toon::core::EncodeOptions options) {
    options.max_output = kMaxResultBytes;
    options.max_work_bytes = kMaxWorkBytes;
    options.max_stack_bytes = kReadBackStackBytes;
    return options;
}

inline toon::core::DecodeOptions stored_document_options() {
    toon::core::DecodeOptions options;
    options.strict = true;
    options.indent_size = 0;
    return with_limits(options);
}

}  // namespace toon::pg
