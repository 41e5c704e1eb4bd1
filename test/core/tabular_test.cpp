// The table rule shared by the encoder and the Markdown renderer
// (src/core/tabular.hpp), on Value trees built by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "json.hpp"
#include "tabular.hpp"
#include "value.hpp"
#include "value_tree.hpp"

using namespace toon::core;

namespace {

// "name@depth" for groups, "name" for leaves, in pre-order; "-" when not a table.
std::string fields_of(const Value& v, bool keyed = false) {
    ValueTree tree;
    TabularShape<ValueTree> shape(tree);
    if (!(keyed ? shape.of_keyed(&v) : shape.of_array(&v))) return "-";
    std::string out;
    for (const TabularField& f : shape.fields()) {
        if (!out.empty()) out += ',';
        out += std::string(f.name);
        if (!f.leaf) out += "@" + std::to_string(f.depth);
    }
    return out;
}

// Every row's cells (canonical text), rows separated by ';'.
std::string cells_of(const Value& v, bool keyed = false) {
    ValueTree tree;
    TabularShape<ValueTree> shape(tree);
    if (!(keyed ? shape.of_keyed(&v) : shape.of_array(&v))) return "-";
    std::string out;
    for (std::size_t r = 0; r < shape.rows().size(); ++r) {
        if (r) out += ';';
        bool first = true;
        shape.cells(r, [&](const Value* c) {
            if (!first) out += ',';
            first = false;
            out += c->kind == Kind::String ? c->text : write_json(*c);
        });
    }
    return out;
}

Value obj(std::vector<Member> members) {
    Value v = Value::object();
    v.members = std::move(members);
    return v;
}

}  // namespace

TEST(Tabular, UniformArrayOfObjects) {
    const Value v = parse_json(R"([{"id":1,"name":"a"},{"id":2,"name":"b"}])");
    EXPECT_EQ(fields_of(v), "id,name");
    EXPECT_EQ(cells_of(v), "1,a;2,b");
}

TEST(Tabular, RowsMayListKeysInAnyOrder) {
    const Value v = parse_json(R"([{"id":1,"name":"a"},{"name":"b","id":2}])");
    EXPECT_EQ(fields_of(v), "id,name");
    EXPECT_EQ(cells_of(v), "1,a;2,b");  // cells follow the first row's field order
}

TEST(Tabular, NestedFieldGroups) {
    const Value v = parse_json(R"([{"id":1,"c":{"x":1,"y":{"z":true}}},{"c":{"y":{"z":false},"x":2},"id":2}])");
    EXPECT_EQ(fields_of(v), "id,c@0,x,y@1,z");
    EXPECT_EQ(cells_of(v), "1,1,true;2,2,false");
}

TEST(Tabular, NonUniformValuesAreNotTables) {
    for (const char* json : {
             R"([])",                               // no rows
             R"([{}])",                             // no fields
             R"([{"a":1},2])",                      // a row that is not an object
             R"([{"a":1},{"b":1}])",                // other keys
             R"([{"a":1},{"a":1,"b":2}])",          // more keys
             R"([{"a":1,"b":2},{"a":1}])",          // fewer keys
             R"([{"a":[1]}])",                      // an array cell
             R"([{"a":{}}])",                       // an empty object cell
             R"([{"a":1},{"a":{"x":1}}])",          // primitive, then object
             R"([{"a":{"x":1}},{"a":1}])",          // object, then primitive
             R"([{"a":{"x":1}},{"a":{"y":1}}])",    // a group whose rows differ
             R"([{"a":{"x":1}},{"a":{"x":[1]}}])",  // an array deep in a group
         })
        EXPECT_EQ(fields_of(parse_json(json)), "-") << json;
}

TEST(Tabular, KeyedTables) {
    EXPECT_EQ(fields_of(parse_json(R"({"u1":{"a":1,"b":2},"u2":{"b":3,"a":4}})"), true), "a,b");
    EXPECT_EQ(cells_of(parse_json(R"({"u1":{"a":1,"b":2},"u2":{"b":3,"a":4}})"), true), "1,2;4,3");
    EXPECT_EQ(fields_of(parse_json(R"({"u1":{"a":1}})"), true), "-");          // one entry
    EXPECT_EQ(fields_of(parse_json(R"({"u1":{"a":1},"u2":{}})"), true), "-");  // an empty entry
    EXPECT_EQ(fields_of(parse_json(R"({"u1":{"a":1},"u2":1})"), true), "-");   // a primitive entry
    EXPECT_EQ(fields_of(parse_json(R"([{"a":1},{"a":2}])"), true), "-");       // not an object
}

TEST(Tabular, RepeatedKeysInTheFirstRowAreNotTables) {
    const Value dup = obj({{"a", Value::number("1")}, {"a", Value::number("2")}});
    Value arr = Value::array();
    arr.items = {dup, dup};
    EXPECT_EQ(fields_of(arr), "-");
    Value nested = Value::array();
    nested.items = {obj({{"g", dup}})};
    EXPECT_EQ(fields_of(nested), "-");
    ValueTree tree;
    TabularShape<ValueTree> shape(tree);
    EXPECT_FALSE(shape.begin_flat(&dup));
}

TEST(Tabular, BeginFlatTakesTheFirstRowsKeys) {
    ValueTree tree;
    TabularShape<ValueTree> shape(tree);
    const Value row = parse_json(R"({"b":1,"a":"x"})");
    ASSERT_TRUE(shape.begin_flat(&row));
    ASSERT_EQ(shape.fields().size(), 2u);
    EXPECT_EQ(shape.fields()[0].name, "b");
    EXPECT_EQ(shape.fields()[1].name, "a");
    EXPECT_TRUE(shape.flat());
    const Value nested = parse_json(R"({"a":{"x":1}})");
    EXPECT_FALSE(shape.begin_flat(&nested));
    const Value empty = parse_json("{}");
    EXPECT_FALSE(shape.begin_flat(&empty));
}

// Rows with many keys in another order go through the hash index: the
// answer is the same as for few keys (its speed is measured by suite
// 71-hardening, not here).
TEST(Tabular, ManyKeysInAnotherOrder) {
    const int n = 5000;
    Value a = Value::object(), b = Value::object();
    for (int i = 0; i < n; ++i) a.members.emplace_back("k" + std::to_string(i), Value::number(std::to_string(i)));
    for (int i = n - 1; i >= 0; --i) b.members.emplace_back("k" + std::to_string(i), Value::number(std::to_string(i)));
    Value arr = Value::array();
    arr.items = {a, b};
    ValueTree tree;
    TabularShape<ValueTree> shape(tree);
    ASSERT_TRUE(shape.of_array(&arr));
    ASSERT_EQ(shape.leaf_count(), static_cast<std::size_t>(n));
    std::vector<std::string> row;
    shape.cells(1, [&](const Value* c) { row.push_back(c->text); });
    ASSERT_EQ(row.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) ASSERT_EQ(row[i], std::to_string(i));
    b.members.back().first = "missing";
    arr.items = {a, b};
    EXPECT_FALSE(shape.of_array(&arr));
}
