# Sourced by the VMM benches (vmm-start.sh, vmm-trace.sh, virtio.sh) after they set ROOT: Java 17, the
# probe kernel, the VMM jar and its JNA jar (built when missing), a scratch directory removed on exit,
# and whether /dev/kvm is hardware-backed (direct=yes) or the bench must run nested (direct=no).
# Sets PROBE, M, JAR, JNAJAR, VMM_VERSION, JNA_VERSION, SCRATCH, direct.
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
SCRATCH=$(mktemp -d "/tmp/vireo-${BENCH_NAME:-bench}.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT INT TERM
direct=no
if [ -c /dev/kvm ] && [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then direct=yes; fi
