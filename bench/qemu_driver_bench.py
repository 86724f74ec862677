#!/usr/bin/python3
"""Helper of bench/qemu-driver.sh: drives Vireo's QEMU driver and Debian's libvirtd over libvirt's RPC
(python-libvirt, which imports only under Debian's /usr/bin/python3) and the same guest as a bare QEMU
process, round after round in rotating order, and prints medians, p90s and ratios.

Per run and side:
  create   createXML() until it returns (raw QEMU: spawn, QMP greeting, qmp_capabilities, cont);
  marker   from just before createXML() (raw: before the spawn) until VIREO-SHELL-READY is in the
           guest's serial log file;
  destroy  destroy() until it returns (raw: SIGTERM and waitpid, as Vireo's driver does);
and, to find where the time goes:
  exit     from the start of destroy until the QEMU process is dead (zombie or gone);
  reaped   ... until its /proc entry is gone (what libvirt's destroy waits for);
  spawn    from the call until the driver ran QEMU (the "starting up" line of the guest's log);
  qmp      from the call until QEMU had bound its QMP socket (socket ctime; Vireo and raw only);
  greet, caps  (raw) until QEMU's QMP greeting was read, and until qmp_capabilities was answered;
  xmlw, xmls, stw, sts  (Vireo) until its live definition and then its status record were written and
           synced (file mtime and, after the rename, ctime);
  rpc      median of 20 virDomainGetInfo() round trips while the guest runs.
Before measuring, it waits until both daemons are idle (Karaf answers before its boot has finished), and
runs warm-up rounds that are printed but not counted; the first of them is the cold path.
"""
import argparse
import datetime
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

import libvirt

MARKER = b"VIREO-SHELL-READY"


def now():
    return time.monotonic()


def ms(seconds):
    return seconds * 1000.0


def domain_xml(name, kernel, initrd, serial_log, memory_mib):
    # <cpu mode='maximum'/>: both drivers give TCG guests "-cpu max" (libvirt's default would be qemu64);
    # no USB controller and no balloon, so libvirt adds no device Vireo's argv does not have.
    return f"""<domain type='qemu'>
  <name>{name}</name>
  <memory unit='MiB'>{memory_mib}</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>{kernel}</kernel>
    <initrd>{initrd}</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <features><acpi/></features>
  <cpu mode='maximum'/>
  <devices>
    <serial type='pty'><log file='{serial_log}'/></serial>
    <console type='pty'/>
    <controller type='usb' model='none'/>
    <memballoon model='none'/>
  </devices>
</domain>
"""


def wait_marker(path, t0, timeout, alive=None):
    """Seconds from t0 until MARKER is in the file at path (polled every 10 ms)."""
    deadline = t0 + timeout
    pos = 0
    tail = b""
    while True:
        try:
            with open(path, "rb") as f:
                f.seek(pos)
                chunk = f.read()
            if chunk:
                pos += len(chunk)
                tail += chunk
                if MARKER in tail:
                    return now() - t0
                tail = tail[-len(MARKER):]
        except FileNotFoundError:
            pass
        if now() > deadline:
            raise RuntimeError(f"no {MARKER.decode()} in {path} after {timeout} s")
        if alive is not None and not alive():
            raise RuntimeError(f"QEMU ended before {MARKER.decode()} showed up in {path}")
        time.sleep(0.01)


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def find_qemu(needles):
    """PIDs of qemu-system processes whose command line contains every string in needles."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        argv = cmdline(int(entry))
        if not argv or not os.path.basename(argv[0]).startswith("qemu-system"):
            continue
        text = "\0".join(argv)
        if all(n in text for n in needles):
            found.append(int(entry))
    return found


def proc_state(pid):
    """'R', 'S', ..., 'Z' for a zombie, None once the /proc entry is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        return chr(stat[stat.rindex(b")") + 2])
    except (OSError, ValueError, IndexError):
        return None


class EndWatch(threading.Thread):
    """Polls a process every millisecond from t0: when it died (zombie or gone) and when /proc lost it."""

    def __init__(self, pid, t0, timeout=60):
        super().__init__(daemon=True)
        self.pid, self.t0, self.timeout = pid, t0, timeout
        self.dead = None
        self.reaped = None

    def run(self):
        while now() - self.t0 < self.timeout:
            s = proc_state(self.pid)
            if s in ("Z", "X", None) and self.dead is None:
                self.dead = now() - self.t0
            if s is None:
                self.reaped = now() - self.t0
                return
            time.sleep(0.001)


