package io.slipway.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reports list entries that repeat an earlier one. */
final class Duplicates {
    private Duplicates() {
    }

    static void check(List<String> values, String path, ErrorList errors) {
        if (values == null) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(v, i);
            if (first != null && !errors.has(path + "[" + i + "]")) {
                errors.add(path + "[" + i + "]", v + " is listed twice (also at " + path + "[" + first + "])");
            }
        }
    }
}
