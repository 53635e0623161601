package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code tollgate} command. Exit codes are a contract: 0 ok, 2 bad input (the message names file, line and
 * field), 1 any other failure.
 */
@Command(name = "tollgate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Billing, reconciliation and fraud analytics for wholesale VoIP carriers.",
        subcommands = {RateCommand.class, RouteCommand.class, AgentCommand.class, SimCommand.class, LoadtestCommand.class, DemoCommand.class, TopicsCommand.class, DbCommand.class, CdrCommand.class, DeadLetterCommand.class, ConfigCommand.class, DeckCommand.class,
                RerateCommand.class, JobsCommand.class, ReconcileCommand.class, FraudCommand.class, ExportCommand.class, ServeCommand.class, InvoiceCommand.class, CommandLine.HelpCommand.class})
public final class Tollgate implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams and returns its exit code; what tests call. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Tollgate())
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(Tollgate::exitCode)
                .setExecutionExceptionHandler(Tollgate::report);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int exitCode(Throwable e) {
        return e instanceof BadInputException || e instanceof CommandLine.ParameterException ? BAD_INPUT : FAILURE;
    }

    private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof BadInputException bad) {
            err.println(cli.getCommandSpec().qualifiedName() + ": bad input:");
            bad.problems().stream().limit(50).forEach(p -> err.println("  " + p));
            if (bad.problems().size() > 50) {
                err.println("  ... and " + (bad.problems().size() - 50) + " more");
            }
            return BAD_INPUT;
        }
        err.println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        if (System.getenv("TOLLGATE_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set TOLLGATE_DEBUG=1 for the stack trace)");
        }
        return FAILURE;
    }
}
