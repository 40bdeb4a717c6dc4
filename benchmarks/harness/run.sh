#!/usr/bin/env bash
# One benchmark run, on this machine, of three clients with the same settings, producing
# and (MODES) consuming:
#   C    librdkafka's rdkafka_performance -P / -C (built by cmake/ from the same librdkafka)
#   J    ./jrdkafka perf -P / -C (through the launcher, with its AOT cache unless
#        JRDKAFKA_AOT=off; -C is its batch path: pollBatch, records read in place)
#   K    kafka-clients' org.apache.kafka.tools.ProducerPerformance / ConsumerPerformance
#        (kafka-tools, same version as the broker)
# on two clusters: librdkafka's mock cluster (3 brokers; K cannot use it) and the real
# single-node Apache Kafka broker from testkit (a child process on 127.0.0.1,
# num.partitions=3). Produce runs alternate C, J, K per repeat, each with its own mock
# cluster inside the process on the mock. Consume runs read one topic filled once per
# configuration (by C rdkafka_performance -P with the configuration's settings, not
# measured) from the beginning, each tool the same COUNT messages, the tool order rotating
# per repeat (C J K, J K C, K C J: none always reads first after the fill). On the mock that
# topic lives in a separate `jrdkafka mock` process (3 brokers, many partitions: the mock
# keeps at most 5 MiB per partition), so the C and J consumers both fetch over loopback and
# neither pays for the brokers' CPU; C and J assign all partitions, K subscribes as a fresh
# group (its group join is outside its msgs/s, inside its process CPU).
# Reports msgs/s, MB/s (10^6 bytes of values; kafka-tools' MiB converted), CPU µs per message
# of the whole process (user+sys from /usr/bin/time, JVM start-up included) and, for
# jrdkafka, inside the JVM (its own figure: client creation to close), jrdkafka's Java heap
# bytes allocated per message when producing (all threads, client creation to close),
# delivery latency p50/p99 where the tool reports it, as medians with min-max over the
# repeats, and ratios to C. Each tool's msgs/s is its own figure: produce from the first
# message to the last delivery; consume from the first message to the last (K: its
# fetch.nMsg.sec, the run minus its group join).
# Writes the markdown table to stdout and to benchmarks/results/harness-<profile>-<UTC
# time>.md, the raw rows next to it (.tsv), and PNG charts of the rows next to them
# (Charts.java: -msgs.png, -cpu.png, -msgs-vs-c.png, -cpu-vs-c.png, -heap.png).
#
# Usage: benchmarks/harness/run.sh [quick|full] [REPEAT]
#   quick (default): 2,000,000 × 100 B and 1 KiB, linger.ms=5, no compression, acks=1;
#                    3 repeats; mock and broker
#   full:            sizes 10 B, 100 B, 1 KiB, 10 KiB × linger.ms 0, 5 × codecs none, lz4,
#                    zstd × acks 1, all; 3 repeats; 2,000,000 messages (200,000 for 10 KiB)
#   MODES="produce consume" (default both). Consume reads at most ~256 MB of values per
#   configuration: 2,000,000 messages up to 100 B, 250,000 of 1 KiB, 25,000 of 10 KiB
#   (CCOUNT=N overrides).
#   CLUSTERS="mock broker" (default both), COUNT=N to override the produce message count.
#   SIZES, LINGERS, CODECS, ACKS="1 all": a part of the profile's matrix (space-separated).
#   OUT=benchmarks/results/NAME (no extension): append the rows to NAME.tsv instead of a new
#   file, and write the table and charts of all its rows (a long matrix in several runs).
# Needs: a build (./mvnw -B -q package -DskipTests), /usr/bin/time, bc; the first run
# builds this folder's pom (broker and kafka-tools jars, Maven downloads them once).
# On a shared machine run it under a lock that keeps other heavy jobs off the cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
profile="${1:-quick}"; repeat="${2:-3}"
clusters="${CLUSTERS:-mock broker}"; modes=" ${MODES:-produce consume} "
case "$profile" in
  quick) sizes=(100 1024); lingers=(5); codecs=(none); acks_list=(1) ;;
  full) sizes=(10 100 1024 10240); lingers=(0 5); codecs=(none lz4 zstd); acks_list=(1 all) ;;
  *) echo "usage: $0 [quick|full] [REPEAT]" >&2; exit 2 ;;
