#!/usr/bin/env bash
# Consume benchmark, C against Java, in one run on the same data: serves one mock cluster
# with `./jrdkafka mock` (a separate process, 3 brokers), fills PARTITIONS partitions with
# PER_PARTITION messages of SIZE bytes each (within the mock's 5 MiB per partition) using
# librdkafka's C rdkafka_performance -P, then reads everything back, alternately, REPEAT
# times each with the same arguments:
#   C       rdkafka_performance -C -p 0 -p 1 ... (the legacy consumer, a callback per message)
#   C batch benchmarks/c/consume_batch.c, compiled here: the librdkafka calls jrdkafka makes
#           (assign, rd_kafka_consume_batch_queue, rd_kafka_message_destroy), in C
#   batch   ./jrdkafka perf -C -p 0 -p 1 ...    (pollBatch, read in place)
#   single  ./jrdkafka perf -C --single ...    (poll(), one owned record each)
# and prints medians of msgs/s (each tool's own figure: first to last message) and of
# process CPU per message (user+sys from /usr/bin/time, JVM start-up included), with the
# ratios to C, and jrdkafka's own CPU figure (inside the JVM, from before the client is
# created to after it is closed). Extra flags for every consumer in PERF_ARGS; extra JVM
# options for jrdkafka in JAVA_OPTS.
#
# Usage: benchmarks/scripts/consume-vs-c.sh [REPEAT] [PARTITIONS] [PER_PARTITION] [SIZE]
#   defaults: REPEAT=5 PARTITIONS=128 PER_PARTITION=30000 SIZE=100 (3.84 M messages)
# Build first: ./mvnw -B -q package -DskipTests (builds both programs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeat="${1:-5}"; partitions="${2:-128}"; per="${3:-30000}"; size="${4:-100}"
perf_args="${PERF_ARGS:-}"
total=$((partitions * per))
c_tool="$root/native/target/native-build/bin/rdkafka_performance"
tmp_bin="$(mktemp)"
[ -x "$c_tool" ] || { echo "build first: $c_tool is missing (./mvnw -B -q package -DskipTests)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
. "$root/scripts/find-jdk.sh"; jdk="$(find_jdk)"
# shellcheck disable=SC2206
java_cmd=("$jdk/bin/java" ${JAVA_OPTS:-} --enable-native-access=dev.jrdkafka.nativelib,dev.jrdkafka.bindings,dev.jrdkafka.api
  --module-path "$root/cli/target/jrdkafka-cli.jar:$root/cli/target/lib" --add-modules ALL-MODULE-PATH
  -m dev.jrdkafka.cli/dev.jrdkafka.cli.Main)

cc -O2 -o "$tmp_bin" "$root/benchmarks/c/consume_batch.c" -I"$root/native/target/native-build/include" \
  "$root/native/target/native-build/lib/librdkafka.so.1" -Wl,-rpath,"$root/native/target/native-build/lib"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
tmp="$(mktemp -d)"
mock_pid=""
cleanup() { if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; fi; wait 2>/dev/null || true; rm -rf "$tmp" "$tmp_bin"; }
trap cleanup EXIT

"${java_cmd[@]}" mock --brokers 3 "bench:$partitions" > "$tmp/mock" 2>&1 &
mock_pid=$!
for _ in $(seq 100); do [ -s "$tmp/mock" ] && break; sleep 0.1; done
bootstrap="$(head -1 "$tmp/mock")"
[[ "$bootstrap" == 127.0.0.1:* ]] || { echo "the mock cluster did not start: $(cat "$tmp/mock")" >&2; exit 1; }

plist=()
for ((p = 0; p < partitions; p++)); do
  plist+=(-p "$p")
  "$c_tool" -P -t bench -p "$p" -s "$size" -c "$per" -b "$bootstrap" -X linger.ms=5 > "$tmp/fill" 2>&1 \
    || { echo "filling partition $p failed: $(tail -3 "$tmp/fill")" >&2; exit 1; }
done
echo "mock cluster at $bootstrap: $partitions partitions x $per messages of $size B = $total messages"

run() { # name, command...: appends "rate cpu_us_per_msg [inner]" to $tmp/<name>
  local name="$1"; shift
  /usr/bin/time -f "%U %S" -o "$tmp/t" "$@" > "$tmp/out" 2>&1 || { echo "$name failed:"; tail -5 "$tmp/out"; exit 1; } >&2
  grep -qE "^% $total messages \(" "$tmp/out" || { echo "$name did not consume $total messages:"; tail -5 "$tmp/out"; exit 1; } >&2
  local rate inner
  rate=$(grep -oE '[0-9]+ msgs/s' "$tmp/out" | tail -1 | cut -d' ' -f1)
  inner=$(grep -oE '[0-9.]+ us CPU/msg' "$tmp/out" | tail -1 | cut -d' ' -f1 || true)
  echo "$rate $(awk -v c="$total" '{print ($1+$2)*1e6/c}' "$tmp/t") ${inner:-0}" >> "$tmp/$name"
}

for ((i = 0; i < repeat; i++)); do
  # shellcheck disable=SC2086
  run c "$c_tool" -C -t bench "${plist[@]}" -c "$total" -o beginning -b "$bootstrap" $perf_args
  # shellcheck disable=SC2086
  run cbatch "$tmp_bin" -t bench "${plist[@]}" -c "$total" -b "$bootstrap" $perf_args
  # shellcheck disable=SC2086
  run batch "${java_cmd[@]}" perf -C -t bench "${plist[@]}" -c "$total" -b "$bootstrap" $perf_args
  # shellcheck disable=SC2086
  run single "${java_cmd[@]}" perf -C --single -t bench "${plist[@]}" -c "$total" -b "$bootstrap" $perf_args
done

c_rate=$(cut -d' ' -f1 "$tmp/c" | median); c_cpu=$(cut -d' ' -f2 "$tmp/c" | median)
echo
echo "| consumer | msgs/s (median of $repeat) | CPU us/msg, whole process (median) | ratio to C | jrdkafka CPU us/msg without JVM start-up (median) |"
echo "|---|---:|---:|---:|---:|"
printf '| C rdkafka_performance -C | %.0f | %.3f | | |\n' "$c_rate" "$c_cpu"
for name in cbatch batch single; do
  rate=$(cut -d' ' -f1 "$tmp/$name" | median); cpu=$(cut -d' ' -f2 "$tmp/$name" | median)
  inner=$(cut -d' ' -f3 "$tmp/$name" | median)
  label="jrdkafka perf -C"; [ "$name" = single ] && label="jrdkafka perf -C --single"
  [ "$name" = cbatch ] && label="C consume_batch (jrdkafka's librdkafka calls)"
  if [ "$name" = cbatch ]; then
    cb_rate="$rate"; cb_cpu="$cpu"
    printf '| %s | %.0f | %.3f | %.2fx msgs/s, %.2fx CPU | |\n' "$label" "$rate" "$cpu" \
      "$(awk -v a="$rate" -v b="$c_rate" 'BEGIN{print a/b}')" "$(awk -v a="$cpu" -v b="$c_cpu" 'BEGIN{print a/b}')"
    continue
  fi
  printf '| %s | %.0f | %.3f | %.2fx msgs/s, %.2fx CPU (to C batch: %.2fx, %.2fx) | %.3f (%.2fx C) |\n' "$label" "$rate" "$cpu" \
    "$(awk -v a="$rate" -v b="$c_rate" 'BEGIN{print a/b}')" "$(awk -v a="$cpu" -v b="$c_cpu" 'BEGIN{print a/b}')" \
    "$(awk -v a="$rate" -v b="$cb_rate" 'BEGIN{print a/b}')" "$(awk -v a="$cpu" -v b="$cb_cpu" 'BEGIN{print a/b}')" \
    "$inner" "$(awk -v a="$inner" -v b="$c_cpu" 'BEGIN{print a/b}')"
done
