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
# The kernel, and the virtio modules (virtio-mmio transport, blk, rng) for guests booted with vireo.virtio.
dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$WORK" --wildcards './boot/vmlinuz-*' \
	'./lib/modules/*/kernel/drivers/virtio/virtio.ko' './lib/modules/*/kernel/drivers/virtio/virtio_ring.ko' \
	'./lib/modules/*/kernel/drivers/virtio/virtio_mmio.ko' './lib/modules/*/kernel/drivers/block/virtio_blk.ko' \
	'./lib/modules/*/kernel/drivers/char/hw_random/virtio-rng.ko' \
	'./lib/modules/*/kernel/drivers/virtio/virtio_balloon.ko' \
	'./lib/modules/*/kernel/drivers/acpi/button.ko' './lib/modules/*/kernel/drivers/input/evdev.ko' \
	'./lib/modules/*/kernel/net/core/failover.ko' './lib/modules/*/kernel/drivers/net/net_failover.ko' \
	'./lib/modules/*/kernel/drivers/net/virtio_net.ko' \
	'./lib/modules/*/kernel/lib/crc16.ko' './lib/modules/*/kernel/fs/mbcache.ko' \
	'./lib/modules/*/kernel/fs/jbd2/jbd2.ko' './lib/modules/*/kernel/crypto/crc32c_generic.ko' \
	'./lib/modules/*/kernel/fs/ext4/ext4.ko'
