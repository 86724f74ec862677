#!/bin/sh
# Measures the Vireo distribution as a user meets it: time from `bin/karaf server` until it answers, cold
# (empty data/) and warm (data/ kept from a previous complete start, as on a daemon restart), and the
# Karaf JVM's resident memory after it has been idle. Runs the distribution built in karaf-assembly/target,
# on free ports, in a temporary directory it removes afterwards.
#   bench/distribution-start.sh [--shell|--rpc|--floor] [runs] [idle-seconds]
#     --shell (default)  until `virt:list` answers over bin/client (includes bin/client's own JVM start)
#     --rpc              until python-libvirt's open + listAllDomains on test+tcp:// answers (bench/rpc.sh's
#                        measure), with the JVM's CPU time by thread at that moment
#     --floor            the same Karaf 4.4.10 with only its framework bundles (etc/startup.properties
#                        without Vireo's startup features, featuresBoot = framework) and one probe bundle
#                        at start level 30 that opens a TCP port: until that port accepts, i.e. how long
#                        Karaf itself takes to reach start level 30 on this host with the same JVM options
# A cold start is stopped only after the FeaturesService has finished the first boot's provisioning
# ("Done." in karaf.log): stopped earlier, the next start provisions again and is no warm start. A warm
# start that provisioned anyway is flagged.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tools/java17.sh"
mode=shell
case "${1:-}" in
--shell | --rpc | --floor) mode=${1#--}; shift ;;
esac
runs=${1:-3}
idle=${2:-60}
dist="$here/../karaf-assembly/target/vireo-karaf-assembly-0.1.0-SNAPSHOT.tar.gz"
[ -f "$dist" ] || { echo "build first: mvn -o -q -B package -DskipTests" >&2; exit 1; }
if [ "$mode" = rpc ]; then
	/usr/bin/python3 -c 'import libvirt' || { echo "--rpc needs python3-libvirt under /usr/bin/python3" >&2; exit 1; }
fi
work=$(mktemp -d /tmp/vireo-start-bench.XXXXXX)
pid=""
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		"$home/bin/stop" >/dev/null 2>&1 || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
load() { cut -d' ' -f1 /proc/loadavg; }

tar xzf "$dist" -C "$work"
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d)
ssh=$(free_port)
port=$(free_port)
sed -i "s/^sshPort *=.*/sshPort = $ssh/" "$home/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort *=.*/rmiServerPort = $(free_port)/" \
	"$home/etc/org.apache.karaf.management.cfg"
sed -i "s/^tcp_port *=.*/tcp_port = $port/" "$home/etc/io.vireo.daemon.cfg"

if [ "$mode" = floor ]; then
	# A bundle whose activator opens a TCP port on loopback (port from -Dprobe.port): the framework has
	# reached its start level when the port accepts.
	probe="$work/probe"
	mkdir -p "$probe/src/probe" "$probe/classes"
	cat >"$probe/src/probe/Activator.java" <<'EOF'
package probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

public class Activator implements BundleActivator {
    private ServerSocket socket;

    public void start(BundleContext ctx) throws Exception {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.getInteger("probe.port")));
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    socket.accept().close();
                } catch (Exception e) {
                    return;
                }
            }
        }, "probe-accept");
        t.setDaemon(true);
        t.start();
    }

    public void stop(BundleContext ctx) throws Exception {
        socket.close();
    }
}
EOF
	printf 'Bundle-ManifestVersion: 2\nBundle-SymbolicName: io.vireo.bench.startlevel.probe\nBundle-Version: 1.0.0\nBundle-Activator: probe.Activator\nImport-Package: org.osgi.framework\n' >"$probe/MANIFEST.MF"
	javac -nowarn --release 17 -cp "$(ls "$home"/lib/boot/osgi.core-*.jar)" -d "$probe/classes" "$probe/src/probe/Activator.java"
	mkdir -p "$home/system/io/vireo/bench/probe/1.0.0"
	jar cfm "$home/system/io/vireo/bench/probe/1.0.0/probe-1.0.0.jar" "$probe/MANIFEST.MF" -C "$probe/classes" .
	# Karaf's framework bundles only: drop the startup features Vireo adds (karaf-assembly/pom.xml).
	grep -v 'io.vireo/\|felix.scr/\|osgi.service.component/\|woodstox\|stax2-api\|services.eventadmin/' \
		"$home/etc/startup.properties" >"$work/startup.properties"
	echo 'mvn\:io.vireo.bench/probe/1.0.0 = 30' >>"$work/startup.properties"
	cp "$work/startup.properties" "$home/etc/startup.properties"
	sed -i 's/^featuresBoot *=.*/featuresBoot = framework\/4.4.10/' "$home/etc/org.apache.karaf.features.cfg"
	export EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -Dprobe.port=$port"
fi

