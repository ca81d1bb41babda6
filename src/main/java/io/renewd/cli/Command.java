package io.renewd.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every command renewctl has: its words, its positional parameters, the options it takes besides the global ones, and
 * what it does (for the help).
 */
enum Command {
    CERT_LIST("cert list", "", "--include-pending --deleted", "list the vault's certificates (--deleted: the deleted ones)"),
    CERT_SHOW("cert show", "NAME", "--version", "show a certificate: validity, issuer, names, next renewal action"),
    CERT_CREATE("cert create", "NAME", "--subject --issuer --dns --validity-months --policy --tags --timeout",
            "create a certificate (a new version when it exists) from --subject/--issuer/--dns/--validity-months or --policy FILE"),
    CERT_IMPORT("cert import", "NAME", "--file --password --policy --tags",
            "import a certificate with its key: --file a PEM (chain and key) or a PFX; --password or RENEWD_IMPORT_PASSWORD"),
    CERT_RENEW("cert renew", "NAME", "--timeout", "renew now: a new version through the stored policy"),
    CERT_VERSIONS("cert versions", "NAME", "", "list a certificate's versions, newest first"),
    CERT_POLICY_GET("cert policy get", "NAME", "", "show a certificate's policy"),
    CERT_POLICY_SET("cert policy set", "NAME", "--file --subject --issuer --dns --validity-months",
            "change a policy: the members in --file (JSON), or the ones given by option; others stay"),
    CERT_DELETE("cert delete", "NAME", "", "delete a certificate (soft delete: it can be recovered until purged)"),
    CERT_RECOVER("cert recover", "NAME", "", "recover a deleted certificate"),
    CERT_PURGE("cert purge", "NAME", "", "purge a deleted certificate for good"),
    CERT_BACKUP("cert backup", "NAME", "--file", "back a certificate up (every version, policy, keys) to --file, or stdout"),
    CERT_RESTORE("cert restore", "", "--file", "restore a backup from --file into the vault"),
    ISSUER_LIST("issuer list", "", "", "list the vault's issuers"),
    ISSUER_SHOW("issuer show", "NAME", "", "show an issuer"),
    ISSUER_SET("issuer set", "NAME", "--file --provider --directory-url --contact --ca-certificate",
            "create or replace an issuer: --file (JSON body), or --provider acme --directory-url URL, --provider ca --ca-certificate NAME"),
    ISSUER_DELETE("issuer delete", "NAME", "", "delete an issuer"),
    CONTACTS_GET("contacts get", "", "", "show the vault's certificate contacts"),
    CONTACTS_SET("contacts set", "", "--email --file", "set the contacts: --email a@x,b@y or --file (JSON body)"),
    CONTACTS_DELETE("contacts delete", "", "", "remove every contact"),
    REISSUE_START("reissue start", "", "--reason --issuer --signed-by --serial-numbers --thumbprints --expiring-before",
            "re-issue every certificate one selector chooses (--issuer, --signed-by NAME[/VERSION], --serial-numbers, --thumbprints, --expiring-before)"),
    REISSUE_LIST("reissue list", "", "", "list the vault's bulk re-issues, newest first"),
    REISSUE_SHOW("reissue show", "ID", "", "show a bulk re-issue: counts and failures"),
    REISSUE_CANCEL("reissue cancel", "ID", "", "cancel a bulk re-issue"),
    EVENTS_TAIL("events tail", "", "--bootstrap-servers --topics --kafka-config --from-beginning --max --timeout",
            "print renewd's events from Kafka as they come (--vault: that vault's only)");

    /** Options every command takes. */
    static final Set<String> GLOBAL_OPTIONS = Set.of("--server", "--vault", "--output", "--cacert", "--wait", "--no-wait", "--help");
    /** Options that take no value; every other option takes one. */
    static final Set<String> FLAGS = Set.of("--help", "--wait", "--no-wait", "--include-pending", "--deleted", "--from-beginning");

    private final List<String> words;
    private final List<String> parameters;
    private final Set<String> options;
    private final String summary;

    Command(String words, String parameters, String options, String summary) {
        this.words = List.of(words.split(" "));
        this.parameters = parameters.isEmpty() ? List.of() : List.of(parameters.split(" "));
        this.options = options.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(options.split(" ")));
        this.summary = summary;
    }

    List<String> words() {
        return words;
    }

    List<String> parameters() {
        return parameters;
    }

    String summary() {
        return summary;
    }

    String group() {
        return words.get(0);
    }

    boolean takes(String option) {
        return GLOBAL_OPTIONS.contains(option) || options.contains(option);
    }

    /** The options it takes besides the global ones, sorted. */
    List<String> ownOptions() {
        return options.stream().sorted().toList();
    }

    /** Whether it reaches renewd's API (and so needs a vault and a token). */
    boolean callsApi() {
        return this != EVENTS_TAIL;
    }

    String usage() {
        StringBuilder usage = new StringBuilder("renewctl ").append(String.join(" ", words));
        parameters.forEach(p -> usage.append(' ').append(p));
        ownOptions().forEach(o -> usage.append(" [").append(o).append(FLAGS.contains(o) ? "" : " " + valueName(o)).append(']'));
        return usage.toString();
    }

    private static String valueName(String option) {
        return option.substring(2).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
