#!/bin/sh
# Builds the interactive Linux test guest for the QEMU driver's tests, from Debian packages: the stock
# kernel (linux-image-amd64's vmlinuz) and a busybox-static initramfs with the modules a PC guest needs
# (virtio-pci, virtio-blk, virtio-net, virtio-balloon, ext4, the ACPI power button and evdev). Its /init:
#   - prints VIREO-SHELL-READY on the console once set up;
#   - powers off when the ACPI power button is pressed (busybox acpid: PWRF -> poweroff -f);
#   - with vireo.disktest on the command line, mounts /dev/vda (ext4), writes /hello.txt with
#     "written-by-guest", unmounts and powers off;
#   - with vireo.ip=ADDR/LEN, gives eth0 that address and brings it up;
#   - otherwise runs a shell on the console (what is typed is echoed back by the tty).
#   out: $CACHE/shell/vmlinuz, $CACHE/shell/initrd.img
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE="${VIREO_GUEST_CACHE:-$HOME/.cache/vireo-guest}"
OUT="$CACHE/shell"
STAMP=$(cat "$0" | sha256sum | cut -c1-16)
if [ -f "$OUT/vmlinuz" ] && [ -f "$OUT/initrd.img" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$STAMP" ]; then
	echo "$OUT"
	exit 0
fi
"$HERE/setup-deps.sh"
mkdir -p "$OUT" "$CACHE/debs"
WORK=$(mktemp -d "$CACHE/.shell-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
IMG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[ -n "$IMG" ] || { apt-get update -q >/dev/null; IMG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'); }
DEB=$(ls "$CACHE/debs/${IMG}_"*.deb 2>/dev/null | head -1 || true)
if [ -z "$DEB" ]; then
	(cd "$CACHE/debs" && apt-get download "$IMG" >/dev/null 2>&1)
	DEB=$(ls "$CACHE/debs/${IMG}_"*.deb | head -1)
fi
KROOT="$WORK/kernel"
mkdir -p "$KROOT"
dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$KROOT" --wildcards './boot/vmlinuz-*' './lib/modules/*'
KVER=$(ls "$KROOT/lib/modules" | head -1)
depmod -b "$KROOT" "$KVER"
R="$WORK/root"
mkdir -p "$R/bin" "$R/proc" "$R/sys" "$R/dev" "$R/mnt" "$R/etc/acpi" "$R/modules" "$R/var/log" "$R/var/run"
cp /bin/busybox "$R/bin/busybox"
# Modules in load order (dependencies first), each once.
: > "$R/modules/order"
for m in virtio_pci virtio_blk virtio_net virtio_balloon ext4 button evdev; do
	modprobe -d "$KROOT" -S "$KVER" --show-depends "$m" | awk '$1 == "insmod" { print $2 }' | while read -r ko; do
		name=$(basename "$ko")
		grep -qx "$name" "$R/modules/order" && continue
		case "$ko" in
			*.xz) xz -dc "$ko" > "$R/modules/${name%.xz}"; name=${name%.xz} ;;
			*.zst) zstd -qdc "$ko" > "$R/modules/${name%.zst}"; name=${name%.zst} ;;
			*) cp "$ko" "$R/modules/$name" ;;
		esac
		echo "$name" >> "$R/modules/order"
	done
done
# busybox acpid runs the action as a program relative to its config directory.
echo "PWRF power" > "$R/etc/acpid.conf"
printf '#!/bin/sh\necho VIREO-POWER-BUTTON\npoweroff -f\n' > "$R/etc/acpi/power"
chmod +x "$R/etc/acpi/power"
cat > "$R/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules/order); do insmod "/modules/$m" 2>/dev/null; done
acpid -c /etc/acpi -a /etc/acpid.conf -l /var/log/acpid.log
if grep -q vireo.disktest /proc/cmdline; then
	i=0
	while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	mount -t ext4 /dev/vda /mnt && echo written-by-guest > /mnt/hello.txt && umount /mnt && echo VIREO-DISK-WRITTEN
	poweroff -f
fi
for arg in $(cat /proc/cmdline); do
	case "$arg" in
		vireo.ip=*) ip addr add "${arg#vireo.ip=}" dev eth0 && ip link set eth0 up && echo "VIREO-NET-UP ${arg#vireo.ip=}" ;;
	esac
done
echo "VIREO-SHELL-READY cpus=$(grep -c ^processor /proc/cpuinfo)"
exec sh
INIT
chmod +x "$R/init"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1 > "$WORK/initrd.img")
cp "$KROOT"/boot/vmlinuz-* "$OUT/vmlinuz"
mv -f "$WORK/initrd.img" "$OUT/initrd.img"
echo "$STAMP" > "$OUT/stamp"
echo "build-shell-guest: built $OUT ($IMG, modules: $(tr '\n' ' ' < "$R/modules/order"))" >&2
echo "$OUT"
