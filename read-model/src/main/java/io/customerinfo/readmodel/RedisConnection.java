package io.customerinfo.readmodel;

import java.net.URI;
import java.time.Duration;

/**
 * Where the read model's Redis is and how long to wait for it.
 *
 * @param url          one server, {@code redis[s]://[user:password@]host[:port][/db]}; ignored for a cluster
 * @param clusterNodes comma-separated {@code host:port} seeds of a Redis Cluster, or blank for one server
 * @param timeout      connect, read and pool-borrow bound of every command
 * @param poolSize     connections per Redis node
 */
public record RedisConnection(URI url, String clusterNodes, Duration timeout, int poolSize) {

    public RedisConnection {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Redis timeout must be positive, was " + timeout);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the Redis pool size must be at least 1, was " + poolSize);
        }
        clusterNodes = clusterNodes == null ? "" : clusterNodes;
    }

    public boolean cluster() {
        return !clusterNodes.isBlank();
    }
}
