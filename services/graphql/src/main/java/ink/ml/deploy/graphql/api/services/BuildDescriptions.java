package ink.ml.deploy.graphql.api.services;

/** What the build fields mean, said once for the inputs and the Service type. */
final class BuildDescriptions {
    static final String BUILD =
            "How the image is built: auto (the Dockerfile when there is one, else the app is"
                    + " detected), dockerfile, or a generated build for node, python, go, static"
                    + " or java.";
    private static final String COMMAND =
            " for a generated build: one line (join steps with &&), at most 1000 characters;"
                    + " the detected one when absent.";
    static final String INSTALL_COMMAND = "The install command, e.g. npm ci," + COMMAND;
    static final String BUILD_COMMAND = "The build command, e.g. npm run build," + COMMAND;
    static final String START_COMMAND =
            "The start command, e.g. node server.js (listen on $PORT)," + COMMAND;

    private BuildDescriptions() {}
}
