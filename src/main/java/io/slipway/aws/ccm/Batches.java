package io.slipway.aws.ccm;

import java.util.ArrayList;
import java.util.List;

/** Splits ids into the batches a describe takes at once (ELB's DescribeTags: 20 names or ARNs). */
final class Batches {
    static final int ELB_TAGS = 20;

    private Batches() {
    }

    static <T> List<List<T>> of(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return batches;
    }
}
