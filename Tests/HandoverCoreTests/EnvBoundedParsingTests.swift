import Dispatch
import Foundation
import Testing
@testable import HandoverCollect

/// Holds a value written by one thread and read by another after a semaphore.
final class ResultBox<T>: @unchecked Sendable { var value: T? }

/// Hostile env files (issue 16, item 6): each is read or refused in time linear in its size. Every input is large
/// enough that the unbounded parsers took far more than 10 s on it (see docs/env.md for the measured times); the
/// bound is generous for a debug build on a loaded machine.
@Suite struct EnvBoundedParsingTests {
    static let bound: Double = 20

    /// Runs `body` on its own thread and returns its result, or nil when it has not finished within `seconds`
    /// (the test then fails instead of hanging; the runaway thread is left to the process's end).
    static func within<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () -> T) -> (value: T, seconds: Double)? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let start = DispatchTime.now()
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + seconds) == .success, let value = box.value else { return nil }
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }

    /// `a0` is a list of ten scalars and each `aN` a list of ten `*aN-1`: `aN` stands for 10^(N+1) nodes in 12 lines.
    static func lattice(depth: Int) -> String {
        var text = "x-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...depth {
            text += "x-a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text
    }

    /// A compose file whose service environment has the lattice as a key.
    static func aliasKeyCompose(depth: Int, explicit: Bool) -> String {
        lattice(depth: depth) + "services:\n  web:\n    environment:\n"
            + (explicit ? "      ? *a\(depth)\n      : x\n" : "      *a\(depth) : x\n") + "      A: 1\n"
    }

    /// Each `xN` merges `xN-1` twice: resolving `<<` naively visits 2^depth mappings.
    static func mergeChainCompose(depth: Int) -> String {
        var text = "x-0: &x0 {A: 1}\n"
        for level in 1...depth {
            text += "x-\(level): &x\(level) {<<: [*x\(level - 1), *x\(level - 1)], B\(level): 1}\n"
        }
        return text + "services:\n  web:\n    <<: *x\(depth)\n    environment: [C=1]\n"
    }

    @Test(arguments: [false, true])
    func anAliasLatticeUsedAsAComposeKeyIsRefusedAtOnce(explicit: Bool) throws {
        let text = Self.aliasKeyCompose(depth: 9, explicit: explicit)
        let run = try #require(Self.within(Self.bound) { ComposeParser.parse(text, file: "docker-compose.yml") },
                               "parsing an alias-key lattice took more than \(Self.bound) s")
        #expect(run.value.unreadable)
        #expect(run.value.definitions.isEmpty)
        #expect(run.value.problems.count == 1)
        #expect(run.value.problems.first?.message.contains("alias") == true, "\(run.value.problems)")
    }

    @Test func anAliasLatticeUsedAsARenderKeyIsRefusedAtOnce() throws {
        let text = Self.lattice(depth: 9) + "services:\n  - name: api\n    envVars:\n      - key: A\n        value: 1\n        *a9 : x\n"
        let run = try #require(Self.within(Self.bound) { RenderYamlParser.parse(text, file: "render.yaml") })
        #expect(run.value.unreadable && run.value.definitions.isEmpty)
    }

    @Test func chainedMergesAreCutOffNotExpanded() throws {
        let text = Self.mergeChainCompose(depth: 40)
        let run = try #require(Self.within(Self.bound) { ComposeParser.parse(text, file: "docker-compose.yml") },
                               "resolving chained merges took more than \(Self.bound) s")
        #expect(run.value.problems.contains { $0.message.contains("merge") }, "\(run.value.problems)")
        // A short chain is still resolved, with YAML's precedence (explicit keys, then the first source).
        let short = ComposeParser.parse(Self.mergeChainCompose(depth: 3), file: "docker-compose.yml")
        #expect(short.problems.isEmpty && short.definitions.map(\.name) == ["C"])
    }

    /// `[env]` then `B = """` never closed, then 4 MiB of lines: the old reader searched the whole growing value
    /// for `"""` after every line.
    @Test(arguments: ["[env]\nA = \"1\"\nB = \"\"\"", "[build]\nargs = [", "[env]\nB = ["])
    func anUnterminatedFlyValueIsReadInLinearTime(opening: String) throws {
        let text = opening + "\n" + String(repeating: "x = 1\n", count: (EnvCollector.maximumFileSize - 64) / 6)
        let run = try #require(Self.within(Self.bound) { FlyTomlParser.parse(text, file: "fly.toml") },
                               "an unterminated fly.toml value took more than \(Self.bound) s")
        #expect(run.value.definitions.count <= 1)
    }
}
