package io.digits.training.events;

import java.util.List;

/** A {@link JobEventSource} over a job's own {@link JobEventLog}: the embedded mode's streams. */
public final class LogEventSource implements JobEventSource {

	private final JobEventLog.Subscription subscription;

	public LogEventSource(JobEventLog.Subscription subscription) {
		this.subscription = subscription;
	}

	@Override
	public List<Sent> backlog() {
		return subscription.backlog().stream().map(LogEventSource::sent).toList();
	}

	@Override
	public boolean open() {
		return subscription.open();
	}

	@Override
	public Sent next(long timeoutMillis) throws InterruptedException {
		JobEventLog.Entry entry = subscription.next(timeoutMillis);
		return entry == null ? null : sent(entry);
	}

	@Override
	public boolean overflowed() {
		return subscription.overflowed();
	}

	@Override
	public void cancel() {
		subscription.cancel();
	}

	static Sent sent(JobEventLog.Entry entry) {
		return new Sent(entry.id(), entry.event().type(), entry.event().data(), entry.endsStream());
	}

}
