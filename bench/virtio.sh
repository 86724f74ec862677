#!/bin/sh
# virtio-blk and virtio-net throughput: Vireo's VMM vs QEMU microvm, same probe kernel, same
# requests (the probe's vireo.blkbench= / vireo.netbench= modes), a fresh raw image per run,
# alternating runs. The host times the probe's "VIREO-BENCH ... start/done" serial lines.
#   bench/virtio.sh [RUNS] [N_BLK] [N_NET]
# The VMM runs as shipped (bin/vireo-vmm in a distribution-shaped directory, as bench/vmm-start.sh).
# virtio-net needs a tap, so the bench makes one (vireo-t0) only inside the nested L1 or when
# VIREO_BENCH_NET=1 says this is a throw-away machine; otherwise it runs blk only.
# Without a hardware /dev/kvm it runs nested (QEMU TCG L1): figures are TCG-inflated; compare ratios.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
NBLK=${2:-2000}
NNET=${3:-2000}
"$ROOT/tools/guest/setup-deps.sh"
. "$ROOT/bench/vmm-common.sh"
NET=${VIREO_BENCH_NET:-0}
if [ $direct = yes ]; then H="$SCRATCH/home"; W="$SCRATCH/work"; else H=/tmp/vireo-bench-home; W=/tmp/vireo-bench-work; NET=1; fi
[ "$NET" = 1 ] || NNET=0
cat > "$SCRATCH/run.sh" <<RUN
set -e
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp JAVA_HOME=$JAVA_HOME
rm -rf $H $W
mkdir -p $W $H/bin $H/system/io/vireo/io.vireo.kvm.vmm/$VMM_VERSION $H/system/net/java/dev/jna/jna/$JNA_VERSION
cp $ROOT/karaf-assembly/src/main/resources/bin/vireo-vmm $ROOT/karaf-assembly/src/main/resources/bin/setenv $H/bin/
chmod +x $H/bin/vireo-vmm $H/bin/setenv
cp "$JAR" $H/system/io/vireo/io.vireo.kvm.vmm/$VMM_VERSION/
cp "$JNAJAR" $H/system/net/java/dev/jna/jna/$JNA_VERSION/
cd /tmp
VIREO_VMM_CDS_TRAIN=1 sh $H/bin/vireo-vmm >/dev/null 2>&1 || true
$JAVA_HOME/bin/java -Dbench.run.timeout.s=900 $ROOT/bench/VirtioBench.java $PROBE $W $RUNS $NBLK $NNET $H/bin/vireo-vmm
RUN
if [ $direct = yes ]; then
	sh "$SCRATCH/run.sh"
	exit $?
fi
echo "virtio: no hardware /dev/kvm here; running nested under QEMU TCG (figures are TCG-inflated; compare ratios)" >&2
rc=0
"$ROOT/tools/guest/nested-run.sh" "$SCRATCH" ${VIREO_BENCH_TIMEOUT:-5400} || rc=$?
cat "$SCRATCH/out.log"
exit $rc
