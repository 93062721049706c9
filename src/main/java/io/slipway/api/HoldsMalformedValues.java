package io.slipway.api;

import java.util.List;

/**
 * A resource that remembers the values its deserialisation had to leave out for having the wrong JSON type. The list
 * is never serialised: the API server must not see it, and JOSDK's status patches (diffs of two serialised copies)
 * must not contain it.
 */
public interface HoldsMalformedValues {
    List<MalformedValue> getMalformedValues();

    void setMalformedValues(List<MalformedValue> values);
}
