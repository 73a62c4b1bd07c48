package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamespacesTest {

    @Test
    void customerNamespaceIsDpUserProject() {
        assertThat(Namespaces.forProject(UserId.of("u42"), ProjectName.of("shop")))
                .isEqualTo("dp-u42-shop");
    }

    @Test
    void serviceRefDerivesItsNamespaceAndHostLabel() {
        ServiceRef ref = ServiceRef.of("u42", "shop", "web");
        assertThat(ref.namespace()).isEqualTo("dp-u42-shop");
        assertThat(ref.hostLabel()).isEqualTo("web-shop-u42");
    }

    @Test
    void sameNamesOfDifferentUsersNeverShareAHostLabel() {
        // The user id comes last and has no hyphen, so it cannot be confused with a name part.
        assertThat(ServiceRef.of("u1", "b", "web-a").hostLabel())
                .isNotEqualTo(ServiceRef.of("a", "b-u1", "web").hostLabel());
    }
}
