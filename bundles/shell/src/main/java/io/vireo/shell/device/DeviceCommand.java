package io.vireo.shell.device;

import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.VirtException;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Option;

/**
 * What virsh's attach and detach commands share: {@code --persistent}, {@code --config}, {@code --live},
 * {@code --current}, and which libvirt call they make. {@code --persistent} and {@code --current} exclude
 * each other, as do {@code --current} and {@code --live} or {@code --config}. {@code --config} or
 * {@code --persistent} affect the definition, {@code --live} the running domain, and {@code --persistent}
 * the running domain too when it runs. With none of the four, virsh calls libvirt's older flag-less API
 * ({@code virDomainAttachDevice}, {@code virDomainDetachDevice}), which acts on the running domain;
 * otherwise the {@code *Flags} API.
 */
abstract class DeviceCommand extends VirtAction {
    @Option(name = "--persistent", description = "make live change persistent")
    boolean persistent;
    @Option(name = "--config", description = "affect next boot")
    boolean config;
    @Option(name = "--live", description = "affect running domain")
    boolean live;
    @Option(name = "--current", description = "affect current domain")
    boolean current;

    /** virsh's checks of the four options, made before anything else. */
    void checkAffect() {
        exclusive(persistent, "persistent", current, "current");
        exclusive(current, "current", live, "live");
        exclusive(current, "current", config, "config");
    }

    /** The flags the options ask for, before looking at the domain. */
    int requestedFlags() {
        return (config || persistent ? DomainFlags.AFFECT_CONFIG : 0) | (live ? DomainFlags.AFFECT_LIVE : 0);
    }

    /** {@code flags}, plus the running domain when {@code --persistent} is given and the domain runs. */
    int withPersistent(Domain d, int flags) {
        return persistent && active(d) ? flags | DomainFlags.AFFECT_LIVE : flags;
    }

    /** virDomainIsActive as virsh tests it ({@code == 1}): an error counts as not running. */
    static boolean active(Domain d) {
        try {
            return d.isActive();
        } catch (VirtException e) {
            return false;
        }
    }

    /** The flag API when any flag or {@code --current} was given, else libvirt's older call. */
    void attach(Domain d, String xml, int flags) {
        if (flags != 0 || current) {
            d.attachDevice(xml, flags);
        } else {
            d.attachDevice(xml);
        }
    }

    void detach(Domain d, String xml, int flags) {
        if (flags != 0 || current) {
            d.detachDevice(xml, flags);
        } else {
            d.detachDevice(xml);
        }
    }

    /** virsh's check of an option's value ({@code vshCommandOptStringReq}): an empty value is refused. */
    static String nonEmpty(String option, String value) {
        if (value != null && value.isEmpty()) {
            throw failure("Failed to get option '" + option + "': Option argument is empty");
        }
        return value;
    }
}
