#!/bin/sh
# End-to-end check of remote consoles and events with the built distribution and a real QEMU guest (TCG):
#
#   1. unpacks the distribution (karaf-assembly/target/vireo-karaf-assembly-*.tar.gz, or $VIREO_DIST) into a
#      work directory, with this module's freshly built bundle (bundles/remote/target/io.vireo.remote-*.jar)
#      in its system repository, on free ports (libvirt RPC, SSH, RMI) so it runs beside other instances;
#   2. builds the interactive shell guest (tools/guest/build-shell-guest.sh: its /init prints
#      VIREO-SHELL-READY and runs a shell on ttyS0) and starts Vireo;
#   3. runs stock virsh over TCP against qemu:///system: `virsh event --loop` in the background, then
#      define and start a <domain type='qemu'> with the guest's kernel and initrd, a pty serial and console;
#   4. waits for the guest's marker, then runs `virsh console` on a pseudo-terminal (virsh needs one):
#      types a command, waits for the guest's answer, detaches with Ctrl-], and prints the transcript;
#   5. Vireo's own remote client: `virt:console --connect qemu+tcp://...` (through bin/client on a
#      pseudo-terminal) and `virt:event --connect test+tcp://... --loop` seeing events from the daemon;
#   6. destroys and undefines the guest and checks that the event loop saw every lifecycle event.
#
# Exit status 0 when every step passed; 77 when a prerequisite is missing (no distribution, no QEMU, no
# virsh); 1 otherwise. The work directory (logs, transcripts) is kept on failure and printed.
#
#   bundles/remote/src/test/scripts/console-e2e.sh [WORKDIR]
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../../.." && pwd)
JAVA_HOME=${JAVA_HOME17:-/usr/lib/jvm/java-17-openjdk-amd64}
export JAVA_HOME
WORK=${1:-$(mktemp -d /tmp/vireo-console-e2e.XXXXXX)}
PTY="$ROOT/bundles/remote/src/test/resources/console/pty_session.py"
PY=/usr/bin/python3
FAILED=0
KARAF_PID=
EVENTS_PID=
VEVENTS_PID=

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; FAILED=1; }
skip() { printf 'SKIPPED: %s\n' "$*"; exit 77; }

