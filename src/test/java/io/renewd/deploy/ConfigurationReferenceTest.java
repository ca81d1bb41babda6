package io.renewd.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md documents every renewd setting as the code defines it: a row per
 * property of every {@code @ConfigMapping} interface (found by scanning the compiled classes,
 * walked by reflection) and per {@code renewd.*} key used in {@code ${…}} expressions or set in
 * application.properties, with its environment variable, type and default exactly as in the
 * code; and no row for a setting the code does not have. On failure the message lists what is
 * wrong and the rows the table should have.
 */
class ConfigurationReferenceTest {

    static final Path REFERENCE = Path.of("docs/configuration.md");

    /** The heading of the table this test checks row by row. */
    static final String RENEWD_SECTION = "## renewd settings";
    /** The heading of the table of Quarkus and Kafka client settings (only their variable names are checked). */
    static final String QUARKUS_SECTION = "## Quarkus, Kafka and image settings";

    /**
     * Settings read with {@code @ConfigProperty} rather than a {@code @ConfigMapping} (the class
     * scan cannot see them); {@link #processRolesRowMatchesTheCode()} checks their rows.
     */
    static final Set<String> ANNOUNCED = Set.of(io.renewd.config.ProcessRoles.PROPERTY);

    @Test
    void processRolesRowMatchesTheCode() throws IOException {
        String row = Files.readAllLines(Path.of("docs/configuration.md")).stream()
                .filter(line -> line.startsWith("| `" + io.renewd.config.ProcessRoles.PROPERTY + "`")).findFirst().orElseThrow();
        assertThat(row).contains("`" + RenewdSettings.envVar(io.renewd.config.ProcessRoles.PROPERTY) + "`",
                "`" + io.renewd.config.ProcessRoles.ALL + "`");
        for (io.renewd.config.Role role : io.renewd.config.Role.values()) {
            assertThat(row).as("the row names role %s", role).contains("`" + role.name().toLowerCase() + "`");
        }
    }

    record Row(String setting, String envVar, String type, String defaultValue, int line) {
    }

