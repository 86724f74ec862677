#!/bin/sh
# The QEMU driver side by side with Debian's libvirtd and with bare QEMU: createXML() latency, start ->
# guest marker on the serial log, and destroy() latency, same domain XML and same qemu-system-x86_64,
# N rounds in rotating order, medians, p90s and ratios.
#   bench/qemu-driver.sh [ROUNDS]          (default 10; each run boots a Linux guest under TCG)
# Environment: VIREO_BENCH_WARMUP (warm-up runs per side, not counted, default 2), VIREO_BENCH_MEMORY
# (MiB, default 256), VIREO_BENCH_LIBVIRT=0 (leave libvirtd out), VIREO_BENCH_JSON=FILE (every run's
# figures, with wall-clock start times), VIREO_BENCH_JFR=FILE (a Flight Recording of the Karaf JVM, to see
# where Vireo's time goes: jfr print --events jdk.ExecutionSample,jdk.FileForce,... FILE).
#
# Vireo: the distribution from karaf-assembly/target, unpacked to a temporary directory with its own
# ports, reached as qemu+tcp://127.0.0.1:PORT/system. libvirtd: a private instance in a mount namespace
# of its own (unshare -m), so that nothing on the host changes: /etc/libvirt is a temporary copy with a
# qemu.conf of ours, /run/libvirt is a tmpfs, /var/lib, /var/cache and /var/log are overlays whose upper
# layers are temporary, only the QEMU connection driver is loaded (no network, nwfilter, storage,
# interface or nodedev driver: no default network, no firewall rules), no TCP listener, and its Unix
# sockets are in the temporary directory. Raw: the argv Vireo generated, run by the helper itself.
# Everything started here (both daemons, every QEMU) is stopped by PID on exit, failure or signal.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tools/java17.sh"
ROUNDS=${1:-10}
WARMUP=${VIREO_BENCH_WARMUP:-2}
MEMORY=${VIREO_BENCH_MEMORY:-256}
WITH_LIBVIRT=${VIREO_BENCH_LIBVIRT:-1}
DIST="$ROOT/karaf-assembly/target/vireo-karaf-assembly-0.1.0-SNAPSHOT.tar.gz"
[ -f "$DIST" ] || { echo "build first: mvn -o -q -pl features,karaf-assembly install -DskipTests" >&2; exit 1; }
[ -x /usr/bin/qemu-system-x86_64 ] || { echo "qemu-system-x86_64 is not installed" >&2; exit 1; }
/usr/bin/python3 -c 'import libvirt' 2>/dev/null || { echo "python3-libvirt is not installed" >&2; exit 1; }
GUEST=$("$ROOT/tools/guest/build-shell-guest.sh" | tail -1)

