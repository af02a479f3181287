#!/usr/bin/env bash
# HTTP benchmark (issue #4): `folio serve` (release build) under wrk on one machine, in one run.
#
# On a database of 10,000 generated articles, in turns (ROUNDS rounds, default 5; in each round one
# SLICE-long wrk run of every request below, default 3s), so that every request meets the machine
# as it is at that moment: each figure is the median of the rounds, and a ratio is taken within each
# round and then its median, with the range across rounds alongside:
#   healthz    GET /healthz — the baseline every other figure is a ratio of
#   executed   POST of the article-page query, a random published slug per request, made unique by
#              an extra counter variable so none is answered from the response cache
#   cached     GET of the article-page query for one slug (answered from the response cache)
#   persisted  GET of the registered article-page query by its SHA-256 hash (APQ), one slug
#   executed-gzip, cached-gzip   the executed and cached pages for a client sending
#              Accept-Encoding: gzip (gzipped per request at level 1; kept gzipped in the cache)
# Then the executed article-page query at 1,000 and at 100,000 articles, two servers up at once and
# taking turns in the same way (ROUNDS rounds of one SLICE-long run at each size, the order swapped
# from round to round): the median of each round's p99 ratio (target ≤ 1.5×) with its range, and the
# 100,000-article server's peak resident memory under that load (target ≤ 100 MB).
# Last, at 100,000 articles, /healthz alone, while two clients keep running the costliest search
# there is (Benchmarks/http/long-search.lua), and while two keep asking for a costly list
# (Benchmarks/http/long-list.lua): how much long work holds up everything else.
#
#   Benchmarks/http.sh                       # everything (the 100,000-article import takes minutes)
#   ROUNDS=3 SCALE=0 Benchmarks/http.sh      # fewer rounds, no 1k/100k comparison
#   SCALE=only Benchmarks/http.sh            # only the 1k/100k comparison
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
SLICE=${SLICE:-3s}
ROUNDS=${ROUNDS:-5}
for value in "$DURATION" "$SLICE"; do
  [[ $value =~ ^[0-9]+s$ ]] || { echo "DURATION and SLICE must be whole seconds, such as 10s; got $value" >&2; exit 1; }
done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive whole number; got $ROUNDS" >&2; exit 1; }
CONNECTIONS=${CONNECTIONS:-32}
SCALE=${SCALE:-1}
PORT=${PORT:-18080}
WORK=${WORK:-$(mktemp -d /tmp/folio-http-bench.XXXXXX)}
make -s bench-deps
swift build -c release --product folio >/dev/null
swift build -c release --product folio-admin >/dev/null
BIN=$(swift build -c release --show-bin-path)
QUERY=$PWD/Benchmarks/http/article-page.graphql
SERVER_PID=""
SMALL_PID=""  # the 1,000-article server, up beside the 100,000-article one
trap 'for pid in "$SERVER_PID" "$SMALL_PID"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null; done; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

calc() { awk "BEGIN { print $1 }"; }

# database ARTICLES: a database of that many generated articles, with the article-page query registered.
database() {
  local n=$1 dir="$WORK/$1"
  mkdir -p "$dir"
  "$BIN/folio-admin" generate --articles "$n" --out "$dir/content" >/dev/null
  "$BIN/folio-admin" init --database "$dir/folio.sqlite" >/dev/null
  "$BIN/folio-admin" import --database "$dir/folio.sqlite" "$dir/content" >/dev/null
  "$BIN/folio-admin" queries add --database "$dir/folio.sqlite" "$QUERY" >/dev/null
  # Slugs the public can see now (published, and not scheduled for later), so every request finds
  # its article.
  python3 -c 'import sqlite3, sys, time
for (slug,) in sqlite3.connect(sys.argv[1]).execute(
        "SELECT slug FROM articles WHERE status = ? AND published_at <= ? ORDER BY id", ("published", int(time.time()))):
    print(slug)' "$dir/folio.sqlite" > "$dir/slugs.txt"
}

