// Validation of the packed vocabulary tables (see vocab.hpp).
#include "vocab.hpp"

#include "error.hpp"

namespace toon::core {

Vocab::Vocab(const unsigned char* data, std::size_t size) {
    auto fail = [] { return Error(ErrorCode::Internal, "toon: embedded token vocabulary is corrupt"); };
    if (size < 16 || reinterpret_cast<std::uintptr_t>(data) % 4 != 0) throw fail();
    auto words = reinterpret_cast<const std::uint32_t*>(data);
    std::uint32_t slot_count = words[2], byte_count = words[3];
    count_ = words[1];
    if (words[0] != kVocabMagic || count_ == 0 || slot_count == 0 || (slot_count & (slot_count - 1)) != 0)
        throw fail();
    std::size_t expected = 16 + 4 * (std::size_t(count_) + 1) + 4 * std::size_t(slot_count) + byte_count;
    if (size < expected) throw fail();
    offsets_ = words + 4;
    slots_ = offsets_ + count_ + 1;
    bytes_ = reinterpret_cast<const unsigned char*>(slots_ + slot_count);
    mask_ = slot_count - 1;
    if (offsets_[count_] != byte_count) throw fail();
}

}  // namespace toon::core
