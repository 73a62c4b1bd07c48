package ink.ml.deploy.deployer.worker.build;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Which image builder the deployer drives, where it is, and how build output is reported. */
@ConfigMapping(prefix = "mcpdeploy.builder")
public interface BuildConfig {

    /**
     * {@code buildkit} (production: {@code buildctl} against the build pool's {@code buildkitd}) or
     * {@code docker} (a local Docker engine's BuildKit: single-machine installs, tests).
     */
    @WithDefault("buildkit")
    Kind kind();

    /** Longest a build plus push may take; a slower one fails the deployment. */
    @WithDefault("30m")
    Duration timeout();

    /**
     * What {@code RUN} steps reach: {@code none} (the default, safe on any daemon) or {@code
     * build-daemon}, the build daemon's own network, only where that network is behind the build
     * egress filter ({@link RunNetwork}).
     */
    @WithDefault("none")
    RunNetwork runNetwork();

    Buildkit buildkit();

    Docker docker();

    Output output();

    enum Kind {
        BUILDKIT,
        DOCKER
    }

    interface Buildkit {
        @WithDefault("buildctl")
        String binary();

        /** {@code buildctl --addr}: the build pool's buildkitd. */
        @WithDefault("tcp://buildkitd.dp-build.svc.cluster.local:1234")
        String address();

        /**
         * {@code buildctl --tlscacert/--tlscert/--tlskey}, for a buildkitd that requires client
         * certificates; required with {@code run-network=build-daemon} ({@link BuildkitClientTls}).
         */
        Optional<Tls> tls();
    }

    interface Tls {
        /** The CA that signed buildkitd's server certificate. */
        Path caCert();

        /** This client's certificate, signed by the CA buildkitd trusts. */
        Path cert();

        /** Its private key. */
        Path key();
    }

    interface Docker {
        /**
         * The Docker client. Debian's {@code docker.io} client, which has BuildKit built in; newer
         * clients delegate to a buildx plugin that may be missing.
         */
        @WithDefault("/usr/bin/docker")
        String binary();

        /** {@code docker -H}: the engine, e.g. {@code unix:///var/run/docker.sock}. */
        @WithDefault("unix:///var/run/docker.sock")
        String host();
    }

    /**
     * Build output travels to the deploy workflow as signals, each an event in its history: lines
     * are batched, long lines cut, and a runaway build's output capped, so the history stays far
     * below Temporal's limits.
     */
    interface Output {
        /**
         * Send what has accumulated at least this often (and everything at the end). Each send is a
         * signal, a workflow task and a database write on the product plane, all competing with the
         * build for the machine: once a second still reads as live, at a quarter of the cost of 250
         * ms.
         */
        @WithDefault("1s")
        Duration flushInterval();

        @WithDefault("100")
        int maxLinesPerBatch();

        @WithDefault("2000")
        int maxLineLength();

        /** Lines after this many are dropped (one line says so); failures still show the tail. */
        @WithDefault("10000")
        int maxLines();
    }
}
