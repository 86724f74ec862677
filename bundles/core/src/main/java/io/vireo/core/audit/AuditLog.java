package io.vireo.core.audit;

/** Where audited changes go. */
@FunctionalInterface
public interface AuditLog {
    void record(AuditRecord record);
}
