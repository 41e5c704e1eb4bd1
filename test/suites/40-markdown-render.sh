#!/usr/bin/env bash
# Real-renderer check of toon_to_markdown() (issue 4): a seeded random corpus
# of documents is encoded to TOON by the reference encoder, rendered by our
# SQL function, rendered again to HTML by Debian's cmark-gfm (GitHub's
# extensions: table, strikethrough, autolink, tagfilter; --unsafe so that the
# <br> GitHub allows in table cells is kept) and compared with the structure
# the README rules predict: the tables, their header cells (field paths) and
# the text of every cell, list item, heading and paragraph.
# TOON_MD_SEED / TOON_MD_COUNT override the seed (default: random) and size.
# TOON_PLANT_FAILURE=1 (self-check): the first document's rendering gets an
# extra paragraph, which the check must report.
. "$(dirname "$0")/../lib.sh"
seed=${TOON_MD_SEED:-$(( $(date +%s) % 100000 ))}
count=${TOON_MD_COUNT:-400}
echo "seed $seed, $count documents (rerun with TOON_MD_SEED=$seed TOON_MD_COUNT=$count)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check="$TOP/test/tools/markdown_render_check.py"

python3 "$check" gen --seed "$seed" --count "$count" > "$work/corpus.jsonl" || { report 0 1; exit 1; }
node "$TOP/test/node/markdown_corpus_toon.mjs" "$work/corpus.jsonl" > "$work/corpus.csv" || { report 0 1; exit 1; }
db=toon_md_render
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || { report 0 1; exit 1; }
trap 'rm -rf "$work"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
plant=false; [ -n "${TOON_PLANT_FAILURE:-}" ] && plant=true
psql -qX -d "$db" -v ON_ERROR_STOP=1 >/dev/null <<SQL || { echo "rendering through SQL failed"; report 0 1; exit 1; }
CREATE EXTENSION toon;
CREATE TEMP TABLE md_corpus (id int, heading_level int, pad boolean, doc text);
\copy md_corpus FROM '$work/corpus.csv' CSV
\copy (SELECT id, toon_to_markdown(doc::toon, heading_level, pad) || CASE WHEN $plant AND id = (SELECT min(id) FROM md_corpus) THEN E'\n\nplanted paragraph\n' ELSE '' END FROM md_corpus ORDER BY id) TO '$work/rendered.csv' CSV
SQL
python3 "$check" check --corpus "$work/corpus.jsonl" --rendered "$work/rendered.csv" | tee "$work/result"
read -r _ p f < <(grep '^RESULT ' "$work/result")
p=${p:-0}; f=${f:-1}

# The jsonb overload (jsonb text parsed once) must agree with rendering the
# same jsonb encoded to TOON: one case per document.
read -r jp jf bad < <(psql -qX -At -F ' ' -d "$db" -v ON_ERROR_STOP=1 <<SQL
CREATE TEMP TABLE md_corpus (id int, heading_level int, pad boolean, doc text);
\copy md_corpus FROM '$work/corpus.csv' CSV
SELECT count(*) FILTER (WHERE same), count(*) FILTER (WHERE NOT same),
       coalesce(string_agg(id::text, ',') FILTER (WHERE NOT same), '-')
  FROM (SELECT id, toon_to_markdown(j, heading_level, pad) = toon_to_markdown(to_toon(j), heading_level, pad) AS same
          FROM (SELECT id, heading_level, pad, doc::toon::jsonb AS j FROM md_corpus) c) r;
SQL
)
echo "jsonb overload agrees with jsonb -> toon -> markdown: ${jp:-0} documents, ${jf:-1} differ (ids: ${bad:-?})"
report $((p + ${jp:-0})) $((f + ${jf:-1}))
