import CFuzzDriver
import HandoverCore

/// The SPF, DMARC and DKIM record parsers: FuzzEntryPoints.emailRecords, which the main test suite replays over Fuzz/Corpus/FuzzEmailRecords.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntryPoints.emailRecords(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The entry point a debug build links `main` to (SwiftPM renames an executable's main); libFuzzer's driver runs.
@_cdecl("FuzzEmailRecords_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
}
