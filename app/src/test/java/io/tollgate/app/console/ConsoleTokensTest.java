package io.tollgate.app.console;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTokensTest {
    private static final String TRADER = "t".repeat(32);
    private static final String ADMIN = "a".repeat(32);
    private final ConsoleServer server = new ConsoleServer(new ConsoleSettings(null, 0, Map.of(
            TRADER, new Caller("desk", Role.TRADER), ADMIN, new Caller("ops", Role.ADMIN))), null, java.util.List.of());

    @Test
    void aBearerTokenOfTheSettingsNamesItsCaller() {
        assertThat(server.authenticate("Bearer " + TRADER)).contains(new Caller("desk", Role.TRADER));
        assertThat(server.authenticate("bearer " + ADMIN)).contains(new Caller("ops", Role.ADMIN));
        assertThat(server.authenticate("Bearer " + TRADER + "x")).isEmpty();
        assertThat(server.authenticate("Bearer ")).isEmpty();
        assertThat(server.authenticate(TRADER)).as("without the scheme").isEmpty();
        assertThat(server.authenticate(null)).isEmpty();
    }

    @Test
    void aRoleNotAllowedIsRefusedSayingWhichWouldDoAndAdminMayDoEverything() {
        ConsoleServer.Route route = new ConsoleServer.Route("POST", "/api/x", Set.of(Role.FRAUD, Role.TRADER), c -> { });
        assertThat(ConsoleServer.refusal(route, new Caller("fin", Role.FINANCE)))
                .isEqualTo("POST /api/x needs role trader or fraud or admin; your token 'fin' is finance");
        assertThat(ConsoleServer.refusal(route, new Caller("desk", Role.TRADER))).isNull();
        assertThat(ConsoleServer.refusal(route, new Caller("ops", Role.ADMIN))).isNull();
    }

    @Test
    void settingsNeverPrintTheirTokens() {
        assertThat(new ConsoleSettings("127.0.0.1", 8090, Map.of(TRADER, new Caller("desk", Role.TRADER))).toString())
                .doesNotContain(TRADER);
    }
}
