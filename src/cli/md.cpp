// toon md: TOON -> GitHub Flavored Markdown, like toon_to_markdown(doc toon,
// heading_level, pad); --write keeps X.md next to each X.toon up to date.
#include <cstdio>

#include "cli.hpp"
#include "decode.hpp"
#include "markdown.hpp"

namespace toon::cli {

namespace {

const char kHelp[] =
    "usage: toon md [options] [FILE]\n"
    "       toon md --write [options] FILE...\n"
    "\n"
    "Renders a TOON document as GitHub Flavored Markdown, like the SQL function\n"
    "toon_to_markdown(doc, heading_level, pad). Documents are read by the rules of\n"
    "the toon type (strict, the document's own indent size).\n"
    "\n"
    "options:\n"
    "  --heading-level N   level of the root object's headings, 1-6; 0: lists only\n"
    "                      (default 1)\n"
    "  --no-pad            compact tables (cells not padded to equal width)\n"
    "  --write             for each X.toon, write X.md next to it (FILE.md for other\n"
    "                      names), only when its content changes; prints the names\n"
    "                      of the files it wrote\n"
    "  -o, --output FILE   write to FILE (replaced atomically) instead of stdout\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 ok, 1 some file invalid, 2 bad usage, 3 read/write error.\n";

// X.md for X.toon; FILE.md otherwise.
std::string markdown_path(const std::string& file) {
    const std::string ext = ".toon";
    if (file.size() > ext.size() && file.compare(file.size() - ext.size(), ext.size(), ext) == 0)
        return file.substr(0, file.size() - ext.size()) + ".md";
    return file + ".md";
}

// Renders one document; reports and returns false when it is invalid.
bool render(const std::string& name, const std::string& doc, const core::MarkdownOptions& md, std::string& out,
            int& status) {
    core::DecodeOptions options;
    options.strict = true;
    options.indent_size = 0;  // the document's own, as the toon type reads it
    try {
        const core::Document tree = core::decode_document(doc, options);
        out.reserve(doc.size() + doc.size() / 2);
        core::render_markdown_into(tree.root(), md, out);
        return true;
    } catch (const core::Error& e) {
        report_file_error(name, e);
        if (status == kOk) status = exit_status_of(e);
        return false;
    }
}

}  // namespace

int cmd_md(Args& args) {
    bool no_pad = false, write = false;
    std::string heading_level = "1", output;
    args.option("heading-level", &heading_level);
    args.flag("no-pad", &no_pad);
    args.flag("write", &write);
    args.option("output", &output, "o");
    if (!args.parse(kHelp)) return kOk;
    core::MarkdownOptions md;
    md.heading_level = Args::to_int("heading-level", heading_level);
    md.pad = !no_pad;
    core::check_markdown_options(md);

    int status = kOk;
    if (!write) {
        if (args.operands().size() > 1)
            throw UsageError{"md renders one document (got " + std::to_string(args.operands().size()) +
                             " files); use --write for many"};
        const std::string input = args.operands().empty() ? "-" : args.operands()[0];
        std::string out;
        if (!render(display_name(input), read_input(input), md, out, status)) return status;
        write_output(output, out);
        return status;
    }
    if (!output.empty()) throw UsageError{"--write and --output exclude each other"};
    if (args.operands().empty()) throw UsageError{"--write needs file names"};
    for (const std::string& file : args.operands()) {
        if (file == "-") throw UsageError{"--write needs file names, not stdin"};
    }
    for (const std::string& file : args.operands()) {
        try {
            std::string out;
            if (!render(file, read_input(file), md, out, status)) continue;
            const std::string target = markdown_path(file);
            if (write_if_changed(target, out)) std::printf("wrote %s\n", target.c_str());
        } catch (const IoError& e) {
            if (e.message.empty()) throw;  // stdout closed
            std::fprintf(stderr, "toon md: error: %s\n", e.message.c_str());
            status = kIoError;
        }
    }
    flush_stdout();  // the "wrote X.md" lines
    return status;
}

}  // namespace toon::cli
