package io.slipway.cloud;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a {@link Plan}.
 *
 * @param kind      kind name
 * @param logicalId logical id (duplicates of one logical id are told apart by cloud id)
 * @param action    what the executor will do
 * @param lifecycle MANAGED or SHARED (shared resources only ever have {@link Action#NONE})
 * @param cloudId   the live object's id; null for a create
 * @param fields    changed fields (for a create: every specified field, from null)
 * @param reason    why, in words, for deletes and creates ("not in the desired state", "duplicate of ...")
 */
public record Change(String kind, String logicalId, Action action, Lifecycle lifecycle, String cloudId,
                     List<FieldChange> fields, String reason) {
    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(action, "action");
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** Unique within a plan. */
    public String key() {
        return action == Action.DELETE ? logicalId + "@" + cloudId : logicalId;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(action.name().toLowerCase()).append(' ')
                .append(kind).append(' ').append(logicalId);
        if (cloudId != null) {
            text.append(" (").append(cloudId).append(')');
        }
        if (reason != null) {
            text.append(": ").append(reason);
        } else if (!fields.isEmpty() && action == Action.UPDATE) {
            text.append(": ").append(fields);
        }
        return text.toString();
    }
}
