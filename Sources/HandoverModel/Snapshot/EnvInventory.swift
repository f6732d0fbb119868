/// The env var inventory: names per environment, never values.
///
/// No type here has a field that could hold a value: parsers classify a value where they read it
/// (`ValueShape`) and drop it.
package struct EnvInventory: Codable, Sendable, Equatable {
    /// The reference file (`env.reference`, usually `.env.example`), when the manifest names one.
    package var reference: EnvFileReport?
    /// Names defined by the reference file, sorted.
    package var referenceNames: [String]
    /// One entry per environment of the manifest, sorted by name.
    package var environments: [EnvironmentInventory]
    /// Names CI expects to exist (`${{ secrets.NAME }}`, `${{ vars.NAME }}`); not inventory of any environment.
    package var ciReferences: [CIReference]
    /// Names referenced in source code at HEAD (read through libgit2), sorted; nil when not scanned.
    package var codeReferences: [CodeReference]?
    /// Names the reference file marks as optional (including commented-out ones), sorted by name; nil when it marks
    /// none, when no reference file was read, or in a snapshot that predates this field.
    package var referenceOptional: [EnvOptionalName]?
    /// Names the reference file sets to a switch word (`true`, `false`, `on`, `off`, `yes`, `no`), commented-out
    /// assignments included, sorted: switches, not secrets. Names only, never a value; nil when it sets none, when no
    /// reference file was read, or in a snapshot that predates this field.
    package var referenceSwitches: [String]?
    /// Names the reference file sets from outside the file, sorted: an interpolation of another variable
    /// (`VITE_ALGOLIA_SECRET="${ALGOLIA_SECRET}"`, Laravel's way of handing a server value to the bundle). Names only;
    /// nil when it sets none, when no reference file was read, or in a snapshot that predates this field.
    package var referenceExternal: [String]?

    package init(reference: EnvFileReport?, referenceNames: [String], environments: [EnvironmentInventory],
                ciReferences: [CIReference]) {
        self.reference = reference
        self.referenceNames = referenceNames
        self.environments = environments
        self.ciReferences = ciReferences
    }

    /// Every env name CI names: each secret and variable a workflow references, and each env name a workflow hands
    /// one of them to (`NEXT_PUBLIC_KEY: ${{ secrets.STRIPE_PK }}` names both).
    package var namesCINames: Set<String> {
        Set(ciReferences.flatMap { [$0.name] + ($0.assignedTo ?? []) })
    }
}

/// The names one environment defines, where they come from, and how they compare with the reference.
package struct EnvironmentInventory: Codable, Sendable, Equatable {
    package var name: String
    package var production: Bool
    /// The files read for this environment, in manifest order.
    package var files: [EnvFileReport]
    /// Every name defined, sorted, with where it was defined.
    package var variables: [EnvVariable]
    /// Names in the reference file that this environment does not define.
    package var missingFromReference: [String]
    /// Names this environment defines that the reference file does not.
    package var notInReference: [String]

    package init(name: String, production: Bool, files: [EnvFileReport], variables: [EnvVariable],
                missingFromReference: [String], notInReference: [String]) {
        self.name = name
        self.production = production
        self.files = files
        self.variables = variables
        self.missingFromReference = missingFromReference
        self.notInReference = notInReference
    }
}

/// A name the reference file marks as optional, how it says so, and where.
package struct EnvOptionalName: Codable, Sendable, Equatable {
    package enum Marker: String, Codable, Sendable, LenientRawEnum {
        /// A comment on or above the line says so (`# optional`, `# OPTIONAL: …`).
        case comment
        /// The line sits under a section header that says so (`# [[AUTH OPTIONAL]]`, `# --- Optional ---`).
        case section
        /// The assignment itself is commented out (`# SENTRY_DSN=`).
        case commentedOut = "commented-out"
        /// The value is empty and a comment documents a default (`PORT=  # defaults to 3000`).
        case documentedDefault = "documented-default"
        /// The line sits under a header (or comment) that is only about tests (`# [[E2E Tests]]`).
        case testSection = "test-section"
        /// The value is `null` (`REDIS_PASSWORD=null`), which Laravel's `env()` reads as no value: the example
        /// configuration runs without it. Not optional: the code may still need it, so a finding is medium, not info.
        case nullValue = "null-value"
        case unknown
    }

    package var name: String
    package var marker: Marker
    /// `path:line` of the definition (or of the commented-out line).
    package var location: String

    package init(name: String, marker: Marker, location: String) {
        self.name = name
        self.marker = marker
        self.location = location
    }
}

