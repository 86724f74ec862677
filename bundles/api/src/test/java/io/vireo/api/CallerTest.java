package io.vireo.api;

import org.junit.jupiter.api.Test;

import javax.security.auth.Subject;
import java.security.Principal;
import java.security.PrivilegedAction;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallerTest {
    /** Stand-ins named like Karaf's principals, which Caller matches by simple class name. */
    record UserPrincipal(String getName) implements Principal {
    }

    record RolePrincipal(String getName) implements Principal {
    }

    record ClientPrincipal(String getName) implements Principal {
    }

    private static Subject subject(Principal... principals) {
        return new Subject(true, Set.of(principals), Set.of(), Set.of());
    }

    @Test
    void noLoginIsLocal() {
        assertEquals(Caller.LOCAL, Caller.current());
        assertEquals(Caller.LOCAL, Caller.of(subject(new RolePrincipal("admin"))));
    }

    @Test
    void userAndTheClientItCameFrom() {
        assertEquals("karaf", Caller.of(subject(new UserPrincipal("karaf"), new RolePrincipal("admin"))));
        assertEquals("karaf@jmx(127.0.0.1)",
                Caller.of(subject(new UserPrincipal("karaf"), new ClientPrincipal("jmx(127.0.0.1)"))));
    }

    @Test
    @SuppressWarnings("removal")
    void currentReadsTheSubjectTheCallRunsAs() {
        Subject s = subject(new UserPrincipal("alice"), new ClientPrincipal("ssh(/10.0.0.5:4000)"));
        String who = Subject.doAs(s, (PrivilegedAction<String>) Caller::current);
        assertEquals("alice@ssh(/10.0.0.5:4000)", who);
    }
}
