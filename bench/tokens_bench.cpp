// Core token-counting throughput (issue 3), for bench/tokens.sh. For each text
// file and encoding prints
//   core <text> <encoding> <whole MB/s> <10 KB slices MB/s> <100-byte call µs> <tokens>
// whole: one count() over the file; slices: count() per 10 KB slice (what the
// SQL benchmark runs per row); call: mean time of count() on 100-byte slices.
// (tokens_bench --slices ENCODING FILE prints only the slices figure.)
// Figures are medians of 5 runs, each repeated for at least 0.2 s of this
// thread's CPU time (steadier than wall time on a busy machine).
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "tokens/tokenizer.hpp"

#include "bench_util.hpp"

namespace {

using bench::thread_cpu_seconds;

// Slices of about `size` bytes cut at character starts.
std::vector<std::string_view> slices(const std::string& s, std::size_t size) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < s.size()) {
        std::size_t end = std::min(s.size(), at + size);
        while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
        out.emplace_back(s.data() + at, end - at);
        at = end;
    }
    return out;
}

// Median over 5 runs of the seconds one call of f() takes.
template <typename F>
double median_seconds(F&& f) {
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r) {
        int reps = 0;
        double t0 = thread_cpu_seconds();
        double elapsed;
        do {
            f();
            ++reps;
            elapsed = thread_cpu_seconds() - t0;
        } while (elapsed < 0.2);
        runs.push_back(elapsed / reps);
    }
    std::sort(runs.begin(), runs.end());
    return runs[2];
}

volatile std::size_t g_sink;

}  // namespace

int main(int argc, char** argv) {
    using namespace toon::core;
    // tokens_bench --slices ENCODING FILE: only the 10 KB slices figure, for
    // tokens_sql.mjs to measure the core right next to each SQL figure.
    if (argc == 4 && std::string(argv[1]) == "--slices") {
        std::ifstream in(argv[3], std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto ten_k = slices(text, 10240);
        const Tokenizer& t = Tokenizer::get(resolve_encoding(argv[2]));
        double sliced = median_seconds([&] {
            std::size_t n = 0;
            for (auto s : ten_k) n += t.count(s);
            g_sink = n;
        });
        std::printf("%.1f\n", text.size() / 1e6 / sliced);
        return 0;
    }
    for (int a = 1; a < argc; ++a) {
        std::ifstream in(argv[a], std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::string name = argv[a];
        name = name.substr(name.find_last_of('/') + 1);
        if (name.rfind("tokens_", 0) == 0) name = name.substr(7);
        if (name.size() > 4 && name.substr(name.size() - 4) == ".txt") name.resize(name.size() - 4);
        const auto ten_k = slices(text, 10240);
        const auto hundred = slices(text.substr(0, std::min<std::size_t>(text.size(), 200000)), 100);
        for (Encoding e : kEncodings) {
            const Tokenizer& t = Tokenizer::get(e);
            const std::size_t tokens = t.count(text);
            const double mb = text.size() / 1e6;
            double whole = median_seconds([&] { g_sink = t.count(text); });
            double sliced = median_seconds([&] {
                std::size_t n = 0;
                for (auto s : ten_k) n += t.count(s);
                g_sink = n;
            });
            double calls = median_seconds([&] {
                std::size_t n = 0;
                for (auto s : hundred) n += t.count(s);
                g_sink = n;
            });
            std::printf("core %s %s %.1f %.1f %.3f %zu\n", name.c_str(), encoding_name(e), mb / whole, mb / sliced,
                        calls / hundred.size() * 1e6, tokens);
        }
    }
    return 0;
}
