package io.vireo.driver.test;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.vireo.driver.test}. */
@ObjectClassDefinition(id = TestHypervisorDriver.PID, name = "Vireo test driver",
        description = "test:///default, an in-memory hypervisor with libvirt's test-driver fixtures.")
public @interface TestDriverConfig {
    @AttributeDefinition(name = "Persistent",
            description = "Keep test:///default's definitions on disk so they survive a daemon restart. "
                    + "Off by default: like libvirt's, the test driver lives in memory.")
    boolean vireo_driver_persistent() default false;
}
