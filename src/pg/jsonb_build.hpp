// jsonb built directly from a document tree (issue 10): no JSON text and no
// jsonb_in parse in between. Keeps jsonb's own rules: keys sorted by length
// then bytes, a repeated key keeps its last value, numbers through numeric_in
// (same range errors), "\u0000" and over-long strings rejected with jsonb_in's
// SQLSTATEs and messages.
#pragma once

#include "guard.hpp"

extern "C" {
#include "utils/jsonb.h"
}

#include "document.hpp"

namespace toon::pg {

// The jsonb of a document, in CurrentMemoryContext. Strings must already be
// in the server encoding (the caller falls back to the text path otherwise).
Jsonb* jsonb_from_document(const core::Document& doc);

}  // namespace toon::pg
