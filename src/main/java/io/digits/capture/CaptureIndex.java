package io.digits.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The embedded store's captures in memory, by id and by time (oldest first), kept together under one lock held only
 * for in-memory work; {@link FileCaptureStore} does the files.
 */
final class CaptureIndex {

	private static final Comparator<Capture> OLDEST_FIRST = Comparator.comparing(Capture::capturedAt)
		.thenComparing(Capture::id);

	private final Map<String, Capture> byId = new HashMap<>();

	private final TreeSet<Capture> ordered = new TreeSet<>(OLDEST_FIRST);

	/** Adds a capture, or replaces it when labelled again (same time and id, so the same place). */
	synchronized void put(Capture capture) {
		Capture previous = byId.put(capture.id(), capture);
		if (previous != null) {
			ordered.remove(previous);
		}
		ordered.add(capture);
	}

	synchronized void remove(Capture capture) {
		byId.remove(capture.id());
		ordered.remove(capture);
	}

	synchronized Optional<Capture> get(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	synchronized boolean contains(String id) {
		return byId.containsKey(id);
	}

	synchronized int size() {
		return byId.size();
	}

	/** The oldest {@code most} captures {@code which} picks, oldest first. */
	synchronized List<Capture> oldest(Predicate<Capture> which, int most) {
		return walk(ordered.iterator(), which, 0, most);
	}

	/** One page of the captures {@code which} picks, newest first. */
	synchronized List<Capture> newest(Predicate<Capture> which, long offset, int limit) {
		return walk(ordered.descendingIterator(), which, offset, limit);
	}

	private static List<Capture> walk(Iterator<Capture> captures, Predicate<Capture> which, long offset, int limit) {
		List<Capture> found = new ArrayList<>(Math.min(limit, 64));
		long skipped = 0;
		while (captures.hasNext() && found.size() < limit) {
			Capture capture = captures.next();
			if (which.test(capture) && skipped++ >= offset) {
				found.add(capture);
			}
		}
		return found;
	}

}
