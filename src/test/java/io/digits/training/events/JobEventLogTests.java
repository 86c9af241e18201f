package io.digits.training.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.digits.training.status.JobState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobEventLogTests {

	@Test
	void aSubscriberThatFallsBehindIsDroppedAndResumesFromItsLastEventWithNothingLost() {
		JobEventLog events = new JobEventLog(1000);
		events.publish(state(JobState.QUEUED));
		JobEventLog.Subscription slow = events.subscribe(0, 3);
		assertThat(slow.backlog()).extracting(JobEventLog.Entry::id).containsExactly(1L);

		for (int i = 0; i < 10; i++) {
			events.publish(new JobEvent.Iteration(i + 1, 1, 0.5, null, 1));
		}

		assertThat(slow.overflowed()).isTrue();
		assertThat(events.subscriberCount()).isZero();
		List<JobEventLog.Entry> received = new ArrayList<>(slow.backlog());
		slow.live().drainTo(received);
		assertThat(received).extracting(JobEventLog.Entry::id).containsExactly(1L, 2L, 3L, 4L);

		JobEventLog.Subscription resumed = events.subscribe(4, 100);
		events.publish(new JobEvent.Done(null));
		received.addAll(resumed.backlog());
		resumed.live().drainTo(received);
		assertThat(received).extracting(JobEventLog.Entry::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
	}

	@Test
	void aSubscriptionToAFinishedStreamHoldsOnlyItsBacklog() {
		JobEventLog events = new JobEventLog(1000);
		events.publish(state(JobState.RUNNING));
		events.publish(new JobEvent.Done(null));

		JobEventLog.Subscription late = events.subscribe(0, 10);

		assertThat(late.backlog()).extracting(entry -> entry.event().type()).containsExactly("state", "done");
		assertThat(events.subscriberCount()).isZero();
	}

	@Test
	void pastItsCapacityTheLogDropsTheOldestIterationEventsButKeepsTheOthers() {
		JobEventLog events = new JobEventLog(5);
		events.publish(state(JobState.RUNNING));
		for (int i = 0; i < 10; i++) {
			events.publish(new JobEvent.Iteration(i + 1, 1, 0.5, null, 1));
		}
		events.publish(new JobEvent.Epoch(null));

		assertThat(events.all()).extracting(JobEventLog.Entry::id).containsExactly(1L, 9L, 10L, 11L, 12L);
		assertThat(events.all().get(0).event()).isInstanceOf(JobEvent.State.class);
	}

	private static JobEvent state(JobState state) {
		return new JobEvent.State(state, Instant.EPOCH, null);
	}

}
