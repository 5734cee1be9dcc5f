package io.usp.server.enroll;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.usp.protocol.enroll.EnrollJson;
import io.usp.protocol.enroll.EnrollMessages.Refused;
import io.usp.protocol.enroll.EnrollRefusal;

/** Writes the one answer of an enrollment connection as JSON, then closes it. */
final class EnrollAnswers {

    private EnrollAnswers() {
    }

    static void refuse(ChannelHandlerContext ctx, EnrollRefusal refusal, String message) {
        send(ctx, HttpResponseStatus.valueOf(refusal.status()), new Refused(refusal.wireName(), message));
    }

    static void send(ChannelHandlerContext ctx, HttpResponseStatus status, Object body) {
        byte[] json;
        try {
            json = EnrollJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an enrollment answer", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(json));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
