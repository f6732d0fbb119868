#!/usr/bin/env python3
"""What each module and library costs in a handover binary: the sizes of its defined symbols (code and data, from
`nm -S`) grouped by the Swift module in the mangled name, or by the C library a symbol prefix names; then the
sections that are not symbols (debug info, symbol tables, unwind tables, Swift metadata). Usage: binary-size.py BINARY"""
import collections, re, subprocess, sys

binary = sys.argv[1]
# Swift modules → the package they come from.
packages = {
    "ArgumentParser": "swift-argument-parser", "ArgumentParserToolInfo": "swift-argument-parser",
    "Yams": "Yams", "Crypto": "swift-crypto", "_CryptoExtras": "swift-crypto", "CryptoBoringWrapper": "swift-crypto",
    "SwiftASN1": "swift-asn1", "X509": "swift-certificates", "_CertificateInternals": "swift-certificates",
    "AsyncHTTPClient": "async-http-client", "Mustache": "swift-mustache", "Atomics": "swift-atomics",
    "Logging": "swift-log", "DequeModule": "swift-collections", "InternalCollectionsUtilities": "swift-collections",
    "_NIOBase64": "swift-nio", "_NIODataStructures": "swift-nio", "Algorithms": "swift-algorithms",
    "SystemPackage": "swift-system", "RealModule": "swift-numerics", "_NumericsShims": "swift-numerics",
    "Tracing": "swift-distributed-tracing", "Instrumentation": "swift-distributed-tracing",
    "ServiceContextModule": "swift-service-context", "BasicContainers": "swift-collections",
}
c_prefixes = [("icudt", "ICU data (Foundation's _FoundationICU, static builds)"), ("swift_u", "ICU code (_FoundationICU)"), ("icu_", "ICU code (_FoundationICU)"),
              ("_swift_stdlib_", "Swift standard library data"), ("CF", "CoreFoundation (static builds)"),
              ("_CF", "CoreFoundation (static builds)"), ("CCryptoBoringSSL", "swift-crypto (BoringSSL)"), ("CNIOBoringSSL", "swift-nio-ssl (BoringSSL)"),
              ("yaml_", "Yams (libyaml)"), ("CNIO", "swift-nio (C shims)"), ("c_nio", "swift-nio (C shims)"),
              ("llhttp", "swift-nio (llhttp)"), ("nghttp", "swift-nio-http2"), ("handover_", "handover (C shims)")]

def owner(name):
    m = re.match(r"^\$s(\d+)([A-Za-z_][A-Za-z0-9_]*)", name)
    if m:
        module = m.group(2)[: int(m.group(1))]
        if module.startswith("Handover") or module == "handover":
            return "handover: " + module
        if module.startswith("NIO") or module in ("_NIOConcurrency",):
            return "swift-nio-ssl" if module in ("NIOSSL", "NIOTLS") and module == "NIOSSL" else (
                "swift-nio-extras" if module.startswith("NIOExtras") or module == "NIOHTTPCompression" else
                "swift-nio-http2" if module.startswith("NIOHTTP2") or module == "NIOHPACK" else "swift-nio")
        if module.startswith("Foundation") or module.startswith("_Foundation"):
            return "Foundation (static builds): " + module
        return packages.get(module, "other Swift: " + module)
    if name.startswith("$s"):
        return "Swift standard library (static builds) and its specialisations"
    for prefix, label in c_prefixes:
        if name.startswith(prefix) or (name.startswith("_Z") and prefix in name):
            return label
    if name.startswith("_Z"):
        return "other C++ (mostly BoringSSL statics)"
    return "other C / C++ / runtime glue"

sizes = collections.Counter()
for line in subprocess.run(["nm", "-S", "--defined-only", binary], capture_output=True, text=True).stdout.splitlines():
    parts = line.split()
    if len(parts) == 4:
        sizes[owner(parts[3])] += int(parts[1], 16)
sections = {}
for line in subprocess.run(["size", "-A", binary], capture_output=True, text=True).stdout.splitlines()[2:]:
    parts = line.split()
    if len(parts) == 3 and parts[1].isdigit():
        sections[parts[0]] = int(parts[1])
import os
total = os.path.getsize(binary)
debug = sum(v for k, v in sections.items() if k.startswith(".debug"))
symbols_total = sum(sizes.values())
print(f"{binary}: {total / 1e6:.1f} MB on disk; symbols (code + data) {symbols_total / 1e6:.1f} MB; debug info {debug / 1e6:.1f} MB")
for name, size in sizes.most_common():
    if size >= 100_000:
        print(f"  {size / 1e6:6.2f} MB  {name}")
rest = sum(size for size in sizes.values() if size < 100_000)
print(f"  {rest / 1e6:6.2f} MB  everything under 0.1 MB each")
for name in (".eh_frame", ".eh_frame_hdr", ".rela.dyn", "swift5_typeref", "swift5_fieldmd", "swift5_reflstr", "swift5_protocol_conformances", ".rodata"):
    if name in sections:
        print(f"  section {name}: {sections[name] / 1e6:.2f} MB")
