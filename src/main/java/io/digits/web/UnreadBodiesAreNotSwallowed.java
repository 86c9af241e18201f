package io.digits.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After an answer that closes the connection (a 408 for a body too slow, a 413, a 503 for one body too many), Tomcat
 * still reads and throws away the rest of the body ("swallows" it, up to {@code server.tomcat.max-swallow-size}) on
 * the worker that answered, however slowly it comes: a client trickling bytes would hold that worker for as long as
 * it likes. The servlet API has no way to say "do not"; Tomcat's own action for aborted uploads does, so this valve
 * takes it for the requests {@link RequestBodyLimitFilter} refused, after their answer is written whole. Other
 * refusals keep Tomcat's own handling.
 */
class UnreadBodiesAreNotSwallowed extends ValveBase {

	/** Set by {@link RequestBodyLimitFilter} on a request it answered without reading its body. */
	static final String UNREAD = UnreadBodiesAreNotSwallowed.class.getName() + ".unread";

	UnreadBodiesAreNotSwallowed() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
		if (Boolean.TRUE.equals(request.getAttribute(UNREAD)) && !request.getCoyoteRequest().isFinished()) {
			// the answer whole first: the action marks the connection as failing, and Tomcat then ends it as it stands
			response.finishResponse();
			request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
		}
	}

}
