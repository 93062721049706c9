package io.slipway.aws.iam;

import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.FindContext;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The IAM paths a find lists: the owner's cluster path {@code /slipway/<namespace>/<cluster>/} (also on teardown,
 * when nothing is desired; the same rule as model.AwsNames#iamPath) and any path the desired resources name.
 */
final class IamPaths {
    private IamPaths() {
    }

    static String ofCluster(String ownerId) {
        return "/slipway/" + ownerId + "/";
    }

    static <S extends io.slipway.cloud.ResourceSpec> Set<String> of(FindContext<S> context, Function<S, String> path) {
        Set<String> paths = new TreeSet<>();
        paths.add(ofCluster(context.owner().id()));
        for (DesiredResource<S> desired : context.desired()) {
            paths.add(path.apply(desired.spec()));
        }
        return paths;
    }
}
