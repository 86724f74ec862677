/**
 * The service provider interface: what a driver bundle implements and registers as an OSGi service.
 * Hypervisor drivers are tables of operations split into roles ({@link io.vireo.api.spi.DomainLifecycle},
 * {@link io.vireo.api.spi.DomainSnapshots}, ...); a driver implements the roles it supports.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.api.spi;
