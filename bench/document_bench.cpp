// Core figures for bench/document.sh (issue 10): decode into the compact
// document tree (document.hpp) side by side with decode into a Value tree,
// the tree's memory against the input size, and Markdown rendering from the
// compact tree; on the documents written by bench/codec_data.mjs. Checks that
// the compact tree equals the reference JSON, so a fast wrong tree can't win.
//
// Times are medians of thread CPU time (stable on a busy machine).
//
// Usage: document_bench <dir> <name>...   prints "<key>_<name> <value>" lines.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "decode.hpp"
#include "document.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "json.hpp"
#include "markdown.hpp"

#include "bench_util.hpp"

namespace {

// The documents of the SQL short-document tables, encoded by the core.
std::vector<std::string> short_documents(const toon::core::Value& whole) {
    using namespace toon::core;
    std::vector<std::string> out;
    for (const auto& [key, value] : whole.members) {
        if (key == "orders") {
            for (const Value& order : value.items) out.push_back(encode(order));
        } else if (key == "users") {
            for (std::size_t i = 0; i < value.items.size(); i += 10) {
                Value slice;
                slice.kind = Kind::Array;
                for (std::size_t j = i; j < std::min(value.items.size(), i + 10); ++j)
                    slice.items.push_back(value.items[j]);
                Value doc;
                doc.kind = Kind::Object;
                doc.members.emplace_back("users", std::move(slice));
                out.push_back(encode(doc));
            }
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace toon::core;
    const int reps = bench::reps_from_env();
    return bench::run_documents(
        argc, argv, [&](const std::string& name, const std::string& toon, const std::string& dir) {
            const char* n = name.c_str();
            const Value expected = parse_json(bench::read_file(dir + "/" + name + ".json"));
            const double mb = toon.size() / 1e6;
            std::size_t sink = 0;
            {
                const Document doc = decode_document(toon);
                std::printf("doc_same_%s %s\n", n, to_value(doc.root()) == expected ? "yes" : "NO");
                std::printf("doc_mem_ratio_%s %.2f\n", n, static_cast<double>(doc.memory()) / toon.size());
                std::printf("doc_nodes_%s %zu\n", n, doc.node_count());
            }
            std::printf("doc_decode_tree_%s %.1f\n", n,
                        mb / bench::median_cpu_seconds(reps, [&] { sink += decode_document(toon).node_count(); }));
            std::printf("doc_decode_value_%s %.1f\n", n,
                        mb / bench::median_cpu_seconds(reps, [&] { sink += decode(toon).items.size(); }));
            std::string json;
            std::printf("doc_decode_json_%s %.1f\n", n, mb / bench::median_cpu_seconds(reps, [&] {
                                                            json.clear();
                                                            decode_to_json(toon, {}, json);
                                                            sink += json.size();
                                                        }));
            std::string md;
            MarkdownOptions padded;
            std::printf("doc_markdown_%s %.1f\n", n, mb / bench::median_cpu_seconds(reps, [&] {
                                                         md.clear();
                                                         const Document doc = decode_document(toon);
                                                         render_markdown_into(doc.root(), padded, md);
                                                         sink += md.size();
                                                     }));
            // Where the time goes (all in MB/s of TOON, as above): the parse
            // alone (no output), and each writer from one built tree; with
            // the sizes of the two outputs.
            std::printf("doc_parse_%s %.1f\n", n, mb / bench::median_cpu_seconds(reps, [&] { validate(toon); }));
            {
                const Document doc = decode_document(toon);
                std::printf("doc_tree_markdown_%s %.1f\n", n, mb / bench::median_cpu_seconds(reps, [&] {
                                                                  md.clear();
                                                                  render_markdown_into(doc.root(), padded, md);
                                                              }));
                std::printf("doc_tree_json_%s %.1f\n", n, mb / bench::median_cpu_seconds(reps, [&] {
                                                              json.clear();
                                                              write_json_into(doc.root(), json);
                                                          }));
            }
            std::printf("doc_out_mb_markdown_%s %.2f\n", n, md.size() / 1e6);
            std::printf("doc_out_mb_json_%s %.2f\n", n, json.size() / 1e6);
            // Short documents, the rows of bench/document.sh's short tables
            // (there in jsonb's key order): every order of the nested
            // document, the table in 10-row slices.
            const std::vector<std::string> shorts = short_documents(expected);
            if (!shorts.empty()) {
                std::size_t bytes = 0;
                for (const std::string& d : shorts) bytes += d.size();
                const double s = bench::median_cpu_seconds(reps, [&] {
                    for (const std::string& d : shorts) sink += decode_document(d).node_count();
                });
                std::printf("doc_short_decode_tree_%s %.1f\n", n, bytes / 1e6 / s);
                std::printf("doc_short_ns_%s %.0f\n", n, s * 1e9 / shorts.size());
            }
            std::printf("doc_mb_%s %.2f\n", n, mb);
            if (sink == 0) std::printf("#\n");
        });
}
