package io.slipway.cloud;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting on a future as if the work had run on the caller's thread: its failure is rethrown as it was thrown. */
public final class Futures {
    private Futures() {
    }

    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
