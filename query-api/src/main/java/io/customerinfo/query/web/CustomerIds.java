package io.customerinfo.query.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validation of {@code cid} and {@code cids}: 1 to 20 ASCII decimal digits each. */
final class CustomerIds {

    static final int MAX_DIGITS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CustomerIds() {
    }

    /** The one cid of {@code values} (every value given must be the same valid id). */
    static String single(List<String> values) {
        if (values.isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "cid 缺失");
        }
        String cid = values.get(0);
        for (String v : values) {
            if (!v.equals(cid)) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "cid 重复且不一致");
            }
        }
        return requireValid(cid);
    }

    /** The distinct cids of a {@code cids} value (comma-separated or a JSON array), in order. */
    static List<String> list(List<String> values, int max) {
        if (values.isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "cids 缺失");
        }
        String value = values.get(0);
        for (String v : values) {
            if (!v.equals(value)) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "cids 重复且不一致");
            }
        }
        List<String> items = strip(value).startsWith("[") ? jsonArray(value) : List.of(value.split(",", -1));
        if (items.size() > max) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "cids 超过 " + max + " 个");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String item : items) {
            distinct.add(requireValid(strip(item)));
        }
        if (distinct.isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "cids 为空");
        }
        return new ArrayList<>(distinct);
    }

    private static List<String> jsonArray(String value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "cids 不是合法的 JSON 数组");
        }
        if (node == null || !node.isArray()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "cids 不是合法的 JSON 数组");
        }
        List<String> items = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            items.add(scalar(element, "cids"));
        }
        return items;
    }

    /** The text of a JSON string or integer; anything else is a bad request. */
    static String scalar(JsonNode node, String name) {
        if (node.isString() || node.isIntegralNumber()) {
            return node.asString();
        }
        throw new RequestRejected(ErrorCode.BAD_REQUEST, name + " 必须是字符串或整数");
    }

    /** Removes surrounding spaces only (not control characters such as NUL, which make a cid invalid). */
    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(from, to);
    }

    static String requireValid(String cid) {
        int n = cid.length();
        if (n == 0) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "cid 为空");
        }
        if (n > MAX_DIGITS) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "cid 必须是 1 到 20 位数字");
        }
        for (int i = 0; i < n; i++) {
            char c = cid.charAt(i);
            if (c < '0' || c > '9') {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "cid 必须是 1 到 20 位数字");
            }
        }
        return cid;
    }
}
