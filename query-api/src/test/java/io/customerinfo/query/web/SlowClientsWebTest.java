package io.customerinfo.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.customerinfo.query.support.Golden;
import io.customerinfo.embedded.http.RawHttp;
import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.query.support.WebTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their body slowly, or never finish it, on a Tomcat with the deployed 4 request
 * threads: they hold connections, never request threads, and are cut off after the body timeout (2 s
 * in these tests) with 1408.
 */
class SlowClientsWebTest extends WebTestSupport {

    private static final String INFO = "/crm/customer/info";
    /** Four times the request threads (server.tomcat.threads.max, 4 as deployed). */
    private static final int STALLED = 16;

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void stalledBodiesDoNotHoldTheRequestThreadsAndEndWith1408() throws IOException {
        for (int i = 0; i < STALLED; i++) {
            Socket socket = open();
            // a complete head announcing 100 bytes of form and 4 of them in one write, then silence: the server
            // holds the 4 bytes when the request starts, so this also proves that taking them never waits for more
            socket.getOutputStream().write(concat(head(100, "X-Api-Key: all-key"), "cid=".getBytes(StandardCharsets.US_ASCII)));
            socket.getOutputStream().flush();
        }
        // with blocking body reads the 16 stalled clients hold all 4 threads and this waits out its 10 s
        Response valid = http.get(INFO + "?cid=" + Golden.CID, ALL);
        assertThat(valid.status()).as(valid.text()).isEqualTo(200);
        assertThat(valid.body()).isEqualTo(Golden.compactResponse());

        for (Socket socket : sockets) {
            Response cut = RawHttp.read(socket.getInputStream());
            assertError(cut, 408, 1408);
            assertThat(cut.header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void aBodyTricklingInWithinTheTimeoutIsServed() throws Exception {
        byte[] body = ("cid=" + Golden.CID).getBytes(StandardCharsets.US_ASCII);
        Socket socket = open();
        OutputStream out = socket.getOutputStream();
        out.write(head(body.length, "X-Api-Key: all-key"));
        out.flush();
        for (byte b : body) {
            out.write(b);
            out.flush();
            Thread.sleep(50); // the client's pace, not a wait for the server
        }
        Response response = RawHttp.read(socket.getInputStream());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Golden.compactResponse());
    }

    @Test
    void theBodyPartThatCameWithTheHeadIsKeptWhenTheRestComesLater() throws Exception {
        byte[] body = ("cid=" + Golden.CID).getBytes(StandardCharsets.US_ASCII);
        int early = body.length - 2;
        Socket socket = open();
        OutputStream out = socket.getOutputStream();
        // the head and all but the last two digits in one write: the server holds them before the rest is sent
        out.write(concat(head(body.length, "X-Api-Key: all-key"), Arrays.copyOf(body, early)));
        out.flush();
        Thread.sleep(300); // the client's pace, not a wait for the server
        out.write(body, early, body.length - early);
        out.flush();
        Response response = RawHttp.read(socket.getInputStream());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Golden.compactResponse());
    }

    @Test
    void aClientGoneMidBodyLeavesTheServerServing() throws IOException {
        for (int i = 0; i < STALLED; i++) {
            Socket socket = open();
            socket.getOutputStream().write(head(100, "X-Api-Key: all-key"));
            socket.getOutputStream().write("cid=6".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.close();
        }
        Response valid = http.post(INFO, "application/x-www-form-urlencoded", "cid=" + Golden.CID, ALL);
        assertThat(valid.status()).as(valid.text()).isEqualTo(200);
        assertThat(valid.body()).isEqualTo(Golden.compactResponse());
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] head(int contentLength, String... headers) {
        StringBuilder head = new StringBuilder("POST " + INFO + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + contentLength + "\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
