/** A client for line-delimited JSON monitors (QMP, the Vireo VMM monitor). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.driver.support.monitor;
