"""Many python-libvirt clients at once against one libvirt RPC server.

Usage: /usr/bin/python3 rpc_stress.py URI CLIENTS CALLS [PREFIX]

One thread per client, each with a connection of its own (libvirt's remote driver is thread-safe per
connection and releases the GIL while it waits for the server; no event loop is needed for plain calls).
Each client makes CALLS calls in a fixed mix: lookups, info, state, XML, listings of domains, networks and
pools, and define/create/destroy/undefine of a domain of its own. Every answer is checked. Prints one
"errors N" line, the first errors, and "calls N seconds S calls/s R"; exits 1 on any error.
"""
import sys
import threading
import time

import libvirt

URI = sys.argv[1]
CLIENTS = int(sys.argv[2])
CALLS = int(sys.argv[3])
PREFIX = sys.argv[4] if len(sys.argv) > 4 else "stress"

DOMAIN_XML = """<domain type='test'>
  <name>%s</name>
  <memory unit='KiB'>65536</memory>
  <vcpu>1</vcpu>
  <os><type arch='i686'>hvm</type></os>
</domain>"""

# Silence libvirt's default handler (it prints every error to stderr); errors are collected below.
libvirt.registerErrorHandler(lambda ctx, err: None, None)

lock = threading.Lock()
errors = []
done_calls = [0]
start_gate = threading.Barrier(CLIENTS + 1)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def cleanup(own, name, conn):
    """Leaves no domain of this client behind; returns None (the client has no domain any more)."""
    try:
        dom = own if own is not None else conn.lookupByName(name)
    except libvirt.libvirtError:
        return None
    try:
        dom.destroy()
    except libvirt.libvirtError:
        pass
    try:
        dom.undefine()
    except libvirt.libvirtError:
        pass
    return None


def client(index):
    name = "%s-%d" % (PREFIX, index)
    conn = None
    calls = 0
    try:
        conn = libvirt.open(URI)
        check(conn is not None, "open")
    except Exception as e:  # noqa: BLE001 - every failure is reported
        with lock:
            errors.append("client %d open: %r" % (index, e))
        start_gate.wait()
        return
    start_gate.wait()
    own = None
    step = 0
    op = 0
    while calls < CALLS:
        op = step % 12
        step += 1
        try:
            if op == 0:
                test = conn.lookupByName("test")
                check(test.name() == "test", "lookupByName test")
            elif op == 1:
                calls += 1  # the lookup
                info = conn.lookupByName("test").info()
                check(info[0] == libvirt.VIR_DOMAIN_RUNNING and info[3] == 2, "info %s" % info)
            elif op == 2:
                calls += 1
                check(conn.lookupByName("test").state()[0] == libvirt.VIR_DOMAIN_RUNNING, "state")
            elif op == 3:
                calls += 1
                xml = conn.lookupByName("test").XMLDesc(0)
                check("<name>test</name>" in xml, "XMLDesc")
            elif op == 4:
                names = [d.name() for d in conn.listAllDomains()]
                check("test" in names, "listAllDomains %s" % names[:5])
            elif op == 5:
                own = conn.defineXML(DOMAIN_XML % name)
                check(own.name() == name, "defineXML")
            elif op == 6:
                check(own.create() == 0, "create")
            elif op == 7:
                check(own.state()[0] == libvirt.VIR_DOMAIN_RUNNING, "own state running")
            elif op == 8:
                check(own.destroy() == 0, "destroy")
            elif op == 9:
                check(own.undefine() == 0, "undefine")
                own = None
            elif op == 10:
                check([n.name() for n in conn.listAllNetworks()] == ["default"], "listAllNetworks")
            else:
                check([p.name() for p in conn.listAllStoragePools()] == ["default-pool"], "listAllStoragePools")
        except Exception as e:  # noqa: BLE001 - every failure is counted, and the client goes on
            with lock:
                errors.append("client %d call %d (op %d): %r" % (index, calls, op, e))
            if 5 <= op <= 9:
                own = cleanup(own, name, conn)
                step += 9 - op  # on to the listings
        calls += 1
    try:
        cleanup(own, name, conn)
        conn.close()
    except Exception as e:  # noqa: BLE001
        with lock:
            errors.append("client %d close: %r" % (index, e))
    with lock:
        done_calls[0] += calls


threads = [threading.Thread(target=client, args=(i,), name="client-%d" % i) for i in range(CLIENTS)]
for t in threads:
    t.start()
start_gate.wait()
t0 = time.monotonic()
for t in threads:
    t.join()
elapsed = time.monotonic() - t0
OPS = ["lookupByName", "lookup+info", "lookup+state", "lookup+XMLDesc", "listAllDomains", "defineXML",
       "create", "state", "destroy", "undefine", "listAllNetworks", "listAllStoragePools"]
by_op = {}
for e in errors:
    if "(op " in e:
        op_name = OPS[int(e.split("(op ")[1].split(")")[0])]
        by_op[op_name] = by_op.get(op_name, 0) + 1
print("errors %d %s" % (len(errors), " ".join("%s=%d" % kv for kv in sorted(by_op.items()))), flush=True)
for e in errors[:20]:
    print("error " + e, flush=True)
print("calls %d seconds %.2f calls/s %.0f" % (done_calls[0], elapsed, done_calls[0] / elapsed), flush=True)
sys.exit(1 if errors or done_calls[0] < CLIENTS * CALLS else 0)
