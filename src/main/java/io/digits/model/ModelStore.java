package io.digits.model;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import org.springframework.core.io.Resource;

/**
 * Where model versions and the active-model pointer outlive the process. Two implementations, one per
 * {@link io.digits.shared.StoreMode}: files ({@link FileModelStore}) and PostgreSQL ({@link JdbcModelStore}), held to
 * the same contract by the same tests. A crash never leaves a half-written model that looks valid.
 */
interface ModelStore {

	/** Ids of models start with it ({@code model-...}). */
	String PREFIX = "model";

	/** A stored model as found: usable, or with what is wrong with it. */
	record Found(ModelMetadata metadata, String problem) {
	}

	/**
	 * Every stored model with readable metadata, each checked against its file's size and checksum; a damaged or
	 * missing file makes the model unusable, never a crash. Entries without readable metadata are logged.
	 */
	List<Found> readAll();

	/** Stores a network (with its updater state, so training can go on) as model {@code id}, whole or not at all. */
	ModelMetadata save(MultiLayerNetwork network, String id, Instant createdAt, TrainingReport report) throws IOException;

	MultiLayerNetwork load(String id) throws IOException;

	/** The model's file, DL4J's zip format, for download. */
	Resource file(String id);

	/** Throws, with the model still whole, when it cannot be deleted. */
	void delete(String id) throws IOException;

	Optional<String> readActiveId();

	void writeActiveId(String id) throws IOException;

}
