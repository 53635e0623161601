package io.tollgate.app;

import picocli.CommandLine;

/** The version the jar was built as. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Tollgate.class.getPackage().getImplementationVersion();
        return new String[] {"tollgate " + (v == null ? "(development build)" : v)};
    }
}
