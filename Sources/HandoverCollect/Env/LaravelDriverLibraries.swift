import Foundation
import HandoverModel

/// Laravel's stock config files (`config/broadcasting.php`, `config/filesystems.php`, …) read the settings of every
/// driver the framework ships, whether the app uses it or not: `PUSHER_APP_KEY` for the Pusher broadcaster,
/// `AWS_BUCKET` for the S3 disk. Those drivers work only with their PHP library installed; when the app's
/// `composer.lock` — every package it installs, direct or not — lists none of them, and nothing else says the app uses
/// the driver, no code can use the settings (rules 2026.12.71; krayin's, vigilant's, crater's, opnform's and
/// fleetbase's Pusher names, labelled false).
///
/// Narrow on purpose (rules .66 judged any name with a driver's prefix in any `config/*.php` and was reverted; a review
/// of .71 found four more ways production uses the names, mended in .73):
/// - only the names the skeleton reads for the driver, in the stock file that reads them — not AWS's own credential
///   names (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_DEFAULT_REGION`), which every AWS SDK and the AWS CLI
///   read from the environment by themselves;
/// - only in a Laravel app: an `artisan` file beside `config/` and a `composer.lock` there whose `packages` list
///   `laravel/framework`;
/// - a driver counts as served by any library that can serve it, or by one a build file installs
///   (`composer require league/flysystem-aws-s3-v3` in a Dockerfile);
/// - and as used when an env file beside `config/` or the stock file's own default selects it
///   (`BROADCAST_DRIVER=pusher`, `'default' => env('QUEUE_CONNECTION', 'sqs')`), or PHP code names its configuration
///   or picks it (`config('filesystems.disks.s3.url')`, `Storage::disk('s3')`).
package enum LaravelDriverLibraries {
    /// A stock driver: the names its stock config file reads, the packages any one of which makes it usable (a name
    /// ending in `/` matches every package of that vendor), what selects it, and how code names it.
    struct Driver {
        let id: String
        let file: String
        let names: Set<String>
        let packages: [String]
        /// The env names whose value selects a driver, and this driver's value.
        let selectors: [String]
        let value: String
        /// Text in PHP code that names the driver's configuration or picks it.
        let uses: [String]
    }

    /// async-aws's packages serve S3 and SQS through Laravel bridges without the AWS SDK. A lock lists what a package
    /// requires too, but a build file's `composer require` names only the package: Flysystem's S3 adapter, Reverb and
    /// laravel-websockets bring the AWS SDK and Pusher's library with them.
    static let awsPackages = ["aws/aws-sdk-php", "async-aws/"]

    static let drivers: [Driver] = [
        // Pusher's broadcaster (Laravel 5.1–5.3 read `PUSHER_KEY`, `PUSHER_SECRET`, `PUSHER_APP_ID`; 5.4–8 the first
        // four; 9 and later add host, port and scheme). Reverb and laravel-websockets require the same library.
        Driver(id: "pusher", file: "broadcasting.php",
               names: ["PUSHER_APP_KEY", "PUSHER_APP_SECRET", "PUSHER_APP_ID", "PUSHER_APP_CLUSTER", "PUSHER_HOST", "PUSHER_PORT", "PUSHER_SCHEME",
                       "PUSHER_KEY", "PUSHER_SECRET"],
               packages: ["pusher/pusher-php-server", "laravel/reverb", "beyondcode/laravel-websockets"], selectors: ["BROADCAST_DRIVER", "BROADCAST_CONNECTION"], value: "pusher",
               uses: ["broadcasting.connections.pusher"]),
        Driver(id: "ably", file: "broadcasting.php", names: ["ABLY_KEY"], packages: ["ably/ably-php"],
               selectors: ["BROADCAST_DRIVER", "BROADCAST_CONNECTION"], value: "ably", uses: ["broadcasting.connections.ably"]),
        Driver(id: "s3", file: "filesystems.php", names: ["AWS_BUCKET", "AWS_URL", "AWS_ENDPOINT", "AWS_USE_PATH_STYLE_ENDPOINT"],
               packages: awsPackages + ["league/flysystem-aws-s3-v3"], selectors: ["FILESYSTEM_DISK", "FILESYSTEM_DRIVER", "FILESYSTEM_CLOUD"], value: "s3",
               uses: ["filesystems.disks.s3", "disk('s3')", "disk(\"s3\")"]),
        Driver(id: "dynamodb", file: "cache.php", names: ["DYNAMODB_CACHE_TABLE", "DYNAMODB_ENDPOINT"], packages: awsPackages,
               selectors: ["CACHE_DRIVER", "CACHE_STORE"], value: "dynamodb",
               uses: ["cache.stores.dynamodb", "store('dynamodb')", "store(\"dynamodb\")"]),
        Driver(id: "sqs", file: "queue.php", names: ["SQS_PREFIX", "SQS_QUEUE", "SQS_SUFFIX"], packages: awsPackages,
               selectors: ["QUEUE_CONNECTION", "QUEUE_DRIVER"], value: "sqs",
               uses: ["queue.connections.sqs", "connection('sqs')", "connection(\"sqs\")", "onConnection('sqs')", "onConnection(\"sqs\")"]),
    ]

    /// What a repository says about its PHP apps: their folders, their locks, the drivers something selects or uses.
    package struct Evidence: Sendable {
        /// Folders holding an `artisan` file.
        var apps: Set<String> = []
        /// Each `composer.lock`'s folder: the packages it installs, and whether its `packages` list `laravel/framework`.
        var locks: [String: (packages: Set<String>, laravel: Bool)] = [:]
        /// Packages a build file installs (`composer require …`), for any folder.
        var installedAtBuild: Set<String> = []
        /// Drivers selected, by the folder of the env file or stock config file that selects them.
        var selected: [String: Set<String>] = [:]
        /// Drivers PHP code names or picks, anywhere.
        var used: Set<String> = []

        package init() {}

        /// Notes what a file says, when it can say anything; `text` is read only for the files that can.
        package mutating func add(path: String, text: () -> String?) {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard let file = parts.last, !parts.contains("vendor"), !parts.contains("node_modules") else { return }
            let folder = parts.dropLast().map { $0 + "/" }.joined()
            if file == "artisan" {
                apps.insert(folder)
            } else if file == "composer.lock" {
                if let lock = text().flatMap(LaravelDriverLibraries.lock) { locks[folder] = lock }
            } else if file.hasPrefix(".env") {
                if let text = text() { selected[folder, default: []].formUnion(LaravelDriverLibraries.selected(inEnvFile: text)) }
            } else if LaravelDriverLibraries.isBuildFile(String(file)) {
                if let text = text() { installedAtBuild.formUnion(LaravelDriverLibraries.composerRequires(in: text)) }
            } else if let config = LaravelDriverLibraries.root(ofConfig: path), drivers.contains(where: { $0.file == config.file }),
                      let text = text() {
                selected[config.root, default: []].formUnion(LaravelDriverLibraries.defaults(inConfig: text))
            }
        }

        /// Notes the drivers a production PHP file names or picks (`config('filesystems.disks.s3.url')`).
        package mutating func addUses(in text: String) {
            used.formUnion(drivers.filter { $0.uses.contains(where: text.contains) }.map(\.id))
        }

        /// The library a read of `name` at `location` would need and the app does not install, when nothing says the app
        /// uses the driver; nil otherwise.
        func missing(_ name: String, at location: String) -> String? {
            let path = CodeRead.parts(of: location).path
            guard let config = LaravelDriverLibraries.root(ofConfig: path), apps.contains(config.root), let lock = locks[config.root],
                  lock.laravel, let driver = drivers.first(where: { $0.file == config.file && $0.names.contains(name) }),
                  !used.contains(driver.id), selected[config.root]?.contains(driver.id) != true
            else { return nil }
            let installed = lock.packages.union(installedAtBuild)
            guard !installed.contains(where: { package in driver.packages.contains { $0.hasSuffix("/") ? package.hasPrefix($0) : package == $0 } })
            else { return nil }
            return driver.packages.map { $0.hasSuffix("/") ? $0 + "*" : $0 }.joined(separator: " or ")
        }
    }

    /// The folder a config file sits in and its name (`api/config/broadcasting.php` → `api/`, `broadcasting.php`), or
    /// nil for a path not directly in a `config/` folder.
    static func root(ofConfig path: String) -> (root: String, file: String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[parts.count - 2] == "config", !parts.contains("vendor") else { return nil }
        return (parts.dropLast(2).map { $0 + "/" }.joined(), String(parts[parts.count - 1]))
    }

    /// The packages a `composer.lock` lists (`packages` and `packages-dev`), and whether `packages` — what a production
    /// install gets — lists `laravel/framework`; nil when it cannot be read as a lock.
    static func lock(_ text: String) -> (packages: Set<String>, laravel: Bool)? {
        struct Lock: Decodable {
            struct Package: Decodable { let name: String }
            let packages: [Package]?
            let packagesDev: [Package]?
            enum CodingKeys: String, CodingKey { case packages, packagesDev = "packages-dev" }
        }
        guard let lock = try? JSONDecoder().decode(Lock.self, from: Data(text.utf8)), let packages = lock.packages else { return nil }
        let runtime = Set(packages.map { $0.name.lowercased() })
        return (runtime.union((lock.packagesDev ?? []).map { $0.name.lowercased() }), runtime.contains("laravel/framework"))
    }

    /// The drivers an env file's selectors pick (`BROADCAST_DRIVER=pusher`, `QUEUE_CONNECTION="sqs"`), commented-out
    /// lines aside. Only the driver ids are kept, never a value.
    package static func selected(inEnvFile text: String) -> Set<String> {
        var out: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let entry = trimmed.hasPrefix("export ") ? trimmed.dropFirst("export ".count) : trimmed
            guard let eq = entry.firstIndex(of: "=") else { continue }
            let name = entry[..<eq].trimmingCharacters(in: .whitespaces)
            let value = entry[entry.index(after: eq)...].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            for driver in drivers where driver.selectors.contains(name) && value.lowercased() == driver.value { out.insert(driver.id) }
        }
        return out
    }

    /// The drivers a stock config file picks by default (`'default' => env('BROADCAST_DRIVER', 'pusher')`).
    static func defaults(inConfig text: String) -> Set<String> {
        var out: Set<String> = []
        for driver in drivers {
            for selector in driver.selectors {
                for quote in ["'", "\""] {
                    let pattern = "'default'\\s*=>\\s*env\\(\\s*\(quote)\(selector)\(quote)\\s*,\\s*['\"]\(driver.value)['\"]"
                    if text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil { out.insert(driver.id) }
                }
            }
        }
        return out
    }

    /// Files that build or start an image or a server, where `composer require` may install a package.
    static func isBuildFile(_ file: String) -> Bool {
        file.hasPrefix("Dockerfile") || file.hasSuffix(".Dockerfile") || file.hasSuffix(".dockerfile") || file == "Containerfile"
            || file.hasSuffix(".sh") || file.hasSuffix(".yml") || file.hasSuffix(".yaml") || file == "Makefile" || file == "Procfile"
            || file == "nixpacks.toml"
    }

    /// The packages `composer require` installs in a build file (`RUN composer require league/flysystem-aws-s3-v3 "^3.0"`).
    package static func composerRequires(in text: String) -> Set<String> {
        var out: Set<String> = []
        var rest = Substring(text)
        while let found = rest.range(of: "composer require") {
            let command = rest[found.upperBound...].prefix { $0 != "\n" && $0 != "&" && $0 != ";" && $0 != "|" }
            for word in command.split(separator: " ") where word.contains("/") && !word.hasPrefix("-") {
                let name = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'\\")).split(separator: ":").first.map(String.init) ?? ""
                if name.split(separator: "/").count == 2 { out.insert(name.lowercased()) }
            }
            rest = rest[found.upperBound...]
        }
        return out
    }
}