# A short path: Unix socket paths under it must fit in 107 bytes.
W=$(mktemp -d /tmp/vqb.XXXXXX)
chmod 755 "$W"
VPID=""
LPID=""
HPID=""
# Every QEMU whose command line names our temporary directory is ours: the QEMUs Vireo starts detached
# (setsid) and those libvirtd daemonizes are not our children, so they are found this way.
ours() {
	for p in /proc/[0-9]*; do
		argv0=$(tr '\0' '\n' < "$p/cmdline" 2>/dev/null | head -1) || continue
		case "${argv0##*/}" in qemu-system-*) ;; *) continue ;; esac
		if tr '\0' ' ' < "$p/cmdline" 2>/dev/null | grep -qF "$W/"; then echo "${p#/proc/}"; fi
	done
}
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
cleanup() {
	rc=$?
	trap - EXIT INT TERM HUP
	if alive "$HPID"; then kill -TERM "$HPID" 2>/dev/null || true; wait "$HPID" 2>/dev/null || true; fi
	if alive "$VPID"; then
		timeout 60 "$VH/bin/stop" >/dev/null 2>&1 || true
		i=0
		while alive "$VPID" && [ $i -lt 300 ]; do sleep 0.2; i=$((i + 1)); done
		if alive "$VPID"; then
			# bin/karaf runs the JVM as its child.
			for j in $(ps -o pid= --ppid "$VPID"); do kill -KILL "$j" 2>/dev/null || true; done
			kill -KILL "$VPID" 2>/dev/null || true
		fi
		wait "$VPID" 2>/dev/null || true
	fi
	if alive "$LPID"; then kill -TERM "$LPID" 2>/dev/null || true; wait "$LPID" 2>/dev/null || true; fi
	left=$(ours)
	if [ -n "$left" ]; then
		echo "qemu-driver: stopping leftover processes: $left" >&2
		for p in $left; do kill -TERM "$p" 2>/dev/null || true; done
		i=0
		while [ -n "$(ours)" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		for p in $(ours); do kill -KILL "$p" 2>/dev/null || true; done
	fi
	rm -rf "$W"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The guest, readable by libvirtd's QEMU user.
mkdir -p "$W/guest" "$W/logs"
cp "$GUEST/vmlinuz" "$GUEST/initrd.img" "$W/guest/"
chmod 755 "$W/guest"
chmod 644 "$W/guest/vmlinuz" "$W/guest/initrd.img"
chmod 1777 "$W/logs"

# Vireo: own SSH, JMX and RPC ports, everything on loopback, its sockets under $W.
mkdir -p "$W/vireo"
tar xzf "$DIST" -C "$W/vireo"
VH=$(find "$W/vireo" -mindepth 1 -maxdepth 1 -type d)
RPC=$(free_port)
sed -i "s/^sshPort *=.*/sshPort = $(free_port)/; s/^sshHost *=.*/sshHost = 127.0.0.1/" "$VH/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort *=.*/rmiServerPort = $(free_port)/" \
	"$VH/etc/org.apache.karaf.management.cfg"
sed -i "s|^tcp_port *=.*|tcp_port = $RPC|; s|^listen_addr *=.*|listen_addr = 127.0.0.1|; s|^unix_sock_dir *=.*|unix_sock_dir = $W/vsock|" \
	"$VH/etc/io.vireo.daemon.cfg"
EXTRA_JAVA_OPTS=""
if [ -n "${VIREO_BENCH_JFR:-}" ]; then
	EXTRA_JAVA_OPTS="-XX:StartFlightRecording=filename=$VIREO_BENCH_JFR,settings=profile,dumponexit=true"
	for e in FileForce FileWrite ThreadSleep SocketRead SocketWrite JavaMonitorEnter ThreadPark Compilation; do
		EXTRA_JAVA_OPTS="$EXTRA_JAVA_OPTS,jdk.$e#threshold=0ms"
	done
fi
EXTRA_JAVA_OPTS=$EXTRA_JAVA_OPTS CHECK_ROOT_INSTANCE_RUNNING=false "$VH/bin/karaf" server >"$W/karaf.out" 2>&1 &
VPID=$!

# libvirtd, private (see the top of this file).
LV="$W/lv"
LARGS=""
if [ "$WITH_LIBVIRT" = 1 ] && [ -x /usr/sbin/libvirtd ] && [ -d /etc/libvirt ] \
	&& [ -f /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so ]; then
	mkdir -p "$LV/etc" "$LV/sock" "$LV/drivers"
	cp -a /etc/libvirt/. "$LV/etc/"
	# The private qemu.conf (the host has none: libvirt-daemon-system, which ships it, is not installed) keeps
	# libvirt's defaults except: no cgroups (libvirt would create them in the host's hierarchy), and QEMU's
	# stdio and the serial log written as files rather than through virtlogd (a third daemon; Vireo writes
	# them directly too).
	cat > "$LV/etc/qemu.conf" <<-EOF
	cgroup_controllers = [ ]
	stdio_handler = "file"
	EOF
	ln -s /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so "$LV/drivers/"
	cat > "$LV/libvirtd.conf" <<-EOF
	listen_tls = 0
	listen_tcp = 0
	unix_sock_dir = "$LV/sock"
	unix_sock_rw_perms = "0700"
	auth_unix_rw = "none"
	auth_unix_ro = "none"
	log_outputs = "3:file:$LV/libvirtd.log"
	EOF
	# Debian's QEMU driver runs guests as libvirt-qemu, a user libvirt-daemon-system creates; without it the
	# driver does not initialise ("Failed to parse user 'libvirt-qemu'", before qemu.conf is read). The
	# namespace gets copies of passwd and group with that user; the host's stay as they are.
	uid=64055
	while getent passwd "$uid" >/dev/null || getent group "$uid" >/dev/null; do uid=$((uid + 1)); done
	cp /etc/passwd "$LV/passwd"
	cp /etc/group "$LV/group"
	getent passwd libvirt-qemu >/dev/null || echo "libvirt-qemu:x:$uid:$uid:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin" >> "$LV/passwd"
	getent group libvirt-qemu >/dev/null || echo "libvirt-qemu:x:$uid:" >> "$LV/group"
	for d in lib cache log run; do mkdir -p "$LV/var/$d/upper" "$LV/var/$d/work"; done
	# /run/libvirt: a tmpfs over it where it exists, else an overlay over /run (no directory made on the host).
	if [ -d /run/libvirt ]; then
		RUNMOUNT="mount -t tmpfs -o mode=0755 tmpfs /run/libvirt"
	else
		RUNMOUNT="mount -t overlay overlay -o lowerdir=/run,upperdir=$LV/var/run/upper,workdir=$LV/var/run/work /run"
	fi
	cat > "$LV/ns.sh" <<-EOF
	set -e
	$RUNMOUNT
	mount --bind "$LV/etc" /etc/libvirt
	mount --bind "$LV/passwd" /etc/passwd
	mount --bind "$LV/group" /etc/group
	for d in lib cache log; do
		mount -t overlay overlay -o "lowerdir=/var/\$d,upperdir=$LV/var/\$d/upper,workdir=$LV/var/\$d/work" "/var/\$d"
	done
	export LIBVIRT_DRIVER_DIR="$LV/drivers"
	exec /usr/sbin/libvirtd -f "$LV/libvirtd.conf" -p "$LV/libvirtd.pid"
	EOF
	# unshare execs sh, which execs libvirtd: $! is libvirtd, our child.
	unshare -m --propagation private sh "$LV/ns.sh" >"$LV/libvirtd.out" 2>&1 &
	LPID=$!
	LARGS="--libvirt-uri qemu+unix:///system?socket=$LV/sock/libvirt-sock --libvirt-pid $LPID
		--libvirt-qemu-log-dir $LV/var/log/upper/libvirt/qemu --libvirt-log $LV/libvirtd.log"
else
	echo "qemu-driver: libvirtd side left out (VIREO_BENCH_LIBVIRT=$WITH_LIBVIRT, or libvirt-daemon-driver-qemu missing)" >&2
fi

echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(uname -r)," \
	"/dev/kvm: $([ -c /dev/kvm ] && echo yes || echo no), load: $(cut -d' ' -f1-3 /proc/loadavg)," \
	"$(/usr/bin/qemu-system-x86_64 --version | head -1)"
# $LARGS is split on purpose; no globbing of the ? in its URI.
set -f
# shellcheck disable=SC2086
/usr/bin/python3 "$ROOT/bench/qemu_driver_bench.py" --rounds "$ROUNDS" --warmup "$WARMUP" --memory "$MEMORY" \
	--work "$W" --kernel "$W/guest/vmlinuz" --initrd "$W/guest/initrd.img" \
	--vireo-uri "qemu+tcp://127.0.0.1:$RPC/system" --vireo-pid "$VPID" --vireo-qemu-dir "$VH/vireo/run/qemu" \
	${VIREO_BENCH_JSON:+--json "$VIREO_BENCH_JSON"} $LARGS &
HPID=$!
set +f
wait "$HPID"
rc=$?
HPID=""
exit $rc
