import CFuzzDriver
import HandoverCore

/// The env inventory parsers (dotenv, compose, fly.toml, render.yaml): FuzzEntryPoints.envFiles, which the main test suite replays over Fuzz/Corpus/FuzzEnvFiles.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntryPoints.envFiles(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The entry point a debug build links `main` to (SwiftPM renames an executable's main); libFuzzer's driver runs.
@_cdecl("FuzzEnvFiles_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
}
