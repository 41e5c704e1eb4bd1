// Core codec throughput for bench/codec.sh: decode and encode MB/s of TOON
// text (input for decode, output for encode) on the documents written by
// bench/codec_data.mjs, median of repeated runs. Also checks that the core
// agrees with the reference on them (encode byte-identical, decode equal to
// the JSON), so a fast but wrong codec can't look good.
//
// Usage: codec_bench <dir> <name>...   prints "core_<op>_<name> <value>" lines.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "decoder.hpp"
#include "encoder.hpp"
#include "error.hpp"
#include "json.hpp"

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) { std::fprintf(stderr, "cannot read %s\n", path.c_str()); std::exit(1); }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Median wall time in seconds of `reps` runs of f().
template <typename F>
double median_seconds(int reps, F&& f) {
    std::vector<double> t;
    for (int i = 0; i < reps; i++) {
        auto t0 = std::chrono::steady_clock::now();
        f();
        t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    using namespace toon::core;
    if (argc < 3) { std::fprintf(stderr, "usage: %s <dir> <name>...\n", argv[0]); return 2; }
    const char* env = std::getenv("BENCH_REPS");
    const int reps = env ? std::max(1, std::atoi(env)) : 11;
    try {
        for (int a = 2; a < argc; a++) {
            const std::string name = argv[a];
            const std::string toon = read_file(std::string(argv[1]) + "/" + name + ".toon");
            const Value value = parse_json(read_file(std::string(argv[1]) + "/" + name + ".json"));
            const double mb = toon.size() / 1e6;

            std::printf("core_same_encode_%s %s\n", name.c_str(), encode(value) == toon ? "yes" : "NO");
            std::printf("core_same_decode_%s %s\n", name.c_str(), decode(toon) == value ? "yes" : "NO");

            std::size_t sink = 0;
            double d = median_seconds(reps, [&] { sink += decode(toon).items.size(); });
            double v = median_seconds(reps, [&] { validate(toon); sink++; });
            std::string out;
            double e = median_seconds(reps, [&] { out.clear(); encode_into(value, {}, out); sink += out.size(); });
            std::printf("core_decode_%s %.1f\n", name.c_str(), mb / d);
            std::printf("core_validate_%s %.1f\n", name.c_str(), mb / v);
            std::printf("core_encode_%s %.1f\n", name.c_str(), mb / e);
            std::printf("core_mb_%s %.2f\n", name.c_str(), mb);
            if (sink == 0) std::printf("#\n");
        }
    } catch (const Error& e) {
        std::fprintf(stderr, "codec_bench: %s: %s\n", e.what(), e.detail().c_str());
        return 1;
    }
    return 0;
}
