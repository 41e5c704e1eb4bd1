// How the toon type reads the documents it stores: strictly, in the
// document's own indent size (toon::core::infer_indent_size), so that every
// to_toon() result, whatever its indent_size, is a valid toon value and
// survives output/input (dump and restore, casts through text).
#pragma once

#include "decoder.hpp"

namespace toon::pg {

inline toon::core::DecodeOptions stored_document_options() {
    toon::core::DecodeOptions options;
    options.strict = true;
    options.indent_size = 0;
    return options;
}

}  // namespace toon::pg
