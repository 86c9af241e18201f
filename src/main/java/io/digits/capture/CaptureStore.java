package io.digits.capture;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where captures outlive the process: files ({@link FileCaptureStore}) or PostgreSQL ({@link JdbcCaptureStore}), one
 * per {@link io.digits.shared.StoreMode}. Both are held to one contract ({@code CaptureStoreContract}).
 */
interface CaptureStore {

	/** Stores a new capture and its 784 gray bytes, or throws, storing nothing. */
	void insert(Capture capture, byte[] pixels) throws IOException;

	Optional<Capture> read(String id);

	/** The gray bytes of those of {@code ids} still kept; at most a page's worth are asked for at once. */
	Map<String, byte[]> pixels(List<String> ids);

	/** One page of the captures {@code filter} keeps, newest first. */
	List<Capture> newestFirst(CaptureFilter filter, long offset, int limit);

	/** Labels (or labels again) a capture; empty when there is none with this id. */
	Optional<Capture> label(String id, int digit, Instant at) throws IOException;

	/** Answers whether there was one to delete. */
	boolean delete(String id) throws IOException;

	/** Answers how many were deleted. */
	int deleteAll() throws IOException;

	/** Deletes the captures taken before {@code cutoff}; answers how many. */
	int deleteCapturedBefore(Instant cutoff) throws IOException;

	/** Deletes all but the {@code count} newest; answers how many went. */
	int keepNewest(int count) throws IOException;

	/** The labelled captures of {@code dataset}, oldest first, at most {@code max}, with their gray bytes. */
	List<LabelledPixels> oldestLabelled(String dataset, int max);

	record LabelledPixels(String id, int label, byte[] pixels) {
	}

}
