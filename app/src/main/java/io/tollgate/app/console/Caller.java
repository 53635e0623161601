package io.tollgate.app.console;

/** Who is calling: the name of the token used (audit logs it) and its role. */
public record Caller(String name, Role role) {
}
