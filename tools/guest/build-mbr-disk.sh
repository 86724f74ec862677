#!/bin/sh
# Builds a 1 MiB raw disk whose boot sector (mbr/boot.S) prints VIREO-MBR-BOOT on COM1, and the same
# disk as qcow2, for tests that boot a guest from its disk through the firmware.
#   out: $CACHE/mbr/disk.raw, $CACHE/mbr/disk.qcow2
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE="${VIREO_GUEST_CACHE:-$HOME/.cache/vireo-guest}"
OUT="$CACHE/mbr"
STAMP=$(cat "$0" "$HERE/mbr/boot.S" | sha256sum | cut -c1-16)
if [ -f "$OUT/disk.raw" ] && [ -f "$OUT/disk.qcow2" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$STAMP" ]; then
	echo "$OUT"
	exit 0
fi
"$HERE/setup-deps.sh"
mkdir -p "$OUT"
WORK=$(mktemp -d "$CACHE/.mbr-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
as --32 -o "$WORK/boot.o" "$HERE/mbr/boot.S"
ld -m elf_i386 -Ttext=0x7c00 --oformat binary -o "$WORK/boot.bin" "$WORK/boot.o"
[ "$(stat -c %s "$WORK/boot.bin")" -eq 512 ] || { echo "build-mbr-disk: boot sector is not 512 bytes" >&2; exit 1; }
truncate -s 1M "$WORK/disk.raw"
dd if="$WORK/boot.bin" of="$WORK/disk.raw" conv=notrunc status=none
qemu-img convert -f raw -O qcow2 "$WORK/disk.raw" "$WORK/disk.qcow2"
mv -f "$WORK/disk.raw" "$WORK/disk.qcow2" "$OUT/"
echo "$STAMP" > "$OUT/stamp"
echo "$OUT"
