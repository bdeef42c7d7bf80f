#!/usr/bin/env bash
# Rebuilds kernels.wasm from kernels.c. Needs Debian bookworm's clang-14 and lld-14
# (`apt-get install -y clang-14 lld-14`); the output is byte-for-byte reproducible with them,
# which kernels.test.ts checks whenever they are installed.
#   usage: build-kernels.sh [OUT]      (default: kernels.wasm beside this script)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/kernels.wasm}"
CLANG="${CLANG:-clang-14}"
# -ffp-contract=off and no -ffast-math: every operation stays the IEEE operation the C says,
# which is what makes the kernels bit-identical to their TypeScript twins.
# Memory is imported (JS owns and grows it); the shadow stack sits below __heap_base.
"$CLANG" --target=wasm32 -O3 -msimd128 -ffp-contract=off -fno-builtin -nostdlib \
  -Wl,--no-entry -Wl,--import-memory -Wl,--export=__heap_base -Wl,-z,stack-size=65536 \
  -Wl,--strip-all \
  -o "$out" "$here/kernels.c"
chmod 644 "$out"
