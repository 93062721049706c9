/**
 * The EC2 network kinds of the engine, one small class per kind, each with its spec record: VPC, subnet,
 * internet gateway and its attachment, Elastic IP, NAT gateway, route table, route, route-table association,
 * security group and security-group (ingress) rule. Build them with {@link io.slipway.aws.ec2.Ec2NetworkKinds}.
 *
 * <p>Ownership: every created resource carries {@code slipway.io/cluster=<namespace>/<name>} and
 * {@code slipway.io/resource=<logical id>} in its create call; find filters on the first and reads the second.
 * Routes, associations, attachments and rules have no tags: they are read from their parent's describe and are
 * owned when their parent is. Creates that EC2 cannot make idempotent are sent without SDK retries and, after
 * an ambiguous failure, looked up by their tags before being tried again ({@link io.slipway.aws.ec2.IdempotentCreate}).
 */
package io.slipway.aws.ec2;
