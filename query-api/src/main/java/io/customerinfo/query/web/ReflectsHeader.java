package io.customerinfo.query.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.customerinfo.query.store.CustomerViews.Change;
import io.customerinfo.readmodel.StateFields;

/**
 * The read-your-writes request headers of {@code /crm/customer/info}:
 * <ul>
 * <li>{@code X-Reflects: <entity>:<id>:<version>[, ...]}: answer with a document that reflects these changes
 * (each entity at this version or later), up to {@value #MAX_CHANGES} of them, all of the requested customer:
 * {@code customer:<cid>}, {@code contact:<id>}, {@code address:<id>}, {@code invoice:<id>}, {@code order:<id>},
 * with the ids and versions of the event format;</li>
 * <li>{@code X-Reflects-Wait: <milliseconds>}: how long to wait for them at most (default and cap: the API's
 * {@code query.read-your-writes.max-wait}).</li>
 * </ul>
 * The answer carries {@code X-Reflected: true} when the document reflects every change named, {@code false} when
 * the wait ended first.
 */
final class ReflectsHeader {

    static final String REFLECTS = "X-Reflects";
    static final String WAIT = "X-Reflects-Wait";
    static final String REFLECTED = "X-Reflected";
    static final int MAX_CHANGES = 16;

    private ReflectsHeader() {
    }

    /** The changes named by an {@code X-Reflects} value, for the document of {@code cid}. */
    static List<Change> parse(String value, String cid) {
        List<Change> changes = new ArrayList<>(2);
        for (String part : value.split(",", -1)) {
            String item = part.trim();
            String[] fields = item.split(":", -1);
            if (fields.length != 3) {
                throw bad("'" + clip(item) + "' 不是 <entity>:<id>:<version>");
            }
            String entity = fields[0];
            long id = number(fields[1], 0, "id");
            long version = number(fields[2], 1, "version");
            try {
                StateFields.locate(entity, id); // the entities the state keeps: read-model's list, not a copy
            } catch (IllegalArgumentException e) {
                throw bad("实体 '" + clip(entity) + "' 未知");
            }
            if (entity.equals("customer") && !fields[1].equals(cid)) {
                throw bad("customer:" + id + " 不是所查询的客户 " + cid);
            }
            changes.add(new Change(entity, id, version));
            if (changes.size() > MAX_CHANGES) {
                throw bad("最多 " + MAX_CHANGES + " 项");
            }
        }
        return changes;
    }

    /** The wait an {@code X-Reflects-Wait} value asks for ({@code max} when absent), capped at {@code max}. */
    static Duration waitOf(String value, Duration max) {
        if (value == null) {
            return max;
        }
        long millis;
        try {
            millis = number(value.trim(), 0, "wait");
        } catch (RequestRejected e) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, WAIT + " 必须是毫秒数");
        }
        Duration wait = Duration.ofMillis(millis);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private static long number(String text, long min, String what) {
        if (text.isEmpty() || text.length() > 19) {
            throw bad(what + " 必须是 1 到 19 位数字");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(what + " 必须是 1 到 19 位数字");
            }
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(what + " 超出范围");
        }
        if (value < min) {
            throw bad(what + " 至少为 " + min);
        }
        return value;
    }

    private static String clip(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static RequestRejected bad(String detail) {
        return new RequestRejected(ErrorCode.BAD_REQUEST, REFLECTS + " " + detail);
    }
}
