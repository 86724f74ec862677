#!/bin/sh
# Measures the Vireo distribution as a user meets it: time from `bin/karaf server` to the first
# answered `virt:list` (cold: empty data/; warm: second start), and the Karaf JVM's resident memory
# after it has been idle. Runs the distribution built in karaf-assembly/target, on free ports, in a
# temporary directory it removes afterwards. Usage: bench/distribution-start.sh [runs] [idle-seconds]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tools/java17.sh"
runs=${1:-3}
idle=${2:-60}
dist="$here/../karaf-assembly/target/vireo-karaf-assembly-0.1.0-SNAPSHOT.tar.gz"
[ -f "$dist" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
pid=""
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		"$home/bin/stop" >/dev/null 2>&1 || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

tar xzf "$dist" -C "$work"
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d)
ssh=$(free_port)
sed -i "s/^sshPort *=.*/sshPort = $ssh/" "$home/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort *=.*/rmiServerPort = $(free_port)/" \
	"$home/etc/org.apache.karaf.management.cfg"

# Starts Karaf as our child (so we can wait for it) and sets elapsed to the ms until virt:list answers.
start_once() {
	t0=$(now_ms)
	# We waited for the previous Karaf: its recorded PID may belong to another process by now.
	CHECK_ROOT_INSTANCE_RUNNING=false "$home/bin/karaf" server >"$work/server.out" 2>&1 &
	pid=$!
	until echo | "$home/bin/client" -a "$ssh" -u karaf -p karaf 'virt:list' 2>/dev/null | grep -q 'Id'; do
		kill -0 "$pid" 2>/dev/null || { echo "karaf died" >&2; cat "$work/server.out" >&2; exit 1; }
		sleep 0.2
	done
	elapsed=$(( $(now_ms) - t0 ))
}
stop_once() {
	"$home/bin/stop" >/dev/null 2>&1
	wait "$pid" 2>/dev/null || true
	pid=""
}

i=1
while [ "$i" -le "$runs" ]; do
	rm -rf "$home/data"
	start_once
	cold=$elapsed
	stop_once
	start_once
	warm=$elapsed
	if [ "$i" -eq "$runs" ]; then
		sleep "$idle"
		# bin/karaf is a shell script that runs the JVM as its child.
		jvm=$(ps -o pid= --ppid "$pid" | tr -d ' ' | head -1)
		rss=$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status")
		threads=$(awk '/Threads/ {print $2}' "/proc/$jvm/status")
	fi
	stop_once
	echo "run $i: start -> first virt:list: cold ${cold} ms, warm ${warm} ms (includes ~1-2 s of bin/client JVM start per probe)"
	i=$((i + 1))
done
echo "idle Karaf JVM after ${idle} s: RSS $((rss / 1024)) MiB, $threads threads"
