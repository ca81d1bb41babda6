package io.renewd.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of(List.of("NAME", "EXPIRES"), List.of(List.of("web", "in 12 days"), List.of("a-much-longer-name", "in 3 months")),
                        """
                        NAME                EXPIRES
                        web                 in 12 days
                        a-much-longer-name  in 3 months
                        """),
                Arguments.of(List.of("A", "LONGER HEADER", "C"), List.of(List.of("1", "2", "3")),
                        """
                        A  LONGER HEADER  C
                        1  2              3
                        """),
                Arguments.of(List.of(), List.of(List.of("name", "web"), List.of("not before", "x")),
                        """
                        name        web
                        not before  x
                        """),
                Arguments.of(List.of("NAME", "TAGS"), List.of(List.of("web", "")),
                        """
                        NAME  TAGS
                        web
                        """));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void alignsColumns(List<String> headers, List<List<String>> rows, String expected) {
        Table table = new Table(headers);
        rows.forEach(row -> table.row(row.toArray(String[]::new)));
        assertThat(table.render(new Style(false))).isEqualTo(expected);
    }

    @Test
    void colourDoesNotCountTowardsTheWidth() {
        Table table = new Table(List.of("NAME", "EXPIRES"))
                .row(List.of(new Table.Cell("web", Style.Colour.RED), Table.Cell.of("soon")))
                .row(List.of(Table.Cell.of("api-gateway"), Table.Cell.of("later")));
        String rendered = table.render(new Style(true));
        assertThat(rendered).contains("\u001b[31mweb\u001b[0m" + " ".repeat("api-gateway".length() - 3 + 2) + "soon");
        assertThat(rendered.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("""
                NAME         EXPIRES
                web          soon
                api-gateway  later
                """);
    }

    static Stream<Arguments> colourSwitch() {
        return Stream.of(
                Arguments.of(true, Map.of(), true),
                Arguments.of(true, Map.of("NO_COLOR", "1"), false),
                Arguments.of(true, Map.of("NO_COLOR", ""), true),
                Arguments.of(true, Map.of("TERM", "dumb"), false),
                Arguments.of(false, Map.of(), false));
    }

    @ParameterizedTest
    @MethodSource("colourSwitch")
    void coloursOnlyOnATerminalWithoutNoColor(boolean terminal, Map<String, String> env, boolean coloured) {
        assertThat(Style.of(terminal, env).enabled()).isEqualTo(coloured);
    }
}
