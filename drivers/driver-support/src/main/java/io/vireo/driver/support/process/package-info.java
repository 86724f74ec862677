/** Guest processes: started detached, found again by PID and start time, measured and ended by PID. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.driver.support.process;
