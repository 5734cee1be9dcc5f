package io.usp.server.front;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5Message;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import io.netty.util.ReferenceCountUtil;
import io.usp.server.dispatch.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * Mode {@code socks5}: the partner names its destination in a SOCKS5 CONNECT request
 * (RFC 1928; names are resolved where the connection is made, on the inside for a tunnel),
 * after the no-auth method or, when the collection has partner credentials, RFC 1929
 * username/password. Each message is read with Netty's decoder for it, one after the other.
 */
public final class Socks5Front extends RequestFront {

    private static final String DECODER = "socks5-decoder";
    private static final String ENCODER = "socks5-encoder";
    /**
     * RFC 1929 §2 calls any status but 0 a failure; 1 is the usual one (Netty's FAILURE is 0xFF),
     * so a partner's tool reads the reply as the common servers give it.
     */
    private static final Socks5PasswordAuthStatus LOGIN_FAILED = Socks5PasswordAuthStatus.valueOf((byte) 1);
    /** SOCKS4's "request rejected or failed" (version 0, code 91): the answer a SOCKS4 client understands. */
    private static final byte[] SOCKS4_REJECTED = {0, 91, 0, 0, 0, 0, 0, 0};

    /** Bytes the partner sent behind a message before it was answered: read by the next decoder. */
    private final List<ByteBuf> early = new ArrayList<>();
    private boolean versionRead;
    private boolean decoded;

    private Socks5Front(PartnerAuth auth) {
        super(auth);
    }

    /** Adds the SOCKS5 encoder and this front before {@code before}; decoders follow the version byte. */
    public static Front install(ChannelPipeline pipeline, String before, PartnerAuth auth) {
        Socks5Front front = new Socks5Front(auth);
        pipeline.addBefore(before, ENCODER, Socks5ServerEncoder.DEFAULT)
                .addBefore(before, "socks5", front);
        return front;
    }

