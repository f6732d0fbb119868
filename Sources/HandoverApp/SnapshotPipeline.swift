import Foundation
import HandoverDNS
import HandoverGit
import HandoverNetwork
import HandoverModel
import HandoverManifest
import HandoverCollect

/// Collects every requested section of a snapshot. Collector failures become data; nothing here throws.
package struct SnapshotPipeline: Sendable {
    package var loaded: LoadedManifest
    /// Sections to collect; the rest are recorded as skipped.
    package var sections: [SectionName]
    /// Replaces the manifest's `repository:` (absolute or relative to the working directory).
    package var repositoryOverride: String?
    /// Replaces the manifest's `collect.resolvers`.
    package var resolverOverride: [HostPort]?

    /// Provider rules: the built-in table, extended by `collect.providers_file`.
    package var providers: ProviderTable
    /// Replaces `collect.connect_to`.
    package var connectToOverride: [ConnectOverride]?
    /// Trust roots: `--ca-file` / `collect.ca_file`, else the system bundle.
    package var judge: CertificateJudge
    /// The `secrets` section of the newest stored snapshot: the scan goes on from its ref tips.
    package var previousSecrets: SecretsState?
    /// The CA file, when one was given (RDAP requests verify against it as well as the system roots).
    package var caFile: String?

    /// Fails (as bad input) only when `collect.providers_file` or the CA file is unreadable or malformed.
    package init(loaded: LoadedManifest, sections: [SectionName], repositoryOverride: String? = nil,
                resolverOverride: [HostPort]? = nil, connectToOverride: [ConnectOverride]? = nil,
                caFileOverride: String? = nil) throws {
        providers = try Self.providers(loaded)
        self.connectToOverride = connectToOverride
        let caFile = caFileOverride ?? loaded.manifest.collect.caFile.map { URL(fileURLWithPath: $0, relativeTo: loaded.directory).path }
        self.caFile = caFile
        judge = sections.contains(.tls) ? try CertificateJudge.load(caFile: caFile) : CertificateJudge(roots: [], storeName: "unused")
        self.loaded = loaded
        self.sections = sections
        self.repositoryOverride = repositoryOverride
        self.resolverOverride = resolverOverride
    }

    package var repositoryURL: URL {
        repositoryOverride.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? loaded.repositoryURL
    }

    package static func providers(_ loaded: LoadedManifest) throws(ManifestError) -> ProviderTable {
        guard let file = loaded.manifest.collect.providersFile else { return .builtIn }
        return try ProviderTable.extended(withFile: URL(fileURLWithPath: file, relativeTo: loaded.directory).path)
    }

    /// The DNS lookup the manifest (or `--resolver`) asks for.
    package static func dnsLookup(_ collect: CollectSettings, resolvers: [HostPort]?) -> (LDNSLookup, [String]) {
        let chosen = resolvers ?? collect.resolvers
        let lookup = LDNSLookup(settings: .init(resolvers: chosen, timeoutMs: collect.timeoutMs, attempts: collect.retries))
        return (lookup, chosen.isEmpty ? ["system"] : chosen.map(\.description))
    }

    /// Starts libgit2's one-time initialisation (Debian's build loads the system's CA bundle through mbedTLS there:
    /// 5 of the git section's 7 ms to open the repository) on another thread, when `sections` read the repository,
    /// so that it runs while the manifest is read instead of at the head of the git section. Await the task before the
    /// process exits: `exit` runs the C libraries' exit handlers, and OpenSSL's (which libgit2's libssh2 initialises
    /// there) under that thread crashed about 1 in 100 runs that stopped at a bad manifest.
    @discardableResult
    package static func prepareRepositoryReading(for sections: [SectionName]) -> Task<Void, Never>? {
        guard sections.contains(where: { [.git, .env, .secrets].contains($0) }) else { return nil }
        return Task.detached { await BlockingWork.run { CommitRangeReader.prepareLibrary() } }
    }

    package func run(now: Date = WallClock.now(), progress: @Sendable (String) -> Void = { _ in }) async -> Snapshot {
        let started = ContinuousClock.now
        let manifest = loaded.manifest
        let wanted = Set(sections)
        let notRequested = "not requested (--only \(sections.map(\.rawValue).joined(separator: ",")))"
        let deadline = manifest.collect.deadlineMs
        let overDeadline = "not finished within collect.deadline (\(DurationText.format(milliseconds: deadline)))"
        let repository = repositoryURL
        let pattern = manifest.productionEnvironment?.releaseTags ?? manifest.environments.compactMap(\.releaseTags).first ?? "*"

        progress("git, secrets, dns")
        async let git: Section<GitState> = wanted.contains(.git)
            ? (await Deadline.run(milliseconds: deadline) {
                await GitCollector(releaseTagPattern: pattern, commitLimit: manifest.collect.commits).collect(repository: repository)
            } ?? .failed(overDeadline))
            : .skipped(notRequested)
        let previousSecrets = self.previousSecrets
        async let secrets: Section<SecretsState> = wanted.contains(.secrets)
            ? (await Deadline.run(milliseconds: deadline) {
                // The history walk stops short of the deadline and keeps what it read; the next snapshot goes on.
                await SecretScanner(repository: repository).collect(previous: previousSecrets, budget: .milliseconds(deadline * 4 / 5))
            } ?? .failed(overDeadline))
            : .skipped(notRequested)
        let providers = self.providers
        // One lookup for the snapshot: the DNS map and the email checks ask many of the same questions.
        let (ldns, resolverNames) = Self.dnsLookup(manifest.collect, resolvers: resolverOverride)
        let lookup = CachingLookup(ldns)
        async let dns: Section<DNSState> = wanted.contains(.dns)
            ? (await Deadline.run(milliseconds: deadline) {
                await DNSCollector(lookup: lookup, resolverNames: resolverNames, providers: providers).collect(manifest)
            } ?? .failed(overDeadline))
            : .skipped(notRequested)
        let (mtaSTSConnectTo, mtaSTSCAFile) = (connectToOverride ?? manifest.collect.connectTo, self.caFile)
        async let email: Section<EmailState> = wanted.contains(.email)
            ? (await Deadline.run(milliseconds: deadline) {
                // The SPF walk stops at half the deadline, so the rest of the section (DMARC, DKIM) keeps its answers.
                let collected = await EmailCollector(lookup: lookup, spfBudget: .milliseconds(deadline / 2)).collect(manifest)
                // MTA-STS policies are fetched over HTTPS once the TXT records are known, in what is left of the deadline.
                return await Self.withMTASTS(collected, lookup: lookup, connectTo: mtaSTSConnectTo, timeoutMs: manifest.collect.timeoutMs,
                                             caFile: mtaSTSCAFile, milliseconds: deadline - started.millisecondsElapsed - 250)
            } ?? .failed(overDeadline))
            : .skipped(notRequested)
        progress("env")
        // Env files and the code at HEAD are read from disk and through libgit2: blocking work, off the cooperative
        // pool and under the deadline like every other section.
        async let env: Section<EnvInventory> = wanted.contains(.env)
            ? (await Deadline.run(milliseconds: deadline) {
                await BlockingWork.run {
                    var env = EnvCollector(repository: repository).collect(manifest)
                    // Names the code at HEAD references: the env drift checks compare them with inventories.
                    if env.status == .collected { env.data?.codeReferences = HeadSourceScanner(repository: repository).references() }
                    return env
                }
            } ?? .failed(overDeadline))
            : .skipped(notRequested)
        let monitoring: Section<[MonitorEntry]> = wanted.contains(.monitoring)
            ? .collected(DeclaredSections.monitors(manifest)) : .skipped(notRequested)
        let critical: Section<[CriticalEndpointEntry]> = wanted.contains(.critical)
            ? .collected(DeclaredSections.critical(manifest)) : .skipped(notRequested)
        let owners: Section<[OwnerEntry]> = wanted.contains(.owners)
            ? .collected(DeclaredSections.owners(manifest)) : .skipped(notRequested)
        // TLS and HTTP connect where DNS pointed, so they wait for the DNS map (and only for it: git, env and email go
        // on beside them); then they run side by side with what is left of the deadline.
        let dnsSection = await dns
        progress("tls, http, registration")
        let judge = self.judge
        let connectTo = connectToOverride ?? manifest.collect.connectTo
        let remaining = max(0, deadline - started.millisecondsElapsed)
        let router = ProbeRouter(connectTo: connectTo, dns: dnsSection.collectedValue) { name in
            let answer = await lookup.query(name, .a)
            if let address = answer.values.first { return address }
            return await lookup.query(name, .aaaa).values.first
        }
        async let tls: Section<TLSState> = wanted.contains(.tls)
            ? (await Deadline.run(milliseconds: remaining) {
                await TLSCollector(probe: TLSProbe(timeoutMs: manifest.collect.timeoutMs, judge: judge), connectTo: connectTo)
                    .collect(manifest, dns: dnsSection.collectedValue)
            } ?? .failed(overDeadline))
            : .skipped(notRequested)
        let caFile = self.caFile
        async let http: Section<HTTPState> = wanted.contains(.http)
            ? (await Self.withFetcher(HTTPFetcher(timeoutMs: manifest.collect.timeoutMs)) { fetcher in
                await Self.withFetcher(HTTPFetcher(timeoutMs: manifest.collect.timeoutMs, verifyCertificates: true, caFile: caFile)) { verified in
                    await Deadline.run(milliseconds: remaining) {
                        await HTTPCollector(fetcher: fetcher, credentialFetcher: verified, router: router,
                                            samples: manifest.collect.samples) { reported, branch in
                            // libgit2 walks the graph: blocking work, on the pool like every other libgit2 call.
                            await BlockingWork.run { DeployedCommitComparer(repository: repository).compare(reported: reported, branch: branch) }
                        }.collect(manifest)
                    } ?? .failed(overDeadline)
                }
            })
            : .skipped(notRequested)
        async let registration: Section<RegistrationState> = wanted.contains(.registration)
            ? (await Self.withFetcher(HTTPFetcher(timeoutMs: manifest.collect.timeoutMs, verifyCertificates: true, caFile: caFile)) { fetcher in
                await Deadline.run(milliseconds: remaining) {
                    await RegistrationCollector(fetcher: fetcher, router: router).collect(manifest)
                } ?? .failed(overDeadline)
            })
            : .skipped(notRequested)
        let (gitSection, envSection, emailSection) = await (git, env, email)
        let (tlsSection, httpSection, registrationSection, secretsSection) = await (tls, http, registration, secrets)
        let ms = started.millisecondsElapsed
        return Snapshot(
            toolVersion: ToolVersion.current, project: manifest.project, createdAt: now, durationMs: ms,
            manifestDigest: loaded.digest, requestedSections: sections.sorted(),
            partial: Set(SectionName.implemented) != wanted.intersection(SectionName.implemented),
            git: gitSection, env: envSection, monitoring: monitoring, critical: critical, owners: owners, dns: dnsSection,
            email: emailSection, tls: tlsSection, http: httpSection, registration: registrationSection,
            secrets: secretsSection)
    }

    /// Runs `body` with `fetcher`, then shuts the fetcher's clients down whatever happened.
    static func withFetcher<T: Sendable>(_ fetcher: HTTPFetcher, _ body: (HTTPFetcher) async -> T) async -> T {
        let result = await body(fetcher)
        await fetcher.shutdown()
        return result
    }
}
