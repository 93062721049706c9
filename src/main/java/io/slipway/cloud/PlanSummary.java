package io.slipway.cloud;

/** Counts of a plan's changes. */
public record PlanSummary(int toCreate, int toUpdate, int toDelete, int unchanged, int errors) {
    /** Counts of some changes (e.g. one part of a plan); none unchanged, no errors. */
    public static PlanSummary of(java.util.Collection<Change> changes) {
        int create = 0;
        int update = 0;
        int delete = 0;
        int none = 0;
        for (Change change : changes) {
            switch (change.action()) {
                case CREATE -> create++;
                case UPDATE -> update++;
                case DELETE -> delete++;
                case NONE -> none++;
            }
        }
        return new PlanSummary(create, update, delete, none, 0);
    }

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