esac
[ -z "${SIZES:-}" ] || read -ra sizes <<< "$SIZES"
[ -z "${LINGERS:-}" ] || read -ra lingers <<< "$LINGERS"
[ -z "${CODECS:-}" ] || read -ra codecs <<< "$CODECS"
[ -z "${ACKS:-}" ] || read -ra acks_list <<< "$ACKS"
c_tool="$root/native/target/native-build/bin/rdkafka_performance"
[ -x "$c_tool" ] || { echo "build first: $c_tool is missing (./mvnw -B -q package -DskipTests)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
. "$root/scripts/find-jdk.sh"; jdk="$(find_jdk)"
if [ ! -d "$here/target/lib" ] || [ -n "$(find "$here/pom.xml" "$here/src" -newer "$here/target/lib" -type f -print -quit)" ]; then
  (cd "$root" && ./mvnw -B -q -f benchmarks/harness/pom.xml package && touch benchmarks/harness/target/lib) >&2
fi
"$root/jrdkafka" --aot-cache build >/dev/null 2>&1 || true # outside the measurements (JRDKAFKA_AOT=off: none)

tmp="$(mktemp -d)"; broker_in=""; mock_pid=""
cleanup() { [ -z "$mock_pid" ] || kill "$mock_pid" 2>/dev/null || true; [ -z "$broker_in" ] || exec {broker_in}>&-; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
stamp="$(date -u +%Y-%m-%dT%H%MZ)"
out_md="${OUT:-$root/benchmarks/results/harness-$profile-$stamp}.md"; out_tsv="${out_md%.md}.tsv"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

count_for() { if [ -n "${COUNT:-}" ]; then echo "$COUNT"; elif [ "$1" -ge 10240 ]; then echo 200000; else echo 2000000; fi; }

# run CLUSTER TOOL SIZE LINGER CODEC ACKS COUNT BOOTSTRAP -> appends one row to $tmp/rows
run() {
  local cluster="$1" tool="$2" size="$3" linger="$4" codec="$5" acks="$6" count="$7" bootstrap="$8"
  local rate="" mbs="" p50="" p99="" inner="" heap="" t="$tmp/time" o="$tmp/out"
  local rdx=(-X "linger.ms=$linger" -X "compression.codec=$codec" -X "acks=$acks")
  local where=(); [ "$cluster" = broker ] && where=(-b "$bootstrap")
  case "$tool" in
    C)
      [ "$cluster" = mock ] && where=(-X test.mock.num.brokers=3)
      timeout 600 /usr/bin/time -f "%U %S %e" -o "$t" "$c_tool" -P -t "h-$cluster" -s "$size" -c "$count" "${where[@]}" "${rdx[@]}" > "$o" 2>&1 || true
      rate=$(grep -oE '[0-9]+ msgs/s' "$o" | tail -1 | cut -d' ' -f1)
      mbs=$(grep -oE '[0-9.]+ MB/s' "$o" | tail -1 | cut -d' ' -f1)
      grep -q "$count delivered" "$o" || rate="" ;;
    J)
      timeout 600 /usr/bin/time -f "%U %S %e" -o "$t" "$root/jrdkafka" perf -P -t "h-$cluster" -s "$size" -c "$count" "${where[@]}" "${rdx[@]}" > "$o" 2>&1 || true
      rate=$(sed -n 's/^% \([0-9]*\) msgs\/s, \([0-9.]*\) MB\/s.*/\1/p' "$o" | tail -1)
      mbs=$(sed -n 's/^% \([0-9]*\) msgs\/s, \([0-9.]*\) MB\/s.*/\2/p' "$o" | tail -1)
      p50=$(sed -n 's/.*delivery latency p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms.*/\1/p' "$o" | tail -1)
      p99=$(sed -n 's/.*delivery latency p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms.*/\2/p' "$o" | tail -1)
      # its own CPU figure: from before the client is created to after it is closed (no JVM start)
      inner=$(grep -oE '[0-9.]+ us CPU/msg' "$o" | tail -1 | cut -d' ' -f1)
      heap=$(grep -oE '[0-9.]+ B heap/msg' "$o" | tail -1 | cut -d' ' -f1) # same span, all threads
      grep -q "$count delivered, 0 failed" "$o" || rate="" ;;
    K)
      [ "$cluster" = broker ] || return 0
      local kacks="$acks" kcodec="$codec"
      timeout 600 /usr/bin/time -f "%U %S %e" -o "$t" "$jdk/bin/java" -cp "$here/target/lib/*" \
          -Dlog4j2.level=warn org.apache.kafka.tools.ProducerPerformance --topic "h-$cluster" --num-records "$count" \
          --record-size "$size" --throughput -1 --producer-props "bootstrap.servers=$bootstrap" "linger.ms=$linger" \
          "compression.type=$kcodec" "acks=$kacks" > "$o" 2>&1 || true
      # "2000000 records sent, 443852.6 records/sec (42.33 MB/sec), 12.3 ms avg latency, 250.0 ms max latency, 5 ms 50th, 20 ms 95th, 30 ms 99th, ..."
      local last; last="$(grep 'records sent' "$o" | tail -1)"
      rate=$(echo "$last" | sed -n 's/.* \([0-9.]*\) records\/sec.*/\1/p')
      mbs=$(echo "$last" | sed -n 's/.*(\([0-9.]*\) MB\/sec).*/\1/p')
      [ -z "$mbs" ] || mbs=$(echo "$mbs * 1.048576" | bc -l) # its "MB" is MiB; the others' 10^6 B
      p50=$(echo "$last" | sed -n 's/.* \([0-9.]*\) ms 50th.*/\1/p')
      p99=$(echo "$last" | sed -n 's/.* \([0-9.]*\) ms 99th.*/\1/p')
      echo "$last" | grep -q "^$count records sent" || rate="" ;;
  esac
  local u="" s="" e=""; read -r u s e < <(tail -1 "$t") || true # nothing when timeout stopped it
  if [ -z "$rate" ]; then echo "run failed: $cluster $tool $size $linger $codec $acks (output in $out_tsv.failed)" >&2
    { echo "== $cluster $tool $size $linger $codec $acks"; cat "$o"; } >> "$out_tsv.failed"; return 0; fi
  row "$cluster" "$tool" "$size" "$linger" "$codec" "$acks" "$count" "$rate" "$mbs" "$u" "$s" "$p50" "$p99" "$inner" "$heap" produce
}

