#!/bin/sh
# Start-up, footprint and UART exit throughput: Vireo's VMM vs QEMU microvm, same probe kernel.
#   bench/vmm-start.sh [RUNS] [UART_BYTES]
# The VMM runs as shipped: through karaf-assembly's bin/vireo-vmm in a distribution-shaped directory
# (bin/vireo-vmm, bin/setenv, the VMM and JNA jars under system/), whose class-data-sharing archive is
# made first, as the launcher's background training makes it after a distribution's first VMM start.
# Needs a working hardware-backed /dev/kvm for meaningful numbers. Without one (missing, or PVM) it runs
# inside the nested L1 (QEMU TCG + emulated SVM): then every figure is TCG-inflated and only the
# vireo/qemu ratios mean anything.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-10}
UART=${2:-20000}
"$ROOT/tools/guest/setup-deps.sh"
. "$ROOT/bench/vmm-common.sh"
# The distribution-shaped home: in the scratch directory, or inside L1 on its tmpfs /tmp (the host's /
# is read-only there), made from copies so that a rebuild meanwhile changes nothing.
if [ $direct = yes ]; then H="$SCRATCH/home"; else H=/tmp/vireo-bench-home; fi
cat > "$SCRATCH/run.sh" <<RUN
set -e
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp JAVA_HOME=$JAVA_HOME
rm -rf $H
mkdir -p $H/bin $H/system/io/vireo/io.vireo.kvm.vmm/$VMM_VERSION $H/system/net/java/dev/jna/jna/$JNA_VERSION
cp $ROOT/karaf-assembly/src/main/resources/bin/vireo-vmm $ROOT/karaf-assembly/src/main/resources/bin/setenv $H/bin/
chmod +x $H/bin/vireo-vmm $H/bin/setenv
cp "$JAR" $H/system/io/vireo/io.vireo.kvm.vmm/$VMM_VERSION/
cp "$JNAJAR" $H/system/net/java/dev/jna/jna/$JNA_VERSION/
cd /tmp
S=\$(date +%s%N)
VIREO_VMM_CDS_TRAIN=1 sh $H/bin/vireo-vmm
echo "vmm-start: class-data-sharing archive made in \$(( (\$(date +%s%N) - S) / 1000000 )) ms:" \$(ls $H/data/vireo-vmm/*/ | tr '\n' ' ')
[ -f $H/data/vireo-vmm/*/vmm.jsa ] || { echo "vmm-start: no archive; training.log:"; cat $H/data/vireo-vmm/*/training.log; }
$JAVA_HOME/bin/java -Dbench.run.timeout.s=180 $ROOT/bench/VmmBench.java $PROBE $RUNS $UART $H/bin/vireo-vmm
RUN
if [ $direct = yes ]; then
	sh "$SCRATCH/run.sh"
	exit $?
fi
echo "vmm-start: no hardware /dev/kvm here; running nested under QEMU TCG (figures are TCG-inflated; compare ratios)" >&2
rc=0
"$ROOT/tools/guest/nested-run.sh" "$SCRATCH" 3000 || rc=$?
cat "$SCRATCH/out.log"
exit $rc
