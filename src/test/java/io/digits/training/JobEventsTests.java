package io.digits.training;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobEventsTests {

	@Test
	void aSubscriberThatFallsBehindIsDroppedAndResumesFromItsLastEventWithNothingLost() {
		JobEvents events = new JobEvents(1000);
		events.publish(JobEvent.STATE, "queued");
		JobEvents.Subscription slow = events.subscribe(0, 3);
		assertThat(slow.backlog()).extracting(JobEvent::id).containsExactly(1L);

		for (int i = 0; i < 10; i++) {
			events.publish(JobEvent.ITERATION, i);
		}

		assertThat(slow.overflowed()).isTrue();
		assertThat(events.subscriberCount()).isZero();
		List<JobEvent> received = new ArrayList<>(slow.backlog());
		slow.live().drainTo(received);
		assertThat(received).extracting(JobEvent::id).containsExactly(1L, 2L, 3L, 4L);

		JobEvents.Subscription resumed = events.subscribe(4, 100);
		events.publish(JobEvent.DONE, "done");
		received.addAll(resumed.backlog());
		resumed.live().drainTo(received);
		assertThat(received).extracting(JobEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
	}

	@Test
	void aSubscriptionToAFinishedStreamHoldsOnlyItsBacklog() {
		JobEvents events = new JobEvents(1000);
		events.publish(JobEvent.STATE, "running");
		events.publish(JobEvent.DONE, "done");

		JobEvents.Subscription late = events.subscribe(0, 10);

		assertThat(late.backlog()).extracting(JobEvent::type).containsExactly(JobEvent.STATE, JobEvent.DONE);
		assertThat(events.subscriberCount()).isZero();
	}

	@Test
	void pastItsCapacityTheLogDropsTheOldestIterationEventsButKeepsTheOthers() {
		JobEvents events = new JobEvents(5);
		events.publish(JobEvent.STATE, "running");
		for (int i = 0; i < 10; i++) {
			events.publish(JobEvent.ITERATION, i);
		}
		events.publish(JobEvent.EPOCH, 1);

		assertThat(events.all()).extracting(JobEvent::id).containsExactly(1L, 9L, 10L, 11L, 12L);
		assertThat(events.all().get(0).type()).isEqualTo(JobEvent.STATE);
	}

}
