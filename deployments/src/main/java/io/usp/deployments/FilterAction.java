package io.usp.deployments;

/** What an IP filter does with a partner address. */
public enum FilterAction {
    ALLOW,
    BLOCK
}
