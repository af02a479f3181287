#!/usr/bin/env bash
# Import benchmark (issue #2): generate N synthetic articles, import them into an empty database with
# a release build, and report articles/s (including Markdown rendering and FTS indexing), peak memory
# and database size. The baseline, measured in the same run, is reading the same files from disk
# (`cat`), the floor any importer pays.
#
#   Benchmarks/import.sh            # 100,000 articles
#   ARTICLES=10000 Benchmarks/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-100000}
WORK=${WORK:-$(mktemp -d /tmp/folio-import-bench.XXXXXX)}
make -s deps
swift build -c release --product folio-admin >/dev/null
ADMIN=$(swift build -c release --show-bin-path)/folio-admin

echo "Generating $ARTICLES articles in $WORK/content ..."
"$ADMIN" generate --articles "$ARTICLES" --out "$WORK/content" >/dev/null
BYTES=$(du -sb "$WORK/content" | cut -f1)
"$ADMIN" init --database "$WORK/folio.sqlite" >/dev/null

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
start=$(now); find "$WORK/content" -name "*.md" -print0 | xargs -0 cat >/dev/null; read_seconds=$(calc "$(now) - $start")

start=$(now)
/usr/bin/time -f "%M" -o "$WORK/rss.txt" "$ADMIN" import --database "$WORK/folio.sqlite" "$WORK/content" >/dev/null
import_seconds=$(calc "$(now) - $start")
"$ADMIN" check --database "$WORK/folio.sqlite" >/dev/null

peak_kb=$(cat "$WORK/rss.txt")
db_bytes=$(( $(stat -c %s "$WORK/folio.sqlite") + $(stat -c %s "$WORK/folio.sqlite-wal" 2>/dev/null || echo 0) ))
rate=$(calc "$ARTICLES / $import_seconds")
read_rate=$(calc "$ARTICLES / $read_seconds")
printf 'machine: %s cores, %s\n' "$(nproc)" "$(uname -m)"
printf 'content: %d articles, %.1f MB of Markdown files\n' "$ARTICLES" "$(calc "$BYTES / 1000000")"
printf 'baseline (cat the files): %.2f s, %.0f files/s\n' "$read_seconds" "$read_rate"
printf 'import: %.2f s, %.0f articles/s (%.3fx of the read baseline; target 2000/s: %.2fx)\n' \
  "$import_seconds" "$rate" "$(calc "$rate / $read_rate")" "$(calc "$rate / 2000")"
printf 'peak memory: %.0f MB\n' "$(calc "$peak_kb / 1024")"
printf 'database size: %.1f MB (%.0f bytes/article)\n' "$(calc "$db_bytes / 1000000")" "$(calc "$db_bytes / $ARTICLES")"
[ -n "${KEEP:-}" ] || rm -rf "$WORK"
