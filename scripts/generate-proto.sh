#!/usr/bin/env bash
# Runs protoc-c over every .proto in PROTO_DIR and lays the output out as the
# C target expects: sources in OUT/jielu, headers in OUT/include/jielu.
# Usage: generate-proto.sh PROTO_DIR OUT
set -euo pipefail

proto_dir=$1
out=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

(cd "$proto_dir" && protoc-c --c_out="$scratch" -I. jielu/*.proto)
mkdir -p "$out/jielu" "$out/include/jielu"
cp "$scratch"/jielu/*.pb-c.c "$out/jielu/"
cp "$scratch"/jielu/*.pb-c.h "$out/include/jielu/"
