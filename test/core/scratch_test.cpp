// Scratch<C> (scratch.hpp): working buffers that keep their capacity from
// one call to the next, within bounds.
#include "scratch.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

using toon::core::kScratchKeepBytes;
using toon::core::kScratchSpares;
using toon::core::Scratch;

namespace {
// A type no other code uses, so the spares seen here are this test's own.
struct Item {
    int a[4];
};
using Items = std::vector<Item>;
}  // namespace

TEST(Scratch, StartsEmptyWithTheCapacityOfTheLastOne) {
    const Item* data = nullptr;
    {
        Scratch<Items> v;
        EXPECT_TRUE(v.empty());
        v.resize(100);
        data = v.data();
    }
    Scratch<Items> w;
    EXPECT_TRUE(w.empty());         // emptied when handed back
    EXPECT_GE(w.capacity(), 100u);  // but its storage kept
    EXPECT_EQ(static_cast<const void*>(w.data()), static_cast<const void*>(data));
}

TEST(Scratch, NestedOnesGetTheirOwnStorage) {
    {
        Scratch<Items> warm;
        warm.resize(10);
    }
    Scratch<Items> outer;
    Scratch<Items> inner;
    outer.resize(10);
    inner.resize(10);
    EXPECT_NE(outer.data(), inner.data());
}

// Storage past kScratchKeepBytes is freed; smaller storage is kept.
std::size_t capacity_after_handing_back(std::size_t items) {
    std::vector<std::unique_ptr<Scratch<Items>>> hold;  // takes every spare there is
    for (std::size_t i = 0; i < kScratchSpares; ++i) hold.push_back(std::make_unique<Scratch<Items>>());
    {
        Scratch<Items> used;
        used.resize(items);
    }
    Scratch<Items> next;
    return next.capacity();
}

TEST(Scratch, LargeStorageIsFreedNotKept) {
    EXPECT_EQ(capacity_after_handing_back(kScratchKeepBytes / sizeof(Item) + 1), 0u);
    EXPECT_GE(capacity_after_handing_back(kScratchKeepBytes / sizeof(Item)), kScratchKeepBytes / sizeof(Item));
}

TEST(Scratch, KeepsAtMostAFewSparesPerType) {
    std::vector<Scratch<std::string>*> many;
    for (std::size_t i = 0; i < kScratchSpares + 3; ++i) {
        many.push_back(new Scratch<std::string>());
        many.back()->assign(200, 'x');
    }
    for (auto* s : many) delete s;
    std::vector<Scratch<std::string>*> again;
    std::size_t with_capacity = 0;
    for (std::size_t i = 0; i < kScratchSpares + 3; ++i) {
        again.push_back(new Scratch<std::string>());
        EXPECT_TRUE(again.back()->empty());
        if (again.back()->capacity() >= 200) ++with_capacity;
    }
    EXPECT_EQ(with_capacity, kScratchSpares);
    for (auto* s : again) delete s;
}
