#!/usr/bin/env bash
# One command for a bare GPU machine (no network, no Node.js): unpacks the bundle built by build.ts,
# finds the NVIDIA Vulkan driver, and runs the GPU check (adapter, scoring throughput vs wasm,
# correctness vs float64) with the bundled Node.js.
#
#   bash scripts/gpu-check/run.sh [BUNDLE] [check options: --size paper|small, --allow-software, --json]
#
# BUNDLE defaults to dist/gpu-check.tar.gz beside this script; when this script already sits in an
# unpacked bundle (next to check.mjs), that bundle is used. The Vulkan driver: VK_DRIVER_FILES when set
# (VK_ICD_FILENAMES for older loaders follows it); else the NVIDIA ICD manifest in the standard places;
# else one written for libGLX_nvidia.so.0 (containers often mount the driver's libraries but not its
# manifest); else whatever the Vulkan loader finds. The system's Vulkan loader is used when it has one,
# the bundled one otherwise.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -f "$here/check.mjs" ]; then
  dir="$here"
else
  bundle="$here/dist/gpu-check.tar.gz"
  if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then bundle="$1"; shift; fi
  [ -f "$bundle" ] || { echo "gpu-check: no bundle at $bundle (build it with: npx tsx scripts/gpu-check/build.ts)" >&2; exit 2; }
  tar -xzf "$bundle" -C "$work"
  dir="$work/gpu-check"
fi

libraries="$(ldconfig -p 2>/dev/null || true)"
if ! grep -q 'libvulkan\.so\.1 ' <<<"$libraries"; then
  echo "vulkan loader: bundled (the system has no libvulkan.so.1)"
  export LD_LIBRARY_PATH="$dir/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

if [ -n "${VK_DRIVER_FILES:-}" ]; then
  echo "vulkan driver: VK_DRIVER_FILES=$VK_DRIVER_FILES"
  export VK_ICD_FILENAMES="${VK_ICD_FILENAMES:-$VK_DRIVER_FILES}"
else
  icd=""
  for f in /etc/vulkan/icd.d/nvidia_icd*.json /usr/share/vulkan/icd.d/nvidia_icd*.json /usr/local/share/vulkan/icd.d/nvidia_icd*.json; do
    if [ -f "$f" ]; then icd="$f"; break; fi
  done
  if [ -z "$icd" ]; then
    lib="$(awk '/libGLX_nvidia\.so\.0 / { print $NF; exit }' <<<"$libraries")"
    if [ -z "$lib" ]; then
      for d in /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do
        if [ -e "$d/libGLX_nvidia.so.0" ]; then lib="$d/libGLX_nvidia.so.0"; break; fi
      done
    fi
    if [ -n "$lib" ]; then
      icd="$work/nvidia_icd.json"
      printf '{ "file_format_version": "1.0.0", "ICD": { "library_path": "%s", "api_version": "1.3.0" } }\n' "$lib" >"$icd"
      echo "vulkan driver: wrote $icd for $lib (no NVIDIA ICD manifest installed)"
    fi
  fi
  if [ -n "$icd" ]; then
    echo "vulkan driver: $icd"
    export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd"
  else
    echo "vulkan driver: no NVIDIA driver found; the Vulkan loader's own search decides"
  fi
fi
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | sed 's/^/nvidia-smi: /' || true
fi

if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  export XDG_RUNTIME_DIR="$work/xdg"
  mkdir -m 700 "$XDG_RUNTIME_DIR"
fi
cd "$dir"
set +e
./bin/node check.mjs "$@"
status=$?
set -e
exit "$status"
