# shellcheck shell=bash
# Sourced by scripts/bench-serving and scripts/soak-serving: builds the reactor and runs one main
# class of the integ-tests test sources against a real node, the way both commands do.
#
# Usage, as a script's only statement after sourcing this file:
#   seqrec_bench_main NAME MAIN_CLASS "PATH_FLAGS" "KEYWORDS" "$0" "$@"
# NAME names the logs and messages (e.g. bench-serving); PATH_FLAGS lists, space-separated, the flags
# whose values are paths (e.g. "--artifact --data --out"): they are made absolute against the
# caller's folder before anything moves, except values listed in KEYWORDS (e.g. "train same"), which
# such a flag also takes.
#
# 1. builds the reactor (`mvn -B -q package -DskipTests`; the integ-tests module lays out an
#    OpenSearch node home and unpacks the plugin zip) and writes the integ-tests test classpath;
# 2. runs MAIN_CLASS on that classpath with the JVM options of scripts/demo and the integ-tests
#    system properties (node home, plugin, work dir integ-tests/target/bench-work).
# Picks a JDK >= 21. Started by root, it re-runs the script as the user `seqrec` on a copy of the
# tree (scripts/lib/unprivileged.sh). Exits with the class's status (0, 1 failure, 2 bad arguments),
# 1 when the build fails.

seqrec_bench_main() {
  local name="$1" main="$2" path_flags="$3" keywords="$4" script
  script=$(realpath -- "$5")
  shift 5

  # Paths are relative to where the caller stands, not to the repository root this moves to.
  local args=()
  while [[ $# -gt 0 ]]; do
    if [[ " $path_flags " == *" $1 "* && $# -ge 2 && -n "$2" && " $keywords " != *" $2 "* ]]; then
      args+=("$1" "$(realpath -m -- "$2")")
      shift 2
      continue
    fi
    args+=("$1")
    shift
  done
  set -- ${args[@]+"${args[@]}"}

  cd "$(dirname "$script")/.."
  source scripts/lib/jdk.sh
  source scripts/lib/unprivileged.sh
  seqrec_rerun_unprivileged "$script" "$@"

  local start=$SECONDS it="$PWD/integ-tests/target" build_log="$PWD/target/$name-build.log"
  mkdir -p "$PWD/target"
  echo "seqrec $name: building (mvn -B -q package -DskipTests) as $(id -un) with JAVA_HOME=$JAVA_HOME; log: $build_log" >&2
  if ! mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.outputFile="target/$name-classpath.txt" \
      >"$build_log" 2>&1; then
    tail -n 60 "$build_log" >&2
    echo "seqrec $name: error: the build failed; the end of Maven's output is above, all of it in $build_log" >&2
    exit 1
  fi
  echo "seqrec $name: build done in $((SECONDS - start)) s" >&2

  # The plugin zip is a test dependency (for the unpacked plugin), not a classpath entry.
  local classpath bench_start=$SECONDS status=0
  classpath="$it/test-classes:$it/classes:$(tr ':' '\n' <"$it/$name-classpath.txt" | grep -v '\.zip$' | paste -sd:)"
  # The same JVM options as scripts/demo: JNA and DJL load native libraries, DJL never downloads,
  # the trainer's SLF4J provider with DJL's INFO lines silenced.
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
    -Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider -Dslf4j.internal.verbosity=WARN \
    -Dorg.slf4j.simpleLogger.log.ai.djl=error \
    -Dseqrec.it.node.home="$it/opensearch-node" \
    -Dseqrec.it.plugin.dir="$it/seqrec-plugin" \
    -Dseqrec.it.work.dir="$it/bench-work" \
    -cp "$classpath" "$main" "$@" || status=$?

  if [[ $status -eq 0 ]]; then
    echo "seqrec $name: done in $((SECONDS - bench_start)) s (build $((bench_start - start)) s, total $((SECONDS - start)) s)" >&2
  elif [[ $status -eq 2 ]]; then
    echo "seqrec $name: bad arguments (see the usage above)" >&2
  else
    echo "seqrec $name: failed with status $status after $((SECONDS - start)) s; the node's log is under $it/bench-work/" >&2
  fi
  exit "$status"
}
