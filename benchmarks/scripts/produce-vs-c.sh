#!/usr/bin/env bash
# Runs librdkafka's C rdkafka_performance -P and ./jrdkafka perf -P with the same arguments,
# alternately, REPEAT times each, on each one's embedded mock cluster (3 brokers), and
# prints medians of msgs/s and of process CPU per message (user+sys, from /usr/bin/time)
# with jrdkafka's ratio to C, and jrdkafka's own CPU figure, measured inside the JVM from
# before the client is created to after it is closed (no JVM start-up, JIT included).
#
# Usage: benchmarks/scripts/produce-vs-c.sh [REPEAT] [COUNT] [SIZE...]
#   defaults: REPEAT=5 COUNT=2000000 SIZE="100 1024"; extra rdkafka_performance-style
#   flags in PERF_ARGS (default: -X linger.ms=5; rdkafka_performance otherwise uses 1000).
# Build first: ./mvnw -B -q package -DskipTests (builds both programs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeat="${1:-5}"; count="${2:-2000000}"; shift 2 2>/dev/null || shift $#
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1024)
perf_args="${PERF_ARGS:--X linger.ms=5}"
c_tool="$root/native/target/native-build/bin/rdkafka_performance"
[ -x "$c_tool" ] || { echo "build first: $c_tool is missing (./mvnw -B -q package -DskipTests)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
. "$root/scripts/find-jdk.sh"; jdk="$(find_jdk)"
java_cmd=("$jdk/bin/java" --enable-native-access=dev.jrdkafka.nativelib,dev.jrdkafka.bindings,dev.jrdkafka.api
  --module-path "$root/cli/target/jrdkafka-cli.jar:$root/cli/target/lib" --add-modules ALL-MODULE-PATH
  -m dev.jrdkafka.cli/dev.jrdkafka.cli.Main perf)

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

echo "| size | tool | msgs/s (median of $repeat) | CPU us/msg, whole process (median) | ratio to C | jrdkafka CPU us/msg without JVM start-up (median) |"
echo "|---:|---|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
  : > "$tmp/c"; : > "$tmp/j"
  for ((i = 0; i < repeat; i++)); do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%U %S" -o "$tmp/t" "$c_tool" -P -t perf -s "$size" -c "$count" \
        -X test.mock.num.brokers=3 $perf_args > "$tmp/out" 2>&1
    rate=$(grep -oE '[0-9]+ msgs/s' "$tmp/out" | tail -1 | cut -d' ' -f1)
    echo "$rate $(awk -v c="$count" '{print ($1+$2)*1e6/c}' "$tmp/t")" >> "$tmp/c"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%U %S" -o "$tmp/t" "${java_cmd[@]}" -P -t perf -s "$size" -c "$count" \
        $perf_args > "$tmp/out" 2>&1
    rate=$(grep -oE '[0-9]+ msgs/s' "$tmp/out" | tail -1 | cut -d' ' -f1)
    inner=$(grep -oE '[0-9.]+ us CPU/msg' "$tmp/out" | tail -1 | cut -d' ' -f1)
    echo "$rate $(awk -v c="$count" '{print ($1+$2)*1e6/c}' "$tmp/t") $inner" >> "$tmp/j"
  done
  c_rate=$(cut -d' ' -f1 "$tmp/c" | median); c_cpu=$(cut -d' ' -f2 "$tmp/c" | median)
  j_rate=$(cut -d' ' -f1 "$tmp/j" | median); j_cpu=$(cut -d' ' -f2 "$tmp/j" | median)
  j_inner=$(cut -d' ' -f3 "$tmp/j" | median)
  printf '| %s B | C rdkafka_performance | %.0f | %.3f | | |\n' "$size" "$c_rate" "$c_cpu"
  printf '| %s B | jrdkafka perf | %.0f | %.3f | %.2fx msgs/s, %.2fx CPU | %.3f (%.2fx C) |\n' "$size" "$j_rate" "$j_cpu" \
    "$(awk -v a="$j_rate" -v b="$c_rate" 'BEGIN{print a/b}')" "$(awk -v a="$j_cpu" -v b="$c_cpu" 'BEGIN{print a/b}')" \
    "$j_inner" "$(awk -v a="$j_inner" -v b="$c_cpu" 'BEGIN{print a/b}')"
done
