// AggTape (agg.hpp): a document built value by value (containers opened
// before their children, a virtual root growing one element per row, JSON
// tapes spliced in, shared keys) encodes byte-identically to the same JSON
// encoded by encode().
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "agg.hpp"
#include "document.hpp"
#include "encode.hpp"
#include "interrupt.hpp"
#include "json.hpp"
#include "json_tape.hpp"
#include "markdown.hpp"

using namespace toon::core;

namespace {

using Tape = AggTape<>;

// Adds `v` depth-first the way the PostgreSQL layer does.
std::uint32_t add(Tape& t, const Value& v) {
    switch (v.kind) {
        case Kind::Null: return t.null_value();
        case Kind::Bool: return t.boolean(v.boolean);
        case Kind::Number: return t.number(v.text);
        case Kind::String: return t.string(v.text);
        case Kind::Array: {
            std::uint32_t c = t.container(Kind::Array, v.items.size());
            for (std::size_t i = 0; i < v.items.size(); ++i) t.set_item(c, i, add(t, v.items[i]));
            return c;
        }
        case Kind::Object: {
            std::uint32_t c = t.container(Kind::Object, v.members.size());
            for (std::size_t i = 0; i < v.members.size(); ++i) {
                Tape::Text k = t.text(v.members[i].first);
                t.set_member(c, i, k, add(t, v.members[i].second));
            }
            return c;
        }
    }
    return 0;
}

const char* kDocs[] = {
    R"([{"id":1,"name":"a"},{"id":2,"name":"b"}])",
    R"([{"id":1,"p":{"x":1,"y":2}},{"id":2,"p":{"x":3,"y":4}}])",
    R"([{"id":1,"p":null},{"id":2,"p":{"x":3}}])",
    R"([1,"two",[3,4],{"five":5,"six":[6]},[],{},null,true])",
    R"([[1,2],[3,4]])",
    R"([{"a":[{"x":1},{"x":2}],"b":"c"},{"a":[],"b":"d"}])",
    R"([{"k":"a,b","v":"- x"},{"k":"","v":"null"}])",
    R"([123456789012345678901234567890.5,1e-7,-0])",
};

// Root array from rows added one by one vs encode() of the whole array.
TEST(AggTape, RootArrayMatchesEncode) {
    for (const char* doc : kDocs) {
        Value v = parse_json(doc);
        for (char d : {',', '|', '\t'}) {
            EncodeOptions o;
            o.delimiter = d;
            Tape t;
            for (const Value& row : v.items) t.push_root(add(t, row));
            std::string out;
            t.encode(Tape::kRoot, Kind::Array, o, out);
            EXPECT_EQ(out, encode(v, o)) << doc;
        }
    }
}

// Root object (toon_object_agg), keyed tables included.
TEST(AggTape, RootObjectMatchesEncode) {
    for (const char* doc : {R"({"a":{"x":1,"y":2},"b":{"x":3,"y":4}})", R"({"a":1,"b":[1,2],"c":{"d":null}})",
                            R"({"only":{"x":1}})", R"({"a b":{"x":{"p":1}},"c":{"x":{"p":2}}})"}) {
        Value v = parse_json(doc);
        Tape t;
        for (const Member& m : v.members) {
            Tape::Text k = t.text(m.first);
            t.push_root(k, add(t, m.second));
        }
        std::string out;
        t.encode(Tape::kRoot, Kind::Object, EncodeOptions{}, out);
        EXPECT_EQ(out, encode(v)) << doc;
    }
}

// Spliced JSON tapes and a non-virtual root node.
TEST(AggTape, SpliceAndSingleValue) {
    for (const char* doc : kDocs) {
        Tape t;
        std::uint32_t obj = t.container(Kind::Object, 2);
        t.set_member(obj, 0, t.text("id"), t.number("7"));
        t.set_member(obj, 1, t.text("doc"), t.splice(parse_json_tape(doc)));
        std::string out;
        t.encode(obj, Kind::Null, EncodeOptions{}, out);
        EXPECT_EQ(out, encode(parse_json(std::string(R"({"id":7,"doc":)") + doc + "}"))) << doc;
    }
}

// An allocator that counts allocations (all AggTape buffers share it).
std::size_t g_allocations = 0;
template <class T>
struct CountingAllocator {
    using value_type = T;
    CountingAllocator() = default;
    template <class U>
    CountingAllocator(const CountingAllocator<U>&) {}
    T* allocate(std::size_t n) {
        ++g_allocations;
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) { std::allocator<T>().deallocate(p, n); }
    template <class U>
    bool operator==(const CountingAllocator<U>&) const {
        return true;
    }
    template <class U>
    bool operator!=(const CountingAllocator<U>&) const {
        return false;
    }
};

// toon_agg over json values splices one tape a row: the buffers grow
// geometrically (a few dozen allocations for 100,000 rows), not by the
// exact size of each value (one reallocation a row made the aggregate
// quadratic: 100,000 rows of '{"a":1}' took 23 s).
TEST(AggTape, SplicingRowsGrowsGeometrically) {
    const JsonTape row = parse_json_tape(R"({"a":1})");
    AggTape<CountingAllocator<char>> t;
    g_allocations = 0;
    for (int i = 0; i < 100000; ++i) t.push_root(t.splice(row));
    EXPECT_LT(g_allocations, 200u);
    std::string out;
    t.encode(Tape::kRoot, Kind::Array, EncodeOptions{}, out);
    EXPECT_EQ(out.substr(0, 24), "[100000]{a}:\n  1\n  1\n  1");
}

// A key stored once and shared by every row; replacing a root element.
TEST(AggTape, SharedKeysAndReplacedRoot) {
    Tape t;
    Tape::Text id = t.text("id");
    for (int i = 0; i < 3; ++i) {
        std::uint32_t row = t.container(Kind::Object, 1);
        t.set_member(row, 0, id, t.number(std::to_string(i)));
        t.push_root(row);
    }
    t.set_root(1, t.null_value());
    std::string out;
    t.encode(Tape::kRoot, Kind::Array, EncodeOptions{}, out);
    EXPECT_EQ(out, encode(parse_json(R"([{"id":0},null,{"id":2}])")));
    EXPECT_EQ(t.root_size(), 3u);
}

// The output limit applies.
TEST(AggTape, OutputLimit) {
    Tape t;
    for (int i = 0; i < 100; ++i) t.push_root(t.string("some text"));
    EncodeOptions o;
    o.max_output = 50;
    std::string out;
    EXPECT_THROW(t.encode(Tape::kRoot, Kind::Array, o, out), Error);
}

// ---- to_document: the tape straight into the compact tree (issue 10) ----------
//
// toon_to_markdown(anyelement) renders AggTape::to_document(); it used to
// render AggTape::to_value() (a Value tree, copied into a Document by
// render_markdown(const Value&)). The old path is the oracle: same tree
// (to_value of the Document), same Markdown for every option, same JSON.

// Adds `v` like add(), but with one stored key per distinct name, shared by
// every object that uses it (the PostgreSQL layer stores a row type's column
// names once); subtrees marked by `splice_every` go in as parsed JSON tapes.
struct SharedAdder {
    Tape& t;
    std::map<std::string, Tape::Text> keys;
    int splice_every = 0;  // 0: never
    int counter = 0;

