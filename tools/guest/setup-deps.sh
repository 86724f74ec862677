#!/bin/sh
# Installs the Debian packages the VMM's tests, the probe build and the
# benchmarks need. Idempotent and quiet when everything is present.
#   gcc binutils      build the probe kernel from source
#   qemu-system-x86   the reference VMM (microvm comparison, bench) and the nested-TCG L1
#   busybox-static cpio xz-utils zstd kmod
#                     build the Linux test guest's initramfs from Debian packages
#   e2fsprogs         ext4 images for disk tests (mkfs.ext4 -d, debugfs, e2fsck)
set -eu
PKGS="gcc binutils qemu-system-x86 busybox-static cpio xz-utils zstd kmod e2fsprogs"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
