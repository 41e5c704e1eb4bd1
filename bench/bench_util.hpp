// Helpers shared by the benchmark programs (bench/*_bench.cpp).
#pragma once

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "error.hpp"

namespace bench {

// The whole file, or exit(1) with a message.
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// CPU time of the calling thread: the work is single-threaded, and figures
// then hold on a busy machine (other processes don't count).
inline double thread_cpu_seconds() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

// Repetitions per measurement: BENCH_REPS, default 11.
inline int reps_from_env() {
    const char* env = std::getenv("BENCH_REPS");
    return env ? std::max(1, std::atoi(env)) : 11;
}

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Median thread CPU seconds of `reps` runs of f().
template <typename F>
double median_cpu_seconds(int reps, F&& f) {
    std::vector<double> t;
    for (int i = 0; i < reps; i++) {
        const double t0 = thread_cpu_seconds();
        f();
        t.push_back(thread_cpu_seconds() - t0);
    }
    return median(std::move(t));
}

// The main() of a benchmark over the documents of bench/codec_data.mjs,
// `<program> <dir> <name>...`: calls each(name, TOON text of <dir>/<name>.toon,
// dir) per name; a core error ends it with a message and exit status 1.
template <typename F>
int run_documents(int argc, char** argv, F&& each) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <dir> <name>...\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    try {
        for (int a = 2; a < argc; a++) {
            const std::string name = argv[a];
            each(name, read_file(dir + "/" + name + ".toon"), dir);
        }
    } catch (const toon::core::Error& e) {
        std::fprintf(stderr, "%s: %s: %s\n", argv[0], e.what(), e.detail().c_str());
        return 1;
    }
    return 0;
}

}  // namespace bench
