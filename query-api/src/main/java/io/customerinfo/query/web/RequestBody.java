package io.customerinfo.query.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a request body with non-blocking I/O, so that a client sending its body slowly holds a
 * connection but never one of the few request threads: with blocking reads, as many trickling
 * clients as there are threads stalled every other request. The body is bounded by size (1413) and
 * by time (1408); the callback then runs on a container thread with the whole body in memory.
 *
 * <p>A body with a {@code Content-Length} that arrived with the request head (a small form in the same
 * packet: nearly every real request) is taken on the request thread without going async, which costs
 * Tomcat an async dispatch per request; only what Tomcat already holds is read there ({@code available()}),
 * so that read never blocks. The rest of a body that did not all arrive is read as above, after what was
 * already taken; a chunked body always is.
 */
final class RequestBody implements ReadListener, AsyncListener {

    /** What to do once the body is in, or why it never will be. */
    interface Callback {

        /**
         * The whole body arrived; answer the request (on a container thread). Returns false when the request will
         * be answered later by whoever took it over, who then ends the exchange.
         */
        boolean read(byte[] body);

        /** The body is over the limit, late, or the client failed while sending it; answer with this code. */
        void failed(ErrorCode code, String message);

        /** The connection broke while the body was being read; there is no one to answer. */
        void gone(Throwable cause);
    }

    private final AsyncContext async;
    private final ServletInputStream in;
    private final int maxBytes;
    private final Callback callback;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final byte[] chunk = new byte[4096];
    private byte[] buffer;
    private int size;

    private RequestBody(AsyncContext async, ServletInputStream in, int maxBytes, byte[] buffer, int size,
            Callback callback) {
        this.async = async;
        this.in = in;
        this.maxBytes = maxBytes;
        this.callback = callback;
        this.buffer = buffer;
        this.size = size;
    }

    /**
     * Reads the body of {@code request} and hands it to {@code callback}: at once when all of it has
     * already arrived, else in the background (the request goes async and the callback completes it).
     * The caller has already checked a declared length against {@code maxBytes}.
     */
    static void read(HttpServletRequest request, int maxBytes, long timeoutMillis, Callback callback)
            throws IOException {
        long declared = request.getContentLengthLong();
        ServletInputStream in = request.getInputStream();
        byte[] buffer = new byte[declared > 0 ? (int) declared : Math.min(maxBytes, 1024)];
        int size = declared > 0 ? readArrived(in, buffer) : 0;
        if (declared > 0 && size == buffer.length) {
            callback.read(buffer);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(timeoutMillis);
        RequestBody body = new RequestBody(async, in, maxBytes, buffer, size, callback);
        async.addListener(body);
        in.setReadListener(body);
    }

    /**
     * Fills {@code buffer} with what Tomcat already holds of the body, without blocking: in blocking mode
     * {@code available()} counts only buffered bytes and never reads the socket. Returns how many bytes it read.
     */
    private static int readArrived(ServletInputStream in, byte[] buffer) throws IOException {
        int size = 0;
        while (size < buffer.length && in.available() > 0) {
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                break;
            }
            size += n;
        }
        return size;
    }

    static boolean present(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!finished.get() && in.isReady()) {
            int n = in.read(chunk);
            if (n < 0) {
                return; // onAllDataRead follows
            }
            if (size + n > maxBytes) {
                finish(() -> callback.failed(ErrorCode.TOO_LARGE, "超过 " + maxBytes + " 字节"));
                return;
            }
            if (size + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(maxBytes, Math.max(size + n, buffer.length * 2)));
            }
            System.arraycopy(chunk, 0, buffer, size, n);
            size += n;
        }
    }

    @Override
    public void onAllDataRead() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        boolean answered = true;
        try {
            answered = callback.read(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        } finally {
            if (answered) {
                async.complete();
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        finish(() -> callback.gone(t));
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish(() -> callback.failed(ErrorCode.BODY_TIMEOUT, "请求体未在 " + async.getTimeout() + " 毫秒内收完"));
    }

    @Override
    public void onError(AsyncEvent event) {
        finish(() -> callback.gone(event.getThrowable()));
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }

    /** Runs the one callback this body gets, then completes the exchange. */
    private void finish(Runnable answer) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            answer.run();
        } finally {
            async.complete();
        }
    }
}
