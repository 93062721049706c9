package io.slipway.cloud;

/** Counts of a plan's changes. */
public record PlanSummary(int toCreate, int toUpdate, int toDelete, int unchanged, int errors) {
    /** e.g. "3 to create, 1 to update, 0 to delete". */
    public String describe() {
        String text = toCreate + " to create, " + toUpdate + " to update, " + toDelete + " to delete";
        return errors == 0 ? text : text + ", " + errors + (errors == 1 ? " error" : " errors");
    }

    @Override
    public String toString() {
        return describe();
    }
}
