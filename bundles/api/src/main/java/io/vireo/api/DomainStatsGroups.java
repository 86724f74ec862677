package io.vireo.api;

/**
 * The statistics groups (virDomainStatsTypes) and flags (virConnectGetAllDomainStatsFlags) of
 * {@link Connection#getAllDomainStats}, with libvirt's values. The list filters of the flags are the
 * DOMAIN_* bits of {@link ListFlags} (ACTIVE .. OTHER), which libvirt gives the same values.
 */
public final class DomainStatsGroups {
    public static final int STATE = 1;
    public static final int CPU_TOTAL = 1 << 1;
    public static final int BALLOON = 1 << 2;
    public static final int VCPU = 1 << 3;
    public static final int INTERFACE = 1 << 4;
    public static final int BLOCK = 1 << 5;
    public static final int PERF = 1 << 6;
    public static final int IOTHREAD = 1 << 7;
    public static final int MEMORY = 1 << 8;
    public static final int DIRTYRATE = 1 << 9;
    public static final int VM = 1 << 10;

    /** The list filters allowed in the flags: active/inactive, persistent/transient, running/paused/shutoff/other. */
    public static final int FILTERS = 0xff;
    /** Do not wait for a busy domain: report what can be had without its lock. */
    public static final int NOWAIT = 1 << 29;
    /** Also report the backing chain of disks. */
    public static final int BACKING = 1 << 30;
    /** Fail with ARGUMENT_UNSUPPORTED if a requested group cannot be reported, instead of leaving it out. */
    public static final int ENFORCE_STATS = 1 << 31;

    private DomainStatsGroups() {
    }
}
