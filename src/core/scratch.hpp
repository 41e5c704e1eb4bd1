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
#pragma once

#include <cstddef>
#include <utility>

namespace toon::core {

inline constexpr std::size_t kScratchKeepBytes = 32 * 1024;
inline constexpr std::size_t kScratchSpares = 4;

template <typename C>
class Scratch : public C {
public:
    Scratch() {
        Spares& s = spares();
        if (s.count) C::swap(s.items[--s.count]);
    }
    ~Scratch() {
        C::clear();
        if (C::capacity() * sizeof(typename C::value_type) > kScratchKeepBytes) return;
        Spares& s = spares();
        if (s.count < kScratchSpares) C::swap(s.items[s.count++]);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

private:
    struct Spares {
        C items[kScratchSpares];
        std::size_t count = 0;
    };
    static Spares& spares() {
        thread_local Spares s;
        return s;
    }
};

}  // namespace toon::core
