package ink.ml.deploy.buildplan;

/** What detection can recognise. */
public enum Language {
    NODE("Node"),
    PYTHON("Python"),
    GO("Go"),
    STATIC("Static site"),
    JAVA("Java");

    private final String displayName;

    Language(String displayName) {
        this.displayName = displayName;
    }

    /** How the build log names it. */
    public String displayName() {
        return displayName;
    }
}
