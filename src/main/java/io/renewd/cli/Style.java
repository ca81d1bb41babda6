package io.renewd.cli;

/** ANSI colours, only when stdout is a terminal and NO_COLOR is unset (https://no-color.org). */
record Style(boolean enabled) {

    enum Colour {
        RED("31"), YELLOW("33"), GREEN("32"), BOLD("1");

        private final String code;

        Colour(String code) {
            this.code = code;
        }
    }

    static Style of(boolean terminal, java.util.Map<String, String> env) {
        String noColour = env.get("NO_COLOR");
        return new Style(terminal && (noColour == null || noColour.isEmpty()) && !"dumb".equals(env.get("TERM")));
    }

    String paint(Colour colour, String text) {
        return enabled && colour != null ? "\u001b[" + colour.code + "m" + text + "\u001b[0m" : text;
    }
}