R="$WORK/root"
mkdir -p "$R/bin" "$R/proc" "$R/sys" "$R/dev" "$R/lib/modules"
cp /bin/busybox "$R/bin/busybox"
find "$WORK/lib/modules" -name '*.ko' -exec cp {} "$R/lib/modules/" \;
# vireo.virtio: load the virtio drivers (found through ACPI, LNRO0005), report the disk and the entropy
# device, and write a marker to sector 16 of the disk, which the host checks. With vireo.balloon also
# load virtio_balloon and wait for a line on the console: the host sends it once the balloon is inflated.
# With vireo.net also load virtio_net, give eth0 10.99.0.2/24 and ping the host's end of the tap (10.99.0.1).
# With vireo.ext4 also load ext4, mount the disk whose serial is vireo-ext4, print the host's
# /from-host.txt, write /guest/hello.txt (with the md5 of what it read) and unmount.
# vireo.acpi: load the ACPI button driver and evdev, report the power button's input device, then ask
# the console what to do: "reboot" goes on to the marker and reboot -f (the host adds reboot=a: the FADT
# reset register), "button" waits for one input event from the power button and then runs poweroff -f
# (the FADT sleep registers).
cat > "$R/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
if /bin/busybox grep -q vireo.virtio /proc/cmdline; then
	B=/bin/busybox
	$B mount -t sysfs sys /sys
	$B mount -t devtmpfs dev /dev
	for m in virtio_ring virtio virtio_mmio virtio_blk virtio-rng; do
		$B insmod /lib/modules/$m.ko || echo "VIREO-VIRTIO insmod $m FAILED"
	done
	i=0
	while [ ! -b /dev/vda ] && [ $i -lt 200 ]; do $B usleep 50000; i=$((i + 1)); done
	echo "VIREO-VIRTIO vda $($B cat /sys/block/vda/size 2>/dev/null) sectors serial $($B cat /sys/block/vda/serial 2>/dev/null)"
	echo "VIREO-VIRTIO vda sectors 0-1 md5 $($B dd if=/dev/vda bs=512 count=2 2>/dev/null | $B md5sum | $B cut -c1-32)"
	$B printf 'VIREO-LINUX-WROTE-THIS' | $B dd of=/dev/vda bs=512 seek=16 conv=fsync 2>/dev/null
	$B sync
	echo "VIREO-VIRTIO rng $($B dd if=/dev/hwrng bs=16 count=1 2>/dev/null | $B wc -c) bytes from $($B cat /sys/class/misc/hw_random/rng_current 2>/dev/null)"
	if $B grep -q vireo.net /proc/cmdline; then
		for m in failover net_failover virtio_net; do
			$B insmod /lib/modules/$m.ko || echo "VIREO-VIRTIO insmod $m FAILED"
		done
		i=0
		while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 200 ]; do $B usleep 50000; i=$((i + 1)); done
		echo "VIREO-VIRTIO net eth0 $($B cat /sys/class/net/eth0/address 2>/dev/null)"
		$B ifconfig eth0 10.99.0.2 netmask 255.255.255.0 up
		if $B ping -c 2 -W 20 10.99.0.1 >/dev/null 2>&1; then
			echo "VIREO-VIRTIO net ping ok"
		else
			echo "VIREO-VIRTIO net ping FAILED"
		fi
	fi
	if $B grep -q vireo.ext4 /proc/cmdline; then
		# ext4 is a module in Debian's kernel: it needs crc16, mbcache, jbd2, and crc32c for metadata_csum.
		for m in crc16 mbcache jbd2 crc32c_generic ext4; do
			$B insmod /lib/modules/$m.ko || echo "VIREO-EXT4 insmod $m FAILED"
		done
		D=""
		i=0
		while [ -z "$D" ] && [ $i -lt 200 ]; do
			for d in /sys/block/vd*; do
				[ "$($B cat $d/serial 2>/dev/null)" = vireo-ext4 ] && D=/dev/${d##*/}
			done
			[ -n "$D" ] || $B usleep 50000
			i=$((i + 1))
		done
		$B mkdir -p /mnt
		if [ -n "$D" ] && $B mount -t ext4 "$D" /mnt; then
			echo "VIREO-EXT4 mounted $D"
			echo "VIREO-EXT4 host file: $($B cat /mnt/from-host.txt)"
			$B mkdir -p /mnt/guest
			echo "VIREO-EXT4-GUEST read $($B md5sum < /mnt/from-host.txt | $B cut -c1-32)" > /mnt/guest/hello.txt
			$B sync
			$B umount /mnt && echo "VIREO-EXT4 unmounted"
		else
			echo "VIREO-EXT4 mount $D FAILED"
		fi
	fi
	if $B grep -q vireo.balloon /proc/cmdline; then
		$B insmod /lib/modules/virtio_balloon.ko || echo "VIREO-VIRTIO insmod virtio_balloon FAILED"
		echo "VIREO-VIRTIO balloon loaded"
		read -t 180 line
		echo "VIREO-VIRTIO balloon host says $line"
	fi
fi
if /bin/busybox grep -q vireo.acpi /proc/cmdline; then
	B=/bin/busybox
	$B mount -t sysfs sys /sys 2>/dev/null
	$B mount -t devtmpfs dev /dev 2>/dev/null
	for m in evdev button; do
		$B insmod /lib/modules/$m.ko || echo "VIREO-ACPI insmod $m FAILED"
	done
	E=""
	i=0
	while [ -z "$E" ] && [ $i -lt 200 ]; do
		for d in /sys/class/input/event*; do
			[ "$($B cat $d/device/name 2>/dev/null)" = "Power Button" ] && E=/dev/input/${d##*/}
		done
		[ -n "$E" ] || $B usleep 50000
		i=$((i + 1))
	done
	echo "VIREO-ACPI power button ${E:-missing}"
	read -t 180 line
	if [ "$line" = button ] && [ -n "$E" ]; then
		$B dd if="$E" of=/dev/null bs=24 count=1 2>/dev/null &
		p=$!
		# Say so only once dd has the device open: an event before that would be lost.
		while ! $B ls -l /proc/$p/fd 2>/dev/null | $B grep -q "$E"; do $B usleep 20000; done
		echo "VIREO-ACPI waiting for the power button"
		wait $p
		echo "VIREO-ACPI power button pressed, powering off"
		$B poweroff -f
	fi
fi
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