/// One env var name and every place it is defined.
package struct EnvVariable: Codable, Sendable, Equatable {
    package var name: String
    package var definitions: [EnvDefinition]

    package init(name: String, definitions: [EnvDefinition]) {
        self.name = name
        self.definitions = definitions
    }

    /// The shape of the definition that wins (the last one read).
    package var effectiveShape: ValueShape { definitions.last?.shape ?? .unknown }
}

/// Where a name is defined, and the shape of its value there.
package struct EnvDefinition: Codable, Sendable, Equatable, Hashable {
    package var file: String
    package var line: Int
    /// The service or group inside the file (compose, render.yaml), when there is one.
    package var scope: String?
    package var shape: ValueShape

    package init(file: String, line: Int, scope: String? = nil, shape: ValueShape) {
        self.file = file
        self.line = line
        self.scope = scope
        self.shape = shape
    }
}

/// What a value looks like, decided where it was read; the value itself is never kept.
package enum ValueShape: String, Codable, Sendable, CaseIterable, LenientRawEnum {
    /// `KEY=` or nothing after the name.
    case empty
    /// `changeme`, `xxx`, `TODO`, `<your-key>` and the like.
    case placeholder
    /// Points to localhost / 127.0.0.1 / ::1 / 0.0.0.0.
    case localhost
    /// A test-mode key such as Stripe's `sk_test_…`.
    case testModeKey = "test-mode-key"
    /// Supplied from outside the file: `${VAR}` interpolation, compose pass-through, a platform dashboard.
    case external
    /// Nothing suspicious.
    case looksFine = "looks-fine"
    case unknown
}

/// One env file as read for an environment.
package struct EnvFileReport: Codable, Sendable, Equatable {
    package enum Format: String, Codable, Sendable, LenientRawEnum {
        case dotenv, compose, fly, render, netlify, vercel, unknown
    }

    package enum Status: String, Codable, Sendable, LenientRawEnum {
        /// Read; problems may still list lines that could not be parsed.
        case read
        /// Not in the working tree.
        case missing
        /// Could not be read or parsed at all.
        case failed
        case unknown
    }

    /// The path as written in the manifest (relative to the repository).
    package var path: String
    package var format: Format
    package var status: Status
    /// Lines that could not be parsed, duplicates and other notes: never the text of a line.
    package var problems: [EnvFileProblem]
    /// Number of names this file defines.
    package var nameCount: Int

    package init(path: String, format: Format, status: Status, problems: [EnvFileProblem] = [], nameCount: Int = 0) {
        self.path = path
        self.format = format
        self.status = status
        self.problems = problems
        self.nameCount = nameCount
    }
}

/// A problem in an env file, located by line; the message never quotes the file's text.
package struct EnvFileProblem: Codable, Sendable, Equatable, Hashable {
    package var line: Int
    package var message: String

    package init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// A secret or variable a CI workflow expects to exist.
package struct CIReference: Codable, Sendable, Equatable {
    package enum Kind: String, Codable, Sendable, LenientRawEnum {
        case secret, variable, unknown
    }

    package var name: String
    package var kind: Kind
    /// `path:line` of every use, sorted.
    package var locations: [String]
    /// The GitHub environments (`environment:` of the jobs that use it) that must provide it, sorted; nil when every
    /// use is in a job without one (the repository's secrets and variables serve it).
    package var environments: [String]?
    /// The env names a workflow hands the value to whole (`NEXT_PUBLIC_KEY: ${{ secrets.STRIPE_PK }}` in an `env:`
    /// block, `NEXT_PUBLIC_KEY=${{ secrets.STRIPE_PK }}` as a build argument), sorted; nil when none. The build or
    /// the process sees these names, not `name`.
    package var assignedTo: [String]?

    package init(name: String, kind: Kind, locations: [String], environments: [String]? = nil, assignedTo: [String]? = nil) {
        self.name = name
        self.kind = kind
        self.locations = locations
        self.environments = environments
        self.assignedTo = assignedTo
    }
}
