package io.vireo.driver.mock;

import io.vireo.api.DomainInfo;
import io.vireo.api.DomainStateReason;
import io.vireo.api.ErrorDomain;
import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityLabel;
import io.vireo.api.SecurityModel;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.HostInfo;

import java.util.List;
import java.util.UUID;

/**
 * A connection to the mock host: the roles it implements (host facts, domain definitions, start and
 * destroy) over {@link MockHost}. Calls the mock host does not model answer NO_SUPPORT, never a silent
 * success; roles it does not implement at all (networks, storage, snapshots) the core refuses for it.
 */
final class MockConnection implements DriverConnection, HostInfo, DomainDefinitions, DomainLifecycle {
    private static final NodeInfo NODE = new NodeInfo("mock", 4L * 1024 * 1024, 2, 1000, 1, 1, 2, 1);
    private static final String CAPABILITIES = """
            <capabilities>
              <host>
                <cpu>
                  <arch>x86_64</arch>
                </cpu>
              </host>
              <guest>
                <os_type>hvm</os_type>
                <arch name='x86_64'>
                  <domain type='test'/>
                </arch>
              </guest>
            </capabilities>
            """;

    private final MockHost host;

    MockConnection(MockHost host) {
        this.host = host;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.NONE;
    }

    // HostInfo

    @Override
    public String type() {
        return "MOCK";
    }

    @Override
    public long hypervisorVersion() {
        return 1_000_000L;
    }

    @Override
    public String hostname() {
        return "mock-host";
    }

    @Override
    public NodeInfo nodeInfo() {
        return NODE;
    }

    @Override
    public String capabilities() {
        return CAPABILITIES;
    }

    @Override
    public SecurityModel securityModel() {
        return SecurityModel.NONE;
    }

    // DomainDefinitions

    @Override
    public List<DomainRef> listAll(int flags) {
        return host.listAll(flags);
    }

    @Override
    public DomainRef lookupByName(String name) {
        return host.byName(name).ref();
    }

    @Override
    public DomainRef lookupByUuid(UUID uuid) {
        return host.byUuid(uuid).ref();
    }

    @Override
    public DomainRef lookupById(int id) {
        return host.byId(id).ref();
    }

    @Override
    public DomainRef define(String xml, int flags) {
        return host.define(xml);
    }

    @Override
    public void undefine(UUID uuid, int flags) {
        host.undefine(uuid);
    }

    @Override
    public String xmlDesc(UUID uuid, int flags) {
        return host.xmlDesc(uuid, flags);
    }

    @Override
    public String osType(UUID uuid) {
        host.byUuid(uuid);
        return "hvm";
    }

    @Override
    public DomainInfo info(UUID uuid) {
        return host.info(uuid);
    }

    @Override
    public DomainStateReason state(UUID uuid) {
        return host.state(uuid);
    }

    @Override
    public boolean isPersistent(UUID uuid) {
        return host.byUuid(uuid).persistent;
    }

    @Override
    public boolean autostart(UUID uuid) {
        return host.autostart(host.byUuid(uuid));
    }

    @Override
    public void setAutostart(UUID uuid, boolean autostart) {
        host.setAutostart(uuid, autostart);
    }

    @Override
    public boolean hasManagedSaveImage(UUID uuid) {
        host.byUuid(uuid);
        return false;
    }

    @Override
    public SecurityLabel securityLabel(UUID uuid) {
        host.byUuid(uuid);
        return new SecurityLabel("", false);
    }

    // DomainLifecycle

    @Override
    public void start(UUID uuid, int flags) {
        host.start(uuid);
    }

    @Override
    public void destroy(UUID uuid, int flags) {
        host.destroy(uuid);
    }

    @Override
    public DomainRef createXml(String xml, int flags) {
        throw unsupported("virDomainCreateXML");
    }

    @Override
    public void shutdown(UUID uuid, int flags) {
        throw unsupported("virDomainShutdownFlags");
    }

    @Override
    public void reboot(UUID uuid, int flags) {
        throw unsupported("virDomainReboot");
    }

    @Override
    public void suspend(UUID uuid) {
        throw unsupported("virDomainSuspend");
    }

    @Override
    public void resume(UUID uuid) {
        throw unsupported("virDomainResume");
    }

    private static VirtException unsupported(String api) {
        return VirtException.noSupport(ErrorDomain.NONE, api);
    }
}
