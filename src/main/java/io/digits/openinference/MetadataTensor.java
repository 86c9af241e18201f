package io.digits.openinference;

/** The protocol's {@code $metadata_tensor}: a tensor's name, data type and shape, -1 for a dimension of any size. */
record MetadataTensor(String name, String datatype, long[] shape) {
}