# row CLUSTER TOOL SIZE LINGER CODEC ACKS COUNT RATE MBS USER SYS P50 P99 INNER HEAP MODE -> one tsv row
row() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" \
    "$8" "$9" "$(echo "(${10} + ${11}) * 1000000 / $7" | bc -l)" "${12}" "${13}" "${14}" "${15}" "${16}" >> "$rows"
}

ccount_for() { # consume: at most ~256 MB of values per configuration
  if [ -n "${CCOUNT:-}" ]; then echo "$CCOUNT"; else
    local n=$((256000000 / $1)); n=$((n >= 2000000 ? 2000000 : n / 1000 * 1000)); echo "$n"; fi
}

# consume_setup CLUSTER SIZE LINGER CODEC ACKS COUNT BOOTSTRAP -> sets ctopic, cparts, cbootstrap:
# a topic holding exactly COUNT messages, written by C rdkafka_performance -P (not measured).
consume_setup() {
  local cluster="$1" size="$2" linger="$3" codec="$4" acks="$5" count="$6"
  ctopic="hc-$cluster-$size-$linger-$codec-$acks-$(date +%s)"; cbootstrap="$7"; cparts=3
  if [ "$cluster" = mock ]; then
    # The mock keeps at most 5 MiB per partition (older message sets go): partitions of
    # about 4 MB each.
    local per=$((4000000 / (size + 20))); [ "$per" -le 60000 ] || per=60000
    cparts=$(((count + per - 1) / per)); [ "$cparts" -ge 3 ] || cparts=3
    "$jdk/bin/java" --enable-native-access=dev.jrdkafka.nativelib,dev.jrdkafka.bindings,dev.jrdkafka.api \
        --module-path "$root/cli/target/jrdkafka-cli.jar:$root/cli/target/lib" --add-modules ALL-MODULE-PATH \
        -m dev.jrdkafka.cli/dev.jrdkafka.cli.Main mock --brokers 3 --duration 1800 "$ctopic:$cparts" > "$tmp/mock" 2>&1 &
    mock_pid=$!
    for _ in $(seq 1 300); do [ -s "$tmp/mock" ] && break; sleep 0.1; done
    cbootstrap="$(head -1 "$tmp/mock")"
    [[ "$cbootstrap" == 127.0.0.1:* ]] || { echo "the mock cluster did not start: $(cat "$tmp/mock")" >&2; exit 1; }
  fi
  local fill=(-X "linger.ms=$linger" -X "compression.codec=$codec" -X "acks=$acks")
  if [ "$cluster" = broker ]; then
    fill_part "$count" "${fill[@]}"
  else
    # One producer per partition, as consume-vs-c.sh: the mock answers a fetch with one
    # message set per partition, so a fill spread over all partitions at once (small
    # batches) would make every consumer crawl; filled this way, batches are full.
    local p n
    for ((p = 0; p < cparts; p++)); do
      n=$((count / cparts + (p < count % cparts ? 1 : 0)))
      fill_part "$n" -p "$p" "${fill[@]}"
    done
  fi
}

