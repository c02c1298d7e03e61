package io.customerinfo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinaryTest {

    @TempDir
    Path cache;

    @Test
    void extractsTheBundledBinaryForThisPlatformOnceAsAnExecutable() throws Exception {
        Path first = RedisBinary.extractBundled(cache);
        long modified = Files.getLastModifiedTime(first).toMillis();

        Path second = RedisBinary.extractBundled(cache);

        assertThat(first).isEqualTo(second).startsWith(cache);
        assertThat(Files.isExecutable(first)).isTrue();
        assertThat(Files.size(first)).isGreaterThan(1_000_000);
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified);
        try (var listing = Files.list(cache)) {
            assertThat(listing).hasSize(1);
        }
    }
}
