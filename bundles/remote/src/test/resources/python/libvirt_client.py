"""python-libvirt against a Vireo server: the calls a management script makes, and lifecycle events.

Usage: /usr/bin/python3 libvirt_client.py URI
Prints one line per step ("ok ...", "event ..."); any failure raises, which exits non-zero.
"""
import sys
import threading
import time

import libvirt

URI = sys.argv[1]

DOMAIN_XML = """<domain type='test'>
  <name>pyvm</name>
  <uuid>0f0e0d0c-0b0a-0908-0706-050403020100</uuid>
  <memory unit='KiB'>262144</memory>
  <currentMemory unit='KiB'>131072</currentMemory>
  <vcpu>1</vcpu>
  <os><type arch='i686'>hvm</type></os>
</domain>"""

VOLUME_XML = """<volume><name>py.img</name><capacity unit='M'>8</capacity></volume>"""

EVENT_NAMES = {0: "Defined", 1: "Undefined", 2: "Started", 3: "Suspended", 4: "Resumed",
               5: "Stopped", 6: "Shutdown", 7: "PMSuspended", 8: "Crashed"}

# The event loop must exist before the connection opens, as in any event-driven libvirt client.
libvirt.virEventRegisterDefaultImpl()


def run_loop():
    while True:
        libvirt.virEventRunDefaultImpl()


threading.Thread(target=run_loop, name="libvirt-events", daemon=True).start()

events = []
events_lock = threading.Condition()


def on_lifecycle(conn, dom, event, detail, opaque):
    with events_lock:
        events.append((dom.name(), EVENT_NAMES.get(event, str(event)), detail))
        events_lock.notify_all()


def wait_for(expected, timeout=10.0):
    deadline = time.time() + timeout
    with events_lock:
        while len(events) < len(expected) and time.time() < deadline:
            events_lock.wait(deadline - time.time())
        got = list(events)
    if got[:len(expected)] != expected:
        raise AssertionError("events %r, expected %r" % (got, expected))


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok " + what, flush=True)


conn = libvirt.open(URI)
check(conn is not None, "open")
check(conn.getType() == "TEST", "getType TEST")
check(conn.getLibVersion() >= 9000000, "getLibVersion")
check(conn.getInfo()[0] == "i686", "getInfo model")

names = sorted(d.name() for d in conn.listAllDomains())
check(names == ["test"], "listAllDomains %s" % names)

stats = conn.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_STATE)
check([(d.name(), s) for d, s in stats] == [("test", {"state.state": 1, "state.reason": 0})],
      "getAllDomainStats %s" % [(d.name(), s) for d, s in stats])
stats = conn.domainListGetStats([conn.lookupByName("test")], 0)
check(stats[0][1]["state.state"] == libvirt.VIR_DOMAIN_RUNNING, "domainListGetStats")

cb = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, on_lifecycle, None)
check(cb >= 0, "domainEventRegisterAny")

dom = conn.defineXML(DOMAIN_XML)
check(dom.name() == "pyvm" and dom.ID() == -1, "defineXML")
check(dom.UUIDString() == "0f0e0d0c-0b0a-0908-0706-050403020100", "UUIDString")
check(dom.isPersistent() == 1 and dom.isActive() == 0, "isPersistent/isActive")
check(dom.state() == [libvirt.VIR_DOMAIN_SHUTOFF, 0], "state shutoff %s" % dom.state())

check(dom.create() == 0, "create")
check(dom.ID() > 0, "ID after create %d" % dom.ID())
info = dom.info()
check(info[0] == libvirt.VIR_DOMAIN_RUNNING and info[1] == 262144 and info[2] == 131072 and info[3] == 1,
      "info %s" % info[:4])
check(dom.state()[0] == libvirt.VIR_DOMAIN_RUNNING, "state running")
xml = dom.XMLDesc(0)
check("<name>pyvm</name>" in xml and "id='%d'" % dom.ID() in xml, "XMLDesc")

check(dom.destroy() == 0, "destroy")
check(dom.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF, "state after destroy")
check(dom.undefine() == 0, "undefine")
try:
    conn.lookupByName("pyvm")
    raise AssertionError("lookupByName found an undefined domain")
except libvirt.libvirtError as e:
    check(e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN, "lookup after undefine: VIR_ERR_NO_DOMAIN")

wait_for([("pyvm", "Defined", 0), ("pyvm", "Started", 0), ("pyvm", "Stopped", 1), ("pyvm", "Undefined", 0)])
for name, event, detail in events:
    print("event %s %s %d" % (name, event, detail), flush=True)
conn.domainEventDeregisterAny(cb)
check(True, "domainEventDeregisterAny")

nets = conn.listAllNetworks()
check([n.name() for n in nets] == ["default"], "listAllNetworks")
net = conn.networkLookupByName("default")
check(net.isActive() == 1 and net.bridgeName() == "virbr0", "network active, bridge %s" % net.bridgeName())
check("<name>default</name>" in net.XMLDesc(0), "network XMLDesc")

pools = conn.listAllStoragePools()
check([p.name() for p in pools] == ["default-pool"], "listAllStoragePools")
pool = pools[0]
check(pool.info()[0] == libvirt.VIR_STORAGE_POOL_RUNNING, "pool info running")
vol = pool.createXML(VOLUME_XML, 0)
check(vol.name() == "py.img", "createXML volume")
check(vol.info()[1] == 8 * 1024 * 1024, "volume capacity %d" % vol.info()[1])
check([v.name() for v in pool.listAllVolumes()] == ["py.img"], "listAllVolumes")
check(conn.storageVolLookupByPath(vol.path()).name() == "py.img", "storageVolLookupByPath")
vol.delete(0)
check(pool.listAllVolumes() == [], "volume deleted")

try:
    conn.lookupByName("nosuch")
except libvirt.libvirtError as e:
    check(e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN, "error code passes through")

conn.close()
print("done", flush=True)
