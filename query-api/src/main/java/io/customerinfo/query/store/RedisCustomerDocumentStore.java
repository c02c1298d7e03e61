package io.customerinfo.query.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.customerinfo.query.metrics.QueryMetrics;
import io.customerinfo.readmodel.GenerationMarker;
import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.StateFields;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The store on one Redis server ({@code JedisPooled}) or a Redis Cluster ({@code JedisCluster}).
 * A batch is one {@code MGET} on a single server; on a cluster, one {@code MGET} per hash slot,
 * all sent in one pipeline.
 */
public class RedisCustomerDocumentStore implements CustomerDocumentStore {

    private final UnifiedJedis redis;
    private final boolean cluster;
    private final QueryMetrics metrics;

    public RedisCustomerDocumentStore(UnifiedJedis redis, QueryMetrics metrics) {
        this.redis = redis;
        this.cluster = redis instanceof JedisCluster;
        this.metrics = metrics;
    }

    @Override
    public byte[] find(long generation, String customerId) {
        long start = System.nanoTime();
        try {
            return redis.get(RedisKeys.docBytes(generation, customerId));
        } catch (JedisDataException e) {
            throw new IllegalStateException("Redis refused GET of customer " + customerId + " in generation "
                    + generation + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis GET of customer " + customerId + " failed: " + e.getMessage(), e);
        } finally {
            metrics.redisGet(System.nanoTime() - start);
        }
    }

    @Override
    public List<byte[]> findAll(long generation, List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        try {
            return cluster ? findAllBySlot(generation, customerIds) : findAllAtOnce(generation, customerIds);
        } catch (JedisDataException e) {
            throw new IllegalStateException("Redis refused MGET of " + customerIds.size() + " customers: "
                    + e.getMessage(), e);
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis MGET of " + customerIds.size() + " customers failed: "
                    + e.getMessage(), e);
        } finally {
            metrics.redisMget(System.nanoTime() - start);
        }
    }

    @Override
    public Versioned findWithVersions(long generation, String customerId, List<StateFields.Location> entities) {
        long start = System.nanoTime();
        // every key is the customer's (one hash slot): one pipeline on one connection, answered in order
        List<Response<byte[]>> records = new ArrayList<>(entities.size());
        Response<byte[]> view;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (StateFields.Location at : entities) {
                records.add(pipeline.hget(RedisKeys.stateBytes(generation, customerId, at), at.fieldBytes()));
            }
            view = pipeline.get(RedisKeys.docBytes(generation, customerId));
            pipeline.sync();
        } catch (JedisDataException e) {
            throw new IllegalStateException("Redis refused the state read of customer " + customerId
                    + " in generation " + generation + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis state read of customer " + customerId + " failed: "
                    + e.getMessage(), e);
        } finally {
            metrics.redisVersions(System.nanoTime() - start);
        }
        long[] versions = new long[entities.size()];
        for (int i = 0; i < versions.length; i++) {
            byte[] record = records.get(i).get();
            try {
                versions[i] = record == null ? 0 : StateFields.version(record);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("State record " + entities.get(i).field() + " of customer "
                        + customerId + " in generation " + generation + " is malformed: " + e.getMessage(), e);
            }
        }
        return new Versioned(versions, view.get());
    }

    private List<byte[]> findAllAtOnce(long generation, List<String> customerIds) {
        byte[][] keys = new byte[customerIds.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = RedisKeys.docBytes(generation, customerIds.get(i));
        }
        return redis.mget(keys);
    }

    private List<byte[]> findAllBySlot(long generation, List<String> customerIds) {
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        byte[][] keys = new byte[customerIds.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = RedisKeys.docBytes(generation, customerIds.get(i));
            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(keys[i]), s -> new ArrayList<>()).add(i);
        }
        List<Response<List<byte[]>>> responses = new ArrayList<>(bySlot.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (List<Integer> indexes : bySlot.values()) {
                byte[][] slotKeys = new byte[indexes.size()][];
                for (int j = 0; j < slotKeys.length; j++) {
                    slotKeys[j] = keys[indexes.get(j)];
                }
                responses.add(pipeline.mget(slotKeys));
            }
            pipeline.sync();
        }
        byte[][] values = new byte[keys.length][];
        int r = 0;
        for (List<Integer> indexes : bySlot.values()) {
            List<byte[]> slotValues = responses.get(r++).get();
            for (int j = 0; j < indexes.size(); j++) {
                values[indexes.get(j)] = slotValues.get(j);
            }
        }
        return Arrays.asList(values);
    }

    @Override
    public OptionalLong activeGeneration() {
        long start = System.nanoTime();
        byte[] value;
        try {
            value = redis.get(RedisKeys.ACTIVE_BYTES);
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis GET " + RedisKeys.ACTIVE + " failed: " + e.getMessage(), e);
        } finally {
            metrics.redisActive(System.nanoTime() - start);
        }
        OptionalInt generation = GenerationMarker.parse(value == null ? null : new String(value, StandardCharsets.US_ASCII));
        return generation.isPresent() ? OptionalLong.of(generation.getAsInt()) : OptionalLong.empty();
    }

    @Override
    public void ping() {
        try {
            redis.ping();
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis PING failed: " + e.getMessage(), e);
        }
    }
}
