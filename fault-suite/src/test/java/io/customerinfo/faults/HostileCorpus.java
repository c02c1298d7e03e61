package io.customerinfo.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.customerinfo.embedded.http.RawHttp;

/**
 * Requests no client should send, generated from a seed: bad {@code cid} values, duplicated parameters,
 * oversized and malformed bodies, wrong content types, non-UTF-8 bytes in the body, the query and the
 * headers, broken framing. None may get a 5xx or break the API.
 */
final class HostileCorpus {

    record Case(String name, byte[] request) {
    }

    private static final String INFO = "/crm/customer/info";
    private static final String BATCH = "/crm/customer/batch_info";
    private static final String FORM = "application/x-www-form-urlencoded";

    private HostileCorpus() {
    }

    static List<Case> generate(long seed, String apiKey, int randomCases) {
        String key = "X-Api-Key: " + apiKey + "\r\n";
        List<Case> cases = new ArrayList<>();
        // cid values
        String[] cids = {"", " ", "abc", "-1", "+1", "1.0", "1e3", "0x1F", "１２３", "1 OR 1=1", "1;DROP TABLE x",
                "%00", "62640%00", "1".repeat(21), "9".repeat(1000), "0", "00062640", "‮62640", "😀", "62640\n",
                "${jndi:ldap://x/a}", "<script>", "[]", "{}", "null"};
        for (String cid : cids) {
            cases.add(form("cid=" + urlEncode(cid), key));
            cases.add(new Case("query cid " + cid, get(INFO + "?cid=" + urlEncode(cid), key)));
            cases.add(new Case("json cid " + cid, RawHttp.post(INFO, "application/json", key,
                    ("{\"cid\":\"" + cid.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8))));
        }
        // duplicated parameters
        for (String body : List.of("cid=1&cid=2", "cid=62640&cid=62640", "cid=&cid=1", "cid=1&cid=", "cid=1&cid=1&cid=1",
                "cids=1,2&cids=3", "cid=1&cids=2", "cid[]=1", "cid[0]=1&cid[1]=2", "CID=1", "cid%00=1", "cid")) {
            cases.add(form(body, key));
            cases.add(new Case("batch " + body, RawHttp.post(BATCH, FORM, key, bytes(body))));
        }
        cases.add(new Case("query and body disagree", RawHttp.post(INFO + "?cid=1", FORM, key, bytes("cid=2"))));
        cases.add(new Case("batch of 101", RawHttp.post(BATCH, FORM, key, bytes("cids=" + "1,".repeat(100) + "1"))));
        cases.add(new Case("batch of 10000 commas", RawHttp.post(BATCH, FORM, key, bytes("cids=" + ",".repeat(10_000)))));
        // bodies: size, content type, encoding
        cases.add(new Case("form 17 KiB", RawHttp.post(INFO, FORM, key, bytes("cid=1&x=" + "a".repeat(17 * 1024)))));
        cases.add(new Case("form 1 MiB", RawHttp.post(INFO, FORM, key, bytes("cid=1&x=" + "a".repeat(1024 * 1024)))));
        cases.add(new Case("json 1 MiB", RawHttp.post(INFO, "application/json", key,
                bytes("{\"cid\":\"1\",\"x\":\"" + "a".repeat(1024 * 1024) + "\"}"))));
        cases.add(new Case("json nested 50000", RawHttp.post(INFO, "application/json", key,
                bytes("[".repeat(50_000) + "]".repeat(50_000)))));
        cases.add(new Case("json nested objects", RawHttp.post(INFO, "application/json", key,
                bytes("{\"cid\":".repeat(5_000) + "1" + "}".repeat(5_000)))));
        for (String json : List.of("{\"cid\":", "{\"cid\":62640}", "[62640]", "\"62640\"", "{\"cid\":[\"1\",\"2\"]}",
                "{\"cid\":\"1\",\"cid\":\"2\"}", "{\"cid\":null}", "{\"cid\":1e400}", "{\"cid\":{\"$gt\":0}}", "")) {
            cases.add(new Case("json " + json, RawHttp.post(INFO, "application/json", key, bytes(json))));
        }
        for (String type : List.of("text/xml", "application/octet-stream", "multipart/form-data",
                "multipart/form-data; boundary=", "multipart/form-data; boundary=x", "text/plain; charset=UTF-16",
                "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=nope",
                "application/json; charset=EBCDIC", "*/*", ";;;", "a".repeat(5000))) {
            cases.add(new Case("content type " + type, RawHttp.post(INFO, type, key, bytes("cid=62640"))));
        }
        cases.add(new Case("multipart huge part", RawHttp.post(INFO, "multipart/form-data; boundary=b", key,
                bytes("--b\r\nContent-Disposition: form-data; name=\"cid\"\r\n\r\n" + "1".repeat(2 * 1024 * 1024) + "\r\n--b--\r\n"))));
        cases.add(new Case("multipart never ends", RawHttp.post(INFO, "multipart/form-data; boundary=b", key,
                bytes("--b\r\nContent-Disposition: form-data; name=\"cid\"\r\n\r\n1"))));
        byte[][] nonUtf8 = {{'c', 'i', 'd', '=', (byte) 0xC3, 0x28}, {'c', 'i', 'd', '=', (byte) 0xFF, (byte) 0xFE},
                {(byte) 0xC0, (byte) 0xAF}, {'c', 'i', 'd', '=', '1', (byte) 0x80}, {'c', 'i', 'd', '=', 0, '1'}};
        for (byte[] body : nonUtf8) {
            cases.add(new Case("non-UTF-8 form body", RawHttp.post(INFO, FORM, key, body)));
            cases.add(new Case("non-UTF-8 json body", RawHttp.post(INFO, "application/json", key,
                    RawHttp.concat(bytes("{\"cid\":\""), RawHttp.concat(body, bytes("\"}"))))));
        }
        for (String query : List.of("cid=%FF%FE", "cid=%C0%AF", "cid=%", "cid=%G1", "cid=%E4%B8", "%FF=1")) {
            cases.add(new Case("non-UTF-8 query " + query, get(INFO + "?" + query, key)));
        }
        cases.add(new Case("non-UTF-8 api key", RawHttp.concat(bytes("GET " + INFO + "?cid=1 HTTP/1.1\r\nHost: x\r\nX-Api-Key: "),
                RawHttp.concat(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3}, bytes("\r\n\r\n")))));
        cases.add(new Case("non-UTF-8 bearer", RawHttp.concat(bytes("GET " + INFO + "?cid=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "),
                RawHttp.concat(new byte[] {(byte) 0x80, (byte) 0x81}, bytes("\r\n\r\n")))));
        // headers and framing
        cases.add(new Case("two api keys", get(INFO + "?cid=62640", key + "X-Api-Key: other\r\n")));
        cases.add(new Case("empty bearer", get(INFO + "?cid=62640", "Authorization: Bearer \r\n")));
        cases.add(new Case("basic auth", get(INFO + "?cid=62640", "Authorization: Basic Zm9vOmJhcg==\r\n")));
        cases.add(new Case("api key 100 KiB", get(INFO + "?cid=62640", "X-Api-Key: " + "k".repeat(100 * 1024) + "\r\n")));
        cases.add(new Case("500 headers", get(INFO + "?cid=62640", key + "X-Junk: 1\r\n".repeat(500))));
        cases.add(new Case("query 100 KiB", get(INFO + "?cid=" + "1".repeat(100 * 1024), key)));
        cases.add(new Case("bad header name", get(INFO + "?cid=62640", key + "Bad Header: 1\r\n")));
        cases.add(new Case("content length lies", bytes("POST " + INFO + " HTTP/1.1\r\nHost: x\r\n" + key
                + "Content-Type: " + FORM + "\r\nContent-Length: 10\r\n\r\ncid=1")));
        cases.add(new Case("negative content length", bytes("POST " + INFO + " HTTP/1.1\r\nHost: x\r\n" + key
                + "Content-Type: " + FORM + "\r\nContent-Length: -5\r\n\r\ncid=1")));
        cases.add(new Case("two content lengths", bytes("POST " + INFO + " HTTP/1.1\r\nHost: x\r\n" + key
                + "Content-Type: " + FORM + "\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\ncid=1")));
        cases.add(new Case("huge content length", bytes("POST " + INFO + " HTTP/1.1\r\nHost: x\r\n" + key
                + "Content-Type: " + FORM + "\r\nContent-Length: 99999999999999999999\r\n\r\ncid=1")));
        cases.add(new Case("bad chunk size", bytes("POST " + INFO + " HTTP/1.1\r\nHost: x\r\n" + key
                + "Content-Type: " + FORM + "\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\ncid=1\r\n0\r\n\r\n")));
        cases.add(new Case("chunked 1 MiB", bytes("POST " + INFO + " HTTP/1.1\r\nHost: x\r\n" + key
                + "Content-Type: " + FORM + "\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n" + "a".repeat(0x100000)
                + "\r\n0\r\n\r\n")));
        for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "HEAD", "FOO", "G\u00C9T")) {
            cases.add(new Case("method " + method, bytes(method + " " + INFO + "?cid=62640 HTTP/1.1\r\nHost: x\r\n" + key
                    + "Content-Length: 0\r\n\r\n")));
        }
        for (String line : List.of("GET /crm/customer/../customer/info?cid=62640 HTTP/1.1", "GET http://evil/crm/customer/info?cid=1 HTTP/1.1",
                "GET /crm/customer/info;jsessionid=1?cid=1 HTTP/1.1", "GET //crm//customer//info?cid=1 HTTP/1.1",
                "GET /crm/customer/info?cid=1 HTTP/9.9", "GET /crm/customer/info?cid=1", "\u0000\u0001\u0002", "GET",
                "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1", "GET /crm/customer/info?cid=1 HTTP/1.0")) {
            cases.add(new Case("request line " + line, bytes(line + "\r\nHost: x\r\n" + key + "\r\n")));
        }
        cases.add(new Case("no host", bytes("GET " + INFO + "?cid=1 HTTP/1.1\r\n" + key + "\r\n")));
        // generated: random cid strings, random bytes, random content types and paths
        Random random = new Random(seed);
        String[] types = {FORM, "application/json", "text/plain", null, "multipart/form-data; boundary=r"};
        for (int i = 0; i < randomCases; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            String type = types[random.nextInt(types.length)];
            byte[] body = switch (random.nextInt(3)) {
                case 0 -> RawHttp.concat(bytes("cid="), junk);
                case 1 -> bytes("cid=" + randomDigitsOrNot(random));
                default -> junk;
            };
            String path = random.nextBoolean() ? INFO : BATCH;
            cases.add(new Case("random #" + i, RawHttp.post(path, type, random.nextInt(10) == 0 ? "" : key, body)));
        }
        return List.copyOf(cases);
    }

    private static String randomDigitsOrNot(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(12) == 0 ? (char) ('!' + random.nextInt(90)) : (char) ('0' + random.nextInt(10)));
        }
        return urlEncode(s.toString());
    }

    private static Case form(String body, String key) {
        return new Case("form " + abbreviate(body), RawHttp.post(INFO, FORM, key, bytes(body)));
    }

    private static byte[] get(String target, String headers) {
        return bytes("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
