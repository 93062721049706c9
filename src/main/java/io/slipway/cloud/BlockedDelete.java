package io.slipway.cloud;

import java.util.List;

/** A delete that keeps failing as "still in use", with what holds it that the owner did not make. */
public record BlockedDelete(Change change, List<Blocker> blockers) {
    public BlockedDelete {
        blockers = List.copyOf(blockers);
    }

    @Override
    public String toString() {
        return change.kind() + " " + change.cloudId() + " is held by " + blockers;
    }
}
