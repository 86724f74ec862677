#!/bin/sh
# Builds the Linux test guest from Debian packages: the stock kernel (linux-image-amd64's
# vmlinuz, extracted with dpkg-deb) and a busybox-static initramfs whose /init prints
# VIREO-GUEST-READY and reboots (reboot=k: through the i8042, which ends the VMM).
#   out: $CACHE/linux/vmlinuz, $CACHE/linux/initrd.img
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE="${VIREO_GUEST_CACHE:-$HOME/.cache/vireo-guest}"
OUT="$CACHE/linux"
STAMP=$(cat "$0" | sha256sum | cut -c1-16)
if [ -f "$OUT/vmlinuz" ] && [ -f "$OUT/initrd.img" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$STAMP" ]; then
	echo "$OUT"
	exit 0
fi
"$HERE/setup-deps.sh"
mkdir -p "$OUT" "$CACHE/debs"
WORK=$(mktemp -d "$CACHE/.linux-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
IMG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[ -n "$IMG" ] || { apt-get update -q >/dev/null; IMG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'); }
DEB=$(ls "$CACHE/debs/${IMG}_"*.deb 2>/dev/null | head -1 || true)
if [ -z "$DEB" ]; then
	(cd "$CACHE/debs" && apt-get download "$IMG" >/dev/null 2>&1)
	DEB=$(ls "$CACHE/debs/${IMG}_"*.deb | head -1)
fi
dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$WORK" --wildcards './boot/vmlinuz-*'
R="$WORK/root"
mkdir -p "$R/bin" "$R/proc" "$R/sys" "$R/dev"
cp /bin/busybox "$R/bin/busybox"
cat > "$R/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
echo "VIREO-GUEST-READY cpus=$(/bin/busybox grep -c ^processor /proc/cpuinfo)"
/bin/busybox reboot -f
INIT
chmod +x "$R/init"
(cd "$R" && find . | cpio -o -H newc --quiet > "$WORK/initrd.img")
cp "$WORK"/boot/vmlinuz-* "$OUT/vmlinuz"
mv -f "$WORK/initrd.img" "$OUT/initrd.img"
echo "$STAMP" > "$OUT/stamp"
echo "build-linux-guest: built $OUT ($IMG)" >&2
echo "$OUT"
