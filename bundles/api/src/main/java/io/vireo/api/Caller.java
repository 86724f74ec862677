package io.vireo.api;

import javax.security.auth.Subject;
import java.security.AccessController;
import java.security.Principal;

/**
 * Names who is calling, the way the audit log records it: the JAAS user of the calling thread, followed
 * by how that user came in when the login says so ({@code karaf@ssh(/127.0.0.1:40112)},
 * {@code karaf@jmx(127.0.0.1)}, {@code karaf@local(localhost)}), or {@link #LOCAL} for code that runs
 * without a login (bundles calling the API directly).
 *
 * <p>Karaf runs console commands, SSH sessions and JMX calls as the logged-in {@link Subject}; its
 * principals are matched by class name so that the API needs no Karaf import.
 */
public final class Caller {
    /** The principal of in-process code that runs without a login. */
    public static final String LOCAL = "local";

    private Caller() {
    }

    /** The calling thread's JAAS user, or {@link #LOCAL}. */
    @SuppressWarnings("removal") // Subject.current() is Java 18+; Java 17 has only the AccessControlContext form.
    public static String current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        return subject == null ? LOCAL : of(subject);
    }

    /** The user of {@code subject} with the client it logged in from, or {@link #LOCAL} when it names no user. */
    public static String of(Subject subject) {
        String user = null;
        String client = null;
        for (Principal p : subject.getPrincipals()) {
            String kind = p.getClass().getSimpleName();
            if (user == null && (kind.equals("UserPrincipal") || kind.equals("JMXPrincipal"))) {
                user = p.getName();
            } else if (client == null && kind.equals("ClientPrincipal")) {
                client = p.getName();
            }
        }
        if (user == null) {
            return LOCAL;
        }
        return client == null ? user : user + "@" + client;
    }
}