fill_part() { # COUNT [rdkafka_performance flags...]: produce COUNT messages into ctopic
  local n="$1"; shift
  timeout 600 "$c_tool" -P -t "$ctopic" -s "$size" -c "$n" -b "$cbootstrap" "$@" > "$tmp/fill" 2>&1 || true
  grep -q "$n delivered" "$tmp/fill" || { echo "filling $ctopic failed: $(tail -3 "$tmp/fill")" >&2; exit 1; }
}

consume_teardown() { if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; mock_pid=""; fi; }

# consume CLUSTER TOOL SIZE LINGER CODEC ACKS COUNT -> reads ctopic from the beginning, appends one row
consume() {
  local cluster="$1" tool="$2" size="$3" linger="$4" codec="$5" acks="$6" count="$7"
  local rate="" mbs="" inner="" t="$tmp/time" o="$tmp/out" plist=() p
  for ((p = 0; p < cparts; p++)); do plist+=(-p "$p"); done
  case "$tool" in
    C)
      timeout 120 /usr/bin/time -f "%U %S %e" -o "$t" "$c_tool" -C -t "$ctopic" "${plist[@]}" -c "$count" -o beginning -b "$cbootstrap" > "$o" 2>&1 || true
      rate=$(grep -oE '[0-9]+ msgs/s' "$o" | tail -1 | cut -d' ' -f1)
      mbs=$(grep -oE '[0-9.]+ MB/s' "$o" | tail -1 | cut -d' ' -f1)
      grep -q "^% $count messages (" "$o" || rate="" ;;
    J)
      timeout 120 /usr/bin/time -f "%U %S %e" -o "$t" "$root/jrdkafka" perf -C -t "$ctopic" "${plist[@]}" -c "$count" -o beginning -b "$cbootstrap" > "$o" 2>&1 || true
      rate=$(sed -n 's/^% \([0-9]*\) msgs\/s, \([0-9.]*\) MB\/s.*/\1/p' "$o" | tail -1)
      mbs=$(sed -n 's/^% \([0-9]*\) msgs\/s, \([0-9.]*\) MB\/s.*/\2/p' "$o" | tail -1)
      inner=$(grep -oE '[0-9.]+ us CPU/msg' "$o" | tail -1 | cut -d' ' -f1)
      grep -q "^% $count messages (" "$o" || rate="" ;;
    K)
      [ "$cluster" = broker ] || return 0
      timeout 120 /usr/bin/time -f "%U %S %e" -o "$t" "$jdk/bin/java" -cp "$here/target/lib/*" -Dlog4j2.level=warn \
          org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$cbootstrap" --topic "$ctopic" \
          --messages "$count" --group "hc-$RANDOM$RANDOM" --timeout 60000 > "$o" 2>&1 || true
      # "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
      #  rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec" and one line of values
      local fig; fig=$(awk -F', *' '/^start.time/ { for (i = 1; i <= NF; i++) col[$i] = i; next }
        ("fetch.nMsg.sec" in col) && NF >= col["fetch.nMsg.sec"] {
          print $col["data.consumed.in.nMsg"], $col["fetch.nMsg.sec"], $col["fetch.MB.sec"] * 1.048576 }' "$o" | tail -1)
      local n; read -r n rate mbs <<< "$fig"
      [ "${n:-}" = "$count" ] || rate="" ;;
  esac
  local u="" s="" e=""; read -r u s e < <(tail -1 "$t") || true # nothing when timeout stopped it
  if [ -z "$rate" ]; then echo "run failed: consume $cluster $tool $size $linger $codec $acks (output in $out_tsv.failed)" >&2
    { echo "== consume $cluster $tool $size $linger $codec $acks"; cat "$o"; } >> "$out_tsv.failed"; return 0; fi
  row "$cluster" "$tool" "$size" "$linger" "$codec" "$acks" "$count" "$rate" "$mbs" "$u" "$s" "" "" "$inner" "" consume
}

