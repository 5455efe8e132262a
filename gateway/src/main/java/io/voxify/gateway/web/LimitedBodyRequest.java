package io.voxify.gateway.web;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/** Counts what a body without Content-Length delivers and refuses it past the limit. */
final class LimitedBodyRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream limited;

    LimitedBodyRequest(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (limit == Long.MAX_VALUE) {
            return super.getInputStream();
        }
        if (limited == null) {
            ServletInputStream in = super.getInputStream();
            limited = new ServletInputStream() {
                private long count;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        check(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        check(n);
                    }
                    return n;
                }

                private void check(int n) {
                    count += n;
                    if (count > limit) {
                        throw new DomainException(
                                ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes");
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
        return limited;
    }
}
