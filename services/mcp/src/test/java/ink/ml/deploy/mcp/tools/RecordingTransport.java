package ink.ml.deploy.mcp.tools;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The SDK's own transport, with every JSON-RPC message it sends and receives written to a
 * transcript as the client saw it.
 */
final class RecordingTransport implements McpClientTransport {
    private final McpClientTransport delegate;
    private final Transcript transcript;

    RecordingTransport(McpClientTransport delegate, Transcript transcript) {
        this.delegate = delegate;
        this.transcript = transcript;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return delegate.connect(
                incoming ->
                        handler.apply(
                                incoming.doOnNext(message -> transcript.received(json(message)))));
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        transcript.sent(json(message));
        return delegate.sendMessage(message);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return delegate.unmarshalFrom(data, type);
    }

    private static String json(JSONRPCMessage message) {
        try {
            return McpJsonDefaults.getMapper().writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
