import Foundation
import HandoverTestSupport
import Testing
import HandoverCollect

/// `HANDOVER_NOW` sets the tool's clock (tests, reproducible demos); a value that is not a time is refused, not ignored.
@Suite struct ClockTests {
    @Test func aSetClockNamesAndDatesTheSnapshot() throws {
        let dir = try makeProject()
        let result = try HandoverBinary.run(["snapshot", "--only", "owners"], in: dir.url,
                                            environment: ["HANDOVER_NOW": "2026-11-30T08:09:10Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }
        #expect(names.count == 1 && names[0].hasPrefix("20261130T080910Z-"), "\(names)")
        #expect(dir.read("snapshots/" + names[0])?.contains("\"createdAt\" : \"2026-11-30T08:09:10Z\"") == true)
    }

    @Test func aClockThatIsNotATimeIsAUsageError() throws {
        let dir = try makeProject()
        let result = try HandoverBinary.run(["snapshot", "--only", "owners"], in: dir.url, environment: ["HANDOVER_NOW": "yesterday"])
        #expect(result.status == 2 && result.stderr.contains("HANDOVER_NOW=yesterday is not a UTC time"), "\(result.status) \(result.stderr)")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path)) ?? []
        #expect(written.isEmpty, "\(written)")
    }
}