    std::uint32_t add(const Value& v) {
        if (splice_every && !v.is_primitive() && ++counter % splice_every == 0)
            return t.splice(parse_json_tape(write_json(v)));
        switch (v.kind) {
            case Kind::Array: {
                std::uint32_t c = t.container(Kind::Array, v.items.size());
                for (std::size_t i = 0; i < v.items.size(); ++i) t.set_item(c, i, add(v.items[i]));
                return c;
            }
            case Kind::Object: {
                std::uint32_t c = t.container(Kind::Object, v.members.size());
                for (std::size_t i = 0; i < v.members.size(); ++i) {
                    auto it = keys.find(v.members[i].first);
                    if (it == keys.end()) it = keys.emplace(v.members[i].first, t.text(v.members[i].first)).first;
                    t.set_member(c, i, it->second, add(v.members[i].second));
                }
                return c;
            }
            default: return ::add(t, v);
        }
    }
};

// Random JSON-model values: nesting, empty containers, uniform rows (tables),
// big and odd numbers, Unicode and Markdown-special keys and strings, and
// duplicate keys in one object (a row type may repeat a column name).
class Gen {
public:
    explicit Gen(std::uint64_t seed) : rng_(seed) {}
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

    Value primitive() {
        static const char* numbers[] = {"0",
                                        "-0",
                                        "1",
                                        "-17",
                                        "3.25",
                                        "123456789012345678901234567890",
                                        "-0.000000123",
                                        "1e-7",
                                        "1.5e300",
                                        "9007199254740993",
                                        "0.1"};
        static const char* strings[] = {"",
                                        "a",
                                        "two words",
                                        "a|b",
                                        "- item",
                                        "# not a heading",
                                        "`code`",
                                        "line\nbreak",
                                        "tab\there",
                                        "\xc3\xbcnic\xc3\xb6"
                                        "de",
                                        "\xe6\x97\xa5\xe6\x9c\xac",
                                        "\xf0\x9f\x98\x80 emoji",
                                        "null",
                                        "42",
                                        "*stars*",
                                        "back\\slash",
                                        "<b>x</b>"};
        switch (pick(4)) {
            case 0: return pick(2) ? Value::null() : Value::from_bool(pick(2) == 1);
            case 1: return parse_json(numbers[pick(sizeof numbers / sizeof *numbers)]);
            default: return Value::string(strings[pick(sizeof strings / sizeof *strings)]);
        }
    }
    std::string key() {
        static const char* keys[] = {"id",
                                     "name",
                                     "a",
                                     "b",
                                     "",
                                     "a b",
                                     "x.y",
                                     "-",
                                     "|",
                                     "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87",
                                     "\xe2\x82\xac",
                                     "\xf0\x9f\x94\x91",
                                     "k\"q",
                                     "#",
                                     "1"};
        return keys[pick(sizeof keys / sizeof *keys)];
    }
    Value value(int depth) {
        if (depth <= 0 || pick(3) == 0) return primitive();
        switch (pick(5)) {
            case 0: {  // uniform rows: a table, sometimes with a nested field group
                std::vector<std::string> fields;
                const int nf = 1 + pick(4);
                for (int i = 0; i < nf; ++i) fields.push_back(key());
                Value a = Value::array();
                const int rows = pick(6);
                for (int r = 0; r < rows; ++r) {
                    Value o = Value::object();
                    for (const std::string& f : fields) o.members.emplace_back(f, pick(6) ? primitive() : value(1));
                    a.items.push_back(std::move(o));
                }
                return a;
            }
            case 1: {
                Value a = Value::array();
                const int n = pick(5);
                for (int i = 0; i < n; ++i) a.items.push_back(value(depth - 1));
                return a;
            }
            default: {  // objects; a key may repeat
                Value o = Value::object();
                const int n = pick(5);
                for (int i = 0; i < n; ++i) o.members.emplace_back(key(), value(depth - 1));
                return o;
            }
        }
    }

private:
    std::mt19937_64 rng_;
};

// The old path: the tape's Value tree, rendered and written.
void expect_same_as_value_path(const Tape& t, std::uint32_t root, const std::string& what) {
    const Value model = t.to_value(root);
    const Document doc = t.to_document(root);
    ASSERT_EQ(to_value(doc.root()), model) << what;
    for (int level : {0, 1, 3, 6})
        for (bool pad : {true, false}) {
            MarkdownOptions o;
            o.heading_level = level;
            o.pad = pad;
            ASSERT_EQ(render_markdown(doc.root(), o), render_markdown(model, o)) << what << " level " << level;
        }
    std::string json;
    write_json_into(doc.root(), json);
    ASSERT_EQ(json, write_json(model)) << what;
    for (int indent : {0, 2, 4}) {
        std::string from_doc, from_value;
        write_json_pretty_into(doc.root(), indent, from_doc);
        write_json_pretty_into(model, indent, from_value);
        ASSERT_EQ(from_doc, from_value) << what << " indent " << indent;
    }
}

TEST(AggTapeDocument, RandomCorpusMatchesValuePath) {
    int compared = 0, tables = 0, headings = 0, duplicates = 0;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        Gen g(seed);
        const Value v = g.value(1 + static_cast<int>(seed % 6));
        const std::string what = "seed " + std::to_string(seed) + ": " + write_json(v);
        const std::string md = render_markdown(v);
        tables += md.find("| ---") != std::string::npos;
        headings += md.rfind("# ", 0) == 0 || md.find("\n# ") != std::string::npos;
        duplicates += write_json(parse_json(write_json(v))) != write_json(v);  // parse_json drops repeated keys
        {                                                                      // keys stored per member, as add() does
            Tape t;
            const std::uint32_t root = add(t, v);
            expect_same_as_value_path(t, root, what);
            ASSERT_EQ(to_value(t.to_document(root).root()), v) << what;  // the tape holds exactly v
        }
        {  // keys shared, some subtrees spliced from JSON tapes, the value inside a row
            Tape t;
            SharedAdder a{t, {}, 3};
            std::uint32_t row = t.container(Kind::Object, 2);
            t.set_member(row, 0, t.text("id"), t.number(std::to_string(seed)));
            t.set_member(row, 1, t.text("v"), a.add(v));
            t.push_root(row);
            expect_same_as_value_path(t, row, what);
        }
        ++compared;
    }
    EXPECT_EQ(compared, 400);
    // The corpus reaches the renderer's main shapes.
    EXPECT_GT(tables, 40);
    EXPECT_GT(headings, 40);
    EXPECT_GT(duplicates, 20);
    std::printf("corpus: %d values, %d with tables, %d with headings, %d with duplicate keys\n", compared, tables,
                headings, duplicates);
}

