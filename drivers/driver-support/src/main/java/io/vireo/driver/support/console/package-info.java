/** Serial console sessions on emulator-served Unix sockets, one session per console. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.driver.support.console;
