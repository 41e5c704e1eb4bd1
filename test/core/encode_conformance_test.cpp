// Every encode fixture of the TOON spec (test/fixtures/spec/encode/*.json,
// vendored) against the core encoder, options honoured. One GoogleTest case
// per fixture, named <file>/<index>_<fixture name>.
#include <gtest/gtest.h>

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "encode.hpp"
#include "error.hpp"
#include "json.hpp"
#include "json_tape.hpp"

using namespace toon::core;

namespace {

struct EncodeFixture {
    std::string file;
    std::string name;
    Value input;
    std::string expected;
    EncodeOptions options;
    bool expect_error = false;
};

// The fixture folder, found next to the test binary (test/core/ ->
// test/fixtures/spec/encode) so that it works from any working directory.
std::string fixture_dir() {
    if (const char* env = std::getenv("TOON_FIXTURES_DIR")) return std::string(env) + "/encode";
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    std::string exe = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("test/core/x");
    return exe.substr(0, exe.rfind('/')) + "/../fixtures/spec/encode";
}

const Value* member(const Value& obj, const std::string& key) {
    for (const auto& m : obj.members)
        if (m.first == key) return &m.second;
    return nullptr;
}

std::vector<EncodeFixture> load_fixtures() {
    std::vector<EncodeFixture> out;
    std::string dir = fixture_dir();
    std::vector<std::string> files;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* e = readdir(d)) {
            std::string f = e->d_name;
            if (f.size() > 5 && f.compare(f.size() - 5, 5, ".json") == 0) files.push_back(f);
        }
        closedir(d);
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        std::ifstream in(dir + "/" + f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        Value doc = parse_json(ss.str());
        const Value* tests = member(doc, "tests");
        if (!tests) continue;
        for (const auto& t : tests->items) {
            EncodeFixture fx;
            fx.file = f.substr(0, f.size() - 5);
            fx.name = member(t, "name")->text;
            fx.input = *member(t, "input");
            if (const Value* e = member(t, "expected"); e && e->kind == Kind::String) fx.expected = e->text;
            if (const Value* e = member(t, "shouldError"); e && e->kind == Kind::Bool) fx.expect_error = e->boolean;
            if (const Value* o = member(t, "options"); o && o->kind == Kind::Object) {
                if (const Value* d = member(*o, "delimiter"))
                    fx.options.delimiter = d->text.empty() ? '\0' : d->text[0];
                if (const Value* i = member(*o, "indentSize")) fx.options.indent_size = std::stoi(i->text);
            }
            out.push_back(std::move(fx));
        }
    }
    return out;
}

const std::vector<EncodeFixture>& fixtures() {
    static const std::vector<EncodeFixture> all = load_fixtures();
    return all;
}

class EncodeConformance : public ::testing::TestWithParam<std::size_t> {};

TEST_P(EncodeConformance, MatchesExpectedOutput) {
    const EncodeFixture& fx = fixtures()[GetParam()];
    SCOPED_TRACE(fx.file + ": " + fx.name);
    if (fx.expect_error) {
        EXPECT_THROW(encode(fx.input, fx.options), Error);
    } else {
        EXPECT_EQ(encode(fx.input, fx.options), fx.expected);
        // The tape path of to_toon(json), from the input's JSON text.
        std::string via_tape;
        encode_into(parse_json_tape(write_json(fx.input)), fx.options, via_tape);
        EXPECT_EQ(via_tape, fx.expected) << "(tape)";
    }
}

std::vector<std::size_t> fixture_indexes() {
    std::vector<std::size_t> v(fixtures().size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = i;
    return v;
}

std::string fixture_label(const ::testing::TestParamInfo<std::size_t>& info) {
    const EncodeFixture& fx = fixtures()[info.param];
    std::string s = fx.file + "_" + std::to_string(info.param) + "_" + fx.name;
    for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return s;
}

INSTANTIATE_TEST_SUITE_P(SpecFixtures, EncodeConformance, ::testing::ValuesIn(fixture_indexes()), fixture_label);

// Guards against a silently empty instantiation (fixtures not found).
TEST(EncodeConformanceFiles, AllFixturesLoaded) {
    EXPECT_EQ(fixtures().size(), 173u) << "fixture folder: " << fixture_dir();
}

}  // namespace
