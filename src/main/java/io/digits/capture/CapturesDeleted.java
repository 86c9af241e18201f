package io.digits.capture;

/** What {@code DELETE /api/captures} deleted. */
record CapturesDeleted(int deleted) {
}
