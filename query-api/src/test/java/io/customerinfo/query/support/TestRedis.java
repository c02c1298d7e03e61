package io.customerinfo.query.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.customerinfo.embedded.RedisServer;

/** A real redis-server for one IT class, in a fresh temp folder named after it. */
public final class TestRedis {

    private TestRedis() {
    }

    public static RedisServer start(String name) {
        try {
            return RedisServer.builder().dataDir(Files.createTempDirectory(name)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
