import Testing
@testable import HandoverModel
@testable import HandoverCollect

/// A read inside a Python module's `if __name__ == "__main__":` block is a script's when other files import the module
/// (danswer's connectors: the factory imports each one, and each ends with a hand-run self-test reading its
/// credentials; rules 2026.12.35). A module nothing imports may be the service's entrypoint, so its block stays
/// production.
@Suite struct EnvPythonMainBlockTests {
    static let connector = """
        import os
        from onyx.connectors.interfaces import LoadConnector

        BATCH = int(os.environ.get("ASANA_BATCH", "10"))
        TIMEOUT = os.environ["ASANA_TIMEOUT"]


        class AsanaConnector(LoadConnector):
            def load(self):
                return []


        if __name__ == "__main__":
            import time

            connector = AsanaConnector()
            connector.load_credentials({"asana_api_token_secret": os.environ["ASANA_API_TOKEN"]})

            print(time.time())
        WORKSPACE = os.environ["ASANA_WORKSPACE"]

        """

    /// The place of each name's reads after the files are collected, as `NAME:place`.
    static func places(_ files: [(path: String, text: String)]) -> [String] {
        var collector = CodeReferences.Collector()
        for file in files { collector.add(file.text, path: file.path) }
        return collector.references().flatMap { reference in reference.effectiveReads.map { "\(reference.name):\($0.place.rawValue)" } }.sorted()
    }

    static let connectorPath = "backend/onyx/connectors/asana/connector.py"
    /// Outside the block (module level, before and after it) the reads stay production in every case.
    static func expected(_ token: String) -> [String] {
        ["ASANA_API_TOKEN:\(token)", "ASANA_BATCH:production", "ASANA_TIMEOUT:production", "ASANA_WORKSPACE:production"]
    }

    @Test(arguments: [
        // the factory's absolute import of the module, as in danswer
        ("backend/onyx/connectors/factory.py", "from onyx.connectors.asana.connector import AsanaConnector\n", "script"),
        // `import a.b.c as d`, an import inside a function, a parenthesised list
        ("backend/onyx/registry.py", "import onyx.connectors.asana.connector as asana\n", "script"),
        ("backend/onyx/registry.py", "def load():\n    from onyx.connectors.asana.connector import (\n        AsanaConnector,\n    )\n", "script"),
        // the module as a name imported from its package, and relative imports from the package or a sibling package
        ("backend/onyx/connectors/factory.py", "from onyx.connectors.asana import connector\n", "script"),
        ("backend/onyx/connectors/asana/__init__.py", "from .connector import AsanaConnector\n", "script"),
        ("backend/onyx/connectors/factory.py", "from .asana.connector import AsanaConnector\n", "script"),
        ("backend/onyx/connectors/slack/utils.py", "from ..asana import connector\n", "script"),
        // a script that imports it still shows the module is a library
        ("backend/scripts/run_asana.py", "from onyx.connectors.asana.connector import AsanaConnector\n", "script"),
        // imported by nothing, only by a test, or by a different module of the same name elsewhere: production
        ("backend/onyx/main.py", "from onyx.server import app\n", "production"),
        ("backend/tests/unit/test_asana.py", "from onyx.connectors.asana.connector import AsanaConnector\n", "production"),
        ("backend/onyx/connectors/factory.py", "from onyx.connectors.gitlab.connector import GitlabConnector\n", "production"),
        ("backend/onyx/connectors/slack/utils.py", "from .asana import connector\n", "production"),
        // an import in a docstring or a comment imports nothing
        ("backend/onyx/notes.py", "\"\"\"Usage:\nfrom onyx.connectors.asana.connector import AsanaConnector\n\"\"\"\n", "production"),
    ])
    func aMainBlockIsAScriptWhenTheModuleIsImported(importer: String, text: String, token: String) {
        let found = Self.places([(Self.connectorPath, Self.connector), (importer, text)])
        #expect(found == Self.expected(token), "\(importer): \(text)")
    }

    /// A top-level module imported by a bare name (`import bot`) is not known to be the one imported: a `bot.py` started
    /// as `python bot.py` keeps its block's reads.
    @Test func aBareImportNamesNoModule() {
        let bot = "import os\n\nif __name__ == \"__main__\":\n    run(os.environ[\"DISCORD_TOKEN\"])\n"
        #expect(Self.places([("bot.py", bot), ("worker.py", "import bot\n")]) == ["DISCORD_TOKEN:production"])
        #expect(Self.places([("app/bot.py", bot), ("app/worker.py", "from app import bot\n")]) == ["DISCORD_TOKEN:script"])
    }

    /// The guard's spellings, on one line or a block; a guard inside a function or a string is no module guard.
    @Test(arguments: [
        ("if __name__ == '__main__':\n    key = os.environ['SF_PASSWORD']\n", "script"),
        ("if \"__main__\" == __name__:\n    key = os.environ['SF_PASSWORD']\n", "script"),
        ("if (__name__ == \"__main__\"):\n    key = os.environ['SF_PASSWORD']\n", "script"),
        ("if __name__ == \"__main__\": key = os.environ['SF_PASSWORD']\n", "script"),
        ("def main():\n    if __name__ == \"__main__\":\n        key = os.environ['SF_PASSWORD']\n", "production"),
        ("USAGE = \"\"\"\nif __name__ == '__main__':\n    \"\"\" + os.environ['SF_PASSWORD']\n", "production"),
        ("if __name__ != \"__main__\":\n    key = os.environ['SF_PASSWORD']\n", "production"),
    ])
    func theGuard(text: String, token: String) {
        let module = "import os\n" + text
        let found = Self.places([("backend/onyx/connectors/salesforce/connector.py", module),
                                 ("backend/onyx/connectors/factory.py", "from onyx.connectors.salesforce.connector import SalesforceConnector\n")])
        #expect(found == ["SF_PASSWORD:\(token)"], "\(text)")
    }

    /// What the imports name, as the collector keeps them: dotted paths of two or more components, relative ones resolved
    /// to whole paths (with a leading `/`), and each imported name as a possible submodule.
    @Test func theImportedModules() {
        let text = "import os, onyx.db as db\nfrom onyx.connectors import asana, gitlab as g\nfrom . import utils\nfrom ..models import User\n"
        #expect(PythonModules.importedModules(text, path: "backend/onyx/connectors/factory.py").sorted() == [
            "/backend/onyx/connectors", "/backend/onyx/connectors/utils", "/backend/onyx/models", "/backend/onyx/models/User",
            "onyx/connectors", "onyx/connectors/asana", "onyx/connectors/gitlab", "onyx/db",
        ])
        // a relative import reaching above the repository names nothing
        #expect(PythonModules.importedModules("from ...x import y\n", path: "a/b.py").isEmpty)
    }
}
