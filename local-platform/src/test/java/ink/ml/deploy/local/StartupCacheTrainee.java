package ink.ml.deploy.local;

/** A program for {@link StartupCacheTest} to start from a jar, as a service is: says it ran. */
public final class StartupCacheTrainee {
    private StartupCacheTrainee() {}

    public static void main(String[] args) {
        System.out.println("trainee ran");
    }
}
