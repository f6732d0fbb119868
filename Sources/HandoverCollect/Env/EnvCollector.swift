import Foundation
import HandoverModel
import HandoverManifest

/// Builds the env inventory from the working tree: names per environment, never values.
///
/// Files are read from the working tree, not from git, because production env files are usually ignored.
package struct EnvCollector: Sendable {
    /// Files larger than this are not env files; they are reported instead of read.
    static let maximumFileSize = 4 << 20

    package let repository: URL

    package init(repository: URL) {
        self.repository = repository
    }

    package func collect(_ manifest: Manifest) -> Section<EnvInventory> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: repository.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failed("repository folder \(repository.path) does not exist — check `repository:` in the manifest")
        }
        var reference: EnvFileReport?
        var referenceNames: [String] = []
        var referenceOptional: [EnvOptionalName]?
        var referenceSwitches: [String]?
        var referenceExternal: [String]?
        if let path = manifest.envReference {
            let read = readFiles(path)
            reference = read.reports.first
            referenceNames = Array(Set(read.definitions.map(\.name))).sorted()
            if reference?.status == .read, !read.optional.isEmpty { referenceOptional = read.optional }
            if reference?.status == .read, !read.switches.isEmpty { referenceSwitches = read.switches }
            let external = Set(read.definitions.filter { $0.definition.shape == .external }.map(\.name))
            if reference?.status == .read, !external.isEmpty { referenceExternal = external.sorted() }
        }
        let environments = manifest.environments.map { spec -> EnvironmentInventory in
            var reports: [EnvFileReport] = []
            var definitions: [(name: String, definition: EnvDefinition)] = []
            for path in spec.envFiles {
                let read = readFiles(path)
                reports += read.reports
                definitions += read.definitions
            }
            let variables = Dictionary(grouping: definitions, by: \.name)
                .map { EnvVariable(name: $0.key, definitions: $0.value.map(\.definition)) }
                .sorted { $0.name < $1.name }
            let names = Set(variables.map(\.name))
            let hasReference = manifest.envReference != nil && reference?.status == .read
            return EnvironmentInventory(
                name: spec.name, production: spec.isProduction, files: reports, variables: variables,
                missingFromReference: hasReference ? referenceNames.filter { !names.contains($0) } : [],
                notInReference: hasReference ? names.subtracting(referenceNames).sorted() : [])
        }
        var inventory = EnvInventory(
            reference: reference, referenceNames: referenceNames,
            environments: environments.sorted { $0.name < $1.name }, ciReferences: workflowReferences())
        inventory.referenceOptional = referenceOptional
        inventory.referenceSwitches = referenceSwitches
        inventory.referenceExternal = referenceExternal
        return .collected(inventory)
    }

    /// Compose files may pull in at most this many `env_file:` entries.
    static let maximumIncludes = 64

    /// Reads one env file (and the files a compose file includes); reports come first for the named file.
    /// Compose `env_file:` entries are dotenv files whatever their name, so inclusion never recurses.
    func readFiles(_ path: String, format forced: EnvFileReport.Format? = nil)
        -> (reports: [EnvFileReport], definitions: [(name: String, definition: EnvDefinition)], optional: [EnvOptionalName], switches: [String])
    {
        let format = forced ?? Self.format(of: path)
        let url = URL(fileURLWithPath: path, relativeTo: repository)
        let bytes: [UInt8]
        switch Self.read(url) {
        case .failure(let report):
            return ([EnvFileReport(path: path, format: format, status: report.status, problems: report.problems)], [], [], [])
        case .success(let data):
            bytes = data
        }
        var result: EnvParseResult
        switch format {
        case .compose: result = ComposeParser.parse(String(decoding: bytes, as: UTF8.self), file: path)
        case .fly: result = FlyTomlParser.parse(String(decoding: bytes, as: UTF8.self), file: path)
        case .render: result = RenderYamlParser.parse(String(decoding: bytes, as: UTF8.self), file: path)
        case .netlify: result = NetlifyTomlParser.parse(String(decoding: bytes, as: UTF8.self), file: path)
        case .vercel: result = VercelJSONParser.parse(String(decoding: bytes, as: UTF8.self), file: path)
        case .dotenv, .unknown: result = DotenvParser.parse(bytes, file: path)
        }
        if result.includedFiles.count > Self.maximumIncludes {
            result.problem(line: result.includedFiles[Self.maximumIncludes].line,
                           "more than \(Self.maximumIncludes) `env_file` entries; the rest were not read")
            result.includedFiles.removeLast(result.includedFiles.count - Self.maximumIncludes)
        }
        var reports = [EnvFileReport(path: path, format: format, status: result.unreadable ? .failed : .read, problems: result.problems,
                                     nameCount: Set(result.definitions.map(\.name)).count)]
        var definitions = result.definitions
        let base = (path as NSString).deletingLastPathComponent
        for include in result.includedFiles {
            let includedPath = include.path.hasPrefix("/") ? include.path
                : (base.isEmpty ? include.path : base + "/" + include.path)
            let included = readFiles(includedPath, format: .dotenv)
            if included.reports.first?.status == .missing && !include.required { continue }
            reports += included.reports
            definitions += included.definitions.map { name, definition in
                var scoped = definition
                scoped.scope = include.scope
                return (name, scoped)
            }
        }
        return (reports, definitions, Self.optionalNames(result, path: path), Array(Set(result.switches)).sorted())
    }

    /// The names a file marks optional: the last definition of a name decides; a commented-out assignment counts
    /// only for a name the file does not define (`# DATABASE_URL=mysql://…` beside a real `DATABASE_URL=` is an
    /// alternative example, not an optional variable).
    static func optionalNames(_ result: EnvParseResult, path: String) -> [EnvOptionalName] {
        var lastLine: [String: Int] = [:]
        for (name, definition) in result.definitions { lastLine[name] = definition.line }
        var byName: [String: EnvOptionalName] = [:]
        for entry in result.optional {
            if entry.marker == .commentedOut {
                guard lastLine[entry.name] == nil, byName[entry.name] == nil else { continue }
            } else if lastLine[entry.name] != entry.line {
                continue
            }
            byName[entry.name] = EnvOptionalName(name: entry.name, marker: entry.marker, location: "\(path):\(entry.line)")
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    private static func read(_ url: URL) -> Result<[UInt8], FileReadFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return .failure(FileReadFailure(status: .missing, problems: []))
        }
        if isDirectory.boolValue {
            return .failure(FileReadFailure(status: .failed, problems: [EnvFileProblem(line: 0, message: "is a directory")]))
        }
        switch BoundedFile.read(url.path, maxBytes: maximumFileSize) {
        case .success(let data):
            return .success(Array(data))
        case .failure(.missing):
            return .failure(FileReadFailure(status: .missing, problems: []))
        case .failure(.notRegular(let what)):
            return .failure(FileReadFailure(status: .failed, problems: [EnvFileProblem(line: 0, message: what)]))
        case .failure:
            return .failure(FileReadFailure(status: .failed, problems: [EnvFileProblem(
                line: 0, message: "unreadable or larger than \(maximumFileSize >> 20) MiB")]))
        }
    }

    private struct FileReadFailure: Error {
        var status: EnvFileReport.Status
        var problems: [EnvFileProblem]
    }

    /// The parser is chosen by file name.
    package static func format(of path: String) -> EnvFileReport.Format {
        let name = (path as NSString).lastPathComponent.lowercased()
        let isYAML = name.hasSuffix(".yml") || name.hasSuffix(".yaml")
        if isYAML && (name.hasPrefix("docker-compose") || name.hasPrefix("compose")) { return .compose }
        if name == "fly.toml" || (name.hasPrefix("fly.") && name.hasSuffix(".toml")) { return .fly }
        if isYAML && name.hasPrefix("render") { return .render }
        if name == "netlify.toml" { return .netlify }
        if name == "vercel.json" { return .vercel }
        return .dotenv
    }

    /// Secrets and variables the GitHub Actions workflows of the repository reference.
    func workflowReferences() -> [CIReference] {
        let folder = repository.appendingPathComponent(".github/workflows")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var byKey: [String: (kind: CIReference.Kind, name: String, locations: [String], environments: Set<String>, assignedTo: Set<String>)] = [:]
        for file in files.sorted() where file.hasSuffix(".yml") || file.hasSuffix(".yaml") {
            let path = ".github/workflows/" + file
            guard case .success(let data) = BoundedFile.read(folder.appendingPathComponent(file).path, maxBytes: Self.maximumFileSize)
            else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let jobs = WorkflowReferences.jobEnvironments(text)
            for use in WorkflowReferences.scan(text, file: path) {
                let key = "\(use.kind.rawValue):\(use.name)"
                byKey[key, default: (use.kind, use.name, [], [], [])].locations.append(use.location)
                if let name = use.assignedTo { byKey[key]?.assignedTo.insert(name) }
                let line = CodeRead.parts(of: use.location).line ?? 0
                if let job = jobs.first(where: { $0.lines.contains(line) }) { byKey[key]?.environments.insert(job.environment) }
            }
        }
        return byKey.values
            .map { CIReference(name: $0.name, kind: $0.kind, locations: Array(Set($0.locations)).sorted(by: Self.locationOrder),
                               environments: $0.environments.isEmpty ? nil : $0.environments.sorted(),
                               assignedTo: $0.assignedTo.isEmpty ? nil : $0.assignedTo.sorted()) }
            .sorted { ($0.name, $0.kind.rawValue) < ($1.name, $1.kind.rawValue) }
    }

    /// `path:line` sorted by path, then by line as a number.
    static func locationOrder(_ a: String, _ b: String) -> Bool {
        func split(_ s: String) -> (String, Int) {
            let parts = CodeRead.parts(of: s)
            return (parts.path, parts.line ?? 0)
        }
        return split(a) < split(b)
    }
}
