#include <gtest/gtest.h>

#include "decoder.hpp"
#include "json.hpp"

using namespace toon::core;

TEST(Decoder, Smoke) { EXPECT_EQ(write_json(decode("a: 1")), "{\"a\":1}"); }
