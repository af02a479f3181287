#!/usr/bin/env bash
# GraphQL benchmark (issue #3): Folio's engine against GraphQLSwift 4.3.0 on the same inputs, in
# one run, release build. BENCH_SCALE=N multiplies the iteration counts.
set -euo pipefail
cd "$(dirname "$0")/GraphQLBenchmark"
swift build -c release --scratch-path ../../.build-bench >/dev/null
"$(swift build -c release --scratch-path ../../.build-bench --show-bin-path)/GraphQLBenchmark"
