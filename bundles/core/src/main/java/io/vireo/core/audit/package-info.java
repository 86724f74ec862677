/** The audit log: one line per change made through the API, with who made it and how it ended. */
package io.vireo.core.audit;
