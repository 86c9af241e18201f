package io.digits.sweep.plan;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds and pace of sweeps ({@code digits.sweep.*}).
 *
 * @param maxTrials the most trials one sweep may plan
 * @param maxSamples the most training samples (epochs x images, summed over the planned trials) one sweep may ask
 *     for: what they would cost without early stopping
 * @param maxDuration the longest its planned trials may train together, by the job estimate
 * @param reconcileInterval how often every unfinished sweep is looked at, besides each trial's own word
 * @param maxStreams open event streams of sweeps, all clients together
 * @param maxStreamsPerClient open event streams of sweeps per remote address
 * @param streamInterval how often a stream looks for changes
 * @param streamLifetime how long one stream lasts before it is completed (EventSource reconnects)
 */
@ConfigurationProperties("digits.sweep")
@Validated
public record SweepProperties(@Min(1) @Max(1000) @DefaultValue("100") int maxTrials,
		@Min(1) @DefaultValue("600000000") long maxSamples, @NotNull @DefaultValue("12h") Duration maxDuration,
		@NotNull @DefaultValue("5s") Duration reconcileInterval, @Min(1) @Max(1000) @DefaultValue("32") int maxStreams,
		@Min(1) @Max(100) @DefaultValue("4") int maxStreamsPerClient,
		@NotNull @DefaultValue("1s") Duration streamInterval, @NotNull @DefaultValue("10m") Duration streamLifetime) {
}
