package dev.jrdkafka.misuse;

import java.io.PrintStream;
import java.util.List;

/**
 * The forked JVM of {@link MisuseSuiteTest}: runs the cases of one area in order, each on a
 * thread of its own bounded by the case's bound, and prints one line per case:
 * {@code CASE <id> PASS}, {@code CASE <id> FAIL <reason>}, or {@code CASE <id> HANG} (then the
 * JVM halts: what hangs may hold locks the next case needs). A crash ends the output early.
 */
public final class MisuseFork {
    private MisuseFork() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        List<MisuseCase> cases = MisuseAreas.cases(args[0]);
        for (MisuseCase c : cases) {
            if (args.length > 1 && !c.id().equals(args[1])) continue;
            out.println("START " + c.id());
            Throwable[] failure = new Throwable[1];
            Thread t = Thread.ofPlatform().daemon().name("misuse-" + c.id()).start(() -> {
                try {
                    c.body().run();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            t.join(c.boundSeconds() * 1000L);
            if (t.isAlive()) {
                out.println("CASE " + c.id() + " HANG after " + c.boundSeconds() + " s; stack of the case:");
                for (StackTraceElement e : t.getStackTrace()) out.println("    at " + e);
                out.flush();
                Runtime.getRuntime().halt(3);
            }
            if (failure[0] == null) {
                out.println("CASE " + c.id() + " PASS");
            } else {
                out.println("CASE " + c.id() + " FAIL " + oneLine(failure[0]));
                failure[0].printStackTrace(out);
            }
            out.flush();
        }
        out.println("DONE");
        out.flush();
        // Clients some cases drop unclosed are the Cleaner's (checked there); do not wait for them here.
        Runtime.getRuntime().halt(0);
    }

    private static String oneLine(Throwable t) {
        String s = t.toString();
        if (t.getCause() != null && t instanceof AssertionError) s += " / cause: " + t.getCause();
        return s.replace('\n', ' ');
    }
}
