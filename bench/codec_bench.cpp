// Core codec throughput for bench/codec.sh: decode (to a Value tree, and
// streamed to JSON text as toon_to_json does), validate and encode MB/s of TOON
// text (input for decode, output for encode) on the documents written by
// bench/codec_data.mjs, median of repeated runs. Also checks that the core
// agrees with the reference on them (encode byte-identical, decode equal to
// the JSON), so a fast but wrong codec can't look good.
//
// Times are medians of per-run thread CPU time (what the code costs, stable on
// a busy machine) and of wall time (printed as core_<op>_<name>_wall).
//
// Usage: codec_bench <dir> <name>...   prints "core_<op>_<name> <value>" lines.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "decode.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "json.hpp"

#include "bench_util.hpp"

namespace {

using bench::median;
using bench::read_file;
using bench::thread_cpu_seconds;

struct Timing {
    double cpu;   // median thread CPU seconds
    double wall;  // median wall seconds
};

// Medians of `reps` runs of f().
template <typename F>
Timing measure(int reps, F&& f) {
    std::vector<double> cpu, wall;
    for (int i = 0; i < reps; i++) {
        auto w0 = std::chrono::steady_clock::now();
        double c0 = thread_cpu_seconds();
        f();
        cpu.push_back(thread_cpu_seconds() - c0);
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count());
    }
    return {median(cpu), median(wall)};
}

void print_rate(const char* op, const std::string& name, double mb, const Timing& t) {
    std::printf("core_%s_%s %.1f\n", op, name.c_str(), mb / t.cpu);
    std::printf("core_%s_%s_wall %.1f\n", op, name.c_str(), mb / t.wall);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace toon::core;
    const int reps = bench::reps_from_env();
    return bench::run_documents(
        argc, argv, [&](const std::string& name, const std::string& toon, const std::string& dir) {
            const Value value = parse_json(read_file(dir + "/" + name + ".json"));
            const double mb = toon.size() / 1e6;

            std::printf("core_same_encode_%s %s\n", name.c_str(), encode(value) == toon ? "yes" : "NO");
            std::printf("core_same_decode_%s %s\n", name.c_str(), decode(toon) == value ? "yes" : "NO");

            std::size_t sink = 0;
            print_rate("decode", name, mb, measure(reps, [&] { sink += decode(toon).items.size(); }));
            std::string json_out;
            print_rate("decode_json", name, mb, measure(reps, [&] {
                           json_out.clear();
                           decode_to_json(toon, {}, json_out);
                           sink += json_out.size();
                       }));
            std::printf("core_same_decode_json_%s %s\n", name.c_str(), parse_json(json_out) == value ? "yes" : "NO");
            print_rate("validate", name, mb, measure(reps, [&] {
                           validate(toon);
                           sink++;
                       }));
            std::string out;
            print_rate("encode", name, mb, measure(reps, [&] {
                           out.clear();
                           encode_into(value, {}, out);
                           sink += out.size();
                       }));
            std::printf("core_mb_%s %.2f\n", name.c_str(), mb);
            if (sink == 0) std::printf("#\n");
        });
}
