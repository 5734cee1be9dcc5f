package io.usp.admin.limits;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A request's headers and body must arrive within a bound counted from its first byte. Headers
 * that took longer get a 408 and the connection closes; a body still incomplete at the bound
 * closes the connection, which fails the read a handler thread may be blocked in. The idle
 * timeout alone cannot do this: a client sending one byte every few seconds is never idle.
 */
public final class RequestDeadline extends Handler.Wrapper {

    private final long timeoutNanos;
    private final RefusalLog refusals;

    public RequestDeadline(Duration timeout, RefusalLog refusals) {
        this.timeoutNanos = timeout.toNanos();
        this.refusals = refusals;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long left = timeoutNanos - NanoTime.since(request.getBeginNanoTime());
        if (left <= 0) {
            refused(request);
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            Response.writeError(request, response, callback, HttpStatus.REQUEST_TIMEOUT_408);
            return true;
        }
        if (!hasBody(request)) {
            // nothing more to arrive: a slow handler (an export, a slow store) is not the client's fault
            return super.handle(request, response, callback);
        }
        WatchedBody watched = new WatchedBody(request);
        Scheduler.Task expiry = request.getComponents().getScheduler().schedule(watched::expire, left,
                TimeUnit.NANOSECONDS);
        return super.handle(watched, response, Callback.from(callback, expiry::cancel));
    }

    /** RFC 9112 section 6.3: without Transfer-Encoding or a Content-Length above 0 a request has no body. */
    private static boolean hasBody(Request request) {
        HttpFields headers = request.getHeaders();
        return headers.contains(HttpHeader.TRANSFER_ENCODING) || headers.getLongField(HttpHeader.CONTENT_LENGTH) > 0;
    }

    private void refused(Request request) {
        if (request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            refusals.refused(remote.getAddress(), Refusal.REQUEST_TOO_SLOW);
        }
    }

    /** The request as handlers see it: notes when its body has been read to the end. */
    private final class WatchedBody extends Request.Wrapper {

        private volatile boolean complete;

        WatchedBody(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.isLast()) {
                complete = true;
            }
            return chunk;
        }

        void expire() {
            if (!complete) {
                refused(getWrapped());
                getConnectionMetaData().getConnection().getEndPoint()
                        .close(new TimeoutException("request not received within " + timeoutNanos / 1_000_000 + " ms"));
            }
        }
    }
}
