package io.slipway.cloud;

/**
 * Something that is not the owner's and keeps one of its deletes from going through, e.g. a network interface a
 * Service load balancer put into a subnet.
 *
 * @param id          the cloud id of the blocking object
 * @param description what it is, in the cloud's words (for status: "ELB app/k8s-web-abc/123", "instance i-1")
 */
public record Blocker(String id, String description) {
    @Override
    public String toString() {
        return description == null || description.isBlank() ? id : id + " (" + description + ")";
    }
}
