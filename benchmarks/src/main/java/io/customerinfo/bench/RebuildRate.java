package io.customerinfo.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * #7: the rebuild rate, against #1's projection rate of the same run. Once #1's projector has drained the
 * pre-loaded topics, its admin endpoint starts a rebuild ({@code POST /admin/rebuild}): the rebuild's own group
 * replays the same records from the start into generation 2, timed from the warm-up share to the end exactly as
 * #1. The projector runs with {@code PROJECTOR_REBUILD_SWITCH_LAG=-1}, so the rebuild never switches and is then
 * cancelled ({@code DELETE}), which deletes generation 2: the later measurements find generation 1 as #1 left it.
 */
final class RebuildRate {

    static final String ADMIN_KEY = "bench-admin-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RebuildRate() {
    }

    /** @return records per second of the rebuild between {@code warmUp} and {@code total} records */
    static double measure(BenchContext ctx, AppJvm projector, String group, long warmUp, long total) {
        int status = send(projector, "POST");
        if (status != 202) {
            throw new IllegalStateException("the projector refused to start a rebuild: HTTP " + status);
        }
        ProjectorPositions.Crossings replayed = new ProjectorPositions(ctx.servers, 2, group + "-rebuild-g2")
                .await(new long[] {warmUp, total}, BenchContext.drainTimeout(total), projector);
        if (send(projector, "DELETE") != 202) {
            throw new IllegalStateException("the projector refused to cancel the rebuild");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!rebuildStatus(projector).contains("\"status\":\"CANCELLED\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cancelled rebuild did not finish deleting generation 2 in 120 s");
            }
            projector.requireAlive();
            AppJvm.sleep(100);
        }
        return replayed.segmentRate(1);
    }

    private static int send(AppJvm projector, String method) {
        return call(projector, method).statusCode();
    }

    private static String rebuildStatus(AppJvm projector) {
        return call(projector, "GET").body();
    }

    private static HttpResponse<String> call(AppJvm projector, String method) {
        try {
            return HTTP.send(HttpRequest.newBuilder(projector.url("/admin/rebuild")).timeout(Duration.ofSeconds(30))
                    .header("X-Admin-Key", ADMIN_KEY).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " /admin/rebuild failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
