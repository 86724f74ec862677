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
BENCH_NAME=trace
. "$ROOT/bench/vmm-common.sh"
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
