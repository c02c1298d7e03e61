package io.customerinfo.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/** What every measurement uses: options, servers, the app launcher, the cleanup, progress output. */
final class BenchContext {

    final BenchOptions options;
    final BenchServers servers;
    final AppLauncher apps;
    final Cleanup cleanup;
    final Path workDir;
    private final PrintStream out;
    private java.util.concurrent.CompletableFuture<AppJvm> queryApi;

    BenchContext(BenchOptions options, BenchServers servers, AppLauncher apps, Cleanup cleanup, Path workDir,
                 PrintStream out) {
        this.options = options;
        this.servers = servers;
        this.apps = apps;
        this.cleanup = cleanup;
        this.workDir = workDir;
        this.out = out;
    }

    /**
     * Starts the query API in the background: one for the whole run (#4, #5, #3), reading whatever Redis holds.
     * Called before #1's pre-load, so that its start-up overlaps nothing that is measured.
     */
    void startQueryApi() {
        if (queryApi == null) {
            log("starting the query API in the background");
            queryApi = java.util.concurrent.CompletableFuture.supplyAsync(apps::queryApi);
        }
    }

    AppJvm queryApi() {
        startQueryApi();
        AppJvm api;
        try {
            api = queryApi.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        api.requireAlive();
        return api;
    }

    void log(String format, Object... args) {
        out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(java.util.Locale.ROOT, format, args));
        out.flush();
    }

    /** A drain timeout generous for {@code records} (the machine may be slow, but a hang must end). */
    static java.time.Duration drainTimeout(long records) {
        return java.time.Duration.ofSeconds(120 + records / 2_000);
    }
}