start_server() {
  # Read the database file first, as a server that has been up a while has it in the page cache:
  # this machine pages out file pages left idle for a minute (the kernel's DAMON reclaim,
  # `kdamond`), so without it a database made or used a while ago is partly read from disk while
  # being measured (the 2 GB file of the 100,000-article run, or a kept 10,000-article one).
  cat "$WORK/$1/folio.sqlite" >/dev/null
  "$BIN/folio" serve --database "$WORK/$1/folio.sqlite" --port "$PORT" ${2:-} >"$WORK/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.1; done
  echo "the server did not start; see $WORK/server-$1.log" >&2; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

# measure NAME DURATION [wrk args...]: one measured wrk run; remembers req/s and p50/p99 (ms).
declare -A RPS P50 P99 PEAK_KB ANSWERED
measure() {
  local name=$1 duration=$2; shift 2
  local out
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$duration" --latency "$@")
  if echo "$out" | grep -q "Non-2xx"; then echo "$name: wrk saw non-2xx responses:" >&2; echo "$out" >&2; exit 1; fi
  RPS[$name]=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  P50[$name]=$(echo "$out" | awk '$1 == "50%" { print $2 }' | to_ms)
  P99[$name]=$(echo "$out" | awk '$1 == "99%" { print $2 }' | to_ms)
}
to_ms() { awk '{ v = $1; if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else if (v ~ /s$/) print v * 1000; else print v }'; }

# run NAME URL [wrk args...]: a short unmeasured run, so connection caches and the page cache are
# warm, then one measured run of DURATION.
run() {
  local name=$1 url=$2; shift 2
  wrk -t1 -c"$CONNECTIONS" -d2s "$@" "$url" >/dev/null
  measure "$name" "$DURATION" "$@" "$url"
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
range() { tr ' ' '\n' | grep . | sort -g | awk 'NR == 1 { low = $1 } { high = $1 } END { printf "%.2f-%.2f", low, high }'; }
# Whether a figure meets its target, read from the unrounded figure: the tables round to two
# decimals, and 0.396 would print as the target 0.40 itself. The figure is printed with FORMAT
# (a ratio's three decimals unless told).
verdict() { # VALUE OP TARGET [FORMAT]
  awk -v value="$1" -v op="$2" -v target="$3" -v format="${4:-%.3fx}" \
    'BEGIN { ok = op == ">=" ? value >= target : value <= target; printf format ", %s", value, ok ? "met" : "not met" }'
}

# Sanity: the query must return an article, or the figures would measure errors.
check() {
  local slug body
  slug=$(head -1 "$WORK/$1/slugs.txt")
  body=$(curl -s "http://127.0.0.1:$PORT/graphql" -H 'Content-Type: application/json' \
    --data "{\"query\":\"$(cat "$QUERY")\",\"variables\":{\"slug\":\"$slug\"}}")
  case "$body" in *'"article":{"id"'*) ;; *) echo "the article-page query failed: $body" >&2; exit 1 ;; esac
}

if [ "$SCALE" != only ]; then
echo "Building a database of 10,000 articles in $WORK ..."
database 10000
start_server 10000
check 10000
SLUG=$(head -1 "$WORK/10000/slugs.txt")
HASH=$(sha256sum "$QUERY" | cut -d' ' -f1)
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
CACHED_URL="http://127.0.0.1:$PORT/graphql?query=$(urlencode "$(cat "$QUERY")")&variables=$(urlencode "{\"slug\":\"$SLUG\"}")"
PERSISTED_URL="http://127.0.0.1:$PORT/graphql?extensions=$(urlencode "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"$HASH\"}}")&variables=$(urlencode "{\"slug\":\"$SLUG\"}")"
curl -sf "$PERSISTED_URL" | grep -q '"article":{"id"' || { echo "the persisted query failed" >&2; exit 1; }
curl -sf -o /dev/null -D - -H 'Accept-Encoding: gzip' "$CACHED_URL" | grep -qi '^content-encoding: gzip' ||
  { echo "the cached page did not come gzipped" >&2; exit 1; }

