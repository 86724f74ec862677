package io.vireo.kvm.vmm.devices.acpi;

import io.vireo.kvm.vmm.devices.Bus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AcpiPlatformDevicesTest {
    @Test
    void sleepControlPowersOffOnlyForS5WithSlpEn() {
        AtomicInteger offs = new AtomicInteger();
        List<String> log = new ArrayList<>();
        Bus bus = new Bus();
        SleepRegisters s = new SleepRegisters(offs::incrementAndGet, log::add);
        bus.mapPorts(SleepRegisters.PORT, SleepRegisters.PORTS, s);
        bus.pioWrite(SleepRegisters.PORT + 1, 1, 0x80); // clear WAK_STS, as Linux does first
        bus.pioWrite(SleepRegisters.PORT, 1, 5 << 2); // S5 type without SLP_EN: nothing yet
        assertEquals(0, offs.get());
        bus.pioWrite(SleepRegisters.PORT, 1, (5 << 2) | 0x20);
        assertEquals(1, offs.get(), "SLP_TYP=5 | SLP_EN powers off");
        assertEquals(0, bus.pioRead(SleepRegisters.PORT + 1, 1), "WAK_STS stays clear: the guest does not wake");
        assertEquals(List.of(), log);
    }

    @Test
    void otherSleepTypesAreRefusedWithOneLogLine() {
        AtomicInteger offs = new AtomicInteger();
        List<String> log = new ArrayList<>();
        SleepRegisters s = new SleepRegisters(offs::incrementAndGet, log::add);
        s.write(0, 1, (3 << 2) | 0x20); // S3
        s.write(0, 1, (1 << 2) | 0x20); // S1
        assertEquals(0, offs.get());
        assertEquals(1, log.size(), log.toString());
        assertEquals("ACPI sleep type 3 requested; only S5 (power-off, type 5) exists: ignored", log.get(0));
        s.reset();
        s.write(0, 1, (3 << 2) | 0x20);
        assertEquals(2, log.size(), "logged again after a reset");
    }

    @Test
    void resetRegisterResetsOnlyOnItsValue() {
        AtomicInteger resets = new AtomicInteger();
        Bus bus = new Bus();
        bus.mapPorts(ResetRegister.PORT, 1, new ResetRegister(resets::incrementAndGet));
        bus.pioWrite(ResetRegister.PORT, 1, 0x01);
        bus.pioWrite(ResetRegister.PORT, 1, 0xfe);
        assertEquals(0, resets.get());
        bus.pioWrite(ResetRegister.PORT, 1, ResetRegister.RESET_VALUE);
        assertEquals(1, resets.get());
        assertEquals(0, bus.pioRead(ResetRegister.PORT, 1));
    }

    @Test
    void gedLatchesThePowerButtonPulsesItsLineAndClearsOnRead() {
        List<Boolean> line = new ArrayList<>();
        Bus bus = new Bus();
        GenericEventDevice ged = new GenericEventDevice();
        bus.mapPorts(GenericEventDevice.PORT, 1, ged);
        ged.pressPowerButton(); // no line yet (before the first boot): latched only
        assertEquals(GenericEventDevice.POWER_BUTTON, ged.pending());
        ged.reset();
        assertEquals(0, ged.pending(), "a new boot forgets old events");
        ged.setIrq(line::add);
        ged.pressPowerButton();
        assertEquals(List.of(true, false), line, "an edge: the line is pulsed");
        bus.pioWrite(GenericEventDevice.PORT, 1, 0); // writes do nothing
        assertEquals(GenericEventDevice.POWER_BUTTON, bus.pioRead(GenericEventDevice.PORT, 1));
        assertEquals(0, bus.pioRead(GenericEventDevice.PORT, 1), "reading clears the event");
        assertEquals(0, ged.pending());
    }
}
