package io.usp.server.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the lines of the inside server's replies (after a line decoder) into {@link FtpReply}s,
 * multi-line ones included ({@code 211-...} up to {@code 211 ...}), within {@value #MAX_LINES} lines.
 */
final class FtpReplyDecoder extends MessageToMessageDecoder<ByteBuf> {

    static final int MAX_LINES = 500;

    private final List<String> pending = new ArrayList<>();
    private int code;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        String text = line.toString(StandardCharsets.UTF_8);
        if (pending.isEmpty()) {
            if (!text.matches("^[1-5]\\d\\d([ -].*)?$")) {
                throw new DecoderException("not an FTP reply: " + Lines.printable(text));
            }
            code = Integer.parseInt(text.substring(0, 3));
            if (text.length() <= 3 || text.charAt(3) == ' ') {
                out.add(FtpReply.of(code, text.length() > 4 ? text.substring(4) : ""));
                return;
            }
            pending.add(text.substring(4));
            return;
        }
        if (text.startsWith(code + " ")) {
            pending.add(text.substring(4));
            out.add(new FtpReply(code, pending));
            pending.clear();
            return;
        }
        if (pending.size() >= MAX_LINES) {
            throw new DecoderException("a reply of over " + MAX_LINES + " lines");
        }
        pending.add(text.startsWith(code + "-") ? text.substring(4) : text);
    }
}
