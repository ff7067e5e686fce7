#!/usr/bin/env bash
# bench/generate/generate.sh [OUT]: writes the benchmarks' generated inputs to files, to look at
# them or feed them to the CLI, the service or a load test (the benchmarks themselves generate
# them in memory / in a temp dir and need none of this):
#
#   OUT/facts/                   fact base of 500 minerals (FactBaseGenerator)
#   OUT/profile-{10,100,500}.json  profiles for IND over that fact base (ProfileGenerator)
#   OUT/rules-{1000,5000}/       rule packs of 1,000 and 5,000 rules (RulePackGenerator)
#
# OUT defaults to target/bench/generated. Run from the repository root after
#   ./mvnw -q -B -Pbench package -DskipTests
# Deterministic: the same files every time (fixed seeds).
set -euo pipefail
OUT="${1:-target/bench/generated}"
JAR="${JAR:-target/benchmarks.jar}"
JAVA="${JAVA:-java}"
[ -f "$JAR" ] || { echo "generate.sh: $JAR not found; build it with ./mvnw -q -B -Pbench package -DskipTests" >&2; exit 1; }
[ -d rules ] || { echo "generate.sh: run from the repository root (rules/ not found)" >&2; exit 1; }
P=org.mineralsadvisor.bench.jmh
mkdir -p "$OUT"
"$JAVA" -cp "$JAR" $P.FactBaseGenerator "$OUT/facts" 500
for n in 10 100 500; do
  "$JAVA" -cp "$JAR" $P.ProfileGenerator "$OUT/facts" "$n" "$OUT/profile-$n.json"
done
for n in 1000 5000; do
  rm -rf "$OUT/rules-$n"
  "$JAVA" -cp "$JAR" $P.RulePackGenerator rules "$n" "$OUT/rules-$n"
done
echo "generate.sh: wrote $OUT (check: java -jar target/advisor.jar evaluate --facts $OUT/facts $OUT/profile-10.json;" \
     "java -jar target/advisor.jar rules check --rules $OUT/rules-1000 --facts $OUT/facts)" >&2
