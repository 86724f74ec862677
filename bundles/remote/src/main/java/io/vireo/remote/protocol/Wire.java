package io.vireo.remote.protocol;

/**
 * Sizes and limits of libvirt's RPC, as both libvirt peers enforce them. A packet is a 4-byte big-endian
 * length (counting itself), a 24-byte header and the payload.
 *
 * <p>The message maximum is libvirt's {@code VIR_NET_MESSAGE_MAX} (32 MiB, not counting the length
 * word); the fact sheet's 16 MiB is an older value. Accepting the larger limit costs nothing because
 * {@link PacketReader} grows its buffer with the bytes that actually arrive.
 */
public final class Wire {
    public static final int LENGTH_SIZE = 4;
    public static final int HEADER_SIZE = 24;
    /** Smallest valid packet: length word and header, empty payload. */
    public static final int MIN_PACKET = LENGTH_SIZE + HEADER_SIZE;
    /** Largest header + payload (VIR_NET_MESSAGE_MAX). */
    public static final int MESSAGE_MAX = 32 * 1024 * 1024;
    /** Largest value of the length word. */
    public static final int MAX_PACKET = LENGTH_SIZE + MESSAGE_MAX;
    public static final int PAYLOAD_MAX = MESSAGE_MAX - HEADER_SIZE;
    /** Old clients' payload limit; stream data goes out in chunks no larger than this. */
    public static final int LEGACY_PAYLOAD_MAX = 256 * 1024 - HEADER_SIZE;
    /** Any string (remote_nonnull_string). */
    public static final int STRING_MAX = 4 * 1024 * 1024;
    public static final int NUM_FDS_MAX = 32;

    // Array maxima (REMOTE_*_MAX); decoders reject longer arrays, as libvirt's do.
    public static final int DOMAIN_LIST_MAX = 16384;
    public static final int NETWORK_LIST_MAX = 16384;
    public static final int STORAGE_POOL_LIST_MAX = 16384;
    public static final int STORAGE_VOL_LIST_MAX = 16384;
    public static final int DOMAIN_SNAPSHOT_LIST_MAX = 16384;
    public static final int AUTH_TYPE_LIST_MAX = 20;
    public static final int AUTH_SASL_DATA_MAX = 65536;
    public static final int DOMAIN_MEMORY_STATS_MAX = 1024;
    public static final int DOMAIN_BLOCK_STATS_PARAMETERS_MAX = 16;
    public static final int DOMAIN_GET_CPU_STATS_MAX = 2048;
    public static final int DOMAIN_GET_CPU_STATS_NCPUS_MAX = 128;
    /** Typed parameters in one domain's record of CONNECT_GET_ALL_DOMAIN_STATS. */
    public static final int CONNECT_GET_ALL_DOMAIN_STATS_MAX = 262144;
    /** Also the limit libvirtd puts on DOMAIN_GET_CPU_STATS's nparams. */
    public static final int NODE_CPU_STATS_MAX = 16;
    public static final int NODE_MAX_CELLS = 1024;
    public static final int DOMAIN_MESSAGES_MAX = 2048;
    public static final int SECURITY_MODEL_MAX = 256;
    public static final int SECURITY_LABEL_MAX = 4097;
    public static final int SECURITY_DOI_MAX = 256;
    /** {@code char model[32]} of NODE_GET_INFO. */
    public static final int NODE_MODEL_LENGTH = 32;
    /** Typed-parameter names: VIR_TYPED_PARAM_FIELD_LENGTH (80) less the NUL. */
    public static final int TYPED_PARAM_FIELD_MAX = 79;

    private Wire() {
    }
}
