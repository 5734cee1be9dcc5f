package io.usp.protocol.relay;

/** Bytes a connection has carried so far each way, readable from any thread: a relay's, or a session's. */
public interface ByteCounts {

    /** From the partner (the relay's first end). */
    long bytesFromFirst();

    /** To the partner (read from the second end). */
    long bytesFromSecond();
}
