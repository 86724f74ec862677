#!/bin/sh
# Builds the nested-virtualisation "L1" test machine: the stock Debian kernel
# (linux-image-amd64, via apt-get download + dpkg-deb) and a busybox initramfs that
# loads kvm-amd (nested) and 9p, mounts the host's root read-only and runs a script
# from a shared scratch directory. Under `qemu-system-x86_64 -accel tcg -cpu max` the
# emulated SVM gives L1 a working /dev/kvm, for hosts whose own /dev/kvm is missing or PVM.
#   out: $CACHE/l1/vmlinuz, $CACHE/l1/initrd.img     (see nested-run.sh)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE="${VIREO_GUEST_CACHE:-$HOME/.cache/vireo-guest}"
OUT="$CACHE/l1"
STAMP=$(cat "$0" | sha256sum | cut -c1-16)
if [ -f "$OUT/vmlinuz" ] && [ -f "$OUT/initrd.img" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$STAMP" ]; then
	echo "$OUT"
	exit 0
fi
"$HERE/setup-deps.sh"
mkdir -p "$OUT" "$CACHE/debs"
WORK=$(mktemp -d "$CACHE/.l1-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

IMG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[ -n "$IMG" ] || { apt-get update -q >/dev/null; IMG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'); }
DEB=$(ls "$CACHE/debs/${IMG}_"*.deb 2>/dev/null | head -1 || true)
if [ -z "$DEB" ]; then
	(cd "$CACHE/debs" && apt-get download "$IMG" >/dev/null 2>&1)
	DEB=$(ls "$CACHE/debs/${IMG}_"*.deb | head -1)
fi
dpkg-deb -x "$DEB" "$WORK/k"
KVER=${IMG#linux-image-}
MODS="$WORK/k/lib/modules/$KVER"

R="$WORK/root"
mkdir -p "$R/bin" "$R/modules" "$R/proc" "$R/sys" "$R/dev" "$R/host"
cp /bin/busybox "$R/bin/busybox"
# Modules in dependency order.
ORDER=""
add() {
	local f d
	case " $ORDER " in *" $1 "*) return ;; esac
	f=$(find "$MODS" -name "$1.ko*" | head -1)
	[ -n "$f" ] || { echo "build-l1: module $1 not found" >&2; exit 1; }
	for d in $(modinfo -F depends "$f" | tr ',' ' '); do add "$d"; done
	cp "$f" "$R/modules/"
	ORDER="$ORDER $1"
}
# tun: the VMM's virtio-net taps (ProbeScenarios linux-stock-kernel-virtio); bridge: the KVM driver's
# <interface type='bridge'> (KvmNestedScenarioTest bridge-netns).
for m in kvm-amd virtio_pci 9pnet_virtio 9p tun bridge; do add "$m"; done
echo "$ORDER" > "$R/modules/order"

cat > "$R/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules/order); do
	p=""; [ "$m" = kvm-amd ] && p="nested=1"
	insmod /modules/$m.ko* $p || { echo "L1: insmod $m failed"; dmesg | tail -3; }
done
SCRATCH=$(sed -n 's/.*vireo.scratch=\([^ ]*\).*/\1/p' /proc/cmdline)
REPO=$(sed -n 's/.*vireo.repo=\([^ ]*\).*/\1/p' /proc/cmdline)
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 hostroot /host || echo "L1: 9p root failed"
mount -t proc proc /host/proc
mount -t sysfs sys /host/sys
mount -t devtmpfs dev /host/dev
mount -t tmpfs tmp /host/tmp
mount -t tmpfs run /host/run
# The checkout may live under /tmp or /run, which the tmpfs mounts above hide: share it again.
if [ -n "$REPO" ]; then
	mkdir -p "/host$REPO"
	mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 repo "/host$REPO" || echo "L1: 9p repo failed"
fi
mkdir -p "/host$SCRATCH"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 scratch "/host$SCRATCH" || echo "L1: 9p scratch failed"
echo "L1: ready kvm=$([ -c /dev/kvm ] && echo yes || echo no)"
chroot /host /bin/sh "$SCRATCH/run.sh" > "/host$SCRATCH/out.log" 2>&1
echo "L1-EXIT $?"
sync
poweroff -f
INIT
chmod +x "$R/init"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1 > "$WORK/initrd.img")
cp "$WORK/k/boot/vmlinuz-$KVER" "$OUT/vmlinuz"
mv -f "$WORK/initrd.img" "$OUT/initrd.img"
echo "$STAMP" > "$OUT/stamp"
echo "build-l1: built $OUT (kernel $KVER)" >&2
echo "$OUT"