def cpu_seconds(pid):
    """User + system CPU time of a process and its threads, in seconds."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid, label, limit=180, window=3.0, quiet=0.10):
    """Waits until a daemon has finished starting: under quiet x one CPU over window seconds."""
    t = now()
    while now() - t < limit:
        c0 = cpu_seconds(pid)
        time.sleep(window)
        used = cpu_seconds(pid) - c0
        if used < quiet * window:
            print(f"{label} is idle ({used / window * 100:.0f}% of a CPU) after {now() - t:.0f} s", flush=True)
            return
    print(f"{label} still busy after {limit} s; measuring anyway", flush=True)


def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    if int(f.read().rsplit(b")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return out


def file_ctime(path):
    """ctime of path as wall-clock seconds, or None."""
    try:
        return os.stat(path).st_ctime_ns / 1e9
    except OSError:
        return None


def option_value(argv, option, key, value):
    """The value of -option whose key=value list has key=value, or None (e.g. -chardev socket,id=charmonitor)."""
    for i in range(len(argv) - 1):
        if argv[i] == option and f"{key}={value}" in argv[i + 1].split(","):
            return argv[i + 1]
    return None


def opt_field(opts, field):
    for part in opts.split(","):
        if part.startswith(field + "="):
            return part[len(field) + 1:]
    return None


def last_start_line(log):
    """Wall-clock time of the last 'starting up' line in a guest's process log (Vireo and libvirt write one)."""
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            lines = [l for l in f if "starting up" in l]
    except OSError:
        return None
    if not lines:
        return None
    line = lines[-1]
    # Vireo: 2026-11-22T06:06:55.353123Z starting up: ...; libvirt: 2026-11-22 06:06:55.353+0000: starting up ...
    m = re.match(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d{4})", line)
    if not m:
        return None
    frac = m.group(2)
    if "." in frac:
        base, f = frac.split(".")
        frac = base + "." + (f + "000000")[:6]
    tz = "+00:00" if m.group(3) == "Z" else m.group(3)[:3] + ":" + m.group(3)[3:]
    return datetime.datetime.fromisoformat(f"{m.group(1)}T{frac}{tz}").timestamp()


class LibvirtSide:
    """A daemon reached through libvirt's RPC: Vireo's remote server or libvirtd."""

    def __init__(self, label, uri, args, guest_log_dir, monitor_from_argv, daemon_alive, timeout):
        self.label = label
        self.uri = uri
        self.args = args
        self.guest_log_dir = guest_log_dir
        self.monitor_from_argv = monitor_from_argv
        self.name = f"qb-{label}"
        self.conn = None
        self.dom = None
        deadline = now() + timeout
        last = None
        while self.conn is None:
            if not daemon_alive():
                raise RuntimeError(f"{label}: the daemon ended before it answered on {uri}: {last}")
            try:
                conn = libvirt.open(uri)
                conn.getVersion()
                self.conn = conn
            except libvirt.libvirtError as e:
                last = e
                if now() > deadline:
                    raise RuntimeError(f"{label}: no answer on {uri} after {timeout} s: {e}")
                time.sleep(1)
        self.argv = None

    def run(self, serial_log):
        a = self.args
        xml = domain_xml(self.name, a.kernel, a.initrd, serial_log, a.memory)
        r = {}
        wall0 = time.time()
        t0 = now()
        r["_wall"] = wall0
        self.dom = self.conn.createXML(xml, 0)
        r["create"] = now() - t0
        wall1 = time.time()
        pids = []
        deadline = now() + 10
        while not pids and now() < deadline:
            pids = find_qemu([f"guest={self.name},", a.work])
            if not pids:
                time.sleep(0.05)
        if len(pids) != 1:
            raise RuntimeError(f"{self.label}: expected one QEMU for {self.name}, found {pids}")
        pid = pids[0]
        self.argv = cmdline(pid)
        spawn = last_start_line(os.path.join(self.guest_log_dir, self.name + ".log"))
        if spawn is not None and wall0 - 0.05 <= spawn <= wall1 + 0.05:
            r["spawn"] = spawn - wall0
        if self.monitor_from_argv:
            mon = option_value(self.argv, "-chardev", "id", "charmonitor")
            path = mon and opt_field(mon, "path")
            c = path and file_ctime(path)
            if c:
                r["qmp"] = c - wall0
            # Vireo's live files, each written to a temporary file, fsync'd, renamed (which sets the
            # target's ctime) and its directory fsync'd: the definition first, then the status record.
            live = os.path.join(self.guest_log_dir, self.name + ".xml")
            status = os.path.join(self.guest_log_dir, self.name + ".status")
            try:
                xs, ss = os.stat(live), os.stat(status)
                r["xmlw"] = xs.st_mtime_ns / 1e9 - wall0
                r["xmls"] = xs.st_ctime_ns / 1e9 - wall0
                r["stw"] = ss.st_mtime_ns / 1e9 - wall0
                r["sts"] = ss.st_ctime_ns / 1e9 - wall0
            except OSError:
                pass
        r["marker"] = wait_marker(serial_log, t0, a.marker_timeout, lambda: proc_state(pid) not in (None, "Z"))
        rtts = []
        for _ in range(20):
            t = now()
            self.dom.info()
            rtts.append(now() - t)
        r["rpc"] = statistics.median(rtts)
        t2 = now()
        watch = EndWatch(pid, t2)
        watch.start()
        self.dom.destroy()
        r["destroy"] = now() - t2
        self.dom = None
        watch.join()
        if watch.dead is None:
            raise RuntimeError(f"{self.label}: QEMU pid {pid} still runs {watch.timeout} s after destroy()")
        r["exit"] = watch.dead
        if watch.reaped is not None:
            r["reaped"] = watch.reaped
        return r

    def cleanup(self):
        if self.dom is not None:
            try:
                self.dom.destroy()
            except libvirt.libvirtError:
                pass
            self.dom = None
        try:
            for d in self.conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE):
                if d.name() == self.name:
                    d.destroy()
        except libvirt.libvirtError:
            pass


