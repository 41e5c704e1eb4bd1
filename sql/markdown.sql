-- toon_to_markdown(): every rendering rule of the README "markdown" section.
-- Output is shown raw (unaligned, no headers) so it reads as the Markdown itself.
\pset format unaligned
\pset tuples_only on

-- Tabular array -> pipe table, padded to equal display width.
SELECT toon_to_markdown('users[3]{id,name,role}:
  1,Ada,admin
  2,Bob,user
  3,李小龙,user');

-- Same, compact (pad => false).
SELECT toon_to_markdown('users[2]{id,name}:
  1,Ada
  2,Bob', pad => false);

-- Nested field groups -> dotted column headers.
SELECT toon_to_markdown('orders[2]{id,customer{name,address{city}},total}:
  1,Ada,Paris,9.5
  2,Bob,Berlin,12');

-- Keyed tabular object -> table whose unnamed first column is the key.
SELECT toon_to_markdown('prices[2:]{net,vat}:
  apple: 1.2,0.2
  pear: 2,0.4');

-- Root tabular array and root keyed object.
SELECT toon_to_markdown('[2]{a,b}:
  1,2
  3,4');
SELECT toon_to_markdown('[2:]{x}:
  p: 1
  q: 2');

-- Objects: leading primitive members as a key/value list, then one heading
-- per member from the first nested one on, in member order.
SELECT toon_to_markdown('name: shop
tags[3]: a,b,c
owner:
  name: Ada
  address:
    city: Paris
count: 2');

-- heading_level moves the headings; past ###### they become nested lists.
SELECT toon_to_markdown('a:
  b:
    c:
      x: 1
  y: 2', heading_level => 5);

-- heading_level 0: nested lists only (tables nest inside list items).
SELECT toon_to_markdown('shop:
  owner:
    name: Ada
  items[2]{sku,qty}:
    A1,2
    B2,1
  open: true', heading_level => 0);

-- Primitive arrays inline; an element with a comma, an edge space or an empty
-- string makes the array a bullet list instead.
SELECT toon_to_markdown('a[3]: 1,true,x y
b[2]: "a,b",c
c[2]: "",x');

-- Mixed / non-uniform arrays -> nested bullet lists.
SELECT toon_to_markdown('[5]:
  - 1
  - [2]: x,y
  - id: 1
    tags[2]: p,q
  - [1]:
    - k: v
  - [2]:
    - a: 1
    - b: 2');

-- null, empty string, empty array, empty object are distinct.
SELECT toon_to_markdown('n: null
s: ""
a: []
o:');
SELECT toon_to_markdown('rows[2]{n,s}:
  null,""
  x,y');
SELECT toon_to_markdown('[3]:
  - null
  - ""
  - []');
SELECT toon_to_markdown('""');
SELECT toon_to_markdown('');

-- Numbers and booleans show their TOON literal; strings that look like them stay text.
SELECT toon_to_markdown('[6]: 1e-7,-0,1.50,true,"05","null"');

-- Strings render literally: Markdown punctuation, HTML, entities, block
-- markers at line start, newlines, edge spaces, autolink triggers.
SELECT toon_to_markdown('[9]:
  - "a|b\\c*d_e`f[g]h<i>j&k~l"
  - <b>bold</b> &amp;
  - "# not a heading"
  - "- not a list"
  - 1. not a list
  - "> not a quote"
  - "line1\nline2"
  - "  spaced  "
  - "www.example.com and http://example.com/a_b"');
SELECT toon_to_markdown('t[2]{"a|b",c}:
  "x|y\nz"," pad "
  "-",""', pad => false);

-- Keys are escaped too (headings and list items).
SELECT toon_to_markdown('"# key":
  "- sub": 1
"*": x');

-- CJK, emoji and combining marks are padded by display width.
SELECT toon_to_markdown('[4]{k,v}:
  日本語,1
  😀,2
  é,3
  ab,4');

-- Options are checked.
SELECT toon_to_markdown('a: 1', heading_level => 7);
SELECT toon_to_markdown('a: 1', heading_level => -1);
-- Bad input cannot reach the renderer: the toon type rejects it first, and
-- the text overload decodes just as strictly.
SELECT toon_to_markdown('a:
  b:
     c: 1'::toon);
SELECT toon_to_markdown('a:
  b:
     c: 1'::text);

-- An untyped literal resolves to the text overload; toon and text agree.
SELECT toon_to_markdown('k: v'::toon) = toon_to_markdown('k: v'::text);

-- jsonb overload: no TOON round trip; keys come in jsonb order.
SELECT toon_to_markdown('{"users": [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Bob"}], "meta": {"n": 2.50, "s": "x|y"}}'::jsonb);
SELECT toon_to_markdown('[1, "a", {"b": null}, [], {}]'::jsonb, 0, false);
SELECT toon_to_markdown('"\u00e9 *x*"'::jsonb);
-- STRICT.
SELECT toon_to_markdown(NULL) IS NULL;
