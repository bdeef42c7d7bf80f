#!/usr/bin/env bash
# Installs Mesa's software Vulkan driver (lavapipe) and the Vulkan loader, so that Dawn
# (the `webgpu` npm package) gets an adapter on a machine without a GPU and the core's
# webgpu test project can run. Idempotent: does nothing when a recent lavapipe is installed.
#
# Dawn rejects bookworm's mesa-vulkan-drivers 22.3 ("Vulkan shaderUniform*ArrayDynamicIndexing
# required"); bookworm-backports' 25.x works, so on bookworm that suite is added (same mirror
# as the machine's other Debian entries) and the two packages come from it.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

# The lowest Mesa major version Dawn accepts here (22 is rejected, 25 works; 23–24 untried).
min_major=25

installed_major() {
  dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$1" 2>/dev/null | awk '$1 == "ii" { split($2, v, "."); print v[1] + 0 }'
}

mesa="$(installed_major mesa-vulkan-drivers || true)"
if [ -n "${mesa}" ] && [ "${mesa}" -ge "${min_major}" ] && [ -n "$(installed_major libvulkan1 || true)" ]; then
  exit 0
fi

codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
target=()
if [ "${codename}" = bookworm ]; then
  list=/etc/apt/sources.list.d/bookworm-backports.sources
  if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    cat >"${list}" <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  fi
  target=(-t bookworm-backports)
fi

apt-get update -qq
apt-get install -y -qq --no-install-recommends "${target[@]}" mesa-vulkan-drivers libvulkan1 >/dev/null
echo "lavapipe: mesa-vulkan-drivers $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers), libvulkan1 $(dpkg-query -W -f='${Version}' libvulkan1)"
