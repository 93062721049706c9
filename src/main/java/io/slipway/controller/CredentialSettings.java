package io.slipway.controller;

import io.slipway.bootstrap.KeyAlgorithm;

import java.time.Duration;

/**
 * How the cluster's credentials are made and renewed.
 *
 * @param keyAlgorithm       key type of new keys (default RSA 2048, kubeadm's default)
 * @param caValidity         lifetime of a new CA (default 10 years)
 * @param leafValidity       lifetime of a new leaf certificate, the admin client certificate (default 1 year)
 * @param leafRenewBefore    a leaf certificate is re-issued when less than this remains (default 30 days)
 * @param tokenTtl           lifetime of a new bootstrap token (default 24 hours, kubeadm's default)
 * @param tokenRenewBefore   the bootstrap token is replaced when less than this remains (default 8 hours)
 */
public record CredentialSettings(KeyAlgorithm keyAlgorithm, Duration caValidity, Duration leafValidity,
                                 Duration leafRenewBefore, Duration tokenTtl, Duration tokenRenewBefore) {
    public CredentialSettings {
        if (leafRenewBefore.compareTo(leafValidity) >= 0) {
            throw new IllegalArgumentException("leafRenewBefore must be shorter than leafValidity, or every reconcile renews");
        }
        if (tokenRenewBefore.compareTo(tokenTtl) >= 0) {
            throw new IllegalArgumentException("tokenRenewBefore must be shorter than tokenTtl, or every reconcile renews");
        }
    }

    public static CredentialSettings defaults() {
        return new CredentialSettings(KeyAlgorithm.RSA_2048, Duration.ofDays(3650), Duration.ofDays(365),
                Duration.ofDays(30), Duration.ofHours(24), Duration.ofHours(8));
    }
}
