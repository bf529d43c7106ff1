# shellcheck shell=bash
# Sourced by the seqrec scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
#
# Order: the caller's JAVA_HOME if it is a JDK >= 21, else the newest JDK >= 21 found under
# /usr/lib/jvm (SEQREC_JVM_DIR overrides that folder). If none is found, prints what to
# install and exits 1.

seqrec_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing.
  local home="$1" line ver
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  line=$("$home/bin/java" -version 2>&1 | grep -m1 -E 'version "' || true)
  ver=${line#*version \"}
  ver=${ver%%\"*}
  ver=${ver#1.}  # Java 8 and older print 1.8.0_...
  ver=${ver%%[.+-]*}
  [[ "$ver" =~ ^[0-9]+$ ]] && echo "$ver"
  return 0
}

seqrec_select_jdk() {
  local required=21 jvm_dir="${SEQREC_JVM_DIR:-/usr/lib/jvm}" major candidate best="" best_major=0
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major=$(seqrec_java_major "$JAVA_HOME")
    if [[ -n "$major" && "$major" -ge "$required" ]]; then
      export JAVA_HOME
      return 0
    fi
    echo "seqrec: JAVA_HOME=$JAVA_HOME is not a JDK >= $required (found '${major:-none}'); searching $jvm_dir" >&2
  fi
  for candidate in "$jvm_dir"/*; do
    [[ -d "$candidate" && ! -L "$candidate" ]] || continue
    major=$(seqrec_java_major "$candidate")
    if [[ -n "$major" && "$major" -ge "$required" && "$major" -gt "$best_major" ]]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [[ -z "$best" ]]; then
    cat >&2 <<MSG
seqrec: no JDK $required or newer found (JAVA_HOME unset or too old, nothing suitable in $jvm_dir).
OpenSearch 3.x and seqrec need Java $required+. Install one, for example:
  apt-get install openjdk-21-jdk-headless
or set JAVA_HOME to a JDK $required+ (e.g. Temurin from https://adoptium.net).
MSG
    exit 1
  fi
  export JAVA_HOME="$best"
}

seqrec_select_jdk
export PATH="$JAVA_HOME/bin:$PATH"
