package io.vireo.kvm.vmm.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small ext4 image made and read on the host with e2fsprogs (tools/guest/setup-deps.sh installs it),
 * never mounted here: mkfs.ext4 -d puts the host's file in, debugfs reads the guest's back, e2fsck checks it.
 */
final class Ext4Image {
    /** The disk's virtio serial: the guest's /init finds the image by it (vireo.ext4). */
    static final String SERIAL = "vireo-ext4";
    static final long BYTES = 16L << 20;

    private Ext4Image() {
    }

    /** An image {@code dir}/ext4.img holding {@code name} with {@code text} and a newline. */
    static Path create(Path dir, String name, String text) throws IOException, InterruptedException {
        Path content = Files.createDirectories(dir.resolve("ext4-content"));
        Files.writeString(content.resolve(name), text + "\n");
        Path img = dir.resolve("ext4.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(BYTES);
        }
        Result r = run(List.of(tool("mkfs.ext4"), "-q", "-F", "-L", "vireo-it", "-d", content.toString(), img.toString()));
        if (r.rc != 0) {
            throw new AssertionError("mkfs.ext4 failed (" + r.rc + "): " + r.out);
        }
        return img;
    }

    /** The contents of {@code path} inside the image (debugfs -R 'cat PATH'). */
    static String cat(Path img, String path) throws IOException, InterruptedException {
        Result r = run(List.of(tool("debugfs"), "-R", "cat " + path, img.toString()));
        if (r.rc != 0) {
            throw new AssertionError("debugfs cat " + path + " failed (" + r.rc + "): " + r.err);
        }
        return r.out;
    }

    /** e2fsck -fn's report when it finds a problem, empty when the file system is clean. */
    static String fsck(Path img) throws IOException, InterruptedException {
        Result r = run(List.of(tool("e2fsck"), "-f", "-n", img.toString()));
        return r.rc == 0 ? "" : "exit " + r.rc + "\n" + r.out + r.err;
    }

    /** e2fsprogs lives in /sbin or /usr/sbin, which a test's PATH may lack. */
    private static String tool(String name) {
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return d + "/" + name;
            }
        }
        throw new AssertionError(name + " not found: install e2fsprogs (tools/guest/setup-deps.sh)");
    }

    private record Result(int rc, String out, String err) {
    }

    private static Result run(List<String> argv) throws IOException, InterruptedException {
        Path errFile = Files.createTempFile("vireo-e2fs", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(argv)).redirectError(errFile.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), out, Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
