#!/usr/bin/env bash
# Two builds of `folio serve` compared under the same load at the same time (issue #4).
#
# Whole-machine runs of Benchmarks/http.sh move by ±30 % from one run to the next on a shared
# machine, which hides a change of a few percent. Here both builds serve one generated database at
# once, and wrk sends them one-second slices of the same request in turn, so whatever the machine
# does affects both alike. Prints each build's mean req/s and the ratio of the second to the first.
#
#   Benchmarks/side-by-side.sh OLD_REV [NEW_REV]    # NEW_REV defaults to the working tree
#   SLICES=24 REQUEST=healthz Benchmarks/side-by-side.sh HEAD~3
#
# REQUEST: executed (the article-page query, a random published slug per request, as http.sh
# sends it; default), cached (one GET answered from the response cache) or healthz.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: Benchmarks/side-by-side.sh OLD_REV [NEW_REV]}
NEW=${2:-}
SLICES=${SLICES:-16}
ARTICLES=${ARTICLES:-10000}
REQUEST=${REQUEST:-executed}
CONNECTIONS=${CONNECTIONS:-32}
PORTS=(${PORT_A:-18181} ${PORT_B:-18182})
WORK=${WORK:-$(mktemp -d /tmp/folio-side-by-side.XXXXXX)}
QUERY=$PWD/Benchmarks/http/article-page.graphql
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  git worktree remove --force "$WORK/old" 2>/dev/null || true
  [ -z "$NEW" ] || git worktree remove --force "$WORK/new" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
make -s bench-deps

# build DIR: the release `folio` and `folio-admin` of the tree in DIR; prints the bin folder. The
# build's output goes to a log in WORK, shown only when the build fails.
build() {
  local log="$WORK/build-$(basename "$1").log"
  if ! (cd "$1" && swift build -c release --product folio && swift build -c release --product folio-admin) >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  (cd "$1" && swift build -c release --show-bin-path 2>/dev/null)
}
echo "Building $OLD ..."
git worktree add --detach "$WORK/old" "$OLD" >/dev/null 2>&1
BINS=("$(build "$WORK/old")")
if [ -n "$NEW" ]; then
  echo "Building $NEW ..."
  git worktree add --detach "$WORK/new" "$NEW" >/dev/null 2>&1
  BINS+=("$(build "$WORK/new")")
  NAMES=("$OLD" "$NEW")
else
  echo "Building the working tree ..."
  BINS+=("$(build "$PWD")")
  NAMES=("$OLD" "working tree")
fi

# One database, made by the newer build (migrations only add), read by both.
echo "Generating $ARTICLES articles ..."
ADMIN=${BINS[1]}/folio-admin
"$ADMIN" generate --articles "$ARTICLES" --out "$WORK/content" >/dev/null
"$ADMIN" init --database "$WORK/folio.sqlite" >/dev/null
"$ADMIN" import --database "$WORK/folio.sqlite" "$WORK/content" >/dev/null
python3 -c 'import sqlite3, sys, time
for (slug,) in sqlite3.connect(sys.argv[1]).execute(
        "SELECT slug FROM articles WHERE status = ? AND published_at <= ? ORDER BY id", ("published", int(time.time()))):
    print(slug)' "$WORK/folio.sqlite" > "$WORK/slugs.txt"

for i in 0 1; do
  "${BINS[$i]}/folio" serve --database "$WORK/folio.sqlite" --port "${PORTS[$i]}" >"$WORK/server-$i.log" 2>&1 &
  PIDS+=($!)
done
for port in "${PORTS[@]}"; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
done

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
# slice PORT SECONDS: one wrk run of REQUEST against one server; prints its req/s.
slice() {
  local base="http://127.0.0.1:$1" args=()
  case "$REQUEST" in
    executed) args=(-s Benchmarks/http/article-page.lua "$base/graphql") ;;
    cached) args=("$base/graphql?query=$(urlencode "$(cat "$QUERY")")&variables=$(urlencode "{\"slug\":\"$(head -1 "$WORK/slugs.txt")\"}")") ;;
    healthz) args=("$base/healthz") ;;
    *) echo "REQUEST is executed, cached or healthz" >&2; exit 2 ;;
  esac
  SLUGS="$WORK/slugs.txt" QUERY="$QUERY" wrk -t1 -c"$CONNECTIONS" -d"$2"s "${args[@]}" | awk '/^Requests\/sec/ { print $2 }'
}
# Warm both alike: each server's caches and the page cache.
for port in "${PORTS[@]}"; do slice "$port" 3 >/dev/null; done
echo "Alternating $SLICES one-second slices of '$REQUEST' on each build ..."
for _ in $(seq "$SLICES"); do
  echo "0 $(slice "${PORTS[0]}" 1)"
  echo "1 $(slice "${PORTS[1]}" 1)"
done > "$WORK/slices.txt"
awk -v a="${NAMES[0]}" -v b="${NAMES[1]}" -v n="$SLICES" '
  { sum[$1] += $2 }
  END {
    printf "%-14s %9.0f req/s (mean of %d slices)\n", a, sum[0] / n, n
    printf "%-14s %9.0f req/s\n", b, sum[1] / n
    printf "ratio          %9.3f\n", sum[1] / sum[0]
  }' "$WORK/slices.txt"
