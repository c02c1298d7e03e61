package io.customerinfo.readmodel;

import java.nio.charset.StandardCharsets;

/**
 * What the projector publishes on {@link #CHANNEL} each time it commits a customer's stored view (set or
 * deleted), from inside the commit itself: {@code <generation>|<committed at>|<customer id>}, ASCII, where the
 * commit time is Redis's clock (epoch ms) as the script runs.
 * A reader that caches stored views drops the customer's entry on each announcement. Published atomically with
 * the commit (one Lua script), so an announcement never arrives before the new view is readable, and a commit
 * never lands without its announcement reaching every subscriber connected at that moment.
 *
 * <p>One channel for every generation (the generation is in the message), so that a subscriber does not have to
 * re-subscribe, and cannot miss a message, when a rebuild switches the active generation. On a Redis Cluster a
 * {@code PUBLISH} reaches the subscribers of every node.
 */
public record ChangeAnnouncement(long generation, long committedAtMillis, long customerId) {

    public static final String CHANNEL = RedisKeys.NAMESPACE + ":changes";
    public static final byte[] CHANNEL_BYTES = CHANNEL.getBytes(StandardCharsets.US_ASCII);

    public byte[] encode() {
        return (generation + "|" + committedAtMillis + "|" + customerId).getBytes(StandardCharsets.US_ASCII);
    }

    /** @throws IllegalArgumentException when {@code message} is not three '|'-separated decimal numbers */
    public static ChangeAnnouncement parse(byte[] message) {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("not an announcement '" + printable(message) + "'");
        }
        return new ChangeAnnouncement(number(message, 0, first), number(message, first + 1, second),
                number(message, second + 1, message.length));
    }

    private static int indexOf(byte[] message, int from) {
        for (int i = from; i < message.length; i++) {
            if (message[i] == '|') {
                return i;
            }
        }
        return -1;
    }

    private static long number(byte[] message, int from, int to) {
        if (from == to || to - from > 19) {
            throw new IllegalArgumentException("not an announcement '" + printable(message) + "'");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = message[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("not an announcement '" + printable(message) + "'");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static String printable(byte[] message) {
        String text = new String(message, 0, Math.min(message.length, 80), StandardCharsets.US_ASCII);
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
