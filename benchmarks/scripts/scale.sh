#!/usr/bin/env bash
# Cost as work grows (issue 26, "Scale"), against one mock cluster served by `./jrdkafka mock`
# in a separate process (3 brokers), so the CPU and memory figures are the clients' alone:
#   1. 1,000 partitions: C rdkafka_performance -P and ./jrdkafka perf -P, alternately, COUNT
#      messages of 100 B to a 4-partition topic (the baseline) and to a 1,000-partition topic,
#      with librdkafka's default partitioner
#      (sticky, sticky.partitioning.linger.ms=10) and with it off (=0: every message to a random
#      partition, all 1,000 partitions batching at once); then both consume COUNT messages back
#      from another 1,000-partition topic as a fresh group (-G, batch of 10,000). msgs/s, whole-
#      process CPU µs/msg (/usr/bin/time), peak RSS, peak OS threads (sampled from /proc).
#   2. PRODUCERS producers in one JVM (dev.jrdkafka.benchmarks.scale.ManyProducers).
#   3. CONSUMERS idle consumers in one JVM read by virtual threads, once with one
#      QueueSelector and once with one virtual thread per consumer
#      (dev.jrdkafka.benchmarks.scale.IdleConsumers).
# Prints markdown tables; the programs' full output goes to $OUT (default: a temp dir, kept).
#
# Usage: benchmarks/scripts/scale.sh [REPEAT]      (default 3; parts 1 and 2 are repeated)
#   COUNT=2000000 PRODUCERS=100 PER_PRODUCER=20000 CONSUMERS=1000 SETTLE=10 IDLE=20
#   PARTS="1 2 3" to run only some parts.
# Build first: ./mvnw -B -q package -DskipTests (rdkafka_performance, the CLI, benchmarks.jar).
# On the shared development machine run it under /work/bin/locked.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeat="${1:-3}"
count="${COUNT:-2000000}"; producers="${PRODUCERS:-100}"; per_producer="${PER_PRODUCER:-20000}"
consumers="${CONSUMERS:-1000}"; settle="${SETTLE:-10}"; idle="${IDLE:-20}"; parts="${PARTS:-1 2 3}"
c_tool="$root/native/target/native-build/bin/rdkafka_performance"
bench_jar="$root/benchmarks/target/benchmarks.jar"
for f in "$c_tool" "$bench_jar" "$root/cli/target/jrdkafka-cli.jar"; do
  [ -e "$f" ] || { echo "build first: $f is missing (./mvnw -B -q package -DskipTests)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
. "$root/scripts/find-jdk.sh"; jdk="$(find_jdk)"
cli=("$jdk/bin/java" --enable-native-access=dev.jrdkafka.nativelib,dev.jrdkafka.bindings,dev.jrdkafka.api
  --module-path "$root/cli/target/jrdkafka-cli.jar:$root/cli/target/lib" --add-modules ALL-MODULE-PATH
  -m dev.jrdkafka.cli/dev.jrdkafka.cli.Main)
bench=("$jdk/bin/java" --enable-native-access=ALL-UNNAMED -XX:NativeMemoryTracking=summary
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_jar")
out="${OUT:-$(mktemp -d /tmp/jrdkafka-scale.XXXXXX)}"; mkdir -p "$out"
tmp="$(mktemp -d)"; mock_pid=""
cleanup() { [ -z "$mock_pid" ] || kill "$mock_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
median() { sort -g | awk '{a[NR]=$1} END {if (NR) print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
range() { sort -g | awk 'NR==1{lo=$1} {hi=$1} END {if (NR) printf "%s–%s", lo, hi}'; }
result() { sed -n "s/^RESULT $2=//p" "$1" | tail -1; } # FILE KEY

echo "Scale run $(date -u +%Y-%m-%dT%H:%M:%SZ): $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), Linux $(uname -r); $("$jdk/bin/java" -version 2>&1 | sed -n 2p); jrdkafka $(git -C "$root" rev-parse --short HEAD 2>/dev/null); load average $(cut -d' ' -f1-3 /proc/loadavg) at the start. Raw output: $out"
echo

"${cli[@]}" mock --brokers 3 scale-4:4 scale-p:1000 scale-c:1000 "scale-many:100" scale-idle:1000 > "$out/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 300); do [ -s "$out/mock.log" ] && break; sleep 0.1; done
bootstrap="$(head -1 "$out/mock.log")"
[[ "$bootstrap" == 127.0.0.1:* ]] || { echo "the mock cluster did not start: $(cat "$out/mock.log")" >&2; exit 1; }

first_child() { local c=""; { read -r c _ < /proc/"$1"/task/"$1"/children; } 2>/dev/null || true; echo "$c"; }
# timed NAME CMD...: runs CMD under /usr/bin/time, sampling its peak OS thread count;
# appends "user sys wall maxrss_kb peak_threads" to $tmp/NAME.time and keeps its output in $tmp/last.
timed() {
  local name="$1"; shift
  timeout 900 /usr/bin/time -f "%U %S %e %M" -o "$tmp/t" "$@" > "$tmp/last" 2>&1 &
  local tp=$! peak=0 child k v
  while kill -0 "$tp" 2>/dev/null; do
    # timeout's child is /usr/bin/time, whose child is the measured program
    child="$(first_child "$tp")"; [ -z "$child" ] || child="$(first_child "$child")"
    if [ -n "$child" ]; then
      while read -r k v _; do if [ "$k" = Threads: ] && [ "$v" -gt "$peak" ]; then peak=$v; fi; done < /proc/"$child"/status 2>/dev/null || true
    fi
    sleep 0.1
  done
  wait "$tp" || { echo "failed ($name): $*" >&2; tail -5 "$tmp/last" >&2; return 1; }
  echo "$(tail -1 "$tmp/t") $peak" >> "$tmp/$name.time"
  { echo "== $name: $*"; cat "$tmp/last"; } >> "$out/$name.log"
}

# --- 1. 1,000 partitions ------------------------------------------------------------------
if [[ " $parts " == *" 1 "* ]]; then
  # Rows: rate cpu_us_per_msg maxrss_mb peak_threads inner_us_per_msg
  row() { # NAME -> appends the last run's row to $tmp/NAME.rows
    local rate inner u s e m th
    rate=$(grep -oE '[0-9]+ msgs/s' "$tmp/last" | tail -1 | cut -d' ' -f1)
    inner=$(grep -oE '[0-9.]+ us CPU/msg' "$tmp/last" | tail -1 | cut -d' ' -f1 || true)
    read -r u s e m th < <(tail -1 "$tmp/$1.time")
    echo "$rate $(awk -v u="$u" -v s="$s" -v c="$count" 'BEGIN{print (u+s)*1e6/c}') $((m / 1024)) $th ${inner:-}" >> "$tmp/$1.rows"
  }
  for ((r = 0; r < repeat; r++)); do
    # p4: the baseline, 4 partitions (what rdkafka_performance's own mock gives -P); then 1,000.
    for what in p4 p10 p0; do
      topic=scale-p; sticky=10; [ "$what" = p4 ] && topic=scale-4; [ "$what" = p0 ] && sticky=0
      timed "c-$what" "$c_tool" -P -t "$topic" -s 100 -c "$count" -b "$bootstrap" -X linger.ms=5 -X sticky.partitioning.linger.ms=$sticky
      grep -q "$count delivered" "$tmp/last" || { echo "C produce did not deliver $count" >&2; tail -3 "$tmp/last" >&2; exit 1; }
      row "c-$what"
      timed "j-$what" "${cli[@]}" perf -P -t "$topic" -s 100 -c "$count" -b "$bootstrap" -X linger.ms=5 -X sticky.partitioning.linger.ms=$sticky
      grep -q "$count delivered, 0 failed" "$tmp/last" || { echo "jrdkafka produce did not deliver $count" >&2; tail -3 "$tmp/last" >&2; exit 1; }
      row "j-$what"
    done
  done
  # Consume back: one fill spread over every partition (the mock keeps 5 MiB per partition).
  "$c_tool" -P -t scale-c -s 100 -c "$count" -b "$bootstrap" -X linger.ms=5 -X sticky.partitioning.linger.ms=0 > "$out/fill.log" 2>&1
  grep -q "$count delivered" "$out/fill.log" || { echo "filling scale-c failed" >&2; tail -3 "$out/fill.log" >&2; exit 1; }
  for ((r = 0; r < repeat; r++)); do
    # rdkafka_performance sets queued.min.messages=1000000 for its consumers itself; jrdkafka gets the same with -X.
    timed c-c "$c_tool" -G "scale-c-c$r" -t scale-c -c "$count" -B 10000 -b "$bootstrap"
    grep -qE "^% $count messages \(" "$tmp/last" || { echo "C consume did not read $count" >&2; tail -3 "$tmp/last" >&2; exit 1; }
    row c-c
    timed j-c "${cli[@]}" perf -G "scale-c-j$r" -t scale-c -c "$count" -B 10000 -b "$bootstrap" -X queued.min.messages=1000000
    grep -qE "^% $count messages \(" "$tmp/last" || { echo "jrdkafka consume did not read $count" >&2; tail -3 "$tmp/last" >&2; exit 1; }
    row j-c
  done
  echo "### 1,000 partitions: $count × 100 B, linger.ms=5, medians of $repeat (min–max)"
  echo
  echo "| work | tool | msgs/s | CPU µs/msg, whole process | in the JVM, no start-up | peak RSS MB | peak OS threads |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for what in p4 p10 p0 c; do
    case "$what" in
      p4) label="produce, 4 partitions (baseline)";;
      p10) label="produce, sticky partitioner (default)";; p0) label="produce, sticky.partitioning.linger.ms=0";;
      c) label="consume back, -G, batch 10,000";;
    esac
    for tool in c j; do
      f="$tmp/$tool-$what.rows"; [ -s "$f" ] || continue
      name="C rdkafka_performance"; [ "$tool" = j ] && name="jrdkafka perf"
      inner=""; [ "$tool" = j ] && inner="$(cut -d' ' -f5 "$f" | median)"
      printf '| %s | %s | %.0f (%s) | %.3f (%s) | %s | %s (%s) | %s |\n' "$label" "$name" \
        "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f1 "$f" | range)" \
        "$(cut -d' ' -f2 "$f" | median)" "$(cut -d' ' -f2 "$f" | awk '{printf "%.3f\n", $1}' | range)" \
        "$inner" "$(cut -d' ' -f3 "$f" | median)" "$(cut -d' ' -f3 "$f" | range)" "$(cut -d' ' -f4 "$f" | median)"
    done
  done
  echo