// Rows of one row type (keys shared): the Document's keys are views into
// the tape's text, not copies, and every row shares one key span.
TEST(AggTapeDocument, TableRowsViewTheTapeKeys) {
    Tape t;
    const Tape::Text id = t.text("id"), name = t.text("n\xc3\xa4me");
    const std::uint32_t arr = t.container(Kind::Array, 1000);
    for (int i = 0; i < 1000; ++i) {
        const std::uint32_t row = t.container(Kind::Object, 2);
        t.set_member(row, 0, id, t.number(std::to_string(i)));
        t.set_member(row, 1, name, t.string("row " + std::to_string(i)));
        t.set_item(arr, static_cast<std::size_t>(i), row);
    }
    const Document doc = t.to_document(arr);
    ASSERT_EQ(doc.root().items().size(), 1000u);
    const MemberSpan first = doc.root().items()[0].members();
    EXPECT_EQ(first[0].first.data(), t.view(id).data());
    EXPECT_EQ(first[1].first.data(), t.view(name).data());
    EXPECT_EQ(doc.root().items()[999].members().keys, first.keys);  // one key span for all rows
    EXPECT_EQ(doc.node_count(), 1u + 1000u * 3u);
    EXPECT_EQ(doc.number_count(), 1000u);
    expect_same_as_value_path(t, arr, "table");
}

