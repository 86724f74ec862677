#!/bin/sh
# Runs a shell script inside the nested L1 machine (see build-l1.sh), where /dev/kvm works
# even if this host's does not. The host's / is visible read-only at the same paths, and
# SCRATCH (a host directory, read-write) holds run.sh; its output lands in SCRATCH/out.log.
#   usage: nested-run.sh SCRATCH_DIR [TIMEOUT_SECONDS]
# Exit status: the script's, or 124 on timeout. QEMU runs as our child and is waited on.
# L1 has one vCPU on single-threaded TCG. Two L1 vCPUs round-robin on that one TCG thread were
# measured to deliver interrupts to L2 guests with IF=0 (6 of 8 stock-kernel boots deadlocked in
# their timer interrupt: the guest's own NMI backtrace shows a timer IRQ nested in a timer IRQ
# whose saved EFLAGS has IF clear); with one L1 vCPU, or with MTTCG, every boot passed. MTTCG was
# seen to livelock L1 in cross-CPU code patching (soft lockups) after many nested VM starts, and
# one vCPU costs nothing here: single-threaded TCG runs one vCPU at a time anyway.
# VIREO_L1_SMP and VIREO_L1_TCG_THREAD (single|multi) override the two for experiments.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SCRATCH=$(cd "$1" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
TIMEOUT=${2:-600}
L1=$("$HERE/build-l1.sh" | tail -1)
[ -f "$SCRATCH/run.sh" ] || { echo "nested-run: $SCRATCH/run.sh missing" >&2; exit 2; }
timeout --kill-after=10 "$TIMEOUT" qemu-system-x86_64 -accel tcg,thread=${VIREO_L1_TCG_THREAD:-single} -cpu max -M q35 -smp ${VIREO_L1_SMP:-1} -m 3072 \
	-kernel "$L1/vmlinuz" -initrd "$L1/initrd.img" \
	-append "console=ttyS0 panic=-1 vireo.scratch=$SCRATCH vireo.repo=$REPO" \
	-nographic -nodefaults -no-reboot -serial "file:$SCRATCH/l1-console.log" -monitor none \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs local,path="$SCRATCH",mount_tag=scratch,security_model=none \
	-virtfs local,path="$REPO",mount_tag=repo,security_model=none,readonly=on,multidevs=remap \
	-nic none </dev/null || { rc=$?; echo "nested-run: qemu exited $rc" >&2; [ $rc -eq 124 ] && exit 124; }
RC=$(sed -n 's/.*L1-EXIT \([0-9]*\).*/\1/p' "$SCRATCH/l1-console.log" | tail -1)
[ -n "$RC" ] || { echo "nested-run: L1 did not finish; console:" >&2; tail -20 "$SCRATCH/l1-console.log" >&2; exit 125; }
exit "$RC"
