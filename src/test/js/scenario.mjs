// The Azure SDK for JavaScript's Key Vault certificates client against a running renewd: the core
// scenario a Key Vault user runs, each step asserted. Run by io.renewd.azure.JavaScriptSdkTest;
// by hand: RENEWD_VAULT_URL=https://team-a.vault.localhost:8443 RENEWD_OTHER_VAULT_URL=... \
//   RENEWD_TOKEN=... NODE_EXTRA_CA_CERTS=<renewd's CA> node scenario.mjs
// Exits non-zero on the first failed step, after printing it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import dns from "node:dns";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { isTokenCredential } from "@azure/core-auth";
import { CertificateClient } from "@azure/keyvault-certificates";

const vaultUrl = required("RENEWD_VAULT_URL");
const otherVaultUrl = required("RENEWD_OTHER_VAULT_URL");
const token = required("RENEWD_TOKEN");
const pollInterval = { intervalInMs: 200 };

resolveLocalhostSubdomains();

/** Hands out the token the caller gave, whatever scope and tenant renewd's challenge named. */
const tokenRequests = [];
const credential = {
  async getToken(scopes, options) {
    tokenRequests.push({ scopes: [scopes].flat(), tenantId: options?.tenantId });
    return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

const clientOptions = {
  // The SDK checks that the vault's host name lies under the resource renewd's challenge names
  // (Key Vault's: vault.azure.net); renewd names its token audience, which need not be a parent
  // domain of the vault host names (in tests it is https://vault.renewd.test).
  disableChallengeResourceVerification: true,
};
const client = new CertificateClient(vaultUrl, credential, clientOptions);
const otherClient = new CertificateClient(otherVaultUrl, credential, clientOptions);

const work = mkdtempSync(join(tmpdir(), "renewd-js-sdk-"));
const steps = [];
let failed = false;

try {
  await step("the credential is a TokenCredential and renewd's challenge asks it for a token", async () => {
    assert.ok(isTokenCredential(credential));
    await assert.rejects(client.getCertificate("nothing-here"), (e) => e.statusCode === 404 && e.code === "CertificateNotFound");
    assert.ok(tokenRequests.length > 0, "the SDK asked the credential for a token");
    assert.ok(tokenRequests[0].scopes[0].endsWith("/.default"), `scope: ${tokenRequests[0].scopes}`);
  });

  let web;
  await step("create with the Self issuer and poll until done", async () => {
    const poller = await client.beginCreateCertificate("web", {
      issuerName: "Self",
      subject: "CN=web.example.com",
      subjectAlternativeNames: { dnsNames: ["web.example.com", "www.example.com"] },
      keyType: "EC",
      keyCurveName: "P-256",
      validityInMonths: 12,
      contentType: "application/x-pkcs12",
      exportable: true,
    }, { tags: { team: "platform" }, ...pollInterval });
    web = await poller.pollUntilDone();
    assert.equal(poller.getOperationState().isCompleted, true);
    assert.equal(web.name, "web");
    assert.match(web.properties.version, /^[0-9a-f]{32}$/);
    assert.equal(web.properties.enabled, true);
    assert.deepEqual(web.properties.tags, { team: "platform" });
    assert.ok(web.properties.expiresOn > new Date(Date.now() + 330 * 86_400_000), `expires ${web.properties.expiresOn}`);
    assert.ok(web.properties.x509Thumbprint?.length > 0);
    assert.equal(web.properties.id, `${vaultUrl}/certificates/web/${web.properties.version}`);
    assert.equal(web.keyId, `${vaultUrl}/keys/web/${web.properties.version}`);
    assert.equal(web.secretId, `${vaultUrl}/secrets/web/${web.properties.version}`);
    assert.equal(web.policy.issuerName, "Self");
    assert.equal(web.policy.keyCurveName, "P-256");
    const x509 = new X509Certificate(web.cer);
    assert.equal(x509.subject, "CN=web.example.com");
    assert.match(x509.subjectAltName, /DNS:www\.example\.com/);
  });

  await step("get the certificate, a version and the finished operation", async () => {
    const latest = await client.getCertificate("web");
    assert.equal(latest.properties.version, web.properties.version);
    assert.deepEqual(latest.cer, web.cer);
    assert.deepEqual(latest.policy.subjectAlternativeNames.dnsNames, ["web.example.com", "www.example.com"]);
    const version = await client.getCertificateVersion("web", web.properties.version);
    assert.equal(version.name, "web");
    assert.deepEqual(version.cer, web.cer);
    const operation = (await client.getCertificateOperation("web", pollInterval)).getOperationState().certificateOperation;
    assert.equal(operation.status, "completed");
    assert.equal(operation.issuerName, "Self");
  });

  await step("update the properties of the current version", async () => {
    const updated = await client.updateCertificateProperties("web", web.properties.version, { enabled: true, tags: { team: "platform", env: "prod" } });
    assert.deepEqual(updated.properties.tags, { team: "platform", env: "prod" });
    assert.equal(updated.properties.version, web.properties.version);
  });

  await step("get and update the policy", async () => {
    const policy = await client.getCertificatePolicy("web");
    assert.equal(policy.issuerName, "Self");
    assert.equal(policy.subject, "CN=web.example.com");
    assert.equal(policy.validityInMonths, 12);
    assert.equal(policy.keyType, "EC");
    assert.equal(policy.contentType, "application/x-pkcs12");
    // 4.10.3 resolves updateCertificatePolicy with an empty policy whatever the service answered
    // (it never reads the response body), so read the policy back.
    await client.updateCertificatePolicy("web", {
      ...policy,
      subject: "CN=web2.example.com",
      validityInMonths: 6,
      lifetimeActions: [{ action: "EmailContacts", daysBeforeExpiry: 30 }],
    });
    const updated = await client.getCertificatePolicy("web");
    assert.equal(updated.subject, "CN=web2.example.com");
    assert.equal(updated.validityInMonths, 6);
    assert.deepEqual(updated.subjectAlternativeNames.dnsNames, ["web.example.com", "www.example.com"]);
    assert.deepEqual(updated.lifetimeActions.map((a) => [a.action, a.daysBeforeExpiry]), [["EmailContacts", 30]]);
  });

  const ca = testCa();
  await step("import a PFX with its password", async () => {
    const leaf = ca.issue("imported", "CN=imported.example.com");
    const pfx = pkcs12(leaf, "s3cret");
    const imported = await client.importCertificate("from-pfx", pfx, { password: "s3cret", enabled: true, tags: { source: "pfx" } });
    assert.equal(imported.name, "from-pfx");
    assert.deepEqual(Buffer.from(imported.cer), der(leaf.certificate));
    assert.deepEqual(imported.properties.tags, { source: "pfx" });
    assert.equal(imported.policy.contentType, "application/x-pkcs12");
  });

  await step("import a PEM with its key", async () => {
    const leaf = ca.issue("pem", "CN=pem.example.com");
    const pem = readFileSync(leaf.certificate, "utf8") + readFileSync(leaf.key, "utf8");
    const imported = await client.importCertificate("from-pem", Buffer.from(pem), {
      policy: { issuerName: "Unknown", subject: "CN=pem.example.com", contentType: "application/x-pem-file" },
    });
    assert.deepEqual(Buffer.from(imported.cer), der(leaf.certificate));
    // 4.10.3 reads the policy's contentType to encode the PEM but sends no policy (its request
    // serializer looks for `certificatePolicy`), so renewd keeps its default policy.
    assert.equal(imported.policy.issuerName, "Unknown");
  });

  await step("create with the Unknown issuer and merge a certificate signed outside", async () => {
    const poller = await client.beginCreateCertificate("manual", {
      issuerName: "Unknown", subject: "CN=manual.example.com", validityInMonths: 12, certificateTransparency: false,
    }, pollInterval);
    await poller.poll();
    assert.equal(poller.isDone(), false);
    const operation = (await client.getCertificateOperation("manual", pollInterval)).getOperationState().certificateOperation;
    assert.equal(operation.status, "inProgress");
    assert.equal(operation.issuerName, "Unknown");
    const signed = ca.sign(Buffer.from(operation.csr), "manual");
    assert.equal(new X509Certificate(readFileSync(signed)).subject, "CN=manual.example.com");

    const merged = await client.mergeCertificate("manual", [der(signed), der(ca.certificate)]);
    assert.equal(merged.name, "manual");
    assert.deepEqual(Buffer.from(merged.cer), der(signed));
    const done = await poller.pollUntilDone();
    assert.deepEqual(Buffer.from(done.cer), der(signed));
  });

  await step("merge as the SDK's own mergeCertificate example does: the bytes of the certificate's base64 text", async () => {
    await client.beginCreateCertificate("example", { issuerName: "Unknown", subject: "CN=example.example.com" }, pollInterval);
    const { csr } = (await client.getCertificateOperation("example", pollInterval)).getOperationState().certificateOperation;
    const signed = ca.sign(Buffer.from(csr), "example");
    const base64Crt = readFileSync(signed).toString().split("\n").slice(1, -2).join("");
    const merged = await client.mergeCertificate("example", [Buffer.from(base64Crt)]);
    assert.deepEqual(Buffer.from(merged.cer), der(signed));
  });

  await step("list certificates and versions", async () => {
    const names = [];
    for await (const properties of client.listPropertiesOfCertificates()) {
      names.push(properties.name);
      assert.equal(properties.version, undefined, "list items name certificates, not versions");
      assert.ok(properties.x509Thumbprint?.length > 0, `${properties.name} has a thumbprint`);
    }
    assert.deepEqual(names.sort(), ["example", "from-pem", "from-pfx", "manual", "web"]);
    const versions = [];
    for await (const properties of client.listPropertiesOfCertificateVersions("web")) {
      versions.push(properties.version);
    }
    assert.deepEqual(versions, [web.properties.version]);
  });

  await step("set, get and delete contacts", async () => {
    const set = await client.setContacts([
      { email: "alice@example.com", name: "Alice", phone: "+41 44 000 00 00" },
      { email: "bob@example.com", name: "Bob" },
    ]);
    assert.deepEqual(set.map((c) => c.email), ["alice@example.com", "bob@example.com"]);
    const read = await client.getContacts();
    assert.deepEqual(read.map((c) => c.name), ["Alice", "Bob"]);
    assert.equal(read[0].phone, "+41 44 000 00 00");
    // 4.10.3 resolves deleteContacts with [] whatever the service answered (it looks for the
    // deserialized contactList in the raw body); renewd answers the deleted contacts as Key Vault does.
    await client.deleteContacts();
    await assert.rejects(client.getContacts(), (e) => e.statusCode === 404);
  });

  await step("create, get, list, update and delete an issuer, and issue through it", async () => {
    const caPem = readFileSync(ca.certificate, "utf8") + readFileSync(ca.key, "utf8");
    await client.importCertificate("corp-ca", Buffer.from(caPem), {
      policy: { issuerName: "Unknown", subject: "CN=renewd JS SDK test CA", contentType: "application/x-pem-file" },
    });
    const created = await client.createIssuer("corp-ca", "ca", { organizationId: "platform" });
    // 4.10.3 takes an issuer's name from its id as from a certificate's (.../certificates/<name>/<version>),
    // so `name` is "issuers" for every issuer, Key Vault's included: check the id.
    assert.equal(created.id, `${vaultUrl}/certificates/issuers/corp-ca`);
    assert.equal(created.provider, "ca");
    assert.equal(created.enabled, true);
    assert.equal(created.organizationId, "platform");
    const read = await client.getIssuer("corp-ca");
    assert.equal(read.id, `${vaultUrl}/certificates/issuers/corp-ca`);
    const listed = [];
    for await (const issuer of client.listPropertiesOfIssuers()) {
      listed.push([issuer.id, issuer.provider]);
    }
    assert.deepEqual(listed, [[`${vaultUrl}/certificates/issuers/corp-ca`, "ca"]]);
    // 4.10.3's updateIssuer sends `enabled` only when true, so a disable cannot be sent: update the organization.
    assert.equal((await client.updateIssuer("corp-ca", { organizationId: "security" })).organizationId, "security");
    assert.equal((await client.getIssuer("corp-ca")).organizationId, "security");

    const poller = await client.beginCreateCertificate("service", { issuerName: "corp-ca", subject: "CN=service.example.com", validityInMonths: 3 }, pollInterval);
    const issued = new X509Certificate((await poller.pollUntilDone()).cer);
    assert.equal(issued.issuer, "CN=renewd JS SDK test CA");
    await (await client.beginDeleteCertificate("service", pollInterval)).pollUntilDone();
    await client.purgeDeletedCertificate("service");

    const removed = await client.deleteIssuer("corp-ca");
    assert.equal(removed.id, `${vaultUrl}/certificates/issuers/corp-ca`);
    await assert.rejects(client.getIssuer("corp-ca"), (e) => e.statusCode === 404);
  });

  await step("delete, get the deleted certificate, recover, delete again and purge", async () => {
    const deletion = await client.beginDeleteCertificate("from-pem", pollInterval);
    const deleted = await deletion.pollUntilDone();
    assert.equal(deleted.name, "from-pem");
    assert.equal(deleted.recoveryId, `${vaultUrl}/deletedcertificates/from-pem`);
    assert.ok(deleted.deletedOn <= new Date(Date.now() + 60_000), `deletedOn ${deleted.deletedOn}`);
    assert.ok(deleted.scheduledPurgeDate > new Date(Date.now() + 6 * 86_400_000), `scheduledPurgeDate ${deleted.scheduledPurgeDate}`);
    const read = await client.getDeletedCertificate("from-pem");
    assert.equal(read.recoveryId, deleted.recoveryId);
    const listed = [];
    for await (const certificate of client.listDeletedCertificates()) {
      listed.push(certificate.name);
    }
    assert.ok(listed.includes("from-pem"), `deleted: ${listed}`);
    await assert.rejects(client.getCertificate("from-pem"), (e) => e.statusCode === 404);

    const recovered = await (await client.beginRecoverDeletedCertificate("from-pem", pollInterval)).pollUntilDone();
    assert.equal(recovered.name, "from-pem");
    assert.equal((await client.getCertificate("from-pem")).name, "from-pem");
    await assert.rejects(client.getDeletedCertificate("from-pem"), (e) => e.statusCode === 404);

    await (await client.beginDeleteCertificate("from-pem", pollInterval)).pollUntilDone();
    await client.purgeDeletedCertificate("from-pem");
    await assert.rejects(client.getDeletedCertificate("from-pem"), (e) => e.statusCode === 404);
  });

  await step("back up and restore into another vault", async () => {
    const backup = await client.backupCertificate("web");
    assert.ok(backup?.length > 0);
    const restored = await otherClient.restoreCertificateBackup(backup);
    assert.equal(restored.name, "web");
    assert.equal(restored.properties.version, web.properties.version);
    assert.deepEqual(restored.cer, web.cer);
    assert.equal(restored.properties.id, `${otherVaultUrl}/certificates/web/${web.properties.version}`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`${steps.filter((s) => s.ok).length} passed, ${steps.filter((s) => !s.ok).length} failed`);
process.exit(failed ? 1 : 0);

async function step(name, body) {
  if (failed) {
    return;
  }
  try {
    await body();
    steps.push({ name, ok: true });
    console.log(`ok: ${name}`);
  } catch (e) {
    failed = true;
    steps.push({ name, ok: false });
    console.log(`FAILED: ${name}`);
    console.log(describe(e));
  }
}

/** An assertion's message, or the SDK's error with renewd's status, code and body. */
function describe(e) {
  const lines = [e.stack ?? String(e)];
  if (e.statusCode !== undefined) {
    lines.push(`HTTP ${e.statusCode} ${e.code ?? ""} ${e.request?.method ?? ""} ${e.request?.url ?? ""}`);
    lines.push(`body: ${e.response?.bodyAsText ?? ""}`);
  }
  return lines.join("\n");
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.log(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

/** Names under .localhost are the loopback address (RFC 6761 6.3), as curl and browsers treat them; Node asks the system resolver, which may not know them. */
function resolveLocalhostSubdomains() {
  const lookup = dns.lookup;
  dns.lookup = (hostname, options, callback) =>
    lookup.call(dns, hostname.toLowerCase().endsWith(".localhost") ? "127.0.0.1" : hostname, options, callback);
}

/** A CA made with openssl: signs the test's CSRs and leaf certificates, as a CA outside renewd does. */
function testCa() {
  const key = join(work, "ca.key");
  const certificate = join(work, "ca.crt");
  openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", certificate,
    "-days", "30", "-subj", "/CN=renewd JS SDK test CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  const leafExtensions = join(work, "leaf.ext");
  writeFileSync(leafExtensions, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
  const sign = (csr, name) => {
    const out = join(work, `${name}.crt`);
    openssl("x509", "-req", "-in", csr, "-CA", certificate, "-CAkey", key, "-CAcreateserial", "-days", "90",
      "-extfile", leafExtensions, "-out", out);
    return out;
  };
  return {
    key,
    certificate,
    issue(name, subject) {
      const leafKey = join(work, `${name}.key`);
      const csr = join(work, `${name}.csr`);
      openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", leafKey, "-out", csr, "-subj", subject.replace(/^CN=/, "/CN="));
      return { key: leafKey, certificate: sign(csr, name) };
    },
    /** Signs a CSR given as DER, as Key Vault's operation hands it out. */
    sign(csrDer, name) {
      const csrFile = join(work, `${name}.csr.der`);
      writeFileSync(csrFile, csrDer);
      const csr = join(work, `${name}.csr`);
      openssl("req", "-inform", "DER", "-in", csrFile, "-out", csr);
      return sign(csr, name);
    },
  };

  function openssl(...args) {
    execFileSync("openssl", args, { stdio: ["pipe", "pipe", "pipe"] });
  }
}

function pkcs12(leaf, password) {
  const out = join(work, "leaf.pfx");
  execFileSync("openssl", ["pkcs12", "-export", "-inkey", leaf.key, "-in", leaf.certificate, "-certfile", join(work, "ca.crt"),
    "-passout", `pass:${password}`, "-out", out], { stdio: ["pipe", "pipe", "pipe"] });
  return readFileSync(out);
}

function der(pemFile) {
  return Buffer.from(new X509Certificate(readFileSync(pemFile)).raw);
}