# request NAME: the wrk arguments of one of the requests measured at 10,000 articles, into REQUEST.
export SLUGS="$WORK/10000/slugs.txt" QUERY
request() {
  case $1 in
    healthz) REQUEST=("http://127.0.0.1:$PORT/healthz") ;;
    executed) REQUEST=(-s Benchmarks/http/article-page.lua "http://127.0.0.1:$PORT/graphql") ;;
    cached) REQUEST=("$CACHED_URL") ;;
    persisted) REQUEST=("$PERSISTED_URL") ;;
    executed-gzip) REQUEST=(-s Benchmarks/http/article-page.lua -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/graphql") ;;
    cached-gzip) REQUEST=(-H 'Accept-Encoding: gzip' "$CACHED_URL") ;;
  esac
}
REQUESTS=(healthz executed cached persisted executed-gzip cached-gzip)
# Each request once unmeasured (warm caches), then the rounds: every request in turn, each round's
# figures kept as lists, its ratios taken against that round's /healthz.
declare -A ROUND_RPS ROUND_P50 ROUND_P99 ROUND_RATIO
for name in "${REQUESTS[@]}"; do request "$name"; wrk -t1 -c"$CONNECTIONS" -d2s "${REQUEST[@]}" >/dev/null; done
for _ in $(seq "$ROUNDS"); do
  for name in "${REQUESTS[@]}"; do
    request "$name"
    measure "$name" "$SLICE" "${REQUEST[@]}"
    ROUND_RPS[$name]+="${RPS[$name]} "
    ROUND_P50[$name]+="${P50[$name]} "
    ROUND_P99[$name]+="${P99[$name]} "
    ROUND_RATIO[$name]+="$(calc "${RPS[$name]} / ${RPS[healthz]}") "
  done
done
stop_server

printf 'machine: %s cores, %s; wrk -t1 -c%s, server and wrk on the same machine; %s rounds of %s a request\n' \
  "$(nproc)" "$(uname -m)" "$CONNECTIONS" "$ROUNDS" "$SLICE"
echo "10,000 articles (medians of the rounds; vs healthz: the median of each round's ratio, and its range):"
echo "| request       |     req/s | p50 (ms) | p99 (ms) | vs healthz | rounds      |"
echo "|---------------|-----------|----------|----------|------------|-------------|"
declare -A RATIO
for name in "${REQUESTS[@]}"; do
  RATIO[$name]=$(median <<< "${ROUND_RATIO[$name]}")
  printf '| %-13s | %9.0f | %8.2f | %8.2f | %9.2fx | %-11s |\n' "$name" "$(median <<< "${ROUND_RPS[$name]}")" \
    "$(median <<< "${ROUND_P50[$name]}")" "$(median <<< "${ROUND_P99[$name]}")" "${RATIO[$name]}" "$(range <<< "${ROUND_RATIO[$name]}")"
done
printf 'targets: executed >= 0.4x (%s), cached >= 0.8x (%s)\n' "$(verdict "${RATIO[executed]}" '>=' 0.4)" \
  "$(verdict "${RATIO[cached]}" '>=' 0.8)"

fi
[ "$SCALE" != 0 ] || exit 0
# during NAME LOAD: /healthz from four connections while two clients keep sending
# Benchmarks/http/LOAD.lua; remembers how many of those were answered meanwhile.
during() {
  wrk -t1 -c2 -d"$(( ${DURATION%s} + 6 ))s" -s "Benchmarks/http/$2.lua" "http://127.0.0.1:$PORT/graphql" > "$WORK/$2.txt" &
  local load=$!
  sleep 1
  CONNECTIONS=4 run "$1" "http://127.0.0.1:$PORT/healthz"
  wait "$load"
  if grep -q "Non-2xx" "$WORK/$2.txt"; then echo "$2: wrk saw non-2xx responses:" >&2; cat "$WORK/$2.txt" >&2; exit 1; fi
  ANSWERED[$1]=$(awk '/requests in/ { print $1 }' "$WORK/$2.txt")
}
for n in 1000 100000; do
  echo "Building a database of $n articles ..."
  database "$n"
