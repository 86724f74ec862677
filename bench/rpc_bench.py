"""libvirt RPC: Vireo against Debian's libvirtd (test driver), the same python-libvirt calls, alternating.

Usage (bench/rpc.sh prepares both and calls this):
  /usr/bin/python3 rpc_bench.py VIREO_HOME VIREO_PORT LIBVIRTD_DIR LIBVIRTD_PORT [START_RUNS] [DOMAINS]

VIREO_HOME is an unpacked distribution whose etc/ already names its ports; LIBVIRTD_DIR holds libvirtd.conf
(listening on LIBVIRTD_PORT) and an empty drivers/ directory. Both daemons run as children of this script,
which stops them (and waits for them) however it ends.

1. Start -> first successful RPC (libvirt.open + listAllDomains, retried every 20 ms), START_RUNS times
   each, alternating; Vireo's first start is cold (empty data/), the others warm.
2. With both running, after an untimed warm-up (RPC_BENCH_WARMUP=1000 rounds of the same calls on
   throwaway domains, so that Vireo's JIT has compiled its paths): defineXML of DOMAINS domains, then lookupByName, info, XMLDesc, listAllDomains
   (DOMAINS + 1 domains), create and destroy, one connection per daemon, in batches that alternate
   between the two so that load from elsewhere on the machine falls on both alike. Then lookupByName
   from 20 client threads at once (aggregate ops/s), undefine of the DOMAINS domains, and
   RPC_BENCH_CYCLES=500 cycles of defineXML + create + destroy + undefine of a new domain (one sample per
   cycle).
With RPC_BENCH_START_ONLY=1 (bench/rpc.sh --start-only), only part 1.
Prints one table: ops/s, p50 and p99 latency (ms) for each, and the Vireo/libvirtd ratios.
"""
import os
import random
import signal
import subprocess
import sys
import threading
import time

import libvirt

VIREO_HOME, VIREO_PORT, LV_DIR, LV_PORT = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
START_RUNS = int(sys.argv[5]) if len(sys.argv) > 5 else 3
DOMAINS = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
WARMUP = int(os.environ.get("RPC_BENCH_WARMUP", "1000"))
CYCLES = int(os.environ.get("RPC_BENCH_CYCLES", "500"))
CYCLE_OP = "define+create+destroy+undefine"
# Only part 1 (start -> first RPC), for each daemon: bench/rpc.sh --start-only.
START_ONLY = os.environ.get("RPC_BENCH_START_ONLY", "") not in ("", "0")
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


signal.signal(signal.SIGTERM, _terminate)
signal.signal(signal.SIGINT, _terminate)

DOMAIN_XML = """<domain type='test'>
  <name>%s</name>
  <memory unit='KiB'>65536</memory>
  <vcpu>1</vcpu>
  <os><type arch='i686'>hvm</type></os>
</domain>"""