# Waits until the started Karaf answers (per mode) and sets elapsed (ms since t0) and detail.
wait_answer() {
	case "$mode" in
	shell)
		until echo | "$home/bin/client" -a "$ssh" -u karaf -p karaf 'virt:list' 2>/dev/null | grep -q 'Id'; do
			kill -0 "$pid" 2>/dev/null || { echo "karaf died" >&2; cat "$work/server.out" >&2; exit 1; }
			sleep 0.2
		done
		elapsed=$(( $(now_ms) - t0 ))
		detail="" ;;
	rpc | floor)
		out=$(/usr/bin/python3 - "$mode" "$port" "$t0" "$pid" <<'EOF'
import os, re, socket, sys, time
mode, port, t0, karaf = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if mode == "rpc":
    import libvirt
    libvirt.registerErrorHandler(lambda c, e: None, None)
deadline = time.time() + 300
while True:
    try:
        if mode == "rpc":
            c = libvirt.open("test+tcp://127.0.0.1:%d/default" % port)
            c.listAllDomains()
            c.close()
        else:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        break
    except (OSError, Exception) as e:
        if not os.path.exists("/proc/%d" % karaf) or time.time() > deadline:
            print("no answer: %r" % e)
            sys.exit(1)
    time.sleep(0.02)
elapsed = int(time.time() * 1000) - t0
# CPU time of the JVM (bin/karaf's child) by thread at this moment, numbers folded out of the names.
jvm = None
for d in os.listdir("/proc"):
    try:
        st = open("/proc/%s/stat" % d).read()
        if d.isdigit() and int(st[st.rindex(")") + 2:].split()[1]) == karaf:
            jvm = d
    except (OSError, ValueError):
        pass
cpu = {}
tick = os.sysconf("SC_CLK_TCK")
for t in os.listdir("/proc/%s/task" % jvm) if jvm else []:
    try:
        st = open("/proc/%s/task/%s/stat" % (jvm, t)).read()
    except OSError:
        continue
    name = re.sub(r"[0-9]+$", "#", st[st.index("(") + 1:st.rindex(")")])
    f = st[st.rindex(")") + 2:].split()
    cpu[name] = cpu.get(name, 0) + (int(f[11]) + int(f[12])) * 1000 // tick
total = sum(cpu.values())
jit = sum(v for k, v in cpu.items() if "CompilerThre" in k)
top = ", ".join("%s %d" % kv for kv in sorted(cpu.items(), key=lambda kv: -kv[1])[:4])
print("%d JVM CPU %d ms, JIT %d ms (%d%%); %s" % (elapsed, total, jit, 100 * jit // max(total, 1), top))
EOF
		) || { echo "$out" >&2; cat "$work/server.out" >&2; exit 1; }
		elapsed=${out%% *}
		detail=${out#* } ;;
	esac
}

# Starts Karaf as our child (so we can wait for it), then waits for its answer.
start_once() {
	log_from=$({ wc -c <"$home/data/log/karaf.log"; } 2>/dev/null || echo 0)
	t0=$(now_ms)
	# We waited for the previous Karaf: its recorded PID may belong to another process by now.
	CHECK_ROOT_INSTANCE_RUNNING=false "$home/bin/karaf" server >"$work/server.out" 2>&1 &
	pid=$!
	wait_answer
}
# This start's karaf.log lines.
this_log() { tail -c +"$((log_from + 1))" "$home/data/log/karaf.log" 2>/dev/null || true; }
# Waits (up to 10 minutes) until the FeaturesService has finished provisioning the boot features.
wait_provisioned() {
	n=0
	until this_log | grep -q 'FeaturesServiceImpl .*| Done\.$'; do
		n=$((n + 1))
		[ "$n" -le 3000 ] || { echo "the FeaturesService did not finish within 10 minutes" >&2; exit 1; }
		kill -0 "$pid" 2>/dev/null || { echo "karaf died" >&2; cat "$work/server.out" >&2; exit 1; }
		sleep 0.2
	done
}
stop_once() {
	"$home/bin/stop" >/dev/null 2>&1
	wait "$pid" 2>/dev/null || true
	pid=""
}

echo "mode $mode; $(java -version 2>&1 | head -1); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
colds=""
warms=""
i=1
while [ "$i" -le "$runs" ]; do
	rm -rf "$home/data"
	l=$(load)
	start_once
	cold=$elapsed
	echo "run $i: cold ${cold} ms (load $l) ${detail}"
	wait_provisioned
	stop_once
	l=$(load)
	start_once
	warm=$elapsed
	if this_log | grep -q 'Adding features'; then
		warm="$warm (provisioned again)"
	fi
	echo "run $i: warm ${warm} ms (load $l) ${detail}"
	colds="$colds $cold"
	warms="$warms ${warm%% *}"
	if [ "$i" -eq "$runs" ] && [ "$idle" -gt 0 ]; then
		sleep "$idle"
		# bin/karaf is a shell script that runs the JVM as its child.
		jvm=$(ps -o pid= --ppid "$pid" | tr -d ' ' | head -1)
		rss=$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status")
		threads=$(awk '/Threads/ {print $2}' "/proc/$jvm/status")
		echo "idle Karaf JVM after ${idle} s: RSS $((rss / 1024)) MiB, $threads threads"
	fi
	stop_once
	i=$((i + 1))
done
median() { printf '%s\n' $1 | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2))}'; }
range() { printf '%s\n' $1 | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {print lo "-" hi}'; }
echo "median of $runs ($mode): cold $(median "$colds") ms ($(range "$colds")), warm $(median "$warms") ms ($(range "$warms")); load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
