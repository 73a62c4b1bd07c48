package ink.ml.deploy.graphql.auth;

/** Which credential signed a request in; kept on the identity so logout knows what it ends. */
public enum CredentialKind {
    /** {@code dk_live_…}: a CLI or agent. */
    API_KEY,
    /** {@code dk_sess_…}: a dashboard signed in with GitHub. */
    SESSION,
    /** A Firebase ID token (JWT) verified against the configured Firebase project. */
    FIREBASE_ID_TOKEN
}
