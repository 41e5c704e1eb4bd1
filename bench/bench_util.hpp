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

}  // namespace bench
