package io.customerinfo.query.web;

import java.nio.charset.StandardCharsets;

/** The response envelope's fixed bytes: {@code {"errCode":1000,"errMsg":"请求成功","data":...}}. */
final class Envelope {

    static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    static final byte[] SUCCESS_PREFIX = "{\"errCode\":1000,\"errMsg\":\"请求成功\",\"data\":"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] SUCCESS_SUFFIX = "}".getBytes(StandardCharsets.UTF_8);

    private Envelope() {
    }

    /** An error envelope; {@code message} is escaped as a JSON string. */
    static byte[] error(int errCode, String message) {
        return ("{\"errCode\":" + errCode + ",\"errMsg\":\"" + jsonEscape(message) + "\",\"data\":null}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
