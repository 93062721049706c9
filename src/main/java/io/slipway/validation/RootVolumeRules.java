package io.slipway.validation;

import io.slipway.api.WireEnums;
import io.slipway.api.ClusterSpec;
import io.slipway.api.RootVolumeSpec;
import io.slipway.api.RootVolumeSpec.VolumeType;
import io.slipway.api.SpecDefaults;

/**
 * EBS rules for the root volume: which settings apply to which volume type (the CRD's CEL rules) and the EBS
 * limits that would otherwise only fail when an instance launches (boot-capable types, IOPS per GiB,
 * throughput per IOPS, KMS key region).
 */
final class RootVolumeRules {
    static final int GP3_BASELINE_IOPS = 3000;
    static final int GP3_MAX_IOPS = 80000;
    static final int IO1_MAX_IOPS = 64000;
    static final int STANDARD_MAX_SIZE = 1024;

    private RootVolumeRules() {
    }

    static void check(RootVolumeSpec v, ClusterSpec cluster, ErrorList errors) {
        if (v == null) {
            return;
        }
        String base = "spec.rootVolume";
        VolumeType type = WireEnums.parse(VolumeType.class, v.type).orElse(VolumeType.valueOf(SpecDefaults.ROOT_VOLUME_TYPE));
        boolean encrypted = v.encrypted == null ? SpecDefaults.ROOT_VOLUME_ENCRYPTED : v.encrypted;
        if (v.iops != null && type != VolumeType.gp3 && type != VolumeType.io1 && type != VolumeType.io2) {
            errors.add(base + ".iops", CelMessages.IOPS_TYPES + " (type is " + type + ")");
        }
        if (v.throughput != null && type != VolumeType.gp3) {
            errors.add(base + ".throughput", CelMessages.THROUGHPUT_TYPE + " (type is " + type + ")");
        }
        if (v.kmsKeyId != null && !encrypted) {
            errors.add(base + ".kmsKeyId", CelMessages.KMS_NEEDS_ENCRYPTION);
        }
        if (type == VolumeType.st1 || type == VolumeType.sc1) {
            errors.add(base + ".type", type + " volumes cannot be boot volumes; use gp3");
        }
        if (type == VolumeType.standard && v.size != null && v.size > STANDARD_MAX_SIZE && !errors.has(base + ".size")) {
            errors.add(base + ".size", "standard (magnetic) volumes hold at most " + STANDARD_MAX_SIZE + " GiB; use gp3");
        }
        checkIops(v, type, base, errors);
        if (type == VolumeType.gp3 && v.throughput != null && !errors.has(base + ".throughput") && !errors.has(base + ".iops")) {
            int iops = v.iops == null ? GP3_BASELINE_IOPS : v.iops;
            if (v.throughput * 4L > iops) {
                errors.add(base + ".throughput", "gp3 allows 0.25 MiB/s per IOPS: " + v.throughput + " MiB/s needs iops of at least "
                        + (v.throughput * 4) + " (iops is " + iops + (v.iops == null ? " by default" : "") + ")");
            }
        }
        if (v.kmsKeyId != null && cluster != null && v.kmsKeyId.startsWith("arn:") && !errors.has(base + ".kmsKeyId")) {
            String[] parts = v.kmsKeyId.split(":", 6);
            if (parts.length >= 4 && cluster.region != null && !parts[3].equals(cluster.region)) {
                errors.add(base + ".kmsKeyId", "the KMS key is in region " + parts[3] + " but the Cluster is in " + cluster.region
                        + "; EBS needs a key from the same region");
            }
        }
    }

    private static void checkIops(RootVolumeSpec v, VolumeType type, String base, ErrorList errors) {
        String path = base + ".iops";
        if ((type == VolumeType.io1 || type == VolumeType.io2) && v.iops == null) {
            errors.add(path, type + " volumes need iops");
            return;
        }
        if (v.iops == null || errors.has(path)) {
            return;
        }
        int perGiB;
        int max;
        switch (type) {
            case gp3 -> {
                perGiB = 500;
                max = GP3_MAX_IOPS;
                if (v.iops < GP3_BASELINE_IOPS) {
                    errors.add(path, "gp3 volumes have at least " + GP3_BASELINE_IOPS + " IOPS (got " + v.iops + "); leave iops unset for the baseline");
                    return;
                }
            }
            case io1 -> {
                perGiB = 50;
                max = IO1_MAX_IOPS;
            }
            case io2 -> {
                perGiB = 1000;
                max = 256000;
            }
            default -> {
                return;
            }
        }
        if (v.iops > max) {
            errors.add(path, type + " volumes allow at most " + max + " IOPS (got " + v.iops + ")");
        } else if (v.size != null && !errors.has(base + ".size") && (long) v.iops > (long) perGiB * v.size) {
            errors.add(path, type + " allows at most " + perGiB + " IOPS per GiB: " + v.iops + " IOPS need a size of at least "
                    + ((v.iops + perGiB - 1) / perGiB) + " GiB (size is " + v.size + ")");
        }
    }
}
