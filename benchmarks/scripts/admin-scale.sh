#!/usr/bin/env bash
# Admin at scale on the real broker from testkit (no Docker): one CreateTopics call for N
# topics (default 1,000), one DescribeTopics of all of them, one DeleteTopics; prints the
# times and the JVM's thread count. Runs integration-tests' AdminScaleBench (not part of the
# default build). Usage: benchmarks/scripts/admin-scale.sh [TOPICS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
topics="${1:-1000}"
cd "$root"
./mvnw -B -q install -DskipTests -pl testkit,integration-tests -am
./mvnw -B verify -pl integration-tests -Dit.test=AdminScaleBench -Djrdkafka.bench.topics="$topics" \
  | grep -E '^% |Tests run:|FAIL' || true
grep -h '^% ' integration-tests/target/failsafe-reports/*AdminScaleBench-output.txt 2>/dev/null || true
