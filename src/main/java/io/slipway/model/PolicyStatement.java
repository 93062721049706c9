package io.slipway.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One statement of an IAM policy document, serialized with IAM's key names. {@code principal} is only for trust
 * policies; {@code condition} is operator → key → values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Sid", "Effect", "Principal", "Action", "Resource", "Condition"})
public record PolicyStatement(@JsonProperty("Sid") String sid,
                              @JsonProperty("Effect") String effect,
                              @JsonProperty("Principal") Map<String, List<String>> principal,
                              @JsonProperty("Action") List<String> actions,
                              @JsonProperty("Resource") List<String> resources,
                              @JsonProperty("Condition") Map<String, Map<String, List<String>>> condition) {
    public static final String ALLOW = "Allow";
    public static final String ANY_RESOURCE = "*";

    public PolicyStatement {
        principal = principal == null ? null : new TreeMap<>(principal);
        actions = List.copyOf(actions);
        resources = resources == null ? null : List.copyOf(resources);
        condition = condition == null ? null : new TreeMap<>(condition);
    }

    /** Allow {@code actions} on {@code resources}. */
    public static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return new PolicyStatement(sid, ALLOW, null, actions, resources, null);
    }

    /** Allow {@code actions} on {@code resources} when {@code key} has one of {@code values} under {@code operator}. */
    public static PolicyStatement allowWhen(String sid, List<String> actions, List<String> resources,
                                            String operator, String key, List<String> values) {
        return new PolicyStatement(sid, ALLOW, null, actions, resources, Map.of(operator, Map.of(key, List.copyOf(values))));
    }

    /** True when the statement may be applied to any resource. */
    public boolean anyResource() {
        return resources != null && resources.contains(ANY_RESOURCE);
    }
}
