import CFuzzDriver
import Foundation
import HandoverFixtures

/// One libFuzzer binary for every target in `FuzzEntryPoints` (manifest, env files, email records, snapshot → audit,
/// diff, context, documents); `FUZZ_TARGET` picks one. scripts/fuzz runs each over its corpus in Fuzz/Corpus/TARGET.
let target: @Sendable ([UInt8]) -> Void = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let entry = FuzzEntryPoints.targets.first(where: { $0.name == name }) else {
        let names = FuzzEntryPoints.targets.map(\.name).joined(separator: ", ")
        FileHandle.standardError.write(Data("HandoverFuzz: set FUZZ_TARGET to one of \(names)\n".utf8))
        exit(2)
    }
    return entry.run
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    target(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The entry point a debug build links `main` to (SwiftPM renames an executable's main); libFuzzer's driver runs.
@_cdecl("HandoverFuzz_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
}
