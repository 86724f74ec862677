package io.vireo.shell.conformance;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The device commands against a driver that has hotplug ({@link StubRolesDriver} on {@code stub:///default},
 * test:///default's host): the call virsh would make (flag or flag-less API, flags), the XML the driver
 * gets, and virsh's success and failure messages. The devices.txt script compares the rest with virsh.
 */
class DeviceCommandsTest {
    /** The disk of test:///default's domain "test", as virsh's detach-disk sends it. */
    private static final String TEST_DISK = """
            <disk type="file" device="disk">
                  <source file="/guest/diskimage1"/>
                  <target dev="vda" bus="virtio"/>
                  <address type="pci" domain="0x0000" bus="0x01" slot="0x00" function="0x0"/>
                </disk>""";
    private static final String TEST_INTERFACE = """
            <interface type="network">
                  <mac address="aa:bb:cc:dd:ee:ff"/>
                  <source network="default"/>
                  <target dev="testnet0"/>
                  <address type="pci" domain="0x0000" bus="0x00" slot="0x01" function="0x0"/>
                </interface>""";
    private static final String DISK_XML = "<disk type='file'>\n  <source file='/var/lib/vireo/vdb.img'/>\n"
            + "  <target dev='vdb'/>\n</disk>\n";

    @TempDir
    Path work;

    private final StubRolesDriver driver = new StubRolesDriver();
    private VireoShell shell;
    private String file;

    @BeforeEach
    void start() throws IOException {
        shell = new VireoShell(work, Map.of(driver, StubRolesDriver.PROPERTIES));
        assertEquals("\n", shell.run("virt:connect stub:///default"));
        file = Files.writeString(work.resolve("disk.xml"), DISK_XML).toString();
    }

    @AfterEach
    void stop() {
        List<Throwable> unexpected = shell.unexpected();
        shell.close();
        assertEquals(List.of(), unexpected);
    }

    @Test
    void attachDeviceWithoutOptionsIsTheOlderCallOnTheRunningDomain() {
        assertEquals("Device attached successfully\n\n", shell.run("virt:attach-device test " + file));
        assertEquals(List.of("attach 1\n" + DISK_XML), driver.calls);
    }

    @Test
    void attachDeviceFlagsAsVirshSetsThem() {
        shell.run("virt:attach-device test " + file + " --config");
        shell.run("virt:attach-device test " + file + " --live --config");
        shell.run("virt:attach-device test " + file + " --current");
        shell.run("virt:attach-device test " + file + " --persistent");
        shell.run("virt:destroy test");
        shell.run("virt:attach-device test " + file + " --persistent");
        assertEquals(List.of("attach 2", "attach 3", "attach 0", "attach 3", "attach 2"),
                driver.calls.stream().map(c -> c.substring(0, c.indexOf('\n'))).toList());
    }

    @Test
    void detachDeviceSaysSo() {
        assertEquals("Device detached successfully\n\n", shell.run("virt:detach-device test " + file + " --live"));
        assertEquals(List.of("detach 1\n" + DISK_XML), driver.calls);
    }

    @Test
    void aDriverErrorFollowsVirshsOwnLine() {
        driver.failure = VirtException.of(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                "cannot hot plug this disk");
        assertEquals("error: Failed to attach device from " + file + "\n"
                + "error: Operation not supported: cannot hot plug this disk\n",
                shell.run("virt:attach-device test " + file));
        assertEquals("error: Failed to detach device from " + file + "\n"
                + "error: Operation not supported: cannot hot plug this disk\n",
                shell.run("virt:detach-device test " + file + " --config"));
        assertEquals("error: Failed to attach disk\nerror: Operation not supported: cannot hot plug this disk\n",
                shell.run("virt:attach-disk test /var/lib/vireo/vdb.img vdb"));
        assertEquals("error: Failed to detach disk\nerror: Operation not supported: cannot hot plug this disk\n",
                shell.run("virt:detach-disk test vda"));
        assertEquals("error: Failed to attach interface\n"
                + "error: Operation not supported: cannot hot plug this disk\n",
                shell.run("virt:attach-interface test network default"));
        assertEquals("error: Failed to detach interface\n"
                + "error: Operation not supported: cannot hot plug this disk\n",
                shell.run("virt:detach-interface test network"));
    }

    @Test
    void readOnlyConnectionsAreRefusedAndTheDriverIsNotAsked() {
        assertEquals("error: Failed to attach device from " + file + "\n"
                + "error: operation forbidden: read only access prevents virDomainAttachDevice\n",
                shell.run("virt:attach-device --readonly test " + file));
        assertEquals("error: Failed to detach disk\n"
                + "error: operation forbidden: read only access prevents virDomainDetachDeviceFlags\n",
                shell.run("virt:detach-disk -r test vda --config"));
        // --print-xml reads only: allowed.
        assertEquals(TEST_DISK + "\n", shell.run("virt:detach-disk -r test vda --print-xml"));
        assertEquals(List.of(), driver.calls);
    }

    @Test
    void attachDiskSendsTheXmlItPrints() {
        String xml = shell.run("virt:attach-disk test /var/lib/vireo/vdb.img vdb --targetbus virtio --print-xml");
        assertEquals("<disk type='file'>\n  <source file='/var/lib/vireo/vdb.img'/>\n"
                + "  <target dev='vdb' bus='virtio'/>\n</disk>\n\n", xml);
        assertEquals(List.of(), driver.calls);
        assertEquals("Disk attached successfully\n\n",
                shell.run("virt:attach-disk test /var/lib/vireo/vdb.img vdb --targetbus virtio --config"));
        assertEquals(List.of("attach 2\n" + xml.substring(0, xml.length() - 1)), driver.calls);
    }

    @Test
    void attachInterfaceSendsTheXmlItPrints() {
        String xml = shell.run("virt:attach-interface test bridge br0 --model virtio --print-xml");
        assertEquals("<interface type='bridge'>\n  <source bridge='br0'/>\n  <model type='virtio'/>\n"
                + "</interface>\n\n", xml);
        assertEquals("Interface attached successfully\n\n",
                shell.run("virt:attach-interface test bridge br0 --model virtio"));
        assertEquals(List.of("attach 1\n" + xml.substring(0, xml.length() - 1)), driver.calls);
    }

    @Test
    void detachDiskSendsTheDomainsOwnDiskElement() {
        assertEquals("Disk detached successfully\n\n", shell.run("virt:detach-disk test /guest/diskimage1"));
        assertEquals(List.of("detach 1\n" + TEST_DISK), driver.calls);
    }

    @Test
    void detachInterfaceWithPersistentOnARunningDomainDetachesFromTheDefinitionThenTheGuest() {
        assertEquals("Interface detached successfully\n\n",
                shell.run("virt:detach-interface test network --mac AA:BB:CC:DD:EE:FF --persistent"));
        assertEquals(List.of("detach 2\n" + TEST_INTERFACE, "detach 1\n" + TEST_INTERFACE), driver.calls);
    }

    @Test
    void detachInterfaceThatIsNotThereNamesBothFailures() {
        assertEquals("error: No interface with MAC address 52:54:00:00:00:99 was found\n"
                + "error: Failed to detach interface\n",
                shell.run("virt:detach-interface test network --mac 52:54:00:00:00:99"));
        assertEquals("error: No interface found whose type is bridge\nerror: Failed to detach interface\n",
                shell.run("virt:detach-interface test bridge --config"));
        assertEquals(List.of(), driver.calls);
    }
}
