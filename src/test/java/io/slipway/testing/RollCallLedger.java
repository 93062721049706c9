package io.slipway.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.autoscaling.model.DetachInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Records every attempt of a rolling update's mutating AWS calls as it goes on the wire (DetachInstances,
 * TerminateInstances, TerminateInstanceInAutoScalingGroup, DeregisterTargets), with the instance ids it names. Shared by
 * the operators a test starts one after the other, it counts what all of them sent.
 */
public final class RollCallLedger implements ExecutionInterceptor {
    public static final String DETACH = "DetachInstances";
    public static final String TERMINATE = "TerminateInstances";
    public static final String TERMINATE_IN_GROUP = "TerminateInstanceInAutoScalingGroup";
    public static final String DEREGISTER = "DeregisterTargets";
    public static final Set<String> OPERATIONS = Set.of(DETACH, TERMINATE, TERMINATE_IN_GROUP, DEREGISTER);

    /** One attempt sent. */
    public record Call(String operation, List<String> instanceIds) {
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (OPERATIONS.contains(operation)) {
            synchronized (this) {
                calls.add(new Call(operation, instanceIds(context.request())));
            }
        }
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many TerminateInstances and TerminateInstanceInAutoScalingGroup attempts named the instance. */
    public synchronized long terminations(String instanceId) {
        return calls.stream().filter(c -> c.operation().equals(TERMINATE) || c.operation().equals(TERMINATE_IN_GROUP))
                .filter(c -> c.instanceIds().contains(instanceId)).count();
    }

    /** How many attempts of {@code operation} named the instance. */
    public synchronized long calls(String operation, String instanceId) {
        return calls.stream().filter(c -> c.operation().equals(operation) && c.instanceIds().contains(instanceId)).count();
    }

    static List<String> instanceIds(SdkRequest request) {
        if (request instanceof DetachInstancesRequest r) {
            return r.instanceIds();
        }
        if (request instanceof TerminateInstancesRequest r) {
            return r.instanceIds();
        }
        if (request instanceof TerminateInstanceInAutoScalingGroupRequest r) {
            return List.of(r.instanceId());
        }
        if (request instanceof DeregisterTargetsRequest r) {
            return r.targets().stream().map(TargetDescription::id).toList();
        }
        return new ArrayList<>();
    }
}