: > "$tmp/rows"; rows="$tmp/rows"
for cluster in $clusters; do
  bootstrap=""
  if [ "$cluster" = broker ]; then
    mkfifo "$tmp/broker.in"
    "$jdk/bin/java" -cp "$here/target/jrdkafka-benchmark-harness-0.1.0-SNAPSHOT.jar:$here/target/lib/*" \
        dev.jrdkafka.benchmarks.harness.BrokerMain "$here/target/lib" "$tmp/broker.log" < "$tmp/broker.in" > "$tmp/broker.out" 2>&1 &
    exec {broker_in}>"$tmp/broker.in"
    for _ in $(seq 1 600); do grep -q '^bootstrap=' "$tmp/broker.out" 2>/dev/null && break; sleep 0.2; done
    bootstrap="$(sed -n 's/^bootstrap=//p' "$tmp/broker.out" | head -1)"
    [ -n "$bootstrap" ] || { echo "broker did not start:" >&2; cat "$tmp/broker.out" "$tmp/broker.log" >&2; exit 1; }
    # One warm-up round per tool (topic creation, page cache), not counted.
    rows="$tmp/warmup"; for tool in C J K; do run broker "$tool" 100 5 none 1 200000 "$bootstrap"; done; rows="$tmp/rows"
  fi
  for size in "${sizes[@]}"; do for linger in "${lingers[@]}"; do for codec in "${codecs[@]}"; do for acks in "${acks_list[@]}"; do
    [ "$cluster" = mock ] && [ "$acks" = all ] && [ "$profile" = full ] && continue # one replica: acks=all is acks=1 there
    if [[ "$modes" == *" produce "* ]]; then
      count="$(count_for "$size")"
      for ((r = 0; r < repeat; r++)); do
        for tool in C J K; do run "$cluster" "$tool" "$size" "$linger" "$codec" "$acks" "$count" "$bootstrap"; done
      done
    fi
    if [[ "$modes" == *" consume "* ]]; then
      count="$(ccount_for "$size")"
      consume_setup "$cluster" "$size" "$linger" "$codec" "$acks" "$count" "$bootstrap"
      for ((r = 0; r < repeat; r++)); do
        order=(C J K); order=("${order[@]:r%3}" "${order[@]:0:r%3}")
        for tool in "${order[@]}"; do consume "$cluster" "$tool" "$size" "$linger" "$codec" "$acks" "$count"; done
      done
      consume_teardown
    fi
  done; done; done; done
  if [ "$cluster" = broker ]; then exec {broker_in}>&-; broker_in=""; wait; fi
done
cat "$tmp/rows" >> "$out_tsv" # new file, or OUT's rows of earlier runs kept