done
# Both sizes up at once, taking turns as the requests at 10,000 articles do, so that each round's
# ratio compares two runs a few seconds apart: the 1,000-article server on PORT + 1, the
# 100,000-article one on PORT (it stays up for the /healthz runs below).
SMALL_PORT=$((PORT + 1))
PORT=$SMALL_PORT start_server 1000
PORT=$SMALL_PORT check 1000
SMALL_PID=$SERVER_PID
start_server 100000
check 100000
declare -A SIZE_PORT=([1000]=$SMALL_PORT [100000]=$PORT) SIZE_PID=([1000]=$SMALL_PID [100000]=$SERVER_PID)
# page N NAME DURATION: the executed article page at N articles, measured as NAME.
page() {
  SLUGS="$WORK/$1/slugs.txt" QUERY="$QUERY" measure "$2" "$3" -s Benchmarks/http/article-page.lua "http://127.0.0.1:${SIZE_PORT[$1]}/graphql"
}
declare -A SCALE_RPS SCALE_P50 SCALE_P99
SCALE_RATIOS=""
for n in 1000 100000; do page "$n" warm-up 2s; done
for round in $(seq "$ROUNDS"); do
  # Whichever size runs first in a round meets the machine a little fresher: the order alternates.
  sizes="1000 100000"
  [ $((round % 2)) = 0 ] && sizes="100000 1000"
  for n in $sizes; do
    page "$n" "executed-$n" "$SLICE"
    SCALE_RPS[$n]+="${RPS[executed-$n]} "
    SCALE_P50[$n]+="${P50[executed-$n]} "
    SCALE_P99[$n]+="${P99[executed-$n]} "
  done
  SCALE_RATIOS+="$(calc "${P99[executed-100000]} / ${P99[executed-1000]}") "
done
for n in 1000 100000; do PEAK_KB[$n]=$(awk '/VmHWM/ { print $2 }' "/proc/${SIZE_PID[$n]}/status"); done
kill "$SMALL_PID"; wait "$SMALL_PID" 2>/dev/null || true; SMALL_PID=""
# /healthz from four connections, alone and while two clients keep searching for sixteen common
# prefixes (most of a second each), then while two keep asking for a costly list (milliseconds
# each): searches and costly queries run on lanes of their own, not on the event loops.
CONNECTIONS=4 run healthz-alone "http://127.0.0.1:$PORT/healthz"
during healthz-searching long-search
during healthz-listing long-list
# The same with every query on the event loops, as before costly queries had the lanes.
stop_server
start_server 100000 "--long-query-cost 0"
during healthz-listing-loops long-list
stop_server
echo "Article page (executed) by database size (medians of the rounds; the p99 ratio: the median of each round's, and its range):"
echo "| articles |     req/s | p50 (ms) | p99 (ms) | server peak RSS |"
echo "|----------|-----------|----------|----------|-----------------|"
for n in 1000 100000; do
  printf '| %8d | %9.0f | %8.2f | %8.2f | %12.0f MB |\n' "$n" "$(median <<< "${SCALE_RPS[$n]}")" "$(median <<< "${SCALE_P50[$n]}")" \
    "$(median <<< "${SCALE_P99[$n]}")" "$(calc "${PEAK_KB[$n]} / 1024")"
done
printf 'targets: p99 at 100,000 <= 1.5x p99 at 1,000 (%s; rounds %s); peak RSS at 100,000 <= 100 MB (%s)\n' \
  "$(verdict "$(median <<< "$SCALE_RATIOS")" '<=' 1.5)" "$(range <<< "$SCALE_RATIOS")" \
  "$(verdict "$(calc "${PEAK_KB[100000]} / 1024")" '<=' 100 '%.0f MB')"
echo "/healthz at 100,000 articles (4 connections), alone and while 2 clients search for 16 common prefixes"
echo "or ask for two lists of 100 articles with 10 related articles each (on the lanes; then, as a"
echo "baseline, on the event loops with --long-query-cost 0):"
echo "| /healthz              |     req/s | p50 (ms) | p99 (ms) | p99 vs alone | load answered meanwhile |"
echo "|-----------------------|-----------|----------|----------|--------------|-------------------------|"
for name in healthz-alone healthz-searching healthz-listing healthz-listing-loops; do
  printf '| %-21s | %9.0f | %8.2f | %8.2f | %11.1fx | %23s |\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" \
    "$(calc "${P99[$name]} / ${P99[healthz-alone]}")" "${ANSWERED[$name]:--}"
done
