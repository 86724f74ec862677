#!/bin/sh
# Start-up, footprint and UART exit throughput: Vireo's VMM vs QEMU microvm, same probe kernel.
#   bench/vmm-start.sh [RUNS] [UART_BYTES]
# Needs a working hardware-backed /dev/kvm for meaningful numbers. Without one (missing, or
# PVM) it runs inside the nested L1 (QEMU TCG + emulated SVM): then every figure is
# TCG-inflated and only the vireo/qemu ratios mean anything.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-10}
UART=${2:-20000}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
export JAVA_HOME
"$ROOT/tools/guest/setup-deps.sh"
PROBE=$("$ROOT/tools/guest/build-probe.sh" | tail -1)
M="$ROOT/drivers/kvm-vmm"
if [ ! -f "$M/target/classes/io/vireo/kvm/vmm/Main.class" ] || [ ! -f "$M/target/runtime-classpath.txt" ]; then
	(cd "$ROOT" && mvn -B -q -Dstyle.color=never install -pl drivers/kvm-vmm -am -DskipTests)
fi
CP="$M/target/classes:$(cat "$M/target/runtime-classpath.txt")"
CACHE="${VIREO_GUEST_CACHE:-$HOME/.cache/vireo-guest}"
# The VMM's JVM flags: small heap, serial GC, C1 only; VIREO_BENCH_CDS=1 adds an AppCDS archive of its classes.
JSA="$CACHE/vireo-vmm.jsa"
CDS=${VIREO_BENCH_CDS:-0}
FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -Xss512k"
[ "$CDS" = 1 ] && FLAGS="$FLAGS -XX:SharedArchiveFile=$JSA -Xshare:auto"
BENCH="$JAVA_HOME/bin/java $ROOT/bench/VmmBench.java $PROBE $CP $RUNS $UART $FLAGS"
ARCHIVE="$JAVA_HOME/bin/java -XX:ArchiveClassesAtExit=$JSA -cp $CP io.vireo.kvm.vmm.Main --kernel $PROBE/bzImage --memory-mib 64 --console none --cmdline console=ttyS0"

direct=no
if [ -c /dev/kvm ] && [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then direct=yes; fi
if [ $direct = yes ]; then
	if [ "$CDS" = 1 ] && [ ! -f "$JSA" ]; then $ARCHIVE >/dev/null 2>&1 || true; fi
	exec $BENCH
fi
echo "vmm-start: no hardware /dev/kvm here; running nested under QEMU TCG (figures are TCG-inflated; compare ratios)" >&2
SCRATCH=$(mktemp -d /tmp/vireo-bench.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT INT TERM
# Inside L1 the host's / is read-only: the CDS archive lives in the scratch directory.
JSA="$SCRATCH/vireo-vmm.jsa"
FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -Xss512k"
PRE=""
if [ "$CDS" = 1 ]; then
	FLAGS="$FLAGS -XX:SharedArchiveFile=$JSA -Xshare:auto"
	PRE="$JAVA_HOME/bin/java -XX:ArchiveClassesAtExit=$JSA -cp $CP io.vireo.kvm.vmm.Main --kernel $PROBE/bzImage --memory-mib 64 --console none --cmdline console=ttyS0 >/dev/null 2>&1"
fi
cat > "$SCRATCH/run.sh" <<RUN
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp
cd /tmp
$PRE
$JAVA_HOME/bin/java -Dbench.run.timeout.s=180 $ROOT/bench/VmmBench.java $PROBE $CP $RUNS $UART $FLAGS
RUN
rc=0
"$ROOT/tools/guest/nested-run.sh" "$SCRATCH" 3000 || rc=$?
cat "$SCRATCH/out.log"
exit $rc
