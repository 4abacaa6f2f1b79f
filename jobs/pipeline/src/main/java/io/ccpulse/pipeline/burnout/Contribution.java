package io.ccpulse.pipeline.burnout;

/** One indicator over its threshold: what a supervisor reads next to the score. */
public record Contribution(Factor factor, double value, double threshold, int weight) {}