fi

# --- 2. many producers in one JVM ---------------------------------------------------------
if [[ " $parts " == *" 2 "* ]]; then
  echo "### $producers producers in one JVM: $per_producer × 100 B each, linger.ms=5, topic of 100 partitions"
  echo
  echo "| run | msgs/s (total) | CPU µs/msg | OS threads at rest (per producer) | peak OS threads | RSS MB at rest (KB per producer) | NMT w/o heap, KB per producer | heap KB per producer | peak RSS MB | close all, ms |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for ((r = 0; r < repeat; r++)); do
    timed many "${bench[@]}" dev.jrdkafka.benchmarks.scale.ManyProducers --bootstrap="$bootstrap" \
      --producers="$producers" --messages="$per_producer" --topic=scale-many
    f="$tmp/last"
    [ "$(result "$f" produce.failed)" = 0 ] || { echo "ManyProducers: failures" >&2; tail -5 "$f" >&2; exit 1; }
    printf '| %d | %.0f | %.3f | %s (%.1f) | %s | %.0f (%.0f) | %.0f | %.1f | %.0f | %.0f |\n' "$((r + 1))" \
      "$(result "$f" produce.msgs_per_s)" "$(result "$f" produce.cpu_us_per_msg)" \
      "$(result "$f" idle.threads)" "$(result "$f" idle.per_client.threads)" "$(result "$f" produce.peak_threads)" \
      "$(result "$f" idle.rss_mb)" "$(result "$f" idle.per_client.rss_kb)" "$(result "$f" idle.per_client.nmt_kb)" \
      "$(result "$f" idle.per_client.heap_kb)" "$(result "$f" produce.peak_rss_mb)" "$(result "$f" close.ms)"
    { grep '^% threads at rest' "$f"; sed -n 's/^% thread CPU while producing: /; CPU while producing: /p; s/^% busiest thread names while producing: /; busiest names: /p' "$f"; } | tr -d '\n' > "$tmp/many.threads"
  done
  echo
  echo "Threads at rest (last run): $(sed 's/^% threads at rest: //' "$tmp/many.threads")"
  echo
