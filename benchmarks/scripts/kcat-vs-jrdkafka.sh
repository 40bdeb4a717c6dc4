#!/usr/bin/env bash
# Pipes through kcat (Debian's package) and through ./jrdkafka's kcat mode, alternately, on
# one `./jrdkafka mock` cluster (a separate process): produce N lines from a file with
# `-P -K:`, then consume them back with `-C -o beginning -e -f '%k:%s\n'` into a file, and
# compare. Prints wall seconds and process CPU (user+sys) per tool and step, medians of
# REPEAT runs, and checks that every consumed line was produced.
# Usage: benchmarks/scripts/kcat-vs-jrdkafka.sh [REPEAT] [LINES] [PARTITIONS]
#   CLUSTER=broker: testkit's real Apache Kafka broker instead (a child JVM on 127.0.0.1, started
#   by the harness's BrokerMain; topics auto-created with the broker's 3 partitions before the
#   runs, PARTITIONS is ignored). Needs the harness built (benchmarks/harness/run.sh does it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeat="${1:-3}"; lines="${2:-1000000}"; partitions="${3:-4}"
command -v kcat >/dev/null || { echo "needs kcat (apt-get install kcat)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
cluster="${CLUSTER:-mock}"
tmp="$(mktemp -d)"; mock_pid=""; broker_in=""
cleanup() {
  [ -z "$mock_pid" ] || kill "$mock_pid" 2>/dev/null || true
  [ -z "$broker_in" ] || { exec {broker_in}>&-; wait 2>/dev/null || true; }
  rm -rf "$tmp"
}
trap cleanup EXIT
awk -v n="$lines" 'BEGIN { for (i = 0; i < n; i++) printf "key-%d:value %d, some text to make it about sixty bytes long\n", i % 1000, i }' > "$tmp/in.txt"
"$root/jrdkafka" version >/dev/null  # build first, outside the measurements
topics=""
for r in $(seq 1 "$repeat"); do topics="$topics kc-$r:$partitions jr-$r:$partitions"; done
if [ "$cluster" = broker ]; then
  harness="$root/benchmarks/harness"
  [ -d "$harness/target/lib" ] || (cd "$root" && ./mvnw -B -q -f benchmarks/harness/pom.xml package && touch "$harness/target/lib") >&2
  . "$root/scripts/find-jdk.sh"; jdk="$(find_jdk)"
  mkfifo "$tmp/broker.in"
  "$jdk/bin/java" -cp "$harness/target/jrdkafka-benchmark-harness-0.1.0-SNAPSHOT.jar:$harness/target/lib/*" \
      dev.jrdkafka.benchmarks.harness.BrokerMain "$harness/target/lib" "$tmp/broker.log" < "$tmp/broker.in" > "$tmp/broker.out" 2>&1 &
  exec {broker_in}>"$tmp/broker.in" # the broker stops when this closes
  for _ in $(seq 1 600); do grep -q '^bootstrap=' "$tmp/broker.out" 2>/dev/null && break; sleep 0.2; done
  bootstrap="$(sed -n 's/^bootstrap=//p' "$tmp/broker.out" | head -1)"
  [ -n "$bootstrap" ] || { echo "broker did not start:" >&2; cat "$tmp/broker.out" >&2; exit 1; }
  for t in $topics; do kcat -L -b "$bootstrap" -t "${t%%:*}" -q >/dev/null 2>&1 || true; done # auto-creates them
  partitions=3
  echo "% $lines lines of ~60 bytes, $partitions partitions, real broker (testkit) at $bootstrap, $repeat runs each"
else
  "$root/jrdkafka" mock --brokers 1 $topics > "$tmp/mock.out" 2>&1 &
  mock_pid=$!
  for _ in $(seq 1 100); do grep -q ':' "$tmp/mock.out" 2>/dev/null && break; sleep 0.1; done
  bootstrap="$(head -1 "$tmp/mock.out")"
  echo "% $lines lines of ~60 bytes, $partitions partitions, mock cluster at $bootstrap, $repeat runs each"
fi
measure() { # name, output file, command...
  local name="$1" out="$2"; shift 2
  /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" < "$tmp/in.txt" > "$out"
  read -r wall user sys < "$tmp/t"
  echo "$name $wall $(echo "$user + $sys" | bc)" >> "$tmp/results"
}
for r in $(seq 1 "$repeat"); do
  measure "kcat-P" /dev/null kcat -P -b "$bootstrap" -t "kc-$r" -K: -q
  measure "jrdkafka-P" /dev/null "$root/jrdkafka" -P -b "$bootstrap" -t "jr-$r" -K: -q
  measure "kcat-C" "$tmp/kc-$r.out" kcat -C -b "$bootstrap" -t "kc-$r" -o beginning -e -q -f '%k:%s\n'
  measure "jrdkafka-C" "$tmp/jr-$r.out" "$root/jrdkafka" -C -b "$bootstrap" -t "jr-$r" -o beginning -e -q -f '%k:%s\n'
  for t in kc jr; do
    if ! cmp -s <(sort "$tmp/$t-$r.out") <(sort "$tmp/in.txt"); then echo "MISMATCH: $t run $r consumed other lines than produced" >&2; exit 1; fi
  done
done
echo "| step | tool | wall s (median) | CPU s (median) | lines/s |"
echo "|---|---|---:|---:|---:|"
for step in P C; do
  for tool in kcat jrdkafka; do
    w=$(awk -v k="$tool-$step" '$1==k {print $2}' "$tmp/results" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    c=$(awk -v k="$tool-$step" '$1==k {print $3}' "$tmp/results" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "| -$step | $tool | $w | $c | $(echo "$lines / $w" | bc) |"
  done
done
echo "% every consumed line was produced, in every run"
