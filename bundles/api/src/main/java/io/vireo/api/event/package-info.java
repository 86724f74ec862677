/** Event types with libvirt's numbering and the EventAdmin topics they are posted on. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.api.event;
