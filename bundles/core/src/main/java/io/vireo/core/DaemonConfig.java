package io.vireo.core;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Daemon configuration, PID {@code io.vireo.daemon} ({@code etc/io.vireo.daemon.cfg}). Keys use
 * libvirtd.conf's names where libvirt has one (a double underscore in a method name is one underscore in
 * the key).
 */
@ObjectClassDefinition(id = DaemonConfig.PID, name = "Vireo daemon",
        description = "Where Vireo keeps definitions and live state, and what it starts at boot.")
public @interface DaemonConfig {
    String PID = "io.vireo.daemon";

    @AttributeDefinition(name = "Default URI", description = "URI used when a command names none (libvirt.conf uri_default).")
    String uri__default() default "test:///default";

    @AttributeDefinition(name = "Configuration directory",
            description = "Persistent definitions: <dir>/<driver>/<name>.xml, networks/, storage/, autostart/.")
    String config__dir() default "${karaf.base}/vireo/config";

    @AttributeDefinition(name = "Run directory", description = "Live state of running guests (status XML, PIDs, sockets).")
    String run__dir() default "${karaf.base}/vireo/run";

    @AttributeDefinition(name = "Autostart", description = "Start objects marked autostart when their driver arrives: networks, then pools, then domains.")
    boolean autostart() default true;
}
