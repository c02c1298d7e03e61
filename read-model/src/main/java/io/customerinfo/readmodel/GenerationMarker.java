package io.customerinfo.readmodel;

import java.util.OptionalInt;

import redis.clients.jedis.UnifiedJedis;

/**
 * The rules of {@link RedisKeys#ACTIVE}, the generation the query API serves: a decimal number of at least
 * {@value #FIRST}. When it is absent (a fresh or flushed Redis) generation {@value #FIRST} is meant; a projector
 * declares it, never overwriting a marker a rebuild has set; only a rebuild's switch changes it.
 */
public final class GenerationMarker {

    public static final int FIRST = 1;

    private GenerationMarker() {
    }

    /**
     * @param value the marker as read, {@code null} when absent
     * @return the generation it names, empty when absent
     * @throws IllegalStateException when it holds anything but a generation number
     */
    public static OptionalInt parse(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        String text = value.trim();
        try {
            int generation = Integer.parseInt(text);
            if (generation >= FIRST) {
                return OptionalInt.of(generation);
            }
        } catch (NumberFormatException e) {
            // reported below, with the key
        }
        throw new IllegalStateException(RedisKeys.ACTIVE + " holds '" + text + "', not a generation number");
    }

    /** The generation marked active, empty when no marker is set. */
    public static OptionalInt read(UnifiedJedis redis) {
        return parse(redis.get(RedisKeys.ACTIVE));
    }

    /** Marks generation {@value #FIRST} active unless some generation already is. */
    public static void declareFirst(UnifiedJedis redis) {
        redis.setnx(RedisKeys.ACTIVE, Integer.toString(FIRST));
    }

    /** Marks {@code generation} active: a rebuild's switch. */
    public static void switchTo(UnifiedJedis redis, int generation) {
        if (generation < FIRST) {
            throw new IllegalArgumentException("generations start at " + FIRST + ", was " + generation);
        }
        redis.set(RedisKeys.ACTIVE, Integer.toString(generation));
    }
}
