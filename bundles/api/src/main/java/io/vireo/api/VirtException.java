package io.vireo.api;

/**
 * The one exception of the Vireo API: a libvirt error code, the domain that raised it and a message
 * written as libvirt writes it ({@code "<prefix>: <detail>"}).
 */
public class VirtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final ErrorDomain domain;

    public VirtException(ErrorCode code, ErrorDomain domain, String message) {
        super(message);
        this.code = code;
        this.domain = domain;
    }

    public VirtException(ErrorCode code, ErrorDomain domain, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.domain = domain;
    }

    /** An error whose message is the code's text around {@code detail}, libvirt style. */
    public static VirtException of(ErrorCode code, ErrorDomain domain, String detail) {
        return new VirtException(code, domain, code.message(detail));
    }

    public static VirtException of(ErrorCode code, ErrorDomain domain, String format, Object... args) {
        return of(code, domain, String.format(format, args));
    }

    /** The API call the driver does not implement, named as libvirt names it (e.g. virDomainReboot). */
    public static VirtException noSupport(ErrorDomain domain, String apiName) {
        return of(ErrorCode.NO_SUPPORT, domain, apiName);
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorDomain domain() {
        return domain;
    }
}
