import Foundation

/// Laravel's stock config files (`config/broadcasting.php`, `config/filesystems.php`, …) read the settings of every
/// driver the framework ships, whether the app uses it or not: `PUSHER_APP_KEY` for the Pusher broadcaster,
/// `AWS_ACCESS_KEY_ID` for the S3 disk, SES, SQS and DynamoDB. Those drivers work only with their PHP library installed;
/// when the app's `composer.lock` — every package it installs, direct or not — lists none of them, nothing can use the
/// settings (rules 2026.12.71; the Pusher and AWS names of krayin, vigilant, crater, opnform and fleetbase, labelled
/// false).
///
/// Narrow on purpose (rules .66 judged any name with a driver's prefix in any `config/*.php` and was reverted): only the
/// names the framework's own skeleton reads, only in the stock file that reads them, only in a Laravel app — an
/// `artisan` file beside `config/` and a `composer.lock` there that lists `laravel/framework` — and a driver counts as
/// served by any library that can serve it.
package enum LaravelDriverLibraries {
    /// A stock driver: the names its stock config files read, and the packages any one of which makes it usable
    /// (a package name ending in `/` matches every package of that vendor).
    struct Driver {
        let files: Set<String>
        let names: Set<String>
        let packages: [String]
    }

    static let awsNames: Set<String> = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION"]
    /// async-aws's packages serve S3, SES and SQS through Laravel bridges without the AWS SDK.
    static let awsPackages = ["aws/aws-sdk-php", "async-aws/"]

    static let drivers: [Driver] = [
        // Pusher's broadcaster (Laravel 5–8 read the first four; 9 and later add host, port and scheme). Reverb and
        // laravel-websockets require the same library.
        Driver(files: ["broadcasting.php"],
               names: ["PUSHER_APP_KEY", "PUSHER_APP_SECRET", "PUSHER_APP_ID", "PUSHER_APP_CLUSTER", "PUSHER_HOST", "PUSHER_PORT", "PUSHER_SCHEME"],
               packages: ["pusher/pusher-php-server"]),
        Driver(files: ["broadcasting.php"], names: ["ABLY_KEY"], packages: ["ably/ably-php"]),
        // the S3 disk
        Driver(files: ["filesystems.php"],
               names: awsNames.union(["AWS_BUCKET", "AWS_URL", "AWS_ENDPOINT", "AWS_USE_PATH_STYLE_ENDPOINT"]),
               packages: awsPackages),
        // the DynamoDB cache store, the SQS queue and the SES mailer
        Driver(files: ["cache.php"], names: awsNames.union(["DYNAMODB_CACHE_TABLE", "DYNAMODB_ENDPOINT"]), packages: awsPackages),
        Driver(files: ["queue.php"], names: awsNames.union(["SQS_PREFIX", "SQS_QUEUE", "SQS_SUFFIX"]), packages: awsPackages),
        Driver(files: ["services.php"], names: awsNames, packages: awsPackages),
    ]

    /// The folder a stock config file sits in (`api/config/broadcasting.php` → `api/`), or nil for any other path.
    static func root(ofConfig path: String) -> (root: String, file: String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[parts.count - 2] == "config", !parts.contains("vendor") else { return nil }
        return (parts.dropLast(2).map { $0 + "/" }.joined(), String(parts[parts.count - 1]))
    }

    /// The folder of a `composer.lock` or an `artisan` file (`api/composer.lock` → `api/`), or nil for any other path
    /// and for anything under `vendor/`.
    package static func root(of path: String, named file: String) -> String? {
        guard path == file || path.hasSuffix("/" + file), !path.split(separator: "/").contains("vendor") else { return nil }
        return String(path.dropLast(file.count))
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

    /// The library a read of `name` at `location` would need and the app does not install: the read sits in a stock
    /// config file of a Laravel app (`artisan` in `apps`, a lock listing `laravel/framework` in `locks`, both beside
    /// `config/`), the file reads the name for a stock driver, and the lock lists none of the driver's packages.
    /// Nil otherwise: no lock, no `artisan`, another framework, or a name the skeleton does not read there.
    static func missing(_ name: String, at location: String, locks: [String: Set<String>], apps: Set<String>) -> String? {
        let path = String(location[..<(location.lastIndex(of: ":") ?? location.endIndex)])
        guard let (root, file) = root(ofConfig: path), apps.contains(root), let installed = locks[root],
              installed.contains("laravel/framework"),
              let driver = drivers.first(where: { $0.files.contains(file) && $0.names.contains(name) }),
              !installed.contains(where: { package in driver.packages.contains { $0.hasSuffix("/") ? package.hasPrefix($0) : package == $0 } })
        else { return nil }
        return driver.packages.map { $0.hasSuffix("/") ? $0 + "*" : $0 }.joined(separator: " or ")
    }
}
