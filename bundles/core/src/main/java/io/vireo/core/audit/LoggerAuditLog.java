package io.vireo.core.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records to the logger {@value #LOGGER}: pax-logging routes it to its own file
 * ({@code data/log/vireo-audit.log}, see {@code etc/org.ops4j.pax.logging.cfg}). Failures are logged at
 * WARN, successes at INFO, so that a WARN threshold keeps only the refusals.
 */
public final class LoggerAuditLog implements AuditLog {
    public static final String LOGGER = "io.vireo.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void record(AuditRecord record) {
        if (record.succeeded()) {
            LOG.info("{}", record.line());
        } else {
            LOG.warn("{}", record.line());
        }
    }
}
