#!/bin/sh
# Starts Digits with its memory sized from the container's limit. DL4J keeps its arrays outside the Java heap, so the
# limit is split: the heap (DIGITS_HEAP_PERCENT, default 40%), ND4J's off-heap allocations (JavaCPP maxbytes,
# DIGITS_OFFHEAP_PERCENT, default 40%), and a ceiling on the whole resident size at which JavaCPP forces a collection
# before allocating more (maxphysicalbytes, DIGITS_RESIDENT_PERCENT, default 90%); the rest is for the JIT, threads
# and native libraries. Without a limit, the machine's memory is the limit. The fixed options (G1 and its pause goal)
# come from jvm.options, the one place for them (DIGITS_JVM_OPTIONS, default /opt/digits/jvm.options); the sizes
# computed here follow it and override its -Xmx and JavaCPP limits, since later options win. JAVA_OPTS is appended
# last, so it wins over both.
# DIGITS_JAVACPP_CACHE_DIR, when set, is JavaCPP's cache directory (org.bytedeco.javacpp.cachedir; by default
# ~/.javacpp/cache): the GPU image sets it to the directory it fills with the CUDA libraries at build time.
# DIGITS_PRINT_COMMAND=1 prints the command instead of running it.
set -eu

memory_limit_bytes() {
  limit=""
  for file in "${DIGITS_MEMORY_LIMIT_FILE:-}" /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -n "$file" ] && [ -r "$file" ]; then
      limit=$(cat "$file")
      break
    fi
  done
  machine=$(awk '/^MemTotal:/ { printf "%.0f", $2 * 1024 }' "${DIGITS_MEMINFO_FILE:-/proc/meminfo}")
  # cgroup v2 writes "max" when unlimited, v1 a number larger than the machine
  case "$limit" in
    ''|max) echo "$machine" ;;
    *) if [ "$limit" -gt "$machine" ]; then echo "$machine"; else echo "$limit"; fi ;;
  esac
}

megabytes=$(( $(memory_limit_bytes) / 1048576 ))
heap=$(( megabytes * ${DIGITS_HEAP_PERCENT:-40} / 100 ))
offheap=$(( megabytes * ${DIGITS_OFFHEAP_PERCENT:-40} / 100 ))
resident=$(( megabytes * ${DIGITS_RESIDENT_PERCENT:-90} / 100 ))

# jvm.options names G1: in a small container (under 2 CPUs or about 1.8 GB) the JVM would pick Serial and ignore the
# pause goal
set -f  # JAVA_OPTS is split into words, never expanded as file names
set -- java "@${DIGITS_JVM_OPTIONS:-/opt/digits/jvm.options}" "-Xmx${heap}m" \
  "-Dorg.bytedeco.javacpp.maxbytes=${offheap}m" "-Dorg.bytedeco.javacpp.maxphysicalbytes=${resident}m" \
  ${DIGITS_JAVACPP_CACHE_DIR:+"-Dorg.bytedeco.javacpp.cachedir=${DIGITS_JAVACPP_CACHE_DIR}"} \
  ${JAVA_OPTS:-} -jar "${DIGITS_JAR:-/opt/digits/digits.jar}" "$@"
if [ "${DIGITS_PRINT_COMMAND:-0}" = 1 ]; then
  echo "$@"
  exit 0
fi
echo "digits: memory limit ${megabytes} MB: heap ${heap} MB, off-heap ${offheap} MB, resident ceiling ${resident} MB" >&2
exec "$@"
