package io.tollgate.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the tollgate command in-process: its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tollgate.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** Standard output's lines, header included. */
    String[] lines() {
        return out.split("\n");
    }
}
