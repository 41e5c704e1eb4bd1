// Core Markdown throughput for bench/markdown.sh: MB/s of TOON input for
// decode alone, decode + render, and render alone (padded and compact
// tables), median CPU time of repeated runs, on the documents of
// bench/codec_data.mjs.
//
// Usage: markdown_bench <dir> <name>...   prints "md_<what>_<name> <value>" lines.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <time.h>
#include <vector>

#include "decode.hpp"
#include "error.hpp"
#include "markdown.hpp"

#include "bench_util.hpp"

namespace {

using bench::median;
using bench::read_file;
using bench::thread_cpu_seconds;

// Median CPU time in seconds of `reps` runs of f(). CPU time rather than
// wall time: the work is single-threaded, and figures then hold on a busy
// machine (other processes don't count; cache sharing still does).
template <typename F>
double median_seconds(int reps, F&& f) {
    std::vector<double> t;
    for (int i = 0; i < reps; i++) {
        const double t0 = thread_cpu_seconds();
        f();
        t.push_back(thread_cpu_seconds() - t0);
    }
    return median(std::move(t));
}

}  // namespace

int main(int argc, char** argv) {
    using namespace toon::core;
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <dir> <name>...\n", argv[0]);
        return 2;
    }
    const int reps = bench::reps_from_env();
    try {
        for (int a = 2; a < argc; a++) {
            const std::string name = argv[a];
            const std::string toon = read_file(std::string(argv[1]) + "/" + name + ".toon");
            const double mb = toon.size() / 1e6;
            const Document value = decode_document(toon);  // the compact tree, as toon_to_markdown uses
            MarkdownOptions padded, compact;
            compact.pad = false;
            std::string out;
            std::size_t sink = 0;

            const double t_decode = median_seconds(reps, [&] { sink += decode_document(toon).node_count(); });
            const double t_both = median_seconds(reps, [&] {
                out.clear();
                render_markdown_into(decode_document(toon).root(), padded, out);
                sink += out.size();
            });
            const double t_render = median_seconds(reps, [&] {
                out.clear();
                render_markdown_into(value.root(), padded, out);
            });
            const double md_mb = out.size() / 1e6;
            const double t_render_compact = median_seconds(reps, [&] {
                out.clear();
                render_markdown_into(value.root(), compact, out);
            });
            const double md_compact_mb = out.size() / 1e6;

            std::printf("md_toon_mb_%s %.2f\n", name.c_str(), mb);
            std::printf("md_out_mb_%s %.2f\n", name.c_str(), md_mb);
            std::printf("md_out_compact_mb_%s %.2f\n", name.c_str(), md_compact_mb);
            std::printf("md_decode_%s %.0f\n", name.c_str(), mb / t_decode);
            std::printf("md_decode_render_%s %.0f\n", name.c_str(), mb / t_both);
            std::printf("md_render_%s %.0f\n", name.c_str(), mb / t_render);
            std::printf("md_render_compact_%s %.0f\n", name.c_str(), mb / t_render_compact);
            if (sink == 0) std::printf("# empty\n");
        }
    } catch (const Error& e) {
        std::fprintf(stderr, "%s: %s\n", e.what(), e.detail().c_str());
        return 1;
    }
    return 0;
}
