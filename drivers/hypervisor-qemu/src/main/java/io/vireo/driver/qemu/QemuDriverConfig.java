package io.vireo.driver.qemu;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the QEMU driver (PID io.vireo.driver.qemu; libvirt: qemu.conf). */
@ObjectClassDefinition(name = "Vireo QEMU driver", description = "qemu:///system: guests as qemu-system processes")
public @interface QemuDriverConfig {
    @AttributeDefinition(description = "The qemu-system-x86_64 binary guests run with. A domain's <emulator> is "
            + "recorded but not trusted: every guest runs this binary.")
    String emulator() default "/usr/bin/qemu-system-x86_64";

    @AttributeDefinition(description = "Seconds a guest has to end after SIGTERM on virt:destroy before it gets SIGKILL.")
    int destroy_grace_seconds() default 3;
}
