package io.usp.protocol.transport;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.util.concurrent.ThreadAwareExecutor;

/**
 * Netty's epoll handler with one fix: a socket that wants no events stays in the epoll set.
 *
 * <p>Netty 4.2.18 (since netty/netty#16689) deletes the fd from the epoll set when a channel's
 * interest becomes empty, but its registration still counts as added, so the next interest is an
 * {@code EPOLL_CTL_MOD} that fails with "epoll_ctl(..) failed with error(-2): No such file or
 * directory". Netty takes that for a write error and shuts the output down, dropping every queued
 * write ("Channel output shutdown"). A relay meets it whenever a peer half-closes (EPOLLRDHUP
 * cleared, nothing to read) and later has more to receive than its send buffer holds.
 *
 * <p>Here an empty interest is submitted as {@code EPOLLET} alone: the fd stays registered, and the
 * EPOLLHUP/EPOLLERR that epoll always reports wake the loop once per change, not on every wait
 * (the busy loop #16689 set out to end).
 */
final class EpollEmptyInterest implements IoHandlerFactory {

    private final IoHandlerFactory epoll;

    EpollEmptyInterest(IoHandlerFactory epoll) {
        this.epoll = epoll;
    }

    @Override
    public IoHandler newHandler(ThreadAwareExecutor executor) {
        return new Handler(epoll.newHandler(executor));
    }

    @Override
    public boolean isChangingThreadSupported() {
        return epoll.isChangingThreadSupported();
    }

    private record Handler(IoHandler epoll) implements IoHandler {

        @Override
        public void initialize() {
            epoll.initialize();
        }

        @Override
        public int run(IoHandlerContext context) {
            return epoll.run(context);
        }

        @Override
        public void prepareToDestroy() {
            epoll.prepareToDestroy();
        }

        @Override
        public void destroy() {
            epoll.destroy();
        }

        @Override
        public IoRegistration register(IoHandle handle) throws Exception {
            return new Registration(epoll.register(handle));
        }

        @Override
        public void wakeup() {
            epoll.wakeup();
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return epoll.isCompatible(handleType);
        }
    }

    /** Submits an empty interest as {@code EPOLLET} once the fd is in the epoll set. */
    private static final class Registration implements IoRegistration {

        private final IoRegistration epoll;
        private boolean added;

        Registration(IoRegistration epoll) {
            this.epoll = epoll;
        }

        @Override
        public <T> T attachment() {
            return epoll.attachment();
        }

        @Override
        public synchronized long submit(IoOps ops) {
            boolean empty = ((EpollIoOps) ops).value() == 0;
            if (empty && added) {
                return epoll.submit(EpollIoOps.EPOLLET);
            }
            long submitted = epoll.submit(ops);
            // Before the first real interest Netty has not added the fd and an empty one adds nothing.
            added |= !empty && submitted >= 0;
            return submitted;
        }

        @Override
        public boolean isValid() {
            return epoll.isValid();
        }

        @Override
        public boolean cancel() {
            return epoll.cancel();
        }
    }
}