# The table: one row per (mode, cluster, setting, tool), medians (min-max). Consume rows: the
# settings are the fill's (the codec is what the consumer decompresses).
# One line per run that wrote rows into this file (several with OUT: kept from its table).
runs="$tmp/runs"; if [ -n "${OUT:-}" ] && [ -f "$out_md" ]; then grep '^Profile' "$out_md" | sed 's/$/\n/' > "$runs"; else : > "$runs"; fi
{ echo "Profile \`$profile\`, $repeat repeats, modes $(echo $modes), $stamp$([ -z "${OUT:-}" ] || echo ", COUNT=${COUNT:-default} CLUSTERS=$clusters sizes ${sizes[*]} lingers ${lingers[*]} codecs ${codecs[*]} acks ${acks_list[*]}"). Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), Linux $(uname -r); $("$jdk/bin/java" -version 2>&1 | sed -n 2p); librdkafka $("$root/jrdkafka" version 2>/dev/null | sed -n 's/^librdkafka *\([^ ]*\).*/\1/p'); jrdkafka $(git -C "$root" rev-parse --short HEAD 2>/dev/null); JRDKAFKA_AOT=${JRDKAFKA_AOT:-on}; load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo; } >> "$runs"
{
  cat "$runs"
  echo "| mode | cluster | size | linger | codec | acks | tool | msgs/s | MB/s | CPU µs/msg, whole process | CPU µs/msg in the JVM (no start-up) | heap B/msg (all threads, in the JVM) | latency p50 / p99 ms | ÷ C msgs/s | ÷ C CPU |"
  echo "|---|---|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '
    function med(s,   n, a, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      lo = a[1]; hi = a[n]; return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    { mode = ($15 == "" ? "produce" : $15); k = mode SUBSEP $1 SUBSEP $3 SUBSEP $4 SUBSEP $5 SUBSEP $6; if (!(k in seen)) { seen[k] = 1; keys[++nk] = k }
      t = k SUBSEP $2; rate[t] = rate[t] " " $8; mb[t] = mb[t] " " $9; cpu[t] = cpu[t] " " $10
      if ($11 != "") { p50[t] = p50[t] " " $11; p99[t] = p99[t] " " $12 }
      if ($13 != "") inner[t] = inner[t] " " $13
      if ($14 != "") heap[t] = heap[t] " " $14 }
    END { split("C J K", tools, " ")
      name["produce", "C"] = "C rdkafka_performance -P"; name["produce", "J"] = "jrdkafka perf -P"; name["produce", "K"] = "kafka-clients ProducerPerformance"
      name["consume", "C"] = "C rdkafka_performance -C"; name["consume", "J"] = "jrdkafka perf -C"; name["consume", "K"] = "kafka-clients ConsumerPerformance"
      for (i = 1; i <= nk; i++) { split(keys[i], f, SUBSEP); c = keys[i] SUBSEP "C"
        cr = (c in rate) ? med(rate[c]) : 0; cc = (c in cpu) ? med(cpu[c]) : 0
        for (x = 1; x <= 3; x++) { t = keys[i] SUBSEP tools[x]; if (!(t in rate)) continue
          r = med(rate[t]); rlo = lo; rhi = hi; m = med(mb[t]); u = med(cpu[t]); ulo = lo; uhi = hi
          lat = (t in p50) ? sprintf("%.1f / %.1f", med(p50[t]), med(p99[t])) : ""
          jin = (t in inner) ? sprintf("%.3f", med(inner[t])) : ""
          jheap = (t in heap) ? sprintf("%.1f", med(heap[t])) : ""
          printf "| %s | %s | %s B | %s | %s | %s | %s | %.0f (%.0f–%.0f) | %.1f | %.3f (%.3f–%.3f) | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], f[5], f[6], name[f[1], tools[x]],
            r, rlo, rhi, m, u, ulo, uhi, jin, jheap, lat, (tools[x] == "C" || !cr) ? "" : sprintf("%.2f×", r / cr), (tools[x] == "C" || !cc) ? "" : sprintf("%.2f×", u / cc) } } }' "$out_tsv"
} | tee "$out_md"

# The charts, next to the rows (headless: no display needed).
"$jdk/bin/java" -Djava.awt.headless=true -cp "$here/target/jrdkafka-benchmark-harness-0.1.0-SNAPSHOT.jar:$here/target/lib/*" \
    dev.jrdkafka.benchmarks.harness.Charts "$out_tsv" | sed 's/^/chart: /' >&2
