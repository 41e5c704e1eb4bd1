// Every decode fixture of the TOON v4 conformance suite (vendored in
// test/fixtures/spec/decode/) against the core decoder: one test per case.
// decode() must produce the expected value or throw when the case says
// shouldError, honouring the case's strict/indentSize options; validate()
// must accept exactly the documents decode() accepts, and decode_to_json()
// must write the JSON text of the same value, and decode_document() must
// build the same tree in compact form.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <dirent.h>

#include "decode.hpp"
#include "error.hpp"
#include "json.hpp"

using namespace toon::core;

namespace {

struct Case {
    std::string file;
    std::string name;
    std::string input;
    DecodeOptions options;
    bool should_error = false;
    Value expected;
};

bool is_dir(const std::string& path) {
    DIR* d = opendir(path.c_str());
    if (!d) return false;
    closedir(d);
    return true;
}

// test/fixtures/spec/decode, found from this source file's path (relative to
// the directory make runs in), the working directory or the test binary.
std::string fixture_dir() {
    const std::string tail = "fixtures/spec/decode";
    std::vector<std::string> starts;
    std::string src = __FILE__;
    starts.push_back(src.substr(0, src.find_last_of('/') + 1) + "..");
    char buf[4096];
    if (getcwd(buf, sizeof buf)) starts.push_back(buf);
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        std::string exe(buf, static_cast<std::size_t>(n));
        starts.push_back(exe.substr(0, exe.find_last_of('/')));
    }
    for (std::string dir : starts) {
        for (int up = 0; up < 4; ++up) {
            if (is_dir(dir + "/" + tail)) return dir + "/" + tail;
            if (is_dir(dir + "/test/" + tail)) return dir + "/test/" + tail;
            dir += "/..";
        }
    }
    return {};
}

std::vector<Case> load_cases() {
    std::vector<Case> cases;
    const std::string dir = fixture_dir();
    if (dir.empty()) return cases;
    std::vector<std::string> files;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* e = readdir(d)) {
            std::string name = e->d_name;
            if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) files.push_back(name);
        }
        closedir(d);
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
        std::ifstream in(dir + "/" + file, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const Value doc = parse_json(ss.str());
        for (const Member& m : doc.members) {
            if (m.first != "tests") continue;
            for (const Value& t : m.second.items) {
                Case c;
                c.file = file.substr(0, file.size() - 5);
                for (const Member& f : t.members) {
                    if (f.first == "name") c.name = f.second.text;
                    else if (f.first == "input") c.input = f.second.text;
                    else if (f.first == "shouldError") c.should_error = f.second.boolean;
                    else if (f.first == "expected") c.expected = f.second;
                    else if (f.first == "options") {
                        for (const Member& o : f.second.members) {
                            if (o.first == "strict") c.options.strict = o.second.boolean;
                            else if (o.first == "indentSize") c.options.indent_size = std::stoi(o.second.text);
                        }
                    }
                }
                cases.push_back(std::move(c));
            }
        }
    }
    return cases;
}

const std::vector<Case>& all_cases() {
    static const std::vector<Case> cases = load_cases();
    return cases;
}

class DecodeFixture : public ::testing::TestWithParam<std::size_t> {};

TEST(DecodeFixtures, AreFoundAndComplete) {
    ASSERT_FALSE(fixture_dir().empty()) << "test/fixtures/spec/decode not found";
    EXPECT_EQ(all_cases().size(), 343u);  // the v4.0 suite: 343 decode cases
}

TEST_P(DecodeFixture, Passes) {
    const Case& c = all_cases().at(GetParam());
    SCOPED_TRACE(c.file + ": " + c.name + "\ninput: " + c.input);
    bool validated = true;
    try {
        validate(c.input, c.options);
    } catch (const Error&) { validated = false; }
    if (c.should_error) {
        EXPECT_THROW(decode(c.input, c.options), Error);
        EXPECT_THROW(decode_document(c.input, c.options), Error);
        std::string streamed;
        EXPECT_THROW(decode_to_json(c.input, c.options, streamed), Error);
        EXPECT_FALSE(validated) << "validate() accepted a document decode() must reject";
        return;
    }
    try {
        const Value got = decode(c.input, c.options);
        EXPECT_EQ(write_json(got), write_json(c.expected));
        std::string streamed = "prefix:";
        decode_to_json(c.input, c.options, streamed);
        EXPECT_EQ(streamed, "prefix:" + write_json(c.expected)) << "decode_to_json differs";
        const Document tree = decode_document(c.input, c.options);
        EXPECT_EQ(write_json(to_value(tree.root())), write_json(c.expected)) << "decode_document differs";
    } catch (const Error& e) { ADD_FAILURE() << "decode threw: " << e.what() << " " << e.detail(); }
    EXPECT_TRUE(validated) << "validate() rejected a document decode() accepts";
}

std::string case_name(const ::testing::TestParamInfo<std::size_t>& info) {
    const Case& c = all_cases().at(info.param);
    std::string name;
    for (char ch : c.file + "_" + std::to_string(info.param) + "_" + c.name)
        name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Spec, DecodeFixture, ::testing::Range<std::size_t>(0, all_cases().size()), case_name);

}  // namespace
