#!/bin/sh
# Where the VMM's start time goes (bench/VmmTrace.java): StartTrace marks and first output for
# several VMM configurations, alternating with QEMU microvm, nested in L1 when this host has no
# hardware-backed /dev/kvm (as bench/vmm-start.sh).
#   bench/vmm-trace.sh RUNS CONFIG_FILE [UART_BYTES UART_RUNS]
# CONFIG_FILE as VmmTrace.java reads it, after replacing @JAVA@ (Java 17's java), @CP@ (the VMM and JNA
# jars), @JNAJAR@, @PROBE@ (the probe kernel's directory), @TMP@ (a fresh writable directory on
# the machine that runs the VMM: tmpfs inside L1), @HOME@ (a distribution-shaped directory there with
# bin/vireo-vmm, bin/setenv and the two jars under system/, as drivers/hypervisor-kvm's tests lay it out)
# and @ROOT@ (this checkout).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-5}
CONF=$2
UARTARGS="${3:-0} ${4:-0}"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
export JAVA_HOME
PROBE=$("$ROOT/tools/guest/build-probe.sh" | tail -1)
M="$ROOT/drivers/kvm-vmm"
if ! ls "$M"/target/io.vireo.kvm.vmm-*.jar >/dev/null 2>&1 || [ ! -f "$M/target/runtime-classpath.txt" ]; then
	(cd "$ROOT" && mvn -B -q -Dstyle.color=never install -pl drivers/kvm-vmm -am -DskipTests)
fi
JAR=$(ls "$M"/target/io.vireo.kvm.vmm-*.jar | grep -v -e sources -e tests | head -1)
JNAJAR=$(cat "$M/target/runtime-classpath.txt")
VMM_VERSION=$(basename "$JAR" .jar | sed 's/^io\.vireo\.kvm\.vmm-//')
JNA_VERSION=$(basename "$(dirname "$JNAJAR")")
SCRATCH=$(mktemp -d /tmp/vireo-trace.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT INT TERM
direct=no
if [ -c /dev/kvm ] && [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then direct=yes; fi
if [ $direct = yes ]; then TMPD="$SCRATCH/tmp"; else TMPD=/tmp/vireo-trace; fi
# The VMM runs from copies of the jars, so a rebuild in this checkout while the runs go on changes nothing.
JARS="$TMPD/jars"
CJAR="$JARS/$(basename "$JAR")"
CJNA="$JARS/$(basename "$JNAJAR")"
sed -e "s|@JAVA@|$JAVA_HOME/bin/java|g" -e "s|@CP@|$CJAR:$CJNA|g" -e "s|@JNAJAR@|$CJNA|g" \
	-e "s|@PROBE@|$PROBE|g" -e "s|@TMP@|$TMPD|g" -e "s|@HOME@|$TMPD/home|g" -e "s|@ROOT@|$ROOT|g" "$CONF" > "$SCRATCH/configs"
H="$TMPD/home"
cat > "$SCRATCH/run.sh" <<RUN
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp JAVA_HOME=$JAVA_HOME
rm -rf $H
mkdir -p $TMPD $JARS
cp "$JAR" "$JNAJAR" $JARS/
mkdir -p $H/bin $H/system/io/vireo/io.vireo.kvm.vmm/$VMM_VERSION $H/system/net/java/dev/jna/jna/$JNA_VERSION
cp $ROOT/karaf-assembly/src/main/resources/bin/vireo-vmm $ROOT/karaf-assembly/src/main/resources/bin/setenv $H/bin/
chmod +x $H/bin/*
cp "$JAR" $H/system/io/vireo/io.vireo.kvm.vmm/$VMM_VERSION/
cp "$JNAJAR" $H/system/net/java/dev/jna/jna/$JNA_VERSION/
cd $TMPD
$JAVA_HOME/bin/java -Dbench.run.timeout.s=240 $ROOT/bench/VmmTrace.java $PROBE $RUNS $SCRATCH/configs $UARTARGS
RUN
if [ $direct = yes ]; then
	sh "$SCRATCH/run.sh"
	exit $?
fi
echo "vmm-trace: no hardware /dev/kvm here; running nested under QEMU TCG (figures are TCG-inflated; compare ratios)" >&2
rc=0
"$ROOT/tools/guest/nested-run.sh" "$SCRATCH" 3500 || rc=$?
cat "$SCRATCH/out.log"
exit $rc
