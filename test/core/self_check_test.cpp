// The planted failure of the suites' self-check (test/suites/99-self-check.sh):
// disabled, so it never runs in a normal run; 10-core-unit and 15-core-sanitize
// run it (and only it) when TOON_PLANT_FAILURE is set, and must then report a
// failure through the same checks that count real ones.
#include <gtest/gtest.h>

TEST(SelfCheck, DISABLED_PlantedFailure) { FAIL() << "planted failure (TOON_PLANT_FAILURE self-check)"; }