DIST=${VIREO_DIST:-$(ls "$ROOT"/karaf-assembly/target/vireo-karaf-assembly-*.tar.gz 2>/dev/null | head -1)}
[ -n "$DIST" ] && [ -f "$DIST" ] || skip "no built distribution (mvn -o install in karaf-assembly, or VIREO_DIST=...)"
[ -x /usr/bin/qemu-system-x86_64 ] || skip "qemu-system-x86_64 is not installed"
[ -x /usr/bin/virsh ] || skip "virsh is not installed"
[ -x "$PY" ] || skip "$PY is not installed"

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cleanup() {
	for pid in $EVENTS_PID $VEVENTS_PID; do kill "$pid" 2>/dev/null; done
	if [ -n "${HOMEDIR:-}" ] && [ -f "$HOMEDIR/vireo/run/qemu/tcg1.status" ]; then
		qpid=$(sed -n 's/^pid *= *//p' "$HOMEDIR/vireo/run/qemu/tcg1.status" | tr -d ' ')
		[ -n "$qpid" ] && kill -9 "$qpid" 2>/dev/null
	fi
	if [ -n "$KARAF_PID" ]; then
		"$HOMEDIR/bin/stop" >/dev/null 2>&1
		i=0
		while kill -0 "$KARAF_PID" 2>/dev/null && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
		kill -9 "$KARAF_PID" 2>/dev/null
	fi
	if [ $FAILED -eq 0 ] && [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "work directory kept: $WORK"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

say "work directory $WORK; distribution $DIST"
mkdir -p "$WORK"
tar xzf "$DIST" -C "$WORK" || skip "cannot unpack $DIST"
HOMEDIR=$(ls -d "$WORK"/vireo-karaf-assembly-* | head -1)
JAR=$(ls "$ROOT"/bundles/remote/target/io.vireo.remote-*.jar 2>/dev/null | grep -v sources | head -1)
if [ -n "$JAR" ]; then
	DEST=$(ls -d "$HOMEDIR"/system/io/vireo/io.vireo.remote/*/ | head -1)
	cp "$JAR" "$DEST/$(ls "$DEST" | grep '\.jar$' | head -1)"
	say "remote bundle from $JAR"
fi
RPC=$(free_port); SSH=$(free_port); RMIR=$(free_port); RMIS=$(free_port)
setcfg() { # file key value
	f="$HOMEDIR/etc/$1"
	grep -v "^[[:space:]]*$2[[:space:]]*=" "$f" > "$f.new" 2>/dev/null; mv "$f.new" "$f"
	echo "$2 = $3" >> "$f"
}
setcfg io.vireo.daemon.cfg tcp_port "$RPC"
setcfg io.vireo.daemon.cfg autostart false
setcfg org.apache.karaf.shell.cfg sshPort "$SSH"
setcfg org.apache.karaf.management.cfg rmiRegistryPort "$RMIR"
setcfg org.apache.karaf.management.cfg rmiServerPort "$RMIS"
QEMU_URI="qemu+tcp://127.0.0.1:$RPC/system"
TEST_URI="test+tcp://127.0.0.1:$RPC/default"

say "building the shell guest"
GUEST=$("$ROOT/tools/guest/build-shell-guest.sh" | tail -1) || skip "cannot build the guest"
[ -f "$GUEST/vmlinuz" ] || skip "no guest kernel in $GUEST"

say "starting Vireo (libvirt RPC on 127.0.0.1:$RPC, SSH $SSH)"
CHECK_ROOT_INSTANCE_RUNNING=false "$HOMEDIR/bin/karaf" server > "$WORK/karaf.out" 2>&1 &
KARAF_PID=$!
client() { "$HOMEDIR/bin/client" -a "$SSH" -u karaf -p karaf "$@"; }
i=0
until echo | client 'virt:list' 2>/dev/null | grep -q Id; do
	i=$((i + 1))
	[ $i -lt 180 ] || { fail "Vireo did not answer within 180 s"; cat "$WORK/karaf.out"; exit 1; }
	kill -0 "$KARAF_PID" 2>/dev/null || { fail "Karaf exited"; cat "$WORK/karaf.out"; exit 1; }
	sleep 1
done
i=0
until virsh -c "$QEMU_URI" uri >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 60 ] || { fail "qemu:///system not served over TCP"; exit 1; }; sleep 1
done

say "virsh event --loop on $QEMU_URI"
virsh -c "$QEMU_URI" event --event lifecycle --loop --timeout 300 > "$WORK/virsh-events.out" 2>&1 &
EVENTS_PID=$!
sleep 1

SERIAL_LOG="$WORK/tcg1-serial.log"
cat > "$WORK/tcg1.xml" <<XML
<domain type='qemu'>
  <name>tcg1</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$GUEST/vmlinuz</kernel>
    <initrd>$GUEST/initrd.img</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <serial type='pty'><log file='$SERIAL_LOG'/></serial>
    <console type='pty'/>
    <memballoon model='none'/>
  </devices>
</domain>
XML

say "virsh define + start over TCP"
virsh -c "$QEMU_URI" define "$WORK/tcg1.xml" || fail "define"
virsh -c "$QEMU_URI" start tcg1 || fail "start"
i=0
until grep -q VIREO-SHELL-READY "$SERIAL_LOG" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 240 ] || { fail "no VIREO-SHELL-READY within 240 s"; break; }; sleep 1
done
say "guest is up: $(grep -a VIREO-SHELL-READY "$SERIAL_LOG" | tr -d '\r')"

say "virsh console on a pseudo-terminal"
"$PY" "$PTY" --timeout 60 \
	--expect 'Escape character is ^] (Ctrl + ])' \
	--sleep 1 \
	--type '\r' \
	--expect '# ' \
	--type 'echo vireo-$((6*7)) on $(uname -s)\r' \
	--expect 'vireo-42 on Linux' \
	--expect '# ' \
	--type '\x1d' \
	-- virsh -c "$QEMU_URI" console tcg1 > "$WORK/virsh-console.out" 2> "$WORK/virsh-console.err"
STATUS=$?
echo "---- virsh -c $QEMU_URI console tcg1 (raw terminal output, CR shown as ^M) ----"
cat -v "$WORK/virsh-console.out"
echo
echo "---- $(cat "$WORK/virsh-console.err")"
[ $STATUS -eq 0 ] || fail "virsh console exited $STATUS"
grep -q 'vireo-42 on Linux' "$WORK/virsh-console.out" || fail "the guest's answer did not come back"

say "the console is free again after Ctrl-] (a second session, without --force)"
"$PY" "$PTY" --timeout 60 --expect 'Escape character' --sleep 1 --type '\r' --expect '# ' --type '\x1d' \
	-- virsh -c "$QEMU_URI" console tcg1 > "$WORK/virsh-console2.out" 2>&1 || fail "second virsh console"

# bin/client passes keys through only in an interactive session (not to a command given on its command
# line), so the console command is typed at Karaf's prompt, on a pseudo-terminal.
say "Vireo's client: virt:console --connect $QEMU_URI (typed at Karaf's prompt through bin/client)"
"$PY" "$PTY" --timeout 90 \
	--expect '@root()>' \
	--type "virt:console --connect $QEMU_URI tcg1\r" \
	--expect 'Escape character is ^] (Ctrl + ])' \
	--sleep 1 \
	--type '\r' \
	--expect '# ' \
	--type 'echo through-vireo-$((40+2))\r' \
	--expect 'through-vireo-42' \
	--type '\x1d' \
	--expect '@root()>' \
	--type 'logout\r' \
	-- "$HOMEDIR/bin/client" -a "$SSH" -u karaf -p karaf > "$WORK/vireo-console.out" 2>&1
STATUS=$?
echo "---- virt:console --connect $QEMU_URI tcg1 (from 'Connected', escape sequences shown) ----"
sed -n '/Connected to domain/,$p' "$WORK/vireo-console.out" | cat -v
echo
[ $STATUS -eq 0 ] && grep -q 'through-vireo-42' "$WORK/vireo-console.out" \
	|| fail "virt:console over the remote driver (exit $STATUS)"

# bin/client prints a long-running command's output only on a terminal: a pseudo-terminal again.
say "Vireo's client: virt:event --connect $TEST_URI --loop"
"$PY" "$PTY" --timeout 60 \
	-- "$HOMEDIR/bin/client" -a "$SSH" -u karaf -p karaf \
	"virt:event --connect $TEST_URI --event lifecycle --loop --timeout 15" > "$WORK/vireo-events.out" 2>&1 &
VEVENTS_PID=$!
sleep 6
virsh -c "$TEST_URI" 'suspend test; resume test' >/dev/null || fail "suspend/resume test"

say "virsh destroy + undefine"
virsh -c "$QEMU_URI" destroy tcg1 || fail "destroy"
virsh -c "$QEMU_URI" undefine tcg1 || fail "undefine"
sleep 2
kill "$EVENTS_PID" 2>/dev/null; EVENTS_PID=
wait "$VEVENTS_PID" 2>/dev/null; VEVENTS_PID=
echo "---- virsh -c $QEMU_URI event --event lifecycle --loop ----"
cat "$WORK/virsh-events.out"
EXPECTED="event 'lifecycle' for domain 'tcg1': Defined Added
event 'lifecycle' for domain 'tcg1': Started Booted
event 'lifecycle' for domain 'tcg1': Stopped Destroyed
event 'lifecycle' for domain 'tcg1': Undefined Removed"
[ "$(grep '^event' "$WORK/virsh-events.out")" = "$EXPECTED" ] || fail "virsh event on qemu:///system saw other events"
echo "---- virt:event --connect $TEST_URI --event lifecycle --loop --timeout 15 ----"
tr -d '\r' < "$WORK/vireo-events.out"
grep -q "event 'lifecycle' for domain 'test': Suspended Paused" "$WORK/vireo-events.out" \
	&& grep -q "event 'lifecycle' for domain 'test': Resumed Unpaused" "$WORK/vireo-events.out" \
	|| fail "virt:event --connect did not print the remote events"

if [ $FAILED -eq 0 ]; then say "PASSED"; else say "FAILED"; fi
exit $FAILED