// Duplicate keys (SELECT 1 AS a, 2 AS a): both members stay, in order, as
// in the Value path (to_json writes both too).
TEST(AggTapeDocument, DuplicateKeysStayAsInTheTape) {
    Tape t;
    const Tape::Text a = t.text("a");
    const std::uint32_t row = t.container(Kind::Object, 3);
    t.set_member(row, 0, a, t.number("1"));
    t.set_member(row, 1, t.text("b"), t.string("x"));
    t.set_member(row, 2, a, t.number("2"));
    const Document doc = t.to_document(row);
    ASSERT_EQ(doc.root().members().size(), 3u);
    EXPECT_EQ(doc.root().members()[2].first, "a");
    EXPECT_EQ(doc.root().members()[2].second.text(), "2");
    expect_same_as_value_path(t, row, "duplicate keys");
}

// Empty containers, empty strings and keys, a lone primitive root.
TEST(AggTapeDocument, EmptiesAndPrimitiveRoots) {
    Tape t;
    const std::uint32_t obj = t.container(Kind::Object, 4);
    t.set_member(obj, 0, t.text(""), t.string(""));
    t.set_member(obj, 1, t.text("arr"), t.container(Kind::Array, 0));
    t.set_member(obj, 2, t.text("obj"), t.container(Kind::Object, 0));
    const std::uint32_t nested = t.container(Kind::Array, 1);
    t.set_member(obj, 3, t.text("nested"), nested);
    t.set_item(nested, 0, t.container(Kind::Object, 0));
    expect_same_as_value_path(t, obj, "empties");
    for (std::uint32_t prim : {t.null_value(), t.boolean(true), t.number("-1.5"), t.string("\xe2\x82\xac")})
        expect_same_as_value_path(t, prim, "primitive");
}

