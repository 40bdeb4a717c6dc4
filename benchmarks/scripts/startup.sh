#!/usr/bin/env bash
# The JVM's fixed cost for ./jrdkafka: CPU (user+sys of the whole process) and wall time of
# one-message runs, and the time from launching the command to the first delivery report,
# for JVM set-ups (no AOT cache, the AOT cache the launcher builds, JIT and CDS flags),
# alternately, REPEAT times each; medians with min-max.
#   produce: ./jrdkafka perf -P -c 1 -X linger.ms=5   (embedded mock cluster of 3 brokers)
#   consume: ./jrdkafka -C -b MOCK -t startup -o beginning -c 1 -e -q   (kcat mode; a
#            `./jrdkafka mock` process holds the one message)
# Usage: benchmarks/scripts/startup.sh [REPEAT]   (C's rdkafka_performance -P -c 1 for scale)
#   STARTUP_RESULTS=FILE keeps the raw rows (variant|workload|CPU s|wall s|first delivery ms).
# Run it under /work/bin/locked (or on an idle machine): the figures are CPU-bound.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeat="${1:-5}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
c_tool="$root/native/target/native-build/bin/rdkafka_performance"
tmp="$(mktemp -d)"; trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
export JRDKAFKA_AOT_DIR="$tmp/aot"   # a fresh cache, built below (not the user's)
JRDKAFKA_AOT=off "$root/jrdkafka" version >/dev/null   # build first, outside the measurements
"$root/jrdkafka" --aot-cache build >/dev/null
# "CDS of the app jars" without the AOT cache's linking and profiles: a dynamic CDS archive.
JRDKAFKA_AOT=off JRDKAFKA_JAVA_OPTS="-XX:ArchiveClassesAtExit=$tmp/app.jsa -Xlog:cds=off,aot=off" \
  "$root/jrdkafka" perf -c 100000 >/dev/null 2>&1
JRDKAFKA_AOT=off "$root/jrdkafka" mock --brokers 1 startup:1 > "$tmp/mock.out" 2>&1 &
mock_pid=$!
for _ in $(seq 1 100); do grep -q ':' "$tmp/mock.out" 2>/dev/null && break; sleep 0.1; done
bootstrap="$(head -1 "$tmp/mock.out")"
echo one | JRDKAFKA_AOT=off "$root/jrdkafka" -P -b "$bootstrap" -t startup -q

# name | JRDKAFKA_AOT | JRDKAFKA_JAVA_OPTS
variants=(
  "no AOT cache|off|"
  "AOT cache (launcher default)|on|"
  "no AOT cache, -Xshare:off (not even the JDK's CDS)|off|-Xshare:off"
  "dynamic CDS archive of the app (-XX:SharedArchiveFile)|off|-XX:SharedArchiveFile=$tmp/app.jsa -Xlog:cds=off,aot=off"
  "no AOT cache, -XX:TieredStopAtLevel=1|off|-XX:TieredStopAtLevel=1"
  "AOT cache, -XX:TieredStopAtLevel=1|on|-XX:TieredStopAtLevel=1"
  "AOT cache, -XX:+UseSerialGC|on|-XX:+UseSerialGC"
  "AOT cache, -XX:CICompilerCount=1 -XX:TieredStopAtLevel=1|on|-XX:CICompilerCount=1 -XX:TieredStopAtLevel=1"
)
now_us() { date +%s%6N; }
for ((r = 0; r < repeat; r++)); do
  /usr/bin/time -f "%U %S %e" -o "$tmp/t" "$c_tool" -P -t startup -s 100 -c 1 -X test.mock.num.brokers=3 \
      -X linger.ms=5 > /dev/null 2>&1
  read -r u s e < "$tmp/t"; echo "C rdkafka_performance -P -c 1|produce|$(echo "$u + $s" | bc)|$e|" >> "$tmp/results"
  for v in "${variants[@]}"; do
    IFS='|' read -r name aot opts <<< "$v"
    t0="$(now_us)"
    JRDKAFKA_AOT="$aot" JRDKAFKA_JAVA_OPTS="$opts" /usr/bin/time -f "%U %S %e" -o "$tmp/t" \
      "$root/jrdkafka" perf -P -c 1 -X linger.ms=5 > "$tmp/out" 2>&1
    read -r u s e < "$tmp/t"
    first="$(sed -n 's/^% first delivery report at \([0-9]*\) us.*/\1/p' "$tmp/out")"
    grep -q "1 delivered, 0 failed" "$tmp/out" || { echo "run failed ($name):" >&2; cat "$tmp/out" >&2; exit 1; }
    echo "$name|produce|$(echo "$u + $s" | bc)|$e|$(( (first - t0) / 1000 ))" >> "$tmp/results"
    JRDKAFKA_AOT="$aot" JRDKAFKA_JAVA_OPTS="$opts" /usr/bin/time -f "%U %S %e" -o "$tmp/t" \
      "$root/jrdkafka" -C -b "$bootstrap" -t startup -o beginning -c 1 -e -q > "$tmp/out" 2>&1
    read -r u s e < "$tmp/t"
    grep -qx one "$tmp/out" || { echo "consume failed ($name):" >&2; cat "$tmp/out" >&2; exit 1; }
    echo "$name|consume|$(echo "$u + $s" | bc)|$e|" >> "$tmp/results"
  done
done

set +e # the table below is printed from whatever was measured
cp "$tmp/results" "${STARTUP_RESULTS:-/dev/null}" 2>/dev/null
stat() { # prints "median (min-max)" of the numbers on stdin
  sort -g | awk '{a[NR]=$1} END {if (!NR) {print ""; exit}
    m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.2f (%.2f-%.2f)", m, a[1], a[NR]}'
}
field() { awk -F'|' -v n="$1" -v w="$2" -v f="$3" '$1==n && $2==w && $f!="" {print $f}' "$tmp/results"; }
echo "% load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "% $repeat runs of each, alternately; median (min-max); $(nproc) CPUs, $(java_v="$("$root/jrdkafka" version 2>/dev/null | head -1)"; echo "$java_v")"
echo "| JVM set-up | perf -P -c 1: CPU s | wall s | first delivery, ms after launch | kcat -C -c 1: CPU s | wall s |"
echo "|---|---:|---:|---:|---:|---:|"
printf '| %s | %s | %s | | | |\n' "C rdkafka_performance -P -c 1" \
  "$(field "C rdkafka_performance -P -c 1" produce 3 | stat)" "$(field "C rdkafka_performance -P -c 1" produce 4 | stat)"
for v in "${variants[@]}"; do
  IFS='|' read -r name _ _ <<< "$v"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$(field "$name" produce 3 | stat)" "$(field "$name" produce 4 | stat)" \
    "$(field "$name" produce 5 | stat | sed 's/\.00//g')" "$(field "$name" consume 3 | stat)" "$(field "$name" consume 4 | stat)"
done
