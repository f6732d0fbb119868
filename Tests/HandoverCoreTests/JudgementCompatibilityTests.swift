import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverStore
@testable import HandoverFixtures

/// Snapshots of schema 1 stored verdicts beside the facts. The judgement now works from the facts alone, so on every
/// stored schema-1 file it must say what the collecting build said — and a schema-2 file holds no verdict at all.
@Suite struct JudgementCompatibilityTests {
    static let fixtures = ["story", "certificates", "failed-section"].flatMap { name in
        ["old", "new"].map { DiffGoldenTests.root.appendingPathComponent(name).appendingPathComponent("\($0).json") }
    }

    /// The value at `path` (keys; `*` for every element of an array) in a decoded JSON tree.
    static func values(_ json: Any, _ path: [String]) -> [Any] {
        guard let key = path.first else { return [json] }
        let rest = Array(path.dropFirst())
        if key == "*" { return (json as? [Any] ?? []).flatMap { values($0, rest) } }
        guard let object = json as? [String: Any], let child = object[key] else { return [] }
        return values(child, rest)
    }

    static func codes(_ json: Any) -> [String] { (json as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }

    @Test(arguments: fixtures) func emailVerdictsAreTheRecordedOnes(url: URL) throws {
        let data = try Data(contentsOf: url)
        let raw = try JSONSerialization.jsonObject(with: data)
        let snapshot = try SnapshotStore.decode(data, path: url.path)
        #expect(snapshot.schemaVersion == 1, "the diff fixtures are kept as schema-1 files: they are what old snapshots look like")
        let domains = try #require(snapshot.email.data?.domains)
        let recorded = Self.values(raw, ["email", "data", "domains", "*"])
        #expect(recorded.count == domains.count && !domains.isEmpty)
        for (json, domain) in zip(recorded, domains) {
            #expect(domain.spf.verdicts.map(\.code) == Self.codes(Self.values(json, ["spf", "verdicts"]).first as Any))
            #expect(domain.spf.status.rawValue == Self.values(json, ["spf", "status"]).first as? String)
            #expect(domain.dmarc.verdicts.map(\.code) == Self.codes(Self.values(json, ["dmarc", "verdicts"]).first as Any))
            #expect(domain.dmarcStatus.rawValue == Self.values(json, ["dmarc", "status"]).first as? String)
            for (dkimJSON, dkim) in zip(Self.values(json, ["dkim", "*"]), domain.dkim) {
                #expect(dkim.verdicts.map(\.code) == Self.codes(Self.values(dkimJSON, ["verdicts"]).first as Any))
                #expect(dkim.status.rawValue == Self.values(dkimJSON, ["status"]).first as? String)
            }
        }
    }

    @Test(arguments: fixtures) func httpFlagsAreTheRecordedOnes(url: URL) throws {
        let data = try Data(contentsOf: url)
        let raw = try JSONSerialization.jsonObject(with: data)
        let snapshot = try SnapshotStore.decode(data, path: url.path)
        guard let http = snapshot.http.data else { return }
        let hosts = Self.values(raw, ["http", "data", "hosts", "*"])
        #expect(hosts.count == http.hosts.count && !hosts.isEmpty)
        for (json, host) in zip(hosts, http.hosts) {
            for (scheme, chain) in [("http", host.http), ("https", host.https)] {
                let recorded = Self.values(json, [scheme]).first as? [String: Any] ?? [:]
                #expect(chain.loop == recorded["loop"] as? Bool)
                #expect(chain.downgrade == recorded["downgrade"] as? Bool)
                #expect(chain.leavesCanonical == recorded["leavesCanonical"] as? Bool)
                #expect(chain.endsOnCanonical == recorded["endsOnCanonical"] as? Bool)
            }
        }
        for (json, check) in zip(Self.values(raw, ["http", "data", "redirectChecks", "*"]), http.redirectChecks) {
            #expect(check.matches == (json as? [String: Any])?["matches"] as? Bool)
        }
        for (json, headers) in zip(Self.values(raw, ["http", "data", "securityHeaders", "*"]), http.securityHeaders) {
            #expect(headers.serverLeaksVersion == (json as? [String: Any])?["serverLeaksVersion"] as? Bool)
            #expect(headers.cspFrameAncestors == (json as? [String: Any])?["cspFrameAncestors"] as? Bool)
        }
        for (json, cors) in zip(Self.values(raw, ["http", "data", "cors", "*"]), http.cors) {
            #expect(cors.reflectsOrigin == (json as? [String: Any])?["reflectsOrigin"] as? Bool)
            #expect(cors.wildcardWithCredentials == (json as? [String: Any])?["wildcardWithCredentials"] as? Bool)
        }
        for (json, monitor) in zip(Self.values(raw, ["http", "data", "monitors", "*"]), http.monitors) {
            #expect(monitor.dead == (json as? [String: Any])?["dead"] as? Bool)
        }
    }

    @Test(arguments: fixtures) func trustFlagsAreTheRecordedOnes(url: URL) throws {
        let data = try Data(contentsOf: url)
        let raw = try JSONSerialization.jsonObject(with: data)
        let snapshot = try SnapshotStore.decode(data, path: url.path)
        let hosts = try #require(snapshot.tls.data?.hosts)
        let recorded = Self.values(raw, ["tls", "data", "hosts", "*"])
        #expect(recorded.count == hosts.count && !hosts.isEmpty)
        for (json, host) in zip(recorded, hosts) {
            let old = try #require((json as? [String: Any])?["verdict"] as? [String: Any])
            let verdict = try #require(host.verdict(at: snapshot.createdAt))
            for (flag, value) in [("trusted", verdict.trusted), ("expired", verdict.expired), ("notYetValid", verdict.notYetValid),
                                  ("selfSigned", verdict.selfSigned), ("unknownIssuer", verdict.unknownIssuer),
                                  ("hostnameMismatch", verdict.hostnameMismatch)] {
                #expect(old[flag] as? Bool == value, "\(host.host) \(flag)")
            }
        }
    }

    /// Schema 2 writes facts only: no stored verdict, status or judged flag survives an encode.
    @Test func aNewSnapshotStoresNoJudgement() throws {
        let text = String(decoding: try CanonicalJSON.encode(HealthyExample.snapshot()), as: UTF8.self)
        for judged in ["\"verdicts\"", "\"status\" : \"pass\"", "\"status\" : \"warn\"", "\"loop\"", "\"downgrade\"", "\"leavesCanonical\"",
                       "\"endsOnCanonical\"", "\"matches\"", "\"serverLeaksVersion\"", "\"cspFrameAncestors\"", "\"reflectsOrigin\"",
                       "\"wildcardWithCredentials\"", "\"dead\"", "\"verdict\"", "\"issuerCAADomains\"", "\"daysLeft\" : 60"] {
            #expect(!text.contains(judged), "\(judged) is stored")
        }
    }

    /// A schema-1 chain without `canonical` keeps the judgement it recorded; a schema-2 chain is judged from its hops.
    @Test func aChainIsJudgedFromItsHops() throws {
        let hops = [HTTPHop(url: "https://acme.test/", outcome: .response, status: 301, location: "http://www.acme.test/"),
                    HTTPHop(url: "http://www.acme.test/", outcome: .response, status: 200)]
        let chain = RedirectChain(start: "https://acme.test/", hops: hops, end: .final, finalURL: "http://www.acme.test/",
                                  finalStatus: 200, canonical: "acme.test")
        #expect(chain.downgrade && chain.leavesCanonical && chain.endsOnCanonical == false && !chain.loop)
        let relative = RedirectChain(start: "http://acme.test/", hops: [
            HTTPHop(url: "http://acme.test/", outcome: .response, status: 308, location: "/login"),
            HTTPHop(url: "http://acme.test/login", outcome: .response, status: 200)],
            end: .final, finalURL: "http://acme.test/login", finalStatus: 200, canonical: "acme.test")
        #expect(!relative.downgrade && !relative.leavesCanonical && relative.endsOnCanonical == true)
    }
}
