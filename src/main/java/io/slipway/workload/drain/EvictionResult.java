package io.slipway.workload.drain;

/** The API's answer to one eviction; {@code message} is the API's own (a Status message), never a pod's content. */
record EvictionResult(Outcome outcome, String message) {
    enum Outcome {
        /** 200/201: the pod is being deleted. */
        EVICTED,
        /** 404: the pod is already gone. */
        GONE,
        /** 429: a PodDisruptionBudget does not allow it now. */
        REFUSED_BY_BUDGET,
        /** Any other refusal (e.g. 500 for a pod under more than one budget, 403). */
        FAILED
    }
}
