// Working buffers that keep their capacity from one call to the next
// (issue 10): decoding a short document (a few hundred bytes, one row of a
// table) used to spend a third of its time in malloc and free for vectors and
// strings that every call builds, grows and throws away.
//
// A Scratch<C> is an ordinary, empty container C (a std::vector or a
// std::string) that starts with the capacity of a spare left by an earlier
// Scratch<C> of the same thread, and hands its own storage back, emptied,
// when it is destroyed. Storage larger than kScratchKeepBytes is freed as
// usual, and at most kScratchSpares spares of one type are kept, so a thread
// keeps a few small buffers, whatever the size of the documents it decodes.
// Nested Scratches of one type (a decode inside a decode) each get their own.
// Spares are per thread, so that threads never share them.
#pragma once

#include <cstddef>
#include <utility>

namespace toon::core {

inline constexpr std::size_t kScratchKeepBytes = 32 * 1024;
inline constexpr std::size_t kScratchSpares = 4;

// Spare storage for Scratch<C>: a few emptied containers.
template <typename C>
struct ScratchSpares {
    C items[kScratchSpares];
    std::size_t count = 0;
};

template <typename C>
class Scratch : public C {
public:
    // Spares of this thread: owners that hold several Scratches keep theirs in
    // one thread_local struct and pass them in, which saves a thread-local
    // lookup per buffer (a call into the dynamic linker in a shared library).
    explicit Scratch(ScratchSpares<C>& spares) : spares_(&spares) {
        if (spares.count) C::swap(spares.items[--spares.count]);
    }
    Scratch() : Scratch(thread_spares()) {}
    ~Scratch() {
        C::clear();
        if (C::capacity() * sizeof(typename C::value_type) > kScratchKeepBytes) return;
        if (spares_->count < kScratchSpares) C::swap(spares_->items[spares_->count++]);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

private:
    static ScratchSpares<C>& thread_spares() {
        thread_local ScratchSpares<C> spares;
        return spares;
    }
    ScratchSpares<C>* spares_;
};

}  // namespace toon::core
