#!/bin/sh
# Builds the Vireo probe kernel (a freestanding bzImage) and a small test initrd
# from tools/guest/probe/ into the guest cache directory.
#   out: $CACHE/probe/bzImage, $CACHE/probe/initrd.img
# Idempotent: does nothing when the sources and this script are unchanged.
# Prints the output directory on stdout (last line).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC="$HERE/probe"
CACHE="${VIREO_GUEST_CACHE:-$HOME/.cache/vireo-guest}"
OUT="$CACHE/probe"
mkdir -p "$OUT"

for tool in gcc as ld objcopy; do
	command -v "$tool" >/dev/null 2>&1 || { echo "build-probe: $tool missing (run tools/guest/setup-deps.sh)" >&2; exit 2; }
done

STAMP=$(cat "$0" "$SRC"/setup.S "$SRC"/head.S "$SRC"/probe.c "$SRC"/probe.ld | sha256sum | cut -c1-16)
if [ -f "$OUT/bzImage" ] && [ -f "$OUT/initrd.img" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$STAMP" ]; then
	echo "$OUT"
	exit 0
fi

WORK=$(mktemp -d "$CACHE/.probe-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

CFLAGS="-O2 -m64 -ffreestanding -nostdlib -fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables
 -mno-red-zone -mgeneral-regs-only -mcmodel=small -fno-builtin -Wall -Wextra -Wno-unused-parameter -Wno-array-bounds"
# shellcheck disable=SC2086
gcc $CFLAGS -c "$SRC/probe.c" -o "$WORK/probe.o"
gcc -m64 -fno-pie -c "$SRC/head.S" -o "$WORK/head.o"
ld -m elf_x86_64 -nostdlib -static -no-pie -z noexecstack -z max-page-size=4096 \
	-T "$SRC/probe.ld" "$WORK/head.o" "$WORK/probe.o" -o "$WORK/probe.elf"
objcopy -O binary "$WORK/probe.elf" "$WORK/payload.bin"

PAYLOAD=$(stat -c %s "$WORK/payload.bin")
END=$(nm "$WORK/probe.elf" | awk '$3 == "_end" { print $1 }')
INIT_SIZE=$(( (0x$END - 0x100000 + 4095) / 4096 * 4096 ))
SYSSIZE=$(( (PAYLOAD + 15) / 16 ))
# The 64-bit entry must sit at +0x200 of the payload (boot protocol).
START64=$(nm "$WORK/probe.elf" | awk '$3 == "startup_64" { print $1 }')
[ "$START64" = "0000000000100200" ] || { echo "build-probe: startup_64 at $START64, not 0x100200" >&2; exit 1; }

gcc -m64 -c -Wa,--defsym,SETUP_SECTS=1 -Wa,--defsym,SYSSIZE=$SYSSIZE -Wa,--defsym,INIT_SIZE=$INIT_SIZE \
	"$SRC/setup.S" -o "$WORK/setup.o"
ld -m elf_x86_64 -nostdlib -static -Ttext 0 -e _start "$WORK/setup.o" -o "$WORK/setup.elf"
objcopy -O binary -j .text "$WORK/setup.elf" "$WORK/setup.bin"
[ "$(stat -c %s "$WORK/setup.bin")" -eq 1024 ] || { echo "build-probe: setup is not 2 sectors" >&2; exit 1; }
# The payload is padded to whole 16-byte paragraphs, as syssize says.
cat "$WORK/setup.bin" "$WORK/payload.bin" > "$WORK/bzImage"
truncate -s $(( 1024 + SYSSIZE * 16 )) "$WORK/bzImage"

# Test initrd: 12345 bytes of a fixed pseudo-random pattern (odd size on purpose).
awk 'BEGIN { x = 1; for (i = 0; i < 12345; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%c", 32 + int(x / 65536) % 95 } }' \
	> "$WORK/initrd.img"

mv -f "$WORK/bzImage" "$OUT/bzImage"
mv -f "$WORK/initrd.img" "$OUT/initrd.img"
echo "$STAMP" > "$OUT/stamp"
echo "build-probe: built $OUT/bzImage ($(stat -c %s "$OUT/bzImage") bytes)" >&2
echo "$OUT"
