package ink.ml.deploy.buildplan;

/** What detection can recognise. */
public enum Language {
    NODE,
    PYTHON,
    GO,
    STATIC,
    JAVA
}
