#!/bin/sh
# libvirt's RPC protocol: Vireo against Debian's libvirtd, both on their test driver over test+tcp:// on
# loopback, driven by one python-libvirt script (bench/rpc_bench.py) that alternates between them:
# start -> first successful RPC, then ops/s and p50/p99 latency of defineXML, lookupByName, info,
# XMLDesc, listAllDomains with DOMAINS domains defined, create/destroy, concurrent lookups, undefine,
# and define+create+destroy+undefine cycles.
#   bench/rpc.sh [START_RUNS] [DOMAINS]
#   bench/rpc.sh --start-only [START_RUNS]     (only start -> first RPC, for both daemons)
# Runs the distribution built in karaf-assembly/target (build it first) and /usr/sbin/libvirtd with a
# private configuration, sockets and PID file, both in a temporary directory removed afterwards; both
# daemons are children of the Python script, which stops them and waits for them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tools/java17.sh"
if [ "${1:-}" = "--start-only" ]; then
	shift
	export RPC_BENCH_START_ONLY=1
fi
runs=${1:-3}
domains=${2:-1000}
dist="$here/../karaf-assembly/target/vireo-karaf-assembly-0.1.0-SNAPSHOT.tar.gz"
[ -f "$dist" ] || { echo "build first: mvn -o -q -pl features,karaf-assembly install -DskipTests" >&2; exit 1; }
[ -x /usr/sbin/libvirtd ] || { echo "needs libvirtd: apt-get install libvirt-daemon" >&2; exit 1; }
/usr/bin/python3 -c 'import libvirt' || { echo "needs python3-libvirt under /usr/bin/python3" >&2; exit 1; }

work=$(mktemp -d /tmp/vireo-rpc-bench.XXXXXX)
py=""
cleanup() {
	trap - EXIT INT TERM
	if [ -n "$py" ] && kill -0 "$py" 2>/dev/null; then
		# The script stops both daemons on SIGTERM before it exits.
		kill -TERM "$py" 2>/dev/null || true
		wait "$py" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

tar xzf "$dist" -C "$work"
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d)
vport=$(free_port)
sed -i "s/^sshPort *=.*/sshPort = $(free_port)/" "$home/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort *=.*/rmiServerPort = $(free_port)/" \
	"$home/etc/org.apache.karaf.management.cfg"
sed -i "s/^tcp_port *=.*/tcp_port = $vport/" "$home/etc/io.vireo.daemon.cfg"

lv="$work/libvirtd"
mkdir -p "$lv/drivers"
lport=$(free_port)
# Same limits as Vireo's defaults (which are libvirtd's): max_clients 5000, max_workers 20,
# max_requests 20, max_client_requests 5.
cat >"$lv/libvirtd.conf" <<EOF
listen_tls = 0
listen_tcp = 1
tcp_port = "$lport"
listen_addr = "127.0.0.1"
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
unix_sock_dir = "$lv"
admin_unix_sock_dir = "$lv"
EOF

echo "$(/usr/sbin/libvirtd --version); python-libvirt $(/usr/bin/python3 -c 'import libvirt; print(libvirt.getVersion())'); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$work"
/usr/bin/python3 -u "$here/rpc_bench.py" "$home" "$vport" "$lv" "$lport" "$runs" "$domains" &
py=$!
rc=0
wait "$py" || rc=$?
py=""
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$rc" -ne 0 ]; then
	echo "--- vireo server.out (tail)" >&2; tail -20 "$home/server.out" >&2 2>/dev/null || true
	echo "--- libvirtd.log (tail)" >&2; tail -20 "$lv/libvirtd.log" >&2 2>/dev/null || true
fi
exit "$rc"
