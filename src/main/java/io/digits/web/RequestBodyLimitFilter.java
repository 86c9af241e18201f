package io.digits.web;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a request body may take. Its size: a JSON body over the limit is refused with a 413 problem, at once
 * when the declared length says so, while reading when the body is chunked (multipart uploads have limits of their
 * own). Its time: a JSON body must arrive whole within {@code digits.web.body-read-timeout}, or it is a 408. Its
 * workers: a body is read on a Tomcat worker, which a client trickling bytes holds; at most
 * {@code digits.web.max-concurrent-bodies} requests with a body are served at once and the others are refused with a
 * 503 at once, so health checks and reads always find a free worker.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	private final Duration readTimeout;

	private final int maxBodies;

	private final Semaphore bodies;

	private final JsonMapper json;

	RequestBodyLimitFilter(WebProperties properties, JsonMapper json) {
		this.limit = properties.maxBodySize().toBytes();
		this.readTimeout = properties.bodyReadTimeout();
		this.maxBodies = properties.maxConcurrentBodies();
		this.bodies = new Semaphore(maxBodies);
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
			chain.doFilter(request, response);
			return;
		}
		boolean upload = isMultipart(request);
		if (!upload && request.getContentLengthLong() > limit) {
			refuseUnread(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
					new BodyTooLargeException(limit).getMessage());
			return;
		}
		if (!bodies.tryAcquire()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			refuseUnread(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Too many requests with a body",
					("%d requests with a body are being served, the most at once (digits.web.max-concurrent-bodies); "
							+ "try again in a second").formatted(maxBodies));
			return;
		}
		Permit permit = new Permit(bodies);
		try {
			chain.doFilter(upload ? request : new LimitedRequest(request, this, permit), response);
		}
		finally {
			permit.release();
		}
	}

	/** Answers before the body is read, and closes the connection rather than read what is left of it. */
	private void refuseUnread(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		request.setAttribute(UnreadBodiesAreNotSwallowed.UNREAD, true);
		response.setHeader(HttpHeaders.CONNECTION, "close");
		FilterProblems.write(response, json, status, title, detail);
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String contentType = request.getContentType();
		return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	/** A worker's place among the bodies being read, given back once: when the body is read, or at the latest at the end. */
	private static final class Permit {

		private final Semaphore bodies;

		private final AtomicBoolean held = new AtomicBoolean(true);

		Permit(Semaphore bodies) {
			this.bodies = bodies;
		}

		void release() {
			if (held.compareAndSet(true, false)) {
				bodies.release();
			}
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final RequestBodyLimitFilter bounds;

		private final Permit permit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, RequestBodyLimitFilter bounds, Permit permit) {
			super(request);
			this.bounds = bounds;
			this.permit = permit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new LimitedStream(super.getInputStream(), bounds.limit, bounds.readTimeout, permit,
						() -> setAttribute(UnreadBodiesAreNotSwallowed.UNREAD, true));
			}
			return stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private final Duration timeout;

		private final long deadline;

		private final Permit permit;

		/** Marks the request as answered with its body unread: what is left of it is not worth reading. */
		private final Runnable abandon;

		private long read;

		LimitedStream(ServletInputStream in, long limit, Duration timeout, Permit permit, Runnable abandon) {
			this.in = in;
			this.limit = limit;
			this.timeout = timeout;
			this.deadline = System.nanoTime() + timeout.toNanos();
			this.permit = permit;
			this.abandon = abandon;
		}

		@Override
		public int read() throws IOException {
			int b = withinTimeout(in::read);
			arrived(b < 0 ? -1 : 1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = withinTimeout(() -> in.read(buffer, offset, length));
			arrived(n);
			return n;
		}

		private interface Read {

			int read() throws IOException;

		}

		private int withinTimeout(Read read) throws IOException {
			try {
				return read.read();
			}
			catch (IOException ex) {
				// Tomcat's own wait for the next bytes (server.tomcat.connection-timeout) ran out
				if (NestedExceptionUtils.getRootCause(ex) instanceof SocketTimeoutException) {
					throw late();
				}
				throw ex;
			}
		}

		/** The body read whole gives its worker's place back at once: what follows is the request's work. */
		private void arrived(int n) throws BodyTooLargeException {
			if (n < 0 || in.isFinished()) {
				permit.release();
			}
			if (n > 0) {
				count(n);
			}
		}

		private void count(int n) throws BodyTooLargeException {
			read += n;
			if (read > limit) {
				throw new BodyTooLargeException(limit);
			}
			if (System.nanoTime() - deadline > 0 && !in.isFinished()) {
				throw late();
			}
		}

		private BodyReadTimeoutException late() {
			abandon.run();
			return new BodyReadTimeoutException(timeout);
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

	}

}
