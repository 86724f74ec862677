package io.vireo.api.spi;

import io.vireo.api.SecurityModel;

/**
 * A security module, registered with {@link #MODEL} naming the model ({@code dac}, {@code selinux}, ...).
 * Modules stack: every module labels a guest before it starts and restores the labels after it stops.
 */
public interface SecurityModule {
    String MODEL = "vireo.security.model";

    SecurityModel model();

    /** Labels the guest's files and process attributes before start. */
    void setAllLabels(String domainXml);

    /** Puts back what {@link #setAllLabels} changed. */
    void restoreAllLabels(String domainXml);
}
