package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.Vault;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Reads certificates, their versions and deleted certificates. */
@ApplicationScoped
public class CertificateQueries {

    public static final int MAX_PAGE_SIZE = 25;

    private final VaultQueries vaults;
    private final PolicyJson policyJson;

    CertificateQueries(VaultQueries vaults, PolicyJson policyJson) {
        this.vaults = vaults;
        this.policyJson = policyJson;
    }

    /** A live certificate; 404 when absent or deleted. */
    public CertificateView get(String vault, String name) {
        return view(vaults.get(vault), live(vault, name));
    }

    /** A version of a live certificate; 404 when absent. */
    public VersionView version(String vault, String name, String version) {
        CertificateEntity certificate = live(vault, name);
        return CertificateVersionEntity.findVersion(certificate.id, version).map(CertificateQueries::versionView)
                .orElseThrow(() -> Failure.notFound("CertificateNotFound",
                        "certificate '" + name + "' of vault '" + vault + "' has no version '" + version + "'"));
    }

    /** Live certificates by name, {@code size} at a time after the name {@code after}. */
    public Page<CertificateView> list(String vault, int size, String after, boolean includePending) {
        Vault v = vaults.get(vault);
        List<CertificateEntity> rows = CertificateEntity.<CertificateEntity>find(
                        "from CertificateEntity c where c.vault = ?1 and c.deletedAt is null and c.name > ?2" + pending(includePending) + " order by c.name",
                        vault, after == null ? "" : after)
                .page(0, checkedSize(size) + 1).list();
        return page(rows.stream().map(c -> view(v, c)).toList(), size, CertificateView::name);
    }

    /** The name of a live certificate as it was created (a request may spell it in another case); 404 when absent. */
    public String nameOf(String vault, String name) {
        return live(vault, name).name;
    }

    /** Versions of a live certificate, newest first. */
    public Page<VersionView> versions(String vault, String name, int size, int offset) {
        CertificateEntity certificate = live(vault, name);
        List<VersionView> rows = CertificateVersionEntity.<CertificateVersionEntity>find(
                        "certificateId = ?1 order by createdAt desc, id desc", certificate.id)
                .range(offset, offset + checkedSize(size)).list().stream().map(CertificateQueries::versionView).toList();
        return page(rows, size, ignored -> String.valueOf(offset + size));
    }

    /** A soft-deleted certificate; 404 when there is none of that name. */
    public CertificateView deleted(String vault, String name) {
        Vault v = vaults.get(vault);
        return CertificateEntity.findByName(vault, name).filter(CertificateEntity::isDeleted).map(c -> view(v, c))
                .orElseThrow(() -> Failure.notFound("CertificateNotFound",
                        "vault '" + vault + "' has no deleted certificate '" + name + "'"));
    }

    /** Soft-deleted certificates by name; as in Key Vault, those that never got a version only with {@code includePending}. */
    public Page<CertificateView> listDeleted(String vault, int size, String after, boolean includePending) {
        Vault v = vaults.get(vault);
        List<CertificateEntity> rows = CertificateEntity.<CertificateEntity>find(
                        "from CertificateEntity c where c.vault = ?1 and c.deletedAt is not null and c.name > ?2" + pending(includePending)
                                + " order by c.name", vault, after == null ? "" : after)
                .page(0, checkedSize(size) + 1).list();
        return page(rows.stream().map(c -> view(v, c)).toList(), size, CertificateView::name);
    }

    /** A certificate that never got a version is pending: its first operation has not completed. */
    private static String pending(boolean includePending) {
        return includePending ? "" : " and exists (from CertificateVersionEntity cv where cv.certificateId = c.id)";
    }

    Vault vaultOf(String vault) {
        return vaults.get(vault);
    }

    CertificateEntity live(String vault, String name) {
        vaults.get(vault);
        return CertificateEntity.findByName(vault, name).filter(c -> !c.isDeleted())
                .orElseThrow(() -> Failure.notFound("CertificateNotFound",
                        "vault '" + vault + "' has no certificate '" + name + "'"));
    }

    CertificateView view(Vault vault, CertificateEntity c) {
        Optional<VersionView> current = CertificateVersionEntity.latest(c.id).map(CertificateQueries::versionView);
        return new CertificateView(vault, c.name, policyJson.read(c.policy), c.policyCreatedAt, c.policyUpdatedAt, current,
                c.deletedAt, c.scheduledPurgeAt, c.preserveCertOrder);
    }

    static VersionView versionView(CertificateVersionEntity v) {
        return new VersionView(v.version, v.der, v.x5t, v.notBefore, v.notAfter, v.enabled, v.tags, v.createdAt, v.updatedAt);
    }

    private static int checkedSize(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Failure.badParameter("maxresults " + size + " is out of range: 1 to " + MAX_PAGE_SIZE);
        }
        return size;
    }

    /** Rows were read one beyond the page: if that one exists, the page has a continuation. */
    private static <T> Page<T> page(List<T> rows, int size, java.util.function.Function<T, String> continuationOf) {
        if (rows.size() > size) {
            List<T> items = rows.subList(0, size);
            return new Page<>(List.copyOf(items), Optional.of(continuationOf.apply(items.getLast())));
        }
        return new Page<>(rows, Optional.empty());
    }
}
