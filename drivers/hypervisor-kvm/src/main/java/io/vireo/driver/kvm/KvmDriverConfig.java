package io.vireo.driver.kvm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.vireo.driver.kvm}. */
@ObjectClassDefinition(id = KvmHypervisorDriver.PID, name = "Vireo KVM driver",
        description = "kvm:///system: one Vireo VMM process per guest on /dev/kvm.")
public @interface KvmDriverConfig {
    @AttributeDefinition(name = "VMM command",
            description = "The command that starts one VMM process, before the VMM's own arguments: the launcher "
                    + "shipped in bin/, or any command that runs io.vireo.kvm.vmm.Main (words separated by spaces; "
                    + "${name} is replaced by the system property, e.g. ${karaf.home}).")
    String vmm__command() default "${karaf.home}/bin/vireo-vmm";

    @AttributeDefinition(name = "VMM JVM options",
            description = "Extra options for the VMM's JVM (e.g. -Xmx128m), passed to the launcher as "
                    + "VIREO_VMM_JAVA_OPTS. Empty: the launcher's defaults.", required = false)
    String vmm__java__options() default "";

    @AttributeDefinition(name = "Start timeout (s)",
            description = "How long a starting VMM may take to open its monitor before the start fails and the "
                    + "process is ended. A VMM whose process ends earlier fails the start at once.")
    int start__timeout() default 120;

    @AttributeDefinition(name = "Default network namespace",
            description = "The network namespace (a name under /run/netns, as 'ip netns add' makes) in which guests "
                    + "whose definition names none get their taps. Empty: the daemon's own namespace.",
            required = false)
    String default__netns() default "";
}
