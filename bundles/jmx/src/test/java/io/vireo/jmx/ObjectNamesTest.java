package io.vireo.jmx;

import org.junit.jupiter.api.Test;

import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ObjectNamesTest {
    @Test
    void oneSchemeForEveryKind() {
        assertEquals("io.vireo:type=Daemon", ObjectNames.daemon().toString());
        assertEquals("io.vireo:type=Host,driver=test", ObjectNames.host("test").toString());
        assertEquals("io.vireo:type=Domain,driver=test,name=vm1", ObjectNames.domain("test", "vm1").toString());
        assertEquals("io.vireo:type=Network,driver=test,name=default", ObjectNames.network("test", "default").toString());
        assertEquals("io.vireo:type=StoragePool,driver=test,name=default-pool",
                ObjectNames.storagePool("test", "default-pool").toString());
        assertEquals("io.vireo:type=StorageVolume,driver=test,pool=default-pool,name=disk1.img",
                ObjectNames.storageVolume("test", "default-pool", "disk1.img").toString());
    }

    @Test
    void namesThatAreNotPlainWordsAreQuotedAndReadBack() throws Exception {
        ObjectName n = ObjectNames.domain("test", "my,vm=1 \"x\"*?");
        assertEquals("io.vireo:type=Domain,driver=test,name=\"my,vm=1 \\\"x\\\"\\*\\?\"", n.toString());
        assertEquals("my,vm=1 \"x\"*?", ObjectName.unquote(n.getKeyProperty("name")));
        assertEquals(n, new ObjectName(n.toString()));
        assertEquals("vm:1", ObjectName.unquote(ObjectNames.domain("test", "vm:1").getKeyProperty("name")));
    }
}
