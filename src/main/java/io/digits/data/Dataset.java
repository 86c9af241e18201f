package io.digits.data;

/** A dataset's training and test split, loaded. */
public record Dataset(DatasetName name, LabelledImages train, LabelledImages test) {
}
