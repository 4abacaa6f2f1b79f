#!/usr/bin/env bash
# Fetches the pinned chDB engine (libchdb.so, ClickHouse as a shared library) into the local
# cache and prints the library's path on stdout. Idempotent: once the marker is written, later
# runs only print the path.
#
#   infra/clickhouse/fetch-chdb.sh [expected-version]
#
# The library comes from the npm package @chdb/lib-linux-x64-gnu (the only registry we may use
# that ships it); the tarball is checked against the pinned sha256 before anything is extracted.
# Cache: ${CCPULSE_CACHE:-$HOME/.cache/ccpulse}/chdb/<version>/libchdb.so (~530 MB; never commit it).
set -euo pipefail

VERSION=26.5.3
SHA256=b874e449710950da3abd7e20376f7bb3387d9e03adcc7082f022be18dfdf316a
PACKAGE=@chdb/lib-linux-x64-gnu

die() { echo "fetch-chdb.sh: $*" >&2; exit 1; }

# Maven passes ${chdb.version}: a bump in the pom without a new checksum here must fail loudly.
if [[ $# -gt 0 && -n "$1" && "$1" != "$VERSION" ]]; then
  die "this script pins chDB $VERSION but $1 was asked for; update VERSION and SHA256 in $0"
fi

CACHE_DIR="${CCPULSE_CACHE:-$HOME/.cache/ccpulse}/chdb/$VERSION"
LIB="$CACHE_DIR/libchdb.so"
MARKER="$CACHE_DIR/.complete"

if [[ -f "$MARKER" && -f "$LIB" ]]; then
  echo "$LIB"
  exit 0
fi

[[ "$(uname -s)" == Linux && "$(uname -m)" == x86_64 ]] \
  || die "chDB $PACKAGE is for Linux x86_64 only (this is $(uname -s) $(uname -m))"
for tool in npm tar sha256sum; do
  command -v "$tool" >/dev/null || die "'$tool' is needed to fetch chDB (install it, e.g. apt-get install npm)"
done

mkdir -p "$CACHE_DIR"
# Maven and the Makefile may run this at the same time: one fetch, the other waits.
if command -v flock >/dev/null; then
  exec 9>"$CACHE_DIR/.lock"
  flock 9
  if [[ -f "$MARKER" && -f "$LIB" ]]; then echo "$LIB"; exit 0; fi
fi

TGZ="$CACHE_DIR/chdb-lib-linux-x64-gnu-$VERSION.tgz"
WORK="$(mktemp -d "$CACHE_DIR/.work.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

if [[ -f "$TGZ" && "$(sha_of "$TGZ")" != "$SHA256" ]]; then
  echo "fetch-chdb.sh: discarding $TGZ (checksum mismatch)" >&2
  rm -f "$TGZ"
fi
if [[ ! -f "$TGZ" ]]; then
  echo "fetch-chdb.sh: downloading $PACKAGE@$VERSION (~166 MB) into $CACHE_DIR" >&2
  # A private npm cache so the 166 MB tarball is not kept a second time in ~/.npm.
  (cd "$WORK" && npm pack --silent --cache "$WORK/npm-cache" "$PACKAGE@$VERSION" >/dev/null) \
    || die "npm pack $PACKAGE@$VERSION failed (is the npm registry reachable?)"
  mv "$WORK/chdb-lib-linux-x64-gnu-$VERSION.tgz" "$TGZ"
fi

actual="$(sha_of "$TGZ")"
if [[ "$actual" != "$SHA256" ]]; then
  rm -f "$TGZ"
  die "checksum mismatch for $PACKAGE@$VERSION: expected $SHA256, got $actual"
fi

tar -xzf "$TGZ" -C "$WORK" package/libchdb.so
chmod 755 "$WORK/package/libchdb.so"
mv "$WORK/package/libchdb.so" "$LIB"
# The tarball is only the means of transport; the marker keeps what was verified.
rm -f "$TGZ"
printf 'package=%s@%s\nsha256=%s\nfetched=%s\n' "$PACKAGE" "$VERSION" "$SHA256" "$(date -u +%FT%TZ)" >"$MARKER"
echo "$LIB"
