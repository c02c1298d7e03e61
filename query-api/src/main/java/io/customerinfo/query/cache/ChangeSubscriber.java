package io.customerinfo.query.cache;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.customerinfo.readmodel.ChangeAnnouncement;
import io.customerinfo.readmodel.RedisClients;
import io.customerinfo.readmodel.RedisConnection;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Connection;

/**
 * Keeps the {@link NearCache} subscribed to the projector's announcements on its own connection: the cache is
 * enabled once Redis confirms the subscription and disabled (emptied, bypassed) the moment the connection fails,
 * or when a heartbeat {@code PING} goes unanswered for {@code heartbeatTimeout} (a stalled Redis or a silent
 * network drop, where no error would ever come). Then it reconnects, with a growing pause, to the next seed on a
 * cluster.
 */
public final class ChangeSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeSubscriber.class);
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final RedisConnection redis;
    private final NearCache cache;
    private final Consumer<String> onCommit;
    private final Duration heartbeatTimeout;
    private final Thread thread;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile Listener listener;
    private volatile boolean warned;

    /**
     * @param onCommit told the customer id of every announcement of the active generation's or any other, after
     *     the cache has evicted it, on the subscriber's thread (it must hand any real work over)
     */
    public ChangeSubscriber(RedisConnection redis, NearCache cache, Consumer<String> onCommit, Duration heartbeat,
            Duration heartbeatTimeout) {
        if (heartbeatTimeout.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("the heartbeat timeout (" + heartbeatTimeout
                    + ") must be longer than the heartbeat (" + heartbeat + ")");
        }
        this.redis = redis;
        this.cache = cache;
        this.onCommit = onCommit;
        this.heartbeatTimeout = heartbeatTimeout;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "near-cache-heartbeat"));
        this.thread = daemon(this::run, "near-cache-subscriber");
        thread.start();
        long period = Math.max(1, heartbeat.toMillis());
        heartbeats.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void run() {
        long backoff = 50;
        for (int attempt = 0; running; attempt++) {
            Listener current = new Listener();
            try (Connection c = RedisClients.connection(redis, attempt)) {
                connection = c;
                listener = current;
                c.setTimeoutInfinite();
                current.proceed(c, ChangeAnnouncement.CHANNEL_BYTES);
            } catch (RuntimeException e) {
                if (running && !warned) {
                    warned = true;
                    log.warn("Near cache off: cannot hear the projector's announcements ({}); reading Redis for every"
                            + " request until subscribed again", e.getMessage());
                }
            } finally {
                cache.disable();
                listener = null;
                connection = null;
            }
            if (current.confirmed) {
                backoff = 50;
            }
            sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    private void beat() {
        Listener current = listener;
        Connection c = connection;
        if (current == null || c == null || !current.confirmed) {
            return;
        }
        long silentNanos = System.nanoTime() - current.lastHeard;
        if (silentNanos > heartbeatTimeout.toNanos()) {
            log.warn("Near cache off: Redis answered no heartbeat for {} ms; reconnecting", silentNanos / 1_000_000);
            cache.disable();
            c.close();
            return;
        }
        try {
            current.ping();
        } catch (RuntimeException e) {
            cache.disable();
            c.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the cache is in use: subscribed and the heartbeat answered. */
    public boolean subscribed() {
        Listener current = listener;
        return current != null && current.confirmed && cache.enabled();
    }

    @Override
    public void close() {
        running = false;
        heartbeats.shutdownNow();
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        thread.interrupt();
        cache.disable();
    }

    private final class Listener extends BinaryJedisPubSub {
        private volatile boolean confirmed;
        private volatile long lastHeard = System.nanoTime();

        @Override
        public void onSubscribe(byte[] channel, int subscribedChannels) {
            lastHeard = System.nanoTime();
            confirmed = true;
            warned = false;
            cache.enable();
            log.info("Near cache on: subscribed to {}", ChangeAnnouncement.CHANNEL);
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            lastHeard = System.nanoTime();
            ChangeAnnouncement a;
            try {
                a = ChangeAnnouncement.parse(message);
            } catch (IllegalArgumentException e) {
                // someone else publishes on our channel: a view may have changed unannounced, so start over
                log.warn("Near cache emptied: unreadable message on {}: {}", ChangeAnnouncement.CHANNEL, e.getMessage());
                cache.disable();
                cache.enable();
                return;
            }
            String cid = Long.toString(a.customerId());
            cache.evict(a.generation(), cid, a.committedAtMillis());
            onCommit.accept(cid);
        }

        @Override
        public void onPong(byte[] pattern) {
            lastHeard = System.nanoTime();
        }
    }
}
