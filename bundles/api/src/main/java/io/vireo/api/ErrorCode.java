package io.vireo.api;

/**
 * Error numbers, with the values libvirt gives them ({@code virErrorNumber}); they travel on the wire
 * unchanged. The message prefix is what libvirt puts before the detail.
 */
public enum ErrorCode {
    OK(0, ""),
    INTERNAL_ERROR(1, "internal error"),
    NO_MEMORY(2, "out of memory"),
    NO_SUPPORT(3, "this function is not supported by the connection driver"),
    UNKNOWN_HOST(4, "unknown host"),
    NO_CONNECT(5, "no connection driver available", "no connection driver available for %s"),
    INVALID_CONN(6, "invalid connection pointer in", "invalid connection pointer in %s"),
    INVALID_DOMAIN(7, "invalid domain pointer in", "invalid domain pointer in %s"),
    INVALID_ARG(8, "invalid argument"),
    OPERATION_FAILED(9, "operation failed"),
    OS_TYPE(16, "unknown OS type"),
    NO_KERNEL(17, "missing kernel information"),
    NO_SOURCE(19, "missing source information for device"),
    NO_TARGET(20, "missing target information for device"),
    NO_NAME(21, "missing name information"),
    NO_OS(22, "missing operating system information"),
    NO_DEVICE(23, "missing devices information"),
    XML_ERROR(27, "XML error"),
    DOM_EXIST(28, "this domain exists already"),
    OPERATION_DENIED(29, "operation forbidden"),
    OPEN_FAILED(30, "failed to open configuration file"),
    READ_FAILED(31, "failed to read configuration file"),
    PARSE_FAILED(32, "failed to parse configuration file"),
    CONF_SYNTAX(33, "configuration file syntax error"),
    WRITE_FAILED(34, "failed to write configuration file"),
    XML_DETAIL(35, "parser error"),
    INVALID_NETWORK(36, "invalid network pointer in", "invalid network pointer in %s"),
    NETWORK_EXIST(37, "this network exists already"),
    SYSTEM_ERROR(38, ""),
    RPC(39, "RPC error"),
    NO_DOMAIN(42, "Domain not found"),
    NO_NETWORK(43, "Network not found"),
    INVALID_MAC(44, "invalid MAC address"),
    AUTH_FAILED(45, "authentication failed"),
    INVALID_STORAGE_POOL(46, "invalid storage pool pointer in", "invalid storage pool pointer in %s"),
    INVALID_STORAGE_VOL(47, "invalid storage volume pointer in", "invalid storage volume pointer in %s"),
    NO_STORAGE_POOL(49, "Storage pool not found"),
    NO_STORAGE_VOL(50, "Storage volume not found"),
    NO_SECURITY_MODEL(54, "Security model not found"),
    OPERATION_INVALID(55, "Requested operation is not valid"),
    CONFIG_UNSUPPORTED(67, "unsupported configuration"),
    OPERATION_TIMEOUT(68, "Timed out during operation"),
    INVALID_DOMAIN_SNAPSHOT(71, "Invalid snapshot"),
    NO_DOMAIN_SNAPSHOT(72, "Domain snapshot not found"),
    INVALID_STREAM(73, "invalid stream pointer in", "invalid stream pointer in %s"),
    ARGUMENT_UNSUPPORTED(74, "argument unsupported"),
    STORAGE_POOL_BUILT(76, "storage pool already built"),
    SNAPSHOT_REVERT_RISKY(77, "revert requires force"),
    OPERATION_ABORTED(78, "operation aborted"),
    OVERFLOW(82, "numerical overflow"),
    OPERATION_UNSUPPORTED(84, "Operation not supported"),
    RESOURCE_BUSY(87, "resource busy"),
    ACCESS_DENIED(88, "access denied"),
    STORAGE_VOL_EXIST(90, "storage volume already exists"),
    XML_INVALID_SCHEMA(92, "XML document failed to validate against schema"),
    DEVICE_MISSING(99, "device not found"),
    MULTIPLE_DOMAINS(110, "multiple matching domains found");

    private final int value;
    private final String prefix;
    private final String template;

    ErrorCode(int value, String prefix) {
        this(value, prefix, prefix.isEmpty() ? "%s" : prefix + ": %s");
    }

    ErrorCode(int value, String prefix, String template) {
        this.value = value;
        this.prefix = prefix;
        this.template = template;
    }

    /** The libvirt number of this error. */
    public int value() {
        return value;
    }

    /** The text libvirt puts in front of the detail, e.g. "Domain not found". */
    public String prefix() {
        return prefix;
    }

    /** The full message for {@code detail}, as libvirt words it ("prefix: detail" for most codes). */
    public String message(String detail) {
        return detail == null || detail.isEmpty() ? prefix : template.replace("%s", detail);
    }

    public static ErrorCode fromValue(int value) {
        for (ErrorCode c : values()) {
            if (c.value == value) {
                return c;
            }
        }
        return INTERNAL_ERROR;
    }
}
