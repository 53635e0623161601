package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side: ARI's REST resources and event WebSocket under {@code /ari/}, the simulator's own controls under
 * {@code /sim/}, both behind HTTP basic auth (or {@code api_key=user:password}, which Asterisk also accepts).
 * Netty's event loops parse and write; the work itself happens on the exchange's thread.
 */
final class AriServer {
    private static final Logger log = LoggerFactory.getLogger(AriServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "Asterisk/" + AsteriskInfo.VERSION;

    private final Exchange x;
    private final AriResources ari;
    private final SimResources sim;
    private final SwitchSim.Options options;
    private final String basicAuth;
    private final String apiKey;
    private EventLoopGroup group;
    private Channel listener;

    AriServer(Exchange x, AriResources ari, SimResources sim, SwitchSim.Options options) {
        this.x = x;
        this.ari = ari;
        this.sim = sim;
        this.options = options;
        this.apiKey = options.user() + ":" + options.password();
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Binds and returns the port (a free one when {@code options.port()} is 0). */
    int start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(options.ioThreads(), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 8 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpServerCodec())
                                .addLast("aggregate", new HttpObjectAggregator(1 << 20))
                                .addLast("requests", new RequestHandler());
                    }
                });
        listener = bootstrap.bind(options.host(), options.port()).sync().channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    void stop() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private boolean authorised(FullHttpRequest request, QueryStringDecoder query) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.equals(basicAuth)) {
            return true;
        }
        List<String> keys = query.parameters().get("api_key");
        return keys != null && keys.contains(apiKey);
    }

    /** One HTTP connection: requests are answered in the order they came, even when answered on another thread. */
    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess()) {
                send(ctx, CompletableFuture.completedFuture(AriResponse.error(400, "Bad request")), false);
                return;
            }
            QueryStringDecoder query = new QueryStringDecoder(request.uri());
            String path = query.rawPath();
            boolean ariPath = path.equals("/ari") || path.startsWith("/ari/");
            boolean simPath = path.startsWith("/sim/");
            if (!ariPath && !simPath) {
                send(ctx, CompletableFuture.completedFuture(AriResponse.error(404, "Resource not found")), keepAlive);
                return;
            }
            if (!authorised(request, query)) {
                send(ctx, CompletableFuture.completedFuture(new AriResponse(401, Json.message("Authentication required"))),
                        keepAlive);
                return;
            }
            List<String> segments = segments(path.substring(simPath ? 5 : Math.min(path.length(), 5)));
            String method = request.method().name();
            if (simPath) {
                send(ctx, sim.handle(method, segments, query.parameters()), keepAlive);
                return;
            }
            if (segments.size() == 1 && "events".equals(segments.get(0)) && "GET".equals(method)) {
                events(ctx, request, query);
                return;
            }
            if (x.faults.failThisRequest()) {
                send(ctx, CompletableFuture.completedFuture(AriResponse.error(500, "Internal Server Error (simulated fault)")),
                        keepAlive);
                return;
            }
            AriResources.Call call;
            try {
                call = call(method, segments, query, request.content());
            } catch (Exception e) {
                send(ctx, CompletableFuture.completedFuture(AriResponse.error(400, "Invalid JSON body")), keepAlive);
                return;
            }
            send(ctx, ari.handle(call), keepAlive);
        }

        private void send(ChannelHandlerContext ctx, CompletableFuture<AriResponse> response, boolean keepAlive) {
            CompletableFuture<AriResponse> safe = response.exceptionally(
                    e -> AriResponse.error(500, "Internal Server Error"));
            previous = previous.thenCombine(safe, (ignored, r) -> r)
                    .thenAccept(r -> write(ctx, r, keepAlive));
        }

        private void events(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
            if (!"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
                writeUpgradeRequired(ctx);
                return;
            }
            List<String> apps = new ArrayList<>();
            for (String value : query.parameters().getOrDefault("app", List.of())) {
                for (String app : value.split(",")) {
                    if (!app.isEmpty()) {
                        apps.add(app);
                    }
                }
            }
            if (apps.isEmpty()) {
                write(ctx, AriResponse.error(400, "Missing parameter app"), false);
                return;
            }
            boolean subscribeAll = query.parameters().getOrDefault("subscribeAll", List.of()).contains("true");
            WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
                    "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(), null, true, 1 << 16);
            WebSocketServerHandshaker handshaker = factory.newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            EventStream stream = new EventStream(ctx.channel(), List.copyOf(apps), x.faults);
            // the applications are registered before the upgrade is answered: a client that starts calling once
            // its socket is open finds them registered (a channel created for an unregistered app is hung up)
            FullHttpRequest upgrade = request.retainedDuplicate();
            RequestHandler self = this;
            x.call(() -> {
                x.stasis.connect(stream, stream.apps, subscribeAll);
                return null;
            }).whenComplete((done, error) -> {
                // answered on this socket's own thread, ahead of any event written to it
                Runnable answer = () -> answerUpgrade(ctx, self, handshaker, stream, upgrade, error);
                if (ctx.channel().eventLoop().inEventLoop()) {
                    answer.run();
                } else {
                    ctx.channel().eventLoop().execute(answer);
                }
            });
        }

        private void answerUpgrade(ChannelHandlerContext ctx, RequestHandler self, WebSocketServerHandshaker handshaker,
                                   EventStream stream, FullHttpRequest upgrade, Throwable error) {
            try {
                if (error != null || !ctx.channel().isActive()) {
                    x.run(() -> x.stasis.disconnect(stream));
                    ctx.close();
                    return;
                }
                ctx.pipeline().replace(self, "events", new EventSocketHandler(handshaker, stream));
                handshaker.handshake(ctx.channel(), upgrade).addListener((ChannelFutureListener) shook -> {
                    if (!shook.isSuccess()) {
                        shook.channel().close();
                    }
                });
            } finally {
                upgrade.release();
            }
        }
    }

    /** An event WebSocket once upgraded: answers pings and closes, and unregisters its applications when it goes. */
    private final class EventSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final WebSocketServerHandshaker handshaker;
        private final EventStream stream;

        EventSocketHandler(WebSocketServerHandshaker handshaker, EventStream stream) {
            this.handshaker = handshaker;
            this.stream = stream;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                // unregister before answering the close, so a client that waits for the answer finds it done
                x.run(() -> x.stasis.disconnect(stream));
                handshaker.close(ctx.channel(), close.retain());
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            x.run(() -> x.stasis.disconnect(stream));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("event socket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private static AriResources.Call call(String method, List<String> segments, QueryStringDecoder query,
                                          ByteBuf content) throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>(query.parameters());
        Map<String, String> variables = null;
        JsonNode body = null;
        if (content.isReadable()) {
            body = JSON.readTree(content.toString(StandardCharsets.UTF_8));
            if (body != null && body.isObject()) {
                // Asterisk reads parameters from a JSON body as well as from the query; the body wins
                for (Map.Entry<String, JsonNode> field : body.properties()) {
                    JsonNode value = field.getValue();
                    if ("variables".equals(field.getKey()) && value.isObject()) {
                        variables = new LinkedHashMap<>();
                        for (Map.Entry<String, JsonNode> v : value.properties()) {
                            variables.put(v.getKey(), v.getValue().asText());
                        }
                    } else if (value.isValueNode()) {
                        params.put(field.getKey(), List.of(value.asText()));
                    }
                }
            }
        }
        return new AriResources.Call(method, segments, params, variables, body);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(QueryStringDecoder.decodeComponent(part));
            }
        }
        return out;
    }

    private static void write(ChannelHandlerContext ctx, AriResponse r, boolean keepAlive) {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.SERVER, SERVER)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        if (r.status() == 401) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Asterisk REST Interface\"");
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void writeUpgradeRequired(ChannelHandlerContext ctx) {
        byte[] body = ("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n<html><head>\r\n"
                + "<title>426 Upgrade Required</title>\r\n</head><body>\r\n<h1>Upgrade Required</h1>\r\n<p></p>\r\n"
                + "<hr />\r\n<address>" + SERVER + "</address>\r\n</body></html>\r\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.UPGRADE_REQUIRED, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html").setInt(HttpHeaderNames.CONTENT_LENGTH,
                body.length).set(HttpHeaderNames.SERVER, SERVER);
        ctx.writeAndFlush(response);
    }
}
