package io.renewd.cli;

import java.io.Console;

/** Whether a person watches: stdin and stdout are a terminal. */
final class Terminal {

    private Terminal() {
    }

    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() answers even when redirected; isTerminal() then tells (absent in 21, where null did).
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException notJdk22) {
            return true;
        }
    }
}
