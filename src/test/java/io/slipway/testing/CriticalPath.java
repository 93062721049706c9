package io.slipway.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The longest path through a dependency graph whose nodes cost time: the least time in which all of it can be done
 * with unlimited parallelism (benchmarks). Nodes are added after their dependencies.
 */
public final class CriticalPath {
    private record Node(String id, long costMillis, Set<String> dependencies) {
    }

    /** The result: total time, and the chain of nodes that makes it, first to last, each with its cost. */
    public record Result(long millis, List<Map.Entry<String, Long>> chain) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();

    public CriticalPath add(String id, long costMillis, Set<String> dependencies) {
        for (String dependency : dependencies) {
            if (!nodes.containsKey(dependency)) {
                throw new IllegalArgumentException(id + " depends on " + dependency + ", which was not added before it");
            }
        }
        if (nodes.putIfAbsent(id, new Node(id, costMillis, Set.copyOf(dependencies))) != null) {
            throw new IllegalArgumentException("duplicate node " + id);
        }
        return this;
    }

    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    public Result longest() {
        Map<String, Long> finish = new HashMap<>();
        Map<String, String> via = new HashMap<>();
        String last = null;
        for (Node node : nodes.values()) { // insertion order is a dependency order
            long start = 0;
            for (String dependency : node.dependencies()) {
                if (finish.get(dependency) > start || (finish.get(dependency) == start && !via.containsKey(node.id()))) {
                    start = finish.get(dependency);
                    via.put(node.id(), dependency);
                }
            }
            finish.put(node.id(), start + node.costMillis());
            if (last == null || finish.get(node.id()) > finish.get(last)) {
                last = node.id();
            }
        }
        List<Map.Entry<String, Long>> chain = new ArrayList<>();
        for (String id = last; id != null; id = via.get(id)) {
            chain.add(Map.entry(id, nodes.get(id).costMillis()));
        }
        Collections.reverse(chain);
        return new Result(last == null ? 0 : finish.get(last), chain);
    }
}
