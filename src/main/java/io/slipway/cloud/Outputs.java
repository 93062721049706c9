package io.slipway.cloud;

import java.util.Map;

/**
 * Implemented by live states that offer named values to other resources' references ({@link Ref#output}), so
 * that one kind never reads another kind's live type. Each kind documents its output names as constants.
 */
public interface Outputs {
    /** Named values of this live resource; a value that does not exist (yet) is absent. */
    Map<String, String> outputs();
}
