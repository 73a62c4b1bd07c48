package ink.ml.deploy.platform.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectsTest {
    @Inject Projects projects;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void newUserStartsWithADefaultProject() {
        Caller caller = users.newCaller();

        Page<ProjectView> page = projects.list(caller, PageRequest.firstPage());

        assertThat(page.items())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.name()).isEqualTo("default");
                            assertThat(p.isDefault()).isTrue();
                            assertThat(p.namespace()).isEqualTo("dp-" + caller.id() + "-default");
                            assertThat(p.region()).isEqualTo("eu-central-1");
                        });
        assertThat(projects.getDefault(caller).id()).isEqualTo(page.items().get(0).id());
    }

    @Test
    void theDatabaseRefusesARegionOfAnotherShape() {
        ProjectView shop = projects.create(users.newCaller(), "shop");

        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "update projects set"
                                                                                + " region = 'EU'"
                                                                                + " where id = ?1")
                                                                .setParameter(
                                                                        1,
                                                                        UUID.fromString(shop.id()))
                                                                .executeUpdate()))
                .hasStackTraceContaining("projects_region_shape");
    }

    @Test
    void createsAndFindsAProjectByIdAndName() {
        Caller caller = users.newCaller();
        ProjectView shop = projects.create(caller, "shop");

        assertThat(projects.get(caller, shop.id())).isEqualTo(shop);
        assertThat(projects.getByName(caller, "shop")).isEqualTo(shop);
        assertThat(shop.isDefault()).isFalse();
    }

    @Test
    void refusesASecondProjectWithTheSameName() {
        Caller caller = users.newCaller();
        projects.create(caller, "shop");

        assertThatThrownBy(() -> projects.create(caller, "shop"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("name: you already have a project named shop");
    }

    @Test
    void twoUsersMayUseTheSameProjectName() {
        projects.create(users.newCaller(), "blog");
        assertThat(projects.create(users.newCaller(), "blog").name()).isEqualTo("blog");
    }

    @Test
    void refusesInvalidNamesNamingTheField() {
        Caller caller = users.newCaller();
        assertThatThrownBy(() -> projects.create(caller, "My Shop"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("project: ");
        assertThatThrownBy(() -> projects.get(caller, "not-a-uuid"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("projectId: ");
    }

    @Test
    void anotherUsersProjectIsNotFound() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        ProjectView shop = projects.create(owner, "shop");

        assertThatThrownBy(() -> projects.get(stranger, shop.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("project " + shop.id() + " not found");
        assertThatThrownBy(() -> projects.delete(stranger, shop.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(projects.get(owner, shop.id())).isEqualTo(shop);
    }

    @Test
    void pagesThroughEveryProjectOnceEvenWhenProjectsAreAddedMeanwhile() {
        Caller caller = users.newCaller();
        for (int i = 0; i < 7; i++) {
            projects.create(caller, "p" + i);
        }
        List<String> seen = new ArrayList<>();
        Page<ProjectView> page = projects.list(caller, PageRequest.of(3, null));
        seen.addAll(page.items().stream().map(ProjectView::name).toList());
        projects.create(caller, "late");
        while (page.hasNextPage()) {
            page = projects.list(caller, PageRequest.of(3, page.endCursor().orElseThrow()));
            seen.addAll(page.items().stream().map(ProjectView::name).toList());
        }

        assertThat(seen)
                .containsExactly("default", "p0", "p1", "p2", "p3", "p4", "p5", "p6", "late");
    }

    @Test
    void refusesBadPageRequests() {
        assertThatThrownBy(() -> PageRequest.of(0, null)).hasMessageStartingWith("first: ");
        assertThatThrownBy(() -> PageRequest.of(101, null)).hasMessageStartingWith("first: ");
        assertThatThrownBy(() -> PageRequest.of(10, "bm90IGEgY3Vyc29y"))
                .hasMessage("after: is not a cursor returned by this API");
    }

    @Test
    void deletesAnEmptyProject() {
        Caller caller = users.newCaller();
        ProjectView shop = projects.create(caller, "shop");

        projects.delete(caller, shop.id());

        assertThatThrownBy(() -> projects.get(caller, shop.id()))
                .isInstanceOf(NotFoundException.class);
    }
}
