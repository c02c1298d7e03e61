package io.customerinfo.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a {@code redis-server} executable: {@code $REDIS_SERVER_BIN} when set, else {@code redis-server} on
 * the PATH, else the binary for this OS and CPU shipped in the {@code com.github.codemonstur:embedded-redis}
 * jar, extracted once into a cache directory.
 */
public final class RedisBinary {

    /** Environment variable (or system property {@code redis.server.bin}) naming an explicit binary. */
    public static final String ENV = "REDIS_SERVER_BIN";

    private RedisBinary() {
    }

    /** The binary to run; extracts the bundled one under {@code ${java.io.tmpdir}/customer-info-redis} if needed. */
    public static Path resolve() {
        return resolve(Path.of(System.getProperty("java.io.tmpdir"), "customer-info-redis"));
    }

    /** As {@link #resolve()}, extracting into {@code cacheDir}. */
    public static Path resolve(Path cacheDir) {
        String explicit = Optional.ofNullable(System.getProperty("redis.server.bin")).orElse(System.getenv(ENV));
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(ENV + "=" + explicit + " is not an executable file");
            }
            return path;
        }
        return onPath().orElseGet(() -> extractBundled(cacheDir));
    }

    static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static Path extractBundled(Path cacheDir) {
        String resource = bundledResourceName();
        Path target = cacheDir.resolve(resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on the PATH and no " + resource
                        + " on the classpath (is com.github.codemonstur:embedded-redis a dependency?)");
            }
            Files.createDirectories(cacheDir);
            Path partial = Files.createTempFile(cacheDir, resource, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + " to " + cacheDir, e);
        }
    }

    /** Resource names as in embedded-redis 1.4.x. */
    static String bundledResourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        boolean x64 = arch.contains("amd64") || arch.contains("x86_64");
        if (os.contains("linux")) {
            if (x64) {
                return "redis-server-6.2.6-v5-linux-amd64";
            }
            if (arm) {
                return "redis-server-6.2.7-linux-arm64";
            }
            return "redis-server-6.2.7-linux-386";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new IllegalStateException("no bundled redis-server for " + os + "/" + arch + "; install redis-server or set " + ENV);
    }
}
