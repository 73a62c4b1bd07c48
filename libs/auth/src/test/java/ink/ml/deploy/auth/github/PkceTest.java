package ink.ml.deploy.auth.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {
    @Test
    void theChallengeIsTheS256OfTheVerifierAsInRfc7636AppendixB() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void verifiersAreRandomAndWithinTheUnreservedAlphabet() {
        String verifier = Pkce.randomVerifier();

        assertThat(verifier).matches("[A-Za-z0-9_-]{43}");
        assertThat(Pkce.randomVerifier()).isNotEqualTo(verifier);
    }
}