def children_of(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


class Daemon:
    """One daemon, a child of this process."""

    def __init__(self, label, uri):
        self.label, self.uri, self.proc = label, uri, None

    def first_rpc(self, timeout=300.0):
        """Starts the daemon and returns ms until a connection answered listAllDomains."""
        t0 = time.monotonic()
        self.spawn()
        deadline = t0 + timeout
        while True:
            try:
                c = libvirt.open(self.uri)
                try:
                    c.listAllDomains()
                    return (time.monotonic() - t0) * 1000.0
                finally:
                    c.close()
            except libvirt.libvirtError as e:
                last = e
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with %d; see its log" % (self.label, self.proc.returncode))
            if time.monotonic() > deadline:
                raise RuntimeError("%s: no successful RPC within %d s: %s" % (self.label, timeout, last))
            time.sleep(0.02)

    def rss_mib(self):
        pid = self.main_pid()
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
        return float("nan")

    def main_pid(self):
        return self.proc.pid

    def settle(self):
        """Waits until the daemon has finished starting up, beyond serving its first RPC (nothing to wait for by default)."""

    def wait_gone(self, seconds):
        try:
            self.proc.wait(seconds)
            return True
        except subprocess.TimeoutExpired:
            return False


class Vireo(Daemon):
    def __init__(self):
        super().__init__("vireo", "test+tcp://127.0.0.1:%d/default" % VIREO_PORT)

    def spawn(self):
        env = dict(os.environ, JAVA_HOME=JAVA_HOME, CHECK_ROOT_INSTANCE_RUNNING="false")
        log = open(os.path.join(VIREO_HOME, "server.out"), "ab")
        self.proc = subprocess.Popen([os.path.join(VIREO_HOME, "bin/karaf"), "server"], env=env,
                                     stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def settle(self, timeout=180.0):
        """Waits (untimed) until the first boot's provisioning is done: the FeaturesService logs "Done." in
        karaf.log. A start stopped before that is not a warm start the next time: its successor installs the
        boot features again."""
        log = os.path.join(VIREO_HOME, "data", "log", "karaf.log")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with open(log, errors="replace") as f:
                    if any("FeaturesServiceImpl" in line and "| Done." in line for line in f):
                        return
            except OSError:
                pass
            time.sleep(0.2)
        print("vireo: provisioning did not finish within %d s; the next start may reinstall" % timeout, flush=True)

    def main_pid(self):
        # bin/karaf is a shell script that runs the JVM as its child.
        kids = children_of(self.proc.pid)
        return kids[0] if kids else self.proc.pid

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            subprocess.run([os.path.join(VIREO_HOME, "bin/stop")], env=dict(os.environ, JAVA_HOME=JAVA_HOME),
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
            if not self.wait_gone(60):
                for kid in children_of(self.proc.pid):
                    os.kill(kid, signal.SIGKILL)
                self.proc.kill()
                self.proc.wait(30)
        self.proc = None


class Libvirtd(Daemon):
    def __init__(self):
        super().__init__("libvirtd", "test+tcp://127.0.0.1:%d/default" % LV_PORT)

    def spawn(self):
        env = {k: v for k, v in os.environ.items() if k != "LIBVIRT_DEFAULT_URI"}
        env.update(LIBVIRT_DRIVER_DIR=os.path.join(LV_DIR, "drivers"), HOME=LV_DIR, XDG_RUNTIME_DIR=LV_DIR)
        log = open(os.path.join(LV_DIR, "libvirtd.log"), "ab")
        self.proc = subprocess.Popen(["/usr/sbin/libvirtd", "--listen", "--config", os.path.join(LV_DIR, "libvirtd.conf"),
                                      "--pid-file", os.path.join(LV_DIR, "libvirtd.pid")], env=env,
                                     stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            if not self.wait_gone(20):
                self.proc.kill()
                self.proc.wait(30)
        self.proc = None


def pct(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


class Stat:
    def __init__(self):
        self.samples = []  # seconds per call
        self.wall = 0.0    # seconds spent in the timed batches
        self.calls = 0

    def add(self, samples, wall):
        self.samples.extend(samples)
        self.wall += wall
        self.calls += len(samples)

    def ops(self):
        return self.calls / self.wall if self.wall else float("nan")

    def p(self, q):
        return pct(sorted(self.samples), q) * 1000.0


def timed(fn, args_list):
    """Calls fn(arg) for each arg; returns the per-call seconds and the batch's wall time."""
    samples = []
    clock = time.perf_counter
    t_start = clock()
    for a in args_list:
        t0 = clock()
        fn(a)
        samples.append(clock() - t0)
    return samples, clock() - t_start


def alternate(name, targets, stats, make_batches):
    """Runs the batches of each target in turn (vireo, libvirtd, vireo, ...); the order flips every round."""
    rounds = make_batches()
    for i, batch_round in enumerate(rounds):
        order = list(targets) if i % 2 == 0 else list(reversed(targets))
        for label in order:
            fn, args = batch_round[label]
            samples, wall = timed(fn, args)
            stats[(name, label)].add(samples, wall)


def concurrent_lookups(uri, threads, per_thread, names):
    conns = [libvirt.open(uri) for _ in range(threads)]
    barrier = threading.Barrier(threads + 1)
    errors = []
    samples = [[] for _ in range(threads)]

    def work(i):
        rnd = random.Random(i)
        barrier.wait()
        try:
            for _ in range(per_thread):
                t0 = time.perf_counter()
                conns[i].lookupByName(rnd.choice(names))
                samples[i].append(time.perf_counter() - t0)
        except libvirt.libvirtError as e:
            errors.append(e)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in ts:
        t.join()
    wall = time.perf_counter() - t0
    for c in conns:
        c.close()
    if errors:
        raise RuntimeError("%s: %d concurrent lookups failed: %s" % (uri, len(errors), errors[0]))
    return [s for per in samples for s in per], wall


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2.0


def print_starts(starts, rss=None):
    sv, sl = starts["vireo"], starts["libvirtd"]
    print("%-32s %10s %10s %7s" % ("", "vireo", "libvirtd", "ratio"))
    print("%-32s %10.0f %10.0f %7.1f" % ("start -> first RPC, ms (1st)", sv[0], sl[0], sv[0] / sl[0]))
    if len(sv) > 1:
        print("%-32s %10.0f %10.0f %7.1f" % ("start -> first RPC, ms (med)", median(sv[1:]), median(sl),
                                             median(sv[1:]) / median(sl)))
    if rss:
        print("%-32s %10.0f %10.0f %7.1f" % ("RSS after, MiB", rss["vireo"], rss["libvirtd"],
                                             rss["vireo"] / rss["libvirtd"]))
    print("raw start ms vireo:    " + " ".join("%.0f" % x for x in sv))
    print("raw start ms libvirtd: " + " ".join("%.0f" % x for x in sl), flush=True)


def main():
    vireo, lv = Vireo(), Libvirtd()
    daemons = {"vireo": vireo, "libvirtd": lv}
    labels = ["vireo", "libvirtd"]
    try:
        # 1. Start -> first successful RPC.
        starts = {"vireo": [], "libvirtd": []}
        for run in range(START_RUNS):
            for label in (labels if run % 2 == 0 else list(reversed(labels))):
                d = daemons[label]
                ms = d.first_rpc()
                starts[label].append(ms)
                print("start %d %s: %.0f ms to the first RPC" % (run + 1, label, ms), flush=True)
                if run < START_RUNS - 1:
                    d.settle()
                    d.stop()
        # Both are up now (the last run left them running).
        if START_ONLY:
            print_starts(starts)
            return

        # 2. Calls, one connection each, after an untimed warm-up of the same calls on throwaway domains
        #    (Vireo's JIT compiles the paths; libvirtd's caches warm), which leaves only "test" defined.
        conns = {label: libvirt.open(daemons[label].uri) for label in labels}
        for label in labels:
            c = conns[label]
            for i in range(WARMUP):
                d = c.defineXML(DOMAIN_XML % ("warm-%d" % i))
                d = c.lookupByName("warm-%d" % i)
                d.info()
                d.XMLDesc(0)
                d.create()
                d.destroy()
                if i % 25 == 0:
                    c.listAllDomains()
            for d in c.listAllDomains():
                if d.name().startswith("warm-"):
                    d.undefine()
            if [d.name() for d in c.listAllDomains()] != ["test"]:
                raise RuntimeError("%s: warm-up domains left behind" % label)
        print("warmed up: %d rounds of define, lookup, info, XMLDesc, create, destroy on each" % WARMUP, flush=True)
        stats = {}
        list_op = "listAllDomains (%d)" % (DOMAINS + 1)
        ops = ("defineXML", "lookupByName", "info", "XMLDesc", list_op, "create", "destroy",
               "lookupByName, 20 clients", "undefine", CYCLE_OP)
        for op in ops:
            for label in labels:
                stats[(op, label)] = Stat()
        names = ["bench-%04d" % i for i in range(DOMAINS)]
        batch = 100

        chunks = [names[i:i + batch] for i in range(0, DOMAINS, batch)]
        alternate("defineXML", labels, stats,
                  lambda: [{label: (lambda n, c=conns[label]: c.defineXML(DOMAIN_XML % n), chunk) for label in labels}
                           for chunk in chunks])
        for label in labels:
            count = len(conns[label].listAllDomains())
            if count != DOMAINS + 1:
                raise RuntimeError("%s lists %d domains, expected %d" % (label, count, DOMAINS + 1))
        print("defined %d domains on each" % DOMAINS, flush=True)

        rnd = random.Random(42)
        picks = [rnd.choice(names) for _ in range(3000)]
        pick_chunks = [picks[i:i + 300] for i in range(0, len(picks), 300)]
        alternate("lookupByName", labels, stats,
                  lambda: [{label: (lambda n, c=conns[label]: c.lookupByName(n), chunk) for label in labels}
                           for chunk in pick_chunks])

        doms = {label: {n: conns[label].lookupByName(n) for n in set(picks)} for label in labels}
        alternate("info", labels, stats,
                  lambda: [{label: (lambda n, d=doms[label]: d[n].info(), chunk) for label in labels}
                           for chunk in pick_chunks])
        alternate("XMLDesc", labels, stats,
                  lambda: [{label: (lambda n, d=doms[label]: d[n].XMLDesc(0), chunk) for label in labels}
                           for chunk in pick_chunks])
        alternate(list_op, labels, stats,
                  lambda: [{label: (lambda _, c=conns[label]: c.listAllDomains(), range(20)) for label in labels}
                           for _ in range(10)])

        # create/destroy: each domain started, then stopped, in batches of 50.
        cd_names = names[:500]
        cd_chunks = [cd_names[i:i + 50] for i in range(0, len(cd_names), 50)]
        all_doms = {label: {} for label in labels}
        for label in labels:
            for n in cd_names:
                all_doms[label][n] = conns[label].lookupByName(n)
        for k, chunk in enumerate(cd_chunks):
            order = labels if k % 2 == 0 else list(reversed(labels))
            alternate("create", order, stats,
                      lambda: [{label: (lambda n, d=all_doms[label]: d[n].create(), chunk) for label in labels}])
            alternate("destroy", order, stats,
                      lambda: [{label: (lambda n, d=all_doms[label]: d[n].destroy(), chunk) for label in labels}])

        for rnd_i in range(4):
            for label in (labels if rnd_i % 2 == 0 else list(reversed(labels))):
                samples, wall = concurrent_lookups(daemons[label].uri, 20, 100, names)
                stats[("lookupByName, 20 clients", label)].add(samples, wall)

        # undefine: every bench domain (all inactive again), looked up beforehand, in batches of 100.
        und = {label: {n: conns[label].lookupByName(n) for n in names} for label in labels}
        alternate("undefine", labels, stats,
                  lambda: [{label: (lambda n, d=und[label]: d[n].undefine(), chunk) for label in labels}
                           for chunk in chunks])
        for label in labels:
            left = [d.name() for d in conns[label].listAllDomains()]
            if left != ["test"]:
                raise RuntimeError("%s still lists %d domains after undefine" % (label, len(left)))

        # A domain's whole life, one sample per cycle of four calls: defineXML, create, destroy, undefine.
        def cycle(name, c):
            d = c.defineXML(DOMAIN_XML % name)
            d.create()
            d.destroy()
            d.undefine()

        cycle_names = ["cycle-%04d" % i for i in range(CYCLES)]
        alternate(CYCLE_OP, labels, stats,
                  lambda: [{label: (lambda n, c=conns[label]: cycle(n, c), cycle_names[i:i + 50]) for label in labels}
                           for i in range(0, CYCLES, 50)])
        print("undefined them, then %d define+create+destroy+undefine cycles on each" % CYCLES, flush=True)

        rss = {label: daemons[label].rss_mib() for label in labels}
        for c in conns.values():
            c.close()

        # The table.
        print()
        print("%-32s %10s %10s %7s | %8s %8s %7s | %8s %8s %7s" % (
            "call (one connection)", "vireo/s", "libvirtd/s", "ratio", "v p50", "l p50", "ratio", "v p99", "l p99",
            "ratio"))
        for op in ops:
            v, l_ = stats[(op, "vireo")], stats[(op, "libvirtd")]
            print("%-32s %10.0f %10.0f %7.2f | %8.3f %8.3f %7.2f | %8.3f %8.3f %7.2f" % (
                op, v.ops(), l_.ops(), v.ops() / l_.ops(), v.p(50), l_.p(50), v.p(50) / l_.p(50),
                v.p(99), l_.p(99), v.p(99) / l_.p(99)))
        print_starts(starts, rss)
        print("calls per row: " + ", ".join("%s %d" % (op, stats[(op, "vireo")].calls) for op in ops)
              + " (a cycle is four calls)", flush=True)
    finally:
        for d in daemons.values():
            try:
                d.stop()
            except Exception as e:  # noqa: BLE001 - the other must be stopped too
                print("stopping %s: %r" % (d.label, e), file=sys.stderr)


if __name__ == "__main__":
    main()
