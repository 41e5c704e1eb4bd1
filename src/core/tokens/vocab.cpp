// Validation of the packed vocabulary tables (see vocab.hpp).
#include "vocab.hpp"

#include "error.hpp"

namespace toon::core {

Vocab::Vocab(const unsigned char* data, std::size_t size) {
    auto fail = [] { return Error(ErrorCode::Internal, "toon: embedded token vocabulary is corrupt"); };
    if (size < 16 || reinterpret_cast<std::uintptr_t>(data) % 8 != 0) throw fail();
    auto words = reinterpret_cast<const std::uint32_t*>(data);
    std::uint32_t slot_count = words[2], blob_size = words[3];
    count_ = words[1];
    if (words[0] != kVocabMagic || count_ == 0 || slot_count == 0 || (slot_count & (slot_count - 1)) != 0) throw fail();
    std::size_t entries_size = (4 * std::size_t(count_) + 7) / 8 * 8;  // slots stay 8-byte aligned
    std::size_t expected = 16 + entries_size + 8 * std::size_t(slot_count) + blob_size;
    if (size < expected) throw fail();
    entries_ = words + 4;
    slots_ = reinterpret_cast<const std::uint64_t*>(data + 16 + entries_size);
    blob_ = data + 16 + entries_size + 8 * std::size_t(slot_count);
    mask_ = slot_count - 1;
    if (entries_[count_ - 1] >= blob_size) throw fail();
}

}  // namespace toon::core
