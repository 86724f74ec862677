/**
 * The domain table of drivers that run each guest as a host process, and the backend interface such a
 * driver implements ({@link io.vireo.driver.support.domain.GuestBackend}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.driver.support.domain;
