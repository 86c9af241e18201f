package io.digits.shared;

import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/** The embedded mode's signals: one process, which made the change itself, so there is nobody else to tell. */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class SingleProcessSignals implements ClusterSignals {

	@Override
	public void send(String channel, String payload) {
	}

	@Override
	public void subscribe(String channel, Consumer<String> handler) {
	}

	@Override
	public void onResync(Runnable resync) {
	}

}
