package io.slipway.testing.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads kubectl's column output: each cell starts where its header starts, so empty cells are kept. */
public final class KubectlTable {
    private static final Pattern HEADER_CELL = Pattern.compile("\\S+(?: \\S+)*");

    private KubectlTable() {
    }

    /** The header names, in order. */
    public static List<String> headers(String output) {
        List<String> headers = new ArrayList<>();
        Matcher m = HEADER_CELL.matcher(output.lines().findFirst().orElse(""));
        while (m.find()) {
            headers.add(m.group());
        }
        return headers;
    }

    /** One map per row, header → cell (trimmed; "" when empty). */
    public static List<Map<String, String>> rows(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher m = HEADER_CELL.matcher(lines.get(0));
        while (m.find()) {
            names.add(m.group());
            starts.add(m.start());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                int from = Math.min(starts.get(i), line.length());
                int to = i + 1 < names.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
                row.put(names.get(i), line.substring(from, to).trim());
            }
            rows.add(row);
        }
        return rows;
    }
}