fi

# --- 3. idle consumers on virtual threads -------------------------------------------------
if [[ " $parts " == *" 3 "* ]]; then
  echo "### $consumers idle consumers in one JVM (assigned, 1 partition each of a 1,000-partition topic, at its end): settle ${settle} s, idle window ${idle} s"
  echo
  echo "| read by | OS threads (per consumer) | RSS MB (KB per consumer) | NMT w/o heap, KB per consumer | heap KB per consumer | idle CPU, % of one core | µs CPU per consumer per second | trickle: read / expected, p50 / max latency ms | close all, ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for selectors in 1 0; do
    timed "idle$selectors" "${bench[@]}" dev.jrdkafka.benchmarks.scale.IdleConsumers --bootstrap="$bootstrap" \
      --consumers="$consumers" --partitions=1000 --topic=scale-idle --selectors="$selectors" \
      --settle-seconds="$settle" --idle-seconds="$idle" --trickle=1
    f="$tmp/last"
    label="1 QueueSelector on 1 virtual thread"; [ "$selectors" = 0 ] && label="1 virtual thread per consumer (Queue.pollBatch)"
    printf '| %s | %s (%.2f) | %.0f (%.0f) | %.0f | %.1f | %.1f | %.0f | %s / %s, %.0f / %.0f | %.0f |\n' "$label" \
      "$(result "$f" idle.threads)" "$(result "$f" idle.per_client.threads)" \
      "$(result "$f" idle.rss_mb)" "$(result "$f" idle.per_client.rss_kb)" "$(result "$f" idle.per_client.nmt_kb)" \
      "$(result "$f" idle.per_client.heap_kb)" "$(result "$f" idle.cpu_percent_of_one_core)" \
      "$(result "$f" idle.per_client.cpu_us_per_s)" "$(result "$f" trickle.received)" "$(result "$f" trickle.expected)" \
      "$(result "$f" trickle.latency_p50_ms)" "$(result "$f" trickle.latency_max_ms)" "$(result "$f" close.ms)"
    sed -n 's/^% threads (CPU in the idle window): / /p; s/^% busiest thread names in the idle window: /; busiest names: /p' "$f" | tr -d '\n' > "$tmp/idle$selectors.threads"
  done
  echo
  for selectors in 1 0; do echo "Threads and their CPU in the idle window ($([ "$selectors" = 1 ] && echo selector || echo thread per consumer)):$(cat "$tmp/idle$selectors.threads")"; echo; done
fi
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); mock cluster: $(grep -E '^(VmHWM|Threads)' /proc/"$mock_pid"/status | tr -s ' \t' ' ' | tr '\n' ' ')"
