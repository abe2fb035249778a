package io.dialright.gateway.limits;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body that fails with {@link TooLarge} once more than {@code maxBytes} have arrived: for bodies without
 * {@code Content-Length} (chunked), whose size is only known while they stream. The service then sees a reset
 * request, never a truncated body that looks complete.
 */
public final class LimitedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> body;
    private final long maxBytes;
    private long received;
    private boolean failed;
    private Handler<Throwable> exceptionHandler;

    public LimitedBody(ReadStream<Buffer> body, long maxBytes) {
        this.body = body;
        this.maxBytes = maxBytes;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        body.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            body.handler(null);
            return this;
        }
        body.handler(chunk -> {
            if (failed) {
                return;
            }
            received += chunk.length();
            if (received > maxBytes) {
                failed = true;
                body.pause();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new TooLarge(maxBytes));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        body.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        if (!failed) {
            body.resume();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (!failed) {
            body.fetch(amount);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        body.endHandler(endHandler == null ? null : done -> {
            if (!failed) {
                endHandler.handle(done);
            }
        });
        return this;
    }

    /** The body passed its limit. */
    public static final class TooLarge extends RuntimeException {

        public TooLarge(long maxBytes) {
            super("request body larger than " + maxBytes + " bytes", null, false, false);
        }
    }
}
