import Testing
@testable import HandoverModel
@testable import HandoverCollect

/// Rust compiles a `#[cfg(test)]` item only into the test binary: reads inside one, and in a module declared
/// `#[cfg(test)] mod name;`, are the tests' (quadratic's `test_util.rs`, batch 37; cap's test module, batch 2; rules
/// 2026.12.68). Other `cfg` forms and the same text in a comment or a string change nothing.
@Suite struct EnvRustTestsTests {
    static func places(_ files: [(path: String, text: String)]) -> [String] {
        EnvPythonMainBlockTests.places(files)
    }

    static let worker = """
        use std::env;

        pub fn bucket() -> String {
            env::var("APP_BUCKET").unwrap()
        }

        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn reads() {
                let dir = std::env::var("TEST_STORAGE_DIR").unwrap();
                assert!(!dir.is_empty());
            }
        }

        pub fn region() -> String {
            env::var("APP_REGION").unwrap()
        }

        """

    @Test func aTestModuleInTheFileIsTheTests() {
        #expect(Self.places([("src/worker.rs", Self.worker)]) == ["APP_BUCKET:production", "APP_REGION:production", "TEST_STORAGE_DIR:test"])
    }

    @Test(arguments: [
        // other attributes between, visibility, a test-only helper function
        ("#[cfg(test)]\n#[allow(dead_code)]\npub(crate) mod helpers {\n    pub fn d() -> String { std::env::var(\"X_DIR\").unwrap() }\n}\n", "test"),
        ("#[cfg(test)]\nfn helper() -> String {\n    std::env::var(\"X_DIR\").unwrap()\n}\n", "test"),
        ("#[ cfg( test ) ] mod t { fn f() { std::env::var(\"X_DIR\").ok(); } }\n", "test"),
        // not this attribute: the release build compiles these
        ("#[cfg(not(test))]\nmod live {\n    pub fn d() -> String { std::env::var(\"X_DIR\").unwrap() }\n}\n", "production"),
        ("pub fn d() -> String {\n    if cfg!(test) { String::new() } else { std::env::var(\"X_DIR\").unwrap() }\n}\n", "production"),
        ("#[cfg(feature = \"test\")]\nmod live {\n    pub fn d() -> String { std::env::var(\"X_DIR\").unwrap() }\n}\n", "production"),
        // in a comment or a string the attribute is text
        ("// #[cfg(test)]\nmod live {\n    pub fn d() -> String { std::env::var(\"X_DIR\").unwrap() }\n}\n", "production"),
        ("const DOC: &str = \"#[cfg(test)]\";\nmod live {\n    pub fn d() -> String { std::env::var(\"X_DIR\").unwrap() }\n}\n", "production"),
        // an item ending in `,` (a struct field, an enum variant, a match arm): what follows is the release build's
        ("pub struct Config {\n    #[cfg(test)]\n    pub fake: bool,\n    pub key: String,\n}\nfn main() { std::env::var(\"X_DIR\").expect(\"x\"); }\n", "production"),
        ("enum Mode {\n    #[cfg(test)]\n    Fake,\n    Prod,\n}\npub fn run() -> String { std::env::var(\"X_DIR\").unwrap() }\n", "production"),
        ("fn pick(m: Mode) -> String {\n    match m {\n        #[cfg(test)]\n        Mode::Fake => String::new(),\n        Mode::Prod => { std::env::var(\"X_DIR\").unwrap() }\n    }\n}\n", "production"),
        // a test-only `use` ends at its `;`: the item after it is the release build's
        ("#[cfg(test)]\nuse std::fs;\nmod live {\n    pub fn d() -> String { std::env::var(\"X_DIR\").unwrap() }\n}\n", "production"),
    ])
    func onlyTheTestAttributeMakesAnItemTheTests(text: String, place: String) {
        #expect(Self.places([("src/lib.rs", text)]) == ["X_DIR:\(place)"], "\(text)")
    }

    static let helper = "pub fn storage() -> String {\n    std::env::var(\"STORAGE_DIR\").unwrap()\n}\n"

    @Test(arguments: [
        // quadratic's `quadratic-core-cloud/src/lib.rs`: `#[cfg(test)] mod test_util;` names `src/test_util.rs`
        ("crate/src/lib.rs", "mod worker;\n#[cfg(test)]\nmod test_util;\n", "crate/src/test_util.rs", "test"),
        ("crate/src/main.rs", "#[cfg(test)]\npub mod test_util;\n", "crate/src/test_util/mod.rs", "test"),
        ("crate/src/main.rs", "#[cfg(test)]\nmod test_util;\n", "crate/src/test_util/fixtures.rs", "test"),
        ("crate/src/db/mod.rs", "#[cfg(test)]\nmod test_util;\n", "crate/src/db/test_util.rs", "test"),
        // from a non-root file the module sits in a folder named after it (Rust 2018)
        ("crate/src/worker.rs", "#[cfg(test)]\nmod test_util;\n", "crate/src/worker/test_util.rs", "test"),
        ("crate/src/worker.rs", "#[cfg(test)]\nmod test_util;\n", "crate/src/test_util.rs", "production"),
        // an ordinary declaration, another crate's file of the same name, a module declared in a comment
        ("crate/src/lib.rs", "mod test_util;\n", "crate/src/test_util.rs", "production"),
        ("crate/src/lib.rs", "#[cfg(test)]\nmod test_util;\n", "other/src/test_util.rs", "production"),
        ("crate/src/lib.rs", "// #[cfg(test)]\nmod test_util;\n", "crate/src/test_util.rs", "production"),
        // a mock swapped in by `#[path]` for tests names another file; a declaration inside an inline module is not
        // resolved (a review of .68)
        ("crate/src/lib.rs", "#[cfg(not(test))]\nmod db;\n#[cfg(test)]\n#[path = \"db_mock.rs\"]\nmod db;\n", "crate/src/db.rs", "production"),
        ("crate/src/lib.rs", "pub mod server {\n    #[cfg(test)]\n    mod config;\n}\n", "crate/src/config.rs", "production"),
    ])
    func aModuleDeclaredForTestsIsTheTests(root: String, declaration: String, module: String, place: String) {
        #expect(Self.places([(root, declaration), (module, Self.helper)]) == ["STORAGE_DIR:\(place)"], "\(root) → \(module)")
        // the order the files come in does not matter
        #expect(Self.places([(module, Self.helper), (root, declaration)]) == ["STORAGE_DIR:\(place)"], "\(module) first")
    }
}
