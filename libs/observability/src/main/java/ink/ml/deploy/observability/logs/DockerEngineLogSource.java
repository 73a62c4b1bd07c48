package ink.ml.deploy.observability.logs;

/** PLACEHOLDER: replaced by the helper that builds it. */
public final class DockerEngineLogSource implements RuntimeLogSource {
    public DockerEngineLogSource(String dockerHost, java.time.Duration timeout) {}

    @Override
    public LogPage read(ink.ml.deploy.domain.ServiceRef service, LogQuery query) {
        throw new UnsupportedOperationException("PLACEHOLDER: the logs helper writes this");
    }

    @Override
    public LogTail tail(
            ink.ml.deploy.domain.ServiceRef service,
            java.util.Optional<String> search,
            LogTail.Listener listener) {
        throw new UnsupportedOperationException("PLACEHOLDER: the logs helper writes this");
    }
}
