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

int main(int argc, char** argv) {
    using namespace toon::core;
    const int reps = bench::reps_from_env();
    return bench::run_documents(
        argc, argv, [&](const std::string& name, const std::string& toon, const std::string& dir) {
            const double mb = toon.size() / 1e6;
            const Document value = decode_document(toon);  // the compact tree, as toon_to_markdown uses
            MarkdownOptions padded, compact;
            compact.pad = false;
            std::string out;
            std::size_t sink = 0;

            const double t_decode =
                bench::median_cpu_seconds(reps, [&] { sink += decode_document(toon).node_count(); });
            const double t_both = bench::median_cpu_seconds(reps, [&] {
                out.clear();
                render_markdown_into(decode_document(toon).root(), padded, out);
                sink += out.size();
            });
            const double t_render = bench::median_cpu_seconds(reps, [&] {
                out.clear();
                render_markdown_into(value.root(), padded, out);
            });
            const double md_mb = out.size() / 1e6;
            const double t_render_compact = bench::median_cpu_seconds(reps, [&] {
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
        });
}
