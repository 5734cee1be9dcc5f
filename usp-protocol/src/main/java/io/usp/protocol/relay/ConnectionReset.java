package io.usp.protocol.relay;

import io.netty.channel.unix.Errors;
import java.io.IOException;

/** Tells a peer's abort (a TCP RST) from other errors: for a relay it is a close, not a fault. */
final class ConnectionReset {

    private ConnectionReset() {
    }

    static boolean is(Throwable cause) {
        if (cause instanceof Errors.NativeIoException nativeError) {
            // Errors is read only here: the native transport that threw this is loaded
            return nativeError.expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE;
        }
        // the NIO transport carries no error number, only the JDK's text
        return cause instanceof IOException && cause.getMessage() != null
                && cause.getMessage().startsWith("Connection reset");
    }
}
