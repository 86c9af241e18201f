package io.digits.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * This process's name among the replicas: what a job shows as the {@code replica} that ran it, and what its log lines
 * say. {@code digits.replica.name} (env {@code DIGITS_REPLICA_NAME}) when set, else host:port, the port being the one
 * the web server actually took (a random port in tests).
 */
@Component
public class ReplicaName implements ApplicationListener<WebServerInitializedEvent> {

	private final String configured;

	private volatile String name;

	ReplicaName(@Value("${digits.replica.name:}") String configured, @Value("${server.port:8080}") int port) {
		this.configured = configured;
		this.name = StringUtils.hasText(configured) ? configured.trim() : host() + ":" + port;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (!StringUtils.hasText(configured)) {
			name = host() + ":" + event.getWebServer().getPort();
		}
	}

	public String get() {
		return name;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