class RawSide:
    """The argv Vireo generated, run by this script: the floor a driver adds its work to."""

    def __init__(self, args, template, vireo_serial_log, vireo_name):
        self.args = args
        self.name = "qb-raw"
        self.dir = os.path.join(args.work, "raw")
        os.makedirs(self.dir, exist_ok=True)
        mon = option_value(template, "-chardev", "id", "charmonitor")
        if mon is None:
            raise RuntimeError("no -chardev ...,id=charmonitor in Vireo's argv: " + " ".join(template))
        run_dir = os.path.dirname(opt_field(mon, "path"))
        self.template = [a.replace(run_dir, self.dir) for a in template]
        self.template = [a.replace(f"guest={vireo_name},", f"guest={self.name},") for a in self.template]
        self.vireo_serial_log = vireo_serial_log
        self.monitor = opt_field(option_value(self.template, "-chardev", "id", "charmonitor"), "path")
        self.proc = None

    def argv(self, serial_log):
        return [a.replace(self.vireo_serial_log, serial_log) for a in self.template]

    def run(self, serial_log):
        argv = self.argv(serial_log)
        for f in os.listdir(self.dir):
            p = os.path.join(self.dir, f)
            if not f.endswith(".log") and os.path.exists(p):
                os.unlink(p)
        r = {}
        out = open(os.path.join(self.dir, "qemu.log"), "ab")
        wall0 = time.time()
        t0 = now()
        r["_wall"] = wall0
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        out.close()
        r["spawn"] = time.time() - wall0
        qmp = self._qmp(t0)
        r["create"] = now() - t0
        r["greet"] = self.marks["greet"]
        r["caps"] = self.marks["caps"]
        c = file_ctime(self.monitor)
        if c:
            r["qmp"] = c - wall0
        r["marker"] = wait_marker(serial_log, t0, self.args.marker_timeout, lambda: self.proc.poll() is None)
        t2 = now()
        watch = EndWatch(self.proc.pid, t2)
        watch.start()
        self.proc.terminate()
        self.proc.wait()
        r["destroy"] = now() - t2
        qmp.close()
        self.proc = None
        watch.join()
        r["exit"] = watch.dead if watch.dead is not None else r["destroy"]
        r["reaped"] = watch.reaped if watch.reaped is not None else r["destroy"]
        return r

    def _qmp(self, t0):
        """Connects to QMP as soon as the socket is there (1 ms polls), negotiates, and lets the guest run."""
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"raw QEMU exited with {self.proc.returncode}; see {self.dir}/qemu.log")
            if now() - t0 > 30:
                raise RuntimeError("raw QEMU's QMP socket did not show up")
            if os.path.exists(self.monitor):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    s.connect(self.monitor)
                    break
                except OSError:
                    s.close()
            time.sleep(0.001)
        f = s.makefile("rb")

        def reply():
            while True:
                line = f.readline()
                if not line:
                    raise RuntimeError("raw QEMU closed QMP")
                msg = json.loads(line)
                if "return" in msg or "error" in msg or "QMP" in msg:
                    return msg

        reply()
        self.marks = {"greet": now() - t0}
        for cmd, mark in (("qmp_capabilities", "caps"), ("cont", "cont")):
            s.sendall(json.dumps({"execute": cmd}).encode() + b"\n")
            msg = reply()
            if "error" in msg:
                raise RuntimeError(f"raw QEMU: {cmd}: {msg}")
            self.marks[mark] = now() - t0
        return s

    def cleanup(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


def fmt(r):
    return " ".join(f"{k}={ms(v):.0f}" for k, v in r.items() if not k.startswith("_"))


def show_log(path):
    if path and os.path.exists(path):
        with open(path, errors="replace") as f:
            print(f"{path} (tail):\n" + "".join(f.readlines()[-20:]), file=sys.stderr, flush=True)


def pct(values, p):
    """Nearest-rank percentile."""
    v = sorted(values)
    k = max(0, min(len(v) - 1, -(-p * len(v) // 100) - 1))
    return v[int(k)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--work", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--memory", type=int, default=256)
    ap.add_argument("--vireo-uri", required=True)
    ap.add_argument("--vireo-pid", type=int, required=True)
    ap.add_argument("--vireo-qemu-dir", required=True, help="the distribution's vireo/run/qemu")
    ap.add_argument("--libvirt-uri")
    ap.add_argument("--libvirt-pid", type=int)
    ap.add_argument("--libvirt-qemu-log-dir", help="libvirtd's /var/log/libvirt/qemu as seen from here")
    ap.add_argument("--libvirt-log", help="libvirtd's own log, shown when its side fails")
    ap.add_argument("--marker-timeout", type=float, default=240)
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between runs")
    ap.add_argument("--json", help="also write every run's figures here (times in s, _wall: epoch of the start)")
    a = ap.parse_args()

    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    logs = os.path.join(a.work, "logs")
    os.makedirs(logs, exist_ok=True)
    os.chmod(logs, 0o1777)

    def alive(pid):
        return lambda: proc_state(pid) not in (None, "Z")

    sides = {}
    failures = []
    print(f"waiting for Vireo on {a.vireo_uri} ...", flush=True)
    t = now()
    sides["vireo"] = LibvirtSide("vireo", a.vireo_uri, a, a.vireo_qemu_dir, True, alive(a.vireo_pid), 600)
    print(f"Vireo answers ({ms(now() - t) / 1000:.1f} s); {sides['vireo'].conn.getURI()}", flush=True)
    if a.libvirt_uri:
        try:
            sides["libvirt"] = LibvirtSide("libvirt", a.libvirt_uri, a, a.libvirt_qemu_log_dir, False,
                                           alive(a.libvirt_pid), 120)
            print(f"libvirtd answers: libvirt {sides['libvirt'].conn.getLibVersion()}, QEMU "
                  f"{sides['libvirt'].conn.getVersion()}", flush=True)
        except RuntimeError as e:
            failures.append(f"libvirt: {e}")
            print(f"libvirtd: {e}", file=sys.stderr, flush=True)
            show_log(a.libvirt_log)
    # Karaf answers before it has installed all its boot features: measure only once it is idle.
    jvm = children(a.vireo_pid) or [a.vireo_pid]
    settle(jvm[0], "Vireo's JVM")
    if "libvirt" in sides:
        settle(a.libvirt_pid, "libvirtd")
    results = {}
    warm = {}
    seq = [0]

    def serial_log(label):
        seq[0] += 1
        return os.path.join(logs, f"{label}-{seq[0]}.log")

    def once(label):
        side = sides[label]
        try:
            return side.run(serial_log(label))
        finally:
            side.cleanup()

    try:
        # Warm-up: JIT and caches on both daemons; Vireo's run also gives the raw side its argv.
        for w in range(max(a.warmup, 1)):
            for label in list(sides):
                try:
                    r = once(label)
                    warm.setdefault(label, []).append(r)
                    print(f"warm-up {w + 1} {label:8s} " + fmt(r),
                          flush=True)
                except (RuntimeError, libvirt.libvirtError) as e:
                    if label == "vireo":
                        raise
                    failures.append(f"{label}: {e}")
                    print(f"{label} cannot run the guest: {e}", file=sys.stderr, flush=True)
                    show_log(a.libvirt_log)
                    del sides[label]
                time.sleep(a.pause)
            if "raw" not in sides:
                v = sides["vireo"]
                serial = next((x for x in v.argv if "logfile=" in x), None)
                if serial is None:
                    raise RuntimeError("no serial logfile= in Vireo's argv: " + " ".join(v.argv))
                sides["raw"] = RawSide(a, v.argv, opt_field(serial, "logfile"), v.name)
                print("raw argv: " + " ".join(sides["raw"].argv(os.path.join(logs, "raw-N.log"))), flush=True)
                r = once("raw")
                warm.setdefault("raw", []).append(r)
                print(f"warm-up {w + 1} raw      " + fmt(r), flush=True)
                time.sleep(a.pause)
        labels = list(sides)
        for label in labels:
            results[label] = []
        for i in range(a.rounds):
            k = i % len(labels)
            order = labels[k:] + labels[:k]
            for label in order:
                r = once(label)
                results[label].append(r)
                print(f"round {i + 1:2d} {label:8s} " + fmt(r),
                      flush=True)
                time.sleep(a.pause)
    finally:
        for side in sides.values():
            side.cleanup()

    if a.json:
        with open(a.json, "w") as f:
            json.dump({"results": results, "warmup": warm, "failures": failures}, f, indent=1)
    report(results, warm, failures, a)


def report(results, warm, failures, a):
    labels = [l for l in ("vireo", "libvirt", "raw") if l in results]
    n = min(len(v) for v in results.values())
    metrics = [("create", "create() return"), ("marker", "start -> marker"), ("destroy", "destroy() return"),
               ("spawn", "  call -> QEMU spawned"), ("qmp", "  call -> QMP socket bound"),
               ("greet", "  call -> QMP greeting read"), ("caps", "  call -> capabilities done"),
               ("xmlw", "  call -> live XML written"), ("xmls", "  call -> live XML synced"),
               ("stw", "  call -> status written"), ("sts", "  call -> status synced"),
               ("exit", "  destroy -> QEMU dead"), ("reaped", "  destroy -> QEMU reaped"),
               ("rpc", "  RPC round trip (info)")]

    def col(label, key):
        vals = [r[key] for r in results[label] if key in r]
        return (statistics.median(vals), pct(vals, 90)) if vals else None

    print()
    print(f"runs: {n} per side, rotating order; guest: Debian kernel + busybox initramfs, {a.memory} MiB, "
          f"1 vCPU, TCG; times in ms")
    head = f"{'metric':27s}" + "".join(f"{l + ' med':>12s}{'p90':>8s}" for l in labels)
    if "libvirt" in labels:
        head += f"{'vireo/libvirt':>15s}"
    if "raw" in labels:
        head += f"{'vireo-raw':>11s}"
    print(head)
    for key, title in metrics:
        cells = {l: col(l, key) for l in labels}
        if all(c is None for c in cells.values()):
            continue
        line = f"{title:27s}"
        for l in labels:
            c = cells[l]
            line += f"{ms(c[0]):12.0f}{ms(c[1]):8.0f}" if c else f"{'-':>12s}{'-':>8s}"
        v = cells.get("vireo")
        if "libvirt" in labels:
            lv = cells.get("libvirt")
            line += f"{v[0] / lv[0]:15.2f}" if v and lv and lv[0] > 0 else f"{'-':>15s}"
        if "raw" in labels:
            rw = cells.get("raw")
            line += f"{ms(v[0] - rw[0]):+11.0f}" if v and rw else f"{'-':>11s}"
        print(line)
    print()
    for key in ("create", "marker", "destroy"):
        for l in labels:
            print(f"raw {key:7s} {l:8s}: " + " ".join(f"{ms(r[key]):.0f}" for r in results[l]))
    print("first create after start (warm-up 1, not in the table): " + ", ".join(
        f"{l} {ms(warm[l][0]['create']):.0f} ms" for l in labels if warm.get(l)))
    v = col("vireo", "create")
    rw = col("raw", "create") if "raw" in labels else None
    d = col("vireo", "destroy")
    print()
    if v and rw:
        over = ms(v[0] - rw[0])
        print(f"target create overhead on raw QEMU <= 100 ms: {over:.0f} ms, {'met' if over <= 100 else 'NOT met'}")
    if d:
        print(f"target destroy <= 200 ms: {ms(d[0]):.0f} ms, {'met' if ms(d[0]) <= 200 else 'NOT met'}")
    for f in failures:
        print("FAILED " + f)


if __name__ == "__main__":
    # SIGTERM (the script's cleanup) unwinds through the finally blocks, which destroy running guests.
    signal.signal(signal.SIGTERM, lambda s, f: sys.exit(143))
    main()