    @Override
    protected void request(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            if (!versionRead) {
                version(ctx, bytes);
            } else if (decoded) {
                early.add(bytes); // behind a message not answered yet
            } else {
                decode(ctx, bytes);
            }
            return;
        }
        try {
            decoded = true;
            if (msg instanceof Socks5Message m && m.decoderResult().isFailure()) {
                malformed(ctx, m);
            } else if (msg instanceof Socks5InitialRequest greeting) {
                greeting(ctx, greeting);
            } else if (msg instanceof Socks5PasswordAuthRequest login) {
                login(ctx, login);
            } else if (msg instanceof Socks5CommandRequest command) {
                command(ctx, command);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void version(ChannelHandlerContext ctx, ByteBuf bytes) {
        byte version = bytes.getByte(bytes.readerIndex());
        if (version == 5) {
            versionRead = true;
            ctx.pipeline().addBefore(ctx.name(), DECODER, new Socks5InitialRequestDecoder());
            decode(ctx, bytes);
            return;
        }
        bytes.release();
        fail(ctx.channel(), Refusal.BAD_REQUEST, "SOCKS version " + version + " is not supported, only 5",
                version == 4 ? Unpooled.wrappedBuffer(SOCKS4_REJECTED) : null);
    }

    private void greeting(ChannelHandlerContext ctx, Socks5InitialRequest greeting) {
        Socks5AuthMethod wanted = auth.required() ? Socks5AuthMethod.PASSWORD : Socks5AuthMethod.NO_AUTH;
        if (!greeting.authMethods().contains(wanted)) {
            fail(ctx.channel(), auth.required() ? Refusal.PARTNER_AUTH : Refusal.BAD_REQUEST,
                    "offers methods " + greeting.authMethods() + ", needs " + wanted,
                    new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED));
            return;
        }
        ctx.channel().writeAndFlush(new DefaultSocks5InitialResponse(wanted));
        next(ctx, auth.required() ? new Socks5PasswordAuthRequestDecoder() : new Socks5CommandRequestDecoder());
    }

    private void login(ChannelHandlerContext ctx, Socks5PasswordAuthRequest login) {
        await(true, ctx);
        auth.check(login.username(), login.password(), ctx.channel().remoteAddress())
                .whenCompleteAsync((verdict, error) -> {
                    await(false, ctx);
                    if (error != null || !verdict.accepted()) {
                        fail(ctx.channel(), Refusal.PARTNER_AUTH, error != null
                                ? "credential check failed: " + error : verdict.detail(),
                                new DefaultSocks5PasswordAuthResponse(LOGIN_FAILED));
                    } else if (ctx.channel().isActive()) {
                        ctx.channel().writeAndFlush(new DefaultSocks5PasswordAuthResponse(
                                Socks5PasswordAuthStatus.SUCCESS));
                        next(ctx, new Socks5CommandRequestDecoder());
                    }
                }, ctx.executor());
    }

    private void command(ChannelHandlerContext ctx, Socks5CommandRequest command) {
        if (!Socks5CommandType.CONNECT.equals(command.type())) {
            fail(ctx.channel(), Refusal.BAD_REQUEST, "SOCKS5 command " + command.type() + " is not supported",
                    new DefaultSocks5CommandResponse(Socks5CommandStatus.COMMAND_UNSUPPORTED, Socks5AddressType.IPv4));
            return;
        }
        complete(ctx, DECODER);
        early.forEach(ctx::fireChannelRead);
        early.clear();
        named(command.dstAddr(), command.dstPort());
    }

    private void malformed(ChannelHandlerContext ctx, Socks5Message m) {
        String cause = String.valueOf(m.decoderResult().cause().getMessage());
        // the address decoder's only failure: an address type other than IPv4, domain name or IPv6
        boolean addressType = m instanceof Socks5CommandRequest && cause.startsWith("unsupported address type");
        fail(ctx.channel(), Refusal.BAD_REQUEST, "malformed SOCKS5 message: " + cause, addressType
                ? new DefaultSocks5CommandResponse(Socks5CommandStatus.ADDRESS_UNSUPPORTED, Socks5AddressType.IPv4)
                : null);
    }

    /** The decoder for the partner's next message replaces the last one and reads what came early. */
    private void next(ChannelHandlerContext ctx, ChannelHandler decoder) {
        ctx.pipeline().replace(DECODER, DECODER, decoder);
        decoded = false;
        List<ByteBuf> held = new ArrayList<>(early);
        early.clear();
        held.forEach(bytes -> decode(ctx, bytes));
    }

    /** Hands raw bytes to the current decoder, which sits just before this front. */
    private void decode(ChannelHandlerContext ctx, ByteBuf bytes) {
        ChannelHandlerContext decoder = ctx.pipeline().context(DECODER);
        try {
            ((ChannelInboundHandler) decoder.handler()).channelRead(decoder, bytes);
        } catch (Exception e) {
            fail(ctx.channel(), Refusal.BAD_REQUEST, "malformed SOCKS5 message: " + e.getMessage(), null);
        }
    }

    @Override
    public void connected(ChannelHandlerContext ctx) {
        ctx.channel().writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS,
                Socks5AddressType.IPv4, "0.0.0.0", 0));
        ctx.pipeline().remove(ENCODER);
        ctx.pipeline().remove(this);
    }

    @Override
    public void refused(ChannelHandlerContext ctx, Refusal reason) {
        Socks5CommandStatus status = switch (reason) {
            case NO_RULE, BLOCKED_BY_RULE, NOT_ALLOWED -> Socks5CommandStatus.FORBIDDEN;
            case TARGET_REFUSED -> Socks5CommandStatus.CONNECTION_REFUSED;
            case TARGET_UNREACHABLE -> Socks5CommandStatus.HOST_UNREACHABLE;
            case TARGET_TIMEOUT, NO_ANSWER -> Socks5CommandStatus.TTL_EXPIRED;
            default -> Socks5CommandStatus.FAILURE;
        };
        answerAndClose(ctx.channel(), new DefaultSocks5CommandResponse(status, Socks5AddressType.IPv4));
    }

    @Override
    protected Object timedOut() {
        return null; // SOCKS5 has no answer for a request that never came
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        super.channelInactive(ctx);
    }
}
