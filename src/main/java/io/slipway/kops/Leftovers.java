package io.slipway.kops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects what one kops object loses in the conversion; listed by path, the order kops writes its fields in. */
final class Leftovers {
    private final String source;
    private final List<NotCarriedOver> items = new ArrayList<>();

    Leftovers(String source) {
        this.source = source;
    }

    void add(String path, String reason) {
        items.add(new NotCarriedOver(source, path, reason));
    }

    List<NotCarriedOver> items() {
        return items.stream().sorted(Comparator.comparing(NotCarriedOver::path)).toList();
    }
}