    @Test
    void everyConfigMappingInTheSourcesIsFoundByTheClassScan() throws IOException {
        List<String> inSources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RenewdSettings.MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Pattern.compile("^@ConfigMapping\\b", Pattern.MULTILINE).matcher(Files.readString(file)).find()) {
                    inSources.add(RenewdSettings.MAIN_SOURCES.relativize(file).toString()
                            .replace(".java", "").replace(java.io.File.separatorChar, '.'));
                }
            }
        }
        List<String> scanned = RenewdSettings.mappingInterfaces().stream().map(Class::getName).toList();

        assertThat(inSources).as("files with @ConfigMapping under src/main/java").isNotEmpty();
        assertThat(scanned).as("@ConfigMapping interfaces found in %s", RenewdSettings.MAIN_CLASSES)
                .containsExactlyInAnyOrderElementsOf(inSources);
    }

    @Test
    void theCodeAgreesWithItselfOnDefaults() {
        assertThat(RenewdSettings.inconsistencies()).as("settings whose defaults differ between a mapping and a ${…:fallback}").isEmpty();
    }

    @Test
    void theReferenceHasARowForEverySettingWithItsVariableTypeAndDefaultAsInTheCode() throws IOException {
        Map<String, Row> rows = rows(RENEWD_SECTION);
        List<RenewdSettings.Setting> settings = RenewdSettings.all();
        List<String> problems = new ArrayList<>();

        for (RenewdSettings.Setting setting : settings) {
            Row row = rows.get(setting.name());
            if (row == null) {
                problems.add("missing: " + setting.name() + " (from " + setting.source() + ")");
                continue;
            }
            if (!row.envVar().equals(setting.envVar())) {
                problems.add(setting.name() + " (line " + row.line() + "): environment variable is " + setting.envVar() + ", the reference says " + row.envVar());
            }
            if (!row.type().equals(setting.type())) {
                problems.add(setting.name() + " (line " + row.line() + "): type is " + setting.type() + ", the reference says " + row.type());
            }
            if (!row.defaultValue().equals(setting.defaultValue())) {
                problems.add(setting.name() + " (line " + row.line() + "): default is " + setting.defaultValue() + ", the reference says " + row.defaultValue());
            }
        }
        Set<String> inCode = RenewdSettings.names();
        for (Row row : rows.values()) {
            if (!inCode.contains(row.setting()) && !ANNOUNCED.contains(row.setting())) {
                problems.add("documented but not in the code: " + row.setting() + " (line " + row.line() + ")");
            }
            if (!row.envVar().equals(RenewdSettings.envVar(row.setting()))) {
                problems.add(row.setting() + " (line " + row.line() + "): its environment variable is " + RenewdSettings.envVar(row.setting()));
            }
        }

        assertThat(problems).as("""
                %s, table under "%s", against the code. The rows it should have (keep your descriptions):
                %s""", REFERENCE, RENEWD_SECTION, expectedRows(settings)).isEmpty();
    }

    @Test
    void theQuarkusTableNamesEachVariableAsItsPropertyMapsTo() throws IOException {
        Map<String, Row> rows = rows(QUARKUS_SECTION);

        assertThat(rows).as("rows of the table under \"%s\"", QUARKUS_SECTION)
                .containsKeys("quarkus.datasource.jdbc.url", "kafka.bootstrap.servers", "quarkus.mailer.host", "quarkus.http.ssl-port");
        assertThat(rows.values()).allSatisfy(row -> {
            if (row.setting().contains(".")) {
                assertThat(row.envVar()).as("variable of %s (line %d)", row.setting(), row.line()).isEqualTo(RenewdSettings.envVar(row.setting()));
            }
        });
    }

    /** The reference's rows of the first table under {@code heading}, by setting name. */
    static Map<String, Row> rows(String heading) throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int start = lines.indexOf(heading);
        assertThat(start).as("heading \"%s\" in %s", heading, REFERENCE).isNotNegative();
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = cells(line);
            if (cells.size() < 4 || !cells.get(0).startsWith("`") || cells.get(0).equals("setting")) {
                continue;
            }
            String setting = unquote(cells.get(0));
            Row row = new Row(setting, unquote(cells.get(1)), cells.size() > 4 ? unquote(cells.get(2)) : "",
                    unquote(cells.size() > 4 ? cells.get(3) : cells.get(2)), i + 1);
            assertThat(rows.put(setting, row)).as("%s is documented twice (line %d)", setting, i + 1).isNull();
        }
        assertThat(rows).as("table rows under \"%s\"", heading).isNotEmpty();
        return rows;
    }

    /** Every environment variable of the reference, for the manifests test: renewd's and the Quarkus table's. */
    static Set<String> documentedVariables() throws IOException {
        Set<String> variables = new java.util.TreeSet<>();
        rows(RENEWD_SECTION).values().forEach(row -> variables.add(row.envVar()));
        rows(QUARKUS_SECTION).values().forEach(row -> variables.add(row.envVar()));
        return variables;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.strip().replace("\\|", "|"));
        }
        return cells;
    }

    private static String unquote(String cell) {
        String value = cell.strip();
        if (value.length() >= 2 && value.startsWith("`") && value.endsWith("`")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String expectedRows(List<RenewdSettings.Setting> settings) {
        StringBuilder table = new StringBuilder("| setting | environment variable | type | default | what |\n| --- | --- | --- | --- | --- |\n");
        for (RenewdSettings.Setting setting : settings) {
            String value = setting.defaultValue();
            String shown = value.equals(RenewdSettings.NONE) || value.equals(RenewdSettings.REQUIRED) ? value : "`" + value + "`";
            table.append("| `").append(setting.name()).append("` | `").append(setting.envVar()).append("` | ")
                    .append(setting.type()).append(" | ").append(shown).append(" | … |\n");
        }
        return table.toString();
    }
}
