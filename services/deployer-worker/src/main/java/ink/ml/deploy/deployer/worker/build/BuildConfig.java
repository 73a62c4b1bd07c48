package ink.ml.deploy.deployer.worker.build;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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

        /**
         * {@code docker build --network}: {@code none} keeps builds off the network (and the
         * machine's local services); {@code default} lets RUN steps download packages.
         */
        @WithDefault("none")
        String network();
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