// Far deeper than any recursion could go: the walk is iterative.
TEST(AggTapeDocument, DeepNestingIsIterative) {
    Tape t;
    const int depth = 200000;
    std::uint32_t outer = t.container(Kind::Array, 1), top = outer;
    for (int i = 1; i < depth; ++i) {
        const std::uint32_t inner = t.container(Kind::Array, 1);
        t.set_item(outer, 0, inner);
        outer = inner;
    }
    t.set_item(outer, 0, t.number("7"));
    const Document doc = t.to_document(top);
    EXPECT_EQ(doc.node_count(), static_cast<std::size_t>(depth) + 1);
    const Node* n = &doc.root();
    int levels = 0;
    while (n->kind == Kind::Array) {
        n = &n->items()[0];
        ++levels;
    }
    EXPECT_EQ(levels, depth);
    EXPECT_EQ(n->text(), "7");
}

namespace {
int g_tape_polls = 0;
bool cancel_on_second_poll() { return ++g_tape_polls > 1; }
}  // namespace

// A cancel stops the walk (polled), and the arena bound holds.
TEST(AggTapeDocument, CancelAndMemoryLimit) {
    Tape t;
    const std::uint32_t arr = t.container(Kind::Array, 100000);
    for (std::size_t i = 0; i < 100000; ++i) t.set_item(arr, i, t.string("x"));
    InterruptHooks hooks;
    hooks.cancel_pending = cancel_on_second_poll;
    set_interrupt_hooks(hooks);
    g_tape_polls = 0;
    try {
        (void)t.to_document(arr);
        ADD_FAILURE() << "not canceled";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::Canceled); }
    set_interrupt_hooks(InterruptHooks{});
    EXPECT_EQ(g_tape_polls, 2);
    try {
        (void)t.to_document(arr, 64 * 1024);
        ADD_FAILURE() << "no limit";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::ProgramLimit); }
    EXPECT_EQ(t.to_document(arr, 4u << 20).root().items().size(), 100000u);
}

}  // namespace

// write_json_pretty_into (toon_token_savings' "pretty"): JSON.stringify(v, null, 2).
TEST(JsonPretty, LikeJsonStringify) {
    std::string out;
    write_json_pretty_into(parse_json(R"({"a":[1,{"b":[]},{}],"c":"x\"y","d":{"e":null}})"), 2, out);
    EXPECT_EQ(out,
              "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    },\n    {}\n  ],\n  \"c\": \"x\\\"y\",\n"
              "  \"d\": {\n    \"e\": null\n  }\n}");
    out.clear();
    write_json_pretty_into(parse_json("[]"), 2, out);
    EXPECT_EQ(out, "[]");
    out.clear();
    write_json_pretty_into(parse_json("7"), 2, out);
    EXPECT_EQ(out, "7");
    // The same from the compact tree (toon_token_savings writes it from one).
    out.clear();
    write_json_pretty_into(parse_json_document(R"({"a":[1,{"b":[]},{}],"c":"x\"y","d":{"e":null}})").root(), 2, out);
    EXPECT_EQ(out,
              "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    },\n    {}\n  ],\n  \"c\": \"x\\\"y\",\n"
              "  \"d\": {\n    \"e\": null\n  }\n}");
}
