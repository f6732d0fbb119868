import Foundation

/// Laravel's config files (`config/filesystems.php`, `config/broadcasting.php`, `config/services.php`, …) read the
/// settings of every driver the framework ships, whether the app uses it or not: `PUSHER_APP_KEY` for the Pusher
/// broadcaster, `AWS_ACCESS_KEY_ID` for the S3 disk, SES, SQS and DynamoDB. A driver works only with its PHP library
/// installed (`pusher/pusher-php-server`, `aws/aws-sdk-php`); when the project's `composer.lock` — every package it
/// installs, direct or not — lists none of them, nothing can use those settings (rules 2026.12.66; the Pusher and AWS
/// names of krayin, vigilant, crater, opnform and fleetbase, all labelled false).
package enum LaravelDriverLibraries {
    /// A name's prefix and the packages any of which the drivers that read it need.
    static let libraries: [(prefix: String, packages: Set<String>)] = [
        ("PUSHER_", ["pusher/pusher-php-server"]),
        ("ABLY_", ["ably/ably-php"]),
        ("AWS_", ["aws/aws-sdk-php"]),
        ("MAILGUN_", ["symfony/mailgun-mailer"]),
        ("POSTMARK_", ["symfony/postmark-mailer", "wildbit/postmark-php"]),
        ("MEILISEARCH_", ["meilisearch/meilisearch-php"]),
        ("TYPESENSE_", ["typesense/typesense-php"]),
        ("ALGOLIA_", ["algolia/algoliasearch-client-php"]),
    ]

    /// The folder of a Laravel config file (`api/config/broadcasting.php` → `api/`), or nil for any other path.
    static func root(ofConfig path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[parts.count - 2] == "config", parts[parts.count - 1].hasSuffix(".php") else { return nil }
        return parts.dropLast(2).map { $0 + "/" }.joined()
    }

    /// The folder of a `composer.lock` (`api/composer.lock` → `api/`), or nil for any other path.
    package static func root(ofLock path: String) -> String? {
        guard path == "composer.lock" || path.hasSuffix("/composer.lock") else { return nil }
        return String(path.dropLast("composer.lock".count))
    }

    /// The package names a `composer.lock` lists (`packages` and `packages-dev`); nil when it cannot be read as one.
    static func packages(inLock text: String) -> Set<String>? {
        struct Lock: Decodable {
            struct Package: Decodable { let name: String }
            let packages: [Package]?
            let packagesDev: [Package]?
            enum CodingKeys: String, CodingKey { case packages, packagesDev = "packages-dev" }
        }
        guard let lock = try? JSONDecoder().decode(Lock.self, from: Data(text.utf8)), lock.packages != nil else { return nil }
        return Set(((lock.packages ?? []) + (lock.packagesDev ?? [])).map { $0.name.lowercased() })
    }

    /// The library a read of `name` at `location` would need and the project does not install: the read sits in a
    /// Laravel config file, the name's prefix is a driver's, and the `composer.lock` beside that `config/` folder lists
    /// none of the driver's packages. Nil otherwise (no lock read: nothing is known).
    static func missing(_ name: String, at location: String, locks: [String: Set<String>]) -> String? {
        let path = String(location[..<(location.lastIndex(of: ":") ?? location.endIndex)])
        guard let root = root(ofConfig: path), let installed = locks[root],
              let driver = libraries.first(where: { name.hasPrefix($0.prefix) }), installed.isDisjoint(with: driver.packages)
        else { return nil }
        return driver.packages.sorted().joined(separator: " or ")
    }
}
