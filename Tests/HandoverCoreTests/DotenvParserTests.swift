import Testing
@testable import HandoverModel
@testable import HandoverCollect

/// Parses dotenv text and returns `NAME@line:shape` for every definition, plus problems as `line: message`.
private func read(_ text: String) -> (names: [String], problems: [String]) {
    let result = DotenvParser.parse(Array(text.utf8), file: ".env")
    return (result.definitions.map { "\($0.name)@\($0.definition.line):\($0.definition.shape.rawValue)" },
            result.problems.map { "\($0.line): \($0.message)" })
}

@Suite struct DotenvParserTests {
    /// Tricky dotenv inputs and exactly the names (with line and shape) they must yield.
    @Test(arguments: [
        ("A=1\nB=2\n", ["A@1:looks-fine", "B@2:looks-fine"]),
        ("export A=1\nexport  B=\"x\"\n", ["A@1:looks-fine", "B@2:looks-fine"]),
        ("A=\n", ["A@1:empty"]),
        ("A=''\nB=\"\"\n", ["A@1:empty", "B@2:empty"]),
        ("A='has # hash'\n", ["A@1:looks-fine"]),
        ("A=\"quoted # not a comment\" # comment\n", ["A@1:looks-fine"]),
        ("A=value # inline comment\n", ["A@1:looks-fine"]),
        ("A=   # only a comment\n", ["A@1:empty"]),
        ("A=abc#def\n", ["A@1:looks-fine"]),
        ("K=\"line one\nNOT_A_NAME=still value\nend\"\nB=2\n", ["K@1:looks-fine", "B@4:looks-fine"]),
        ("K='-----BEGIN KEY-----\nMIIE=\n-----END KEY-----'\nC=3\n", ["K@1:looks-fine", "C@4:looks-fine"]),
        ("K=`back\ntick`\nD=4\n", ["K@1:looks-fine", "D@3:looks-fine"]),
        ("\u{FEFF}A=1\n", ["A@1:looks-fine"]),
        ("A=1\r\nB=2\r\n", ["A@1:looks-fine", "B@2:looks-fine"]),
        ("A=1\rB=2\r", ["A@1:looks-fine", "B@2:looks-fine"]),
        ("  # comment\n\n\tA = spaced \n", ["A@3:looks-fine"]),
        ("A=\"esc \\\" quote\"\n", ["A@1:looks-fine"]),
        ("export SHELL_SET\n", ["SHELL_SET@1:external"]),
        ("A=changeme\nB=xxx\nC=TODO\nD=<your-key>\nE=your_api_key\n",
         ["A@1:placeholder", "B@2:placeholder", "C@3:placeholder", "D@4:placeholder", "E@5:placeholder"]),
        ("A=http://localhost:3000\nB=postgres://u:p@127.0.0.1/db\nC=redis://[::1]:6379\nD=0.0.0.0\n",
         ["A@1:localhost", "B@2:localhost", "C@3:localhost", "D@4:localhost"]),
        ("A=sk_test_51abc\nB=pk_test_x\nC=sk_live_51abc\n", ["A@1:test-mode-key", "B@2:test-mode-key", "C@3:looks-fine"]),
        ("A=${OTHER}\nB=$OTHER\nC=${X:-default}\n", ["A@1:external", "B@2:external", "C@3:external"]),
        ("A=notlocalhostname.example\n", ["A@1:looks-fine"]),
        ("dotted.name=1\ndash-name=2\n", ["dotted.name@1:looks-fine", "dash-name@2:looks-fine"]),
    ])
    func trickyCases(text: String, expected: [String]) {
        let result = read(text)
        #expect(result.names == expected)
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func duplicatesAreReportedAndTheLastWins() {
        let result = DotenvParser.parse(Array("A=1\nB=2\nA=\n".utf8), file: ".env")
        #expect(result.problems.map(\.message) == ["`A` is defined 2 times (lines 1, 3); the last one wins"])
        #expect(result.problems.first?.line == 3)
        let inventory = EnvVariable(name: "A", definitions: result.definitions.filter { $0.name == "A" }.map(\.definition))
        #expect(inventory.effectiveShape == .empty)
    }

    /// Broken lines are reported by number only: their text may be a secret.
    @Test(arguments: [
        ("A=1\nSECRETLINE\nB=2\n", ["A@1:looks-fine", "B@3:looks-fine"], ["2: expected `NAME=value` but found no `=`; the line was skipped"]),
        ("=SECRETVALUE\n", [], ["1: not a KEY=VALUE assignment; the line was skipped"]),
        ("1BAD=SECRETVALUE\n", [], ["1: not a KEY=VALUE assignment; the line was skipped"]),
        ("A B=SECRETVALUE\n", [], ["1: expected `NAME=value` but found no `=`; the line was skipped"]),
        ("A=\"SECRETVALUE\" trailing SECRETTAIL\n", ["A@1:looks-fine"], ["1: unexpected text after the closing quote of `A`; it was ignored"]),
        ("A=1\nK=\"SECRETVALUE\nNEXT=SECRET2\n", ["A@1:looks-fine", "K@2:looks-fine", "NEXT@3:looks-fine"],
         ["2: the quoted value of `K` is never closed; it was cut at the end of line 2 and the lines after it were read as usual — close the quote"]),
    ])
    func brokenLines(text: String, names: [String], problems: [String]) {
        let result = read(text)
        #expect(result.names == names)
        #expect(result.problems == problems)
        #expect(!result.problems.joined().contains("SECRET"))
    }

    /// A quote never closed before the end of the file ends at the end of its line, as node's dotenv reads it
    /// (python-dotenv skips that line): every later line still yields its name, and one note names the line.
    @Test(arguments: [
        ("A=\"SECRETVALUE\nB=2\nexport C='x'\n", ["A@1:looks-fine", "B@2:looks-fine", "C@3:looks-fine"],
         ["1: the quoted value of `A` is never closed; it was cut at the end of line 1 and the lines after it were read as usual — close the quote"]),
        ("A=1\nK='SECRETVALUE # comment\nL=\nM=`SECRET2\r\n", ["A@1:looks-fine", "K@2:looks-fine", "L@3:empty", "M@4:looks-fine"],
         ["2: the quoted value of `K` is never closed; it was cut at the end of line 2 and the lines after it were read as usual — close the quote",
          "4: the quoted value of `M` is never closed; it was cut at the end of line 4 and the lines after it were read as usual — close the quote"]),
        ("K=\"\n\nB=2", ["K@1:looks-fine", "B@3:looks-fine"],
         ["1: the quoted value of `K` is never closed; it was cut at the end of line 1 and the lines after it were read as usual — close the quote"]),
        ("K=\"closed\nacross lines\"\nU='SECRETVALUE\nZ=1\n", ["K@1:looks-fine", "U@3:looks-fine", "Z@4:looks-fine"],
         ["3: the quoted value of `U` is never closed; it was cut at the end of line 3 and the lines after it were read as usual — close the quote"]),
    ])
    func unterminatedQuoteEndsAtItsLine(text: String, names: [String], notes: [String]) {
        let result = read(text)
        #expect(result.names == names)
        #expect(result.problems == notes)
        #expect(!result.problems.joined().contains("SECRET"))
    }

    /// Canary: the text of an unclosed value, and of the lines it would have swallowed, is in no note.
    @Test func unterminatedQuoteNeverEchoesTheValue() {
        let canary = "hv_canary_4f1d9a"
        let text = "TOKEN=\"\(canary)-start\nNEXT=\(canary)-next\nLAST='\(canary)-last"
        let result = DotenvParser.parse(Array(text.utf8), file: ".env")
        #expect(result.definitions.map(\.name) == ["TOKEN", "NEXT", "LAST"])
        #expect(result.problems.map(\.line) == [1, 3])
        #expect(result.problems.count == 2 && result.problems.allSatisfy { !$0.message.contains(canary) })
        #expect(!"\(result.problems)".contains(canary) && !"\(result.definitions)".contains(canary))
    }

    @Test(arguments: [
        ("", ValueShape.empty), ("   ", .empty), ("changeme", .placeholder), ("CHANGE_ME", .placeholder),
        ("xxxxxxxx", .placeholder), ("****", .placeholder), ("<token>", .placeholder), ("TBD", .placeholder), ("(null)", .placeholder), ("null", .placeholder),
        ("http://localhost", .localhost), ("localhost:5432", .localhost), ("host.docker.internal:5432", .localhost),
        ("sk_test_123", .testModeKey), ("rk_test_1", .testModeKey), ("${A}", .external), ("$A", .external),
        ("https://api.stripe.com", .looksFine), ("a$b", .looksFine), ("mylocalhostname", .looksFine),
    ])
    func valueShapes(value: String, shape: ValueShape) {
        #expect(ValueShapeClassifier.classify(value) == shape)
    }
}

@Suite struct StructuredEnvFileTests {
    private func names(_ result: EnvParseResult) -> [String] {
        result.definitions.map { "\($0.definition.scope.map { $0 + "/" } ?? "")\($0.name)@\($0.definition.line):\($0.definition.shape.rawValue)" }
    }

    @Test func composeListAndMapForms() {
        let yaml = """
            x-common: &common
              environment:
                SHARED: "1"
            services:
              web:
                <<: *common
                image: app
                environment:
                  - DATABASE_URL=postgres://u:p@db/app
                  - PASSTHROUGH
                  - EMPTY=
                env_file: .env.web
              worker:
                environment:
                  QUEUE_URL: redis://localhost:6379
                  FROM_HOST:
                  PLACEHOLDER: changeme
                env_file:
                  - path: ./optional.env
                    required: false
            """
        let result = ComposeParser.parse(yaml, file: "docker-compose.yml")
        #expect(names(result) == [
            "web/DATABASE_URL@9:looks-fine", "web/PASSTHROUGH@10:external", "web/EMPTY@11:empty",
            "worker/QUEUE_URL@15:localhost", "worker/FROM_HOST@16:external", "worker/PLACEHOLDER@17:placeholder",
        ])
        #expect(result.includedFiles.map { "\($0.path) \($0.required)" } == [".env.web true", "./optional.env false"])
        #expect(result.problems.isEmpty)
    }

    @Test func composeMergeKeysAreFollowed() {
        let yaml = "x: &base\n  environment:\n    FROM_ANCHOR: a\nservices:\n  api:\n    <<: *base\n"
        #expect(names(ComposeParser.parse(yaml, file: "compose.yml")) == ["api/FROM_ANCHOR@3:looks-fine"])
    }

    @Test func composeSyntaxErrorsNeverEchoTheFile() {
        let result = ComposeParser.parse("services:\n  web:\n    environment:\n      - A=SECRETVALUE\n     bad: [\n", file: "docker-compose.yml")
        #expect(result.definitions.isEmpty)
        #expect(result.problems.count == 1)
        #expect(!result.problems[0].message.contains("SECRETVALUE"))
        #expect(result.problems[0].message.contains("YAML syntax error"))
    }

    @Test func flyEnvTable() {
        let toml = """
            app = "acme"
            primary_region = "ams"
            description = \"\"\"
            [env]
            NOT_A_NAME = "inside a string"
            \"\"\"

            [build]
              image = "x"

            [env]
              LOG_LEVEL = "info"
              'QUOTED_KEY' = 'literal'
              PORT = 8080
              MULTI = \"\"\"
            FAKE = "continuation"
            \"\"\"
              API_URL = "http://localhost:8080" # dev only
              EMPTY = ""

            [[services]]
              internal_port = 8080
              ports = [
                { port = 80 },
              ]
            """
        let result = FlyTomlParser.parse(toml, file: "fly.toml")
        #expect(names(result) == ["LOG_LEVEL@12:looks-fine", "QUOTED_KEY@13:looks-fine", "PORT@14:looks-fine",
                                  "MULTI@15:looks-fine", "API_URL@18:localhost", "EMPTY@19:empty"])
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func flyUnterminatedMultilineStringStopsReading() {
        let result = FlyTomlParser.parse("[env]\nA = \"ok\"\nB = \"\"\"SECRETVALUE\nC = \"x\"\n", file: "fly.toml")
        #expect(names(result) == ["A@2:looks-fine"])
        #expect(result.problems.map(\.line) == [3])
        #expect(!result.problems[0].message.contains("SECRETVALUE"))
    }

    /// netlify.toml: what every deploy gets and what production adds; preview contexts and other tables are not read.
    @Test func netlifyBuildAndProductionEnvironments() {
        let toml = """
            [build]
              command = "npm run build"
              [build.environment]
                NODE_VERSION = "20"
                NEXT_PUBLIC_SITE_URL = "https://acme.example"

            [context.production.environment]
              API_URL = "https://api.acme.example"
              STRIPE_SECRET_KEY = ""

            [context.deploy-preview.environment]
              PREVIEW_ONLY = "1"

            [[redirects]]
              from = "/old"
              to = "/new"
            """
        let result = NetlifyTomlParser.parse(toml, file: "netlify.toml")
        #expect(names(result) == ["NODE_VERSION@4:looks-fine", "NEXT_PUBLIC_SITE_URL@5:looks-fine", "API_URL@8:looks-fine",
                                  "STRIPE_SECRET_KEY@9:empty"])
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(EnvCollector.format(of: "netlify.toml") == .netlify)
    }

    /// vercel.json: `env` and `build.env`; `@name` is a secret stored at Vercel, supplied outside the file.
    @Test func vercelRuntimeAndBuildEnv() {
        let json = """
            {
              "framework": "nextjs",
              "env": {
                "DATABASE_URL": "@database-url",
                "NEXT_PUBLIC_APP_URL": "http://localhost:3000"
              },
              "build": {"env": {"SENTRY_ORG": "acme"}},
              "rewrites": [{"source": "/env", "destination": "/api/env"}]
            }
            """
        let result = VercelJSONParser.parse(json, file: "vercel.json")
        #expect(names(result) == ["DATABASE_URL@4:external", "NEXT_PUBLIC_APP_URL@5:localhost", "build/SENTRY_ORG@7:looks-fine"])
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(VercelJSONParser.parse("[1, 2]", file: "vercel.json").unreadable)
        #expect(VercelJSONParser.parse("{\"env\": [\"A\"]}", file: "vercel.json").problems.map(\.line) == [1])
        #expect(EnvCollector.format(of: "vercel.json") == .vercel)
    }

    @Test func renderBlueprint() {
        let yaml = """
            services:
              - type: web
                name: api
                envVars:
                  - key: DATABASE_URL
                    fromDatabase: {name: db, property: connectionString}
                  - key: SECRET_KEY
                    generateValue: true
                  - key: STRIPE_SECRET_KEY
                    sync: false
                  - key: API_BASE
                    value: http://localhost:3000
                  - fromGroup: shared
            envVarGroups:
              - name: shared
                envVars:
                  - key: SENTRY_DSN
                    value: changeme
            """
        let result = RenderYamlParser.parse(yaml, file: "render.yaml")
        #expect(names(result) == ["api/DATABASE_URL@5:external", "api/SECRET_KEY@7:looks-fine",
                                  "api/STRIPE_SECRET_KEY@9:external", "api/API_BASE@11:localhost",
                                  "shared/SENTRY_DSN@17:placeholder"])
    }

    @Test func workflowReferences() {
        let yaml = """
            jobs:
              deploy:
                env:
                  TOKEN: ${{ secrets.FLY_API_TOKEN }}
                  BOTH: ${{ secrets.A || vars.REGION }} and ${{ vars.REGION }}
                  NOT: ${{ github.secrets.X }} $secrets.Y
            """
        let found = WorkflowReferences.scan(yaml, file: "ci.yml").map { "\($0.kind.rawValue):\($0.name)@\($0.location)" }
        #expect(found == ["secret:FLY_API_TOKEN@ci.yml:4", "secret:A@ci.yml:5", "variable:REGION@ci.yml:5", "variable:REGION@ci.yml:5"])
    }

    /// The env name a workflow hands a secret to whole is the name the build sees; only a whole value assigned to a
    /// conventional env name counts.
    @Test func workflowAssignments() {
        let yaml = """
            jobs:
              build:
                env:
                  NEXT_PUBLIC_STRIPE_KEY: ${{ secrets.STRIPE_PK }}
                  QUOTED_KEY: "${{ secrets.Q }}"  # a comment
                  PARTIAL: Bearer ${{ secrets.P }}
                  TWO: ${{ secrets.A || secrets.B }}
                  CHOSEN: ${{ secrets.C || 'fallback' }}
                  SUFFIXED: ${{ secrets.S }}-prod
                  Mixed_Case: ${{ secrets.M }}
                  ALIGNED:    ${{ secrets.AL }}
                  "QUOTED_NAME": ${{ secrets.QN }}
                steps:
                  - uses: actions/checkout@v4
                    with:
                      token: ${{ secrets.GH_PAT }}
                  - run: docker build --build-arg VITE_API_KEY=${{ secrets.API_KEY }} --build-arg X=1 .
                  - run: echo "SENTRY_AUTH_TOKEN=${{ secrets.SENTRY }}" >> .env
                  - run: echo "url=$BASE_URL/${{ vars.PATH_PART }}" && export $NOPE=${{ secrets.D }} && a.B=${{ secrets.E }}
                  - run: echo KEY=${{ vars.V }}suffix
                  - uses: some/action@v1
                    with:
                      ACCESS_TOKEN: ${{ secrets.INPUT }}
                  - run: curl "https://hooks.example/x?API_TOKEN=${{ secrets.URL }}"
                  - run: deploy
                    env:
                      # the key of the step's environment
                      STEP_KEY: ${{ secrets.STEP }}
              call:
                uses: ./.github/workflows/reusable.yml
                secrets:
                  NPM_TOKEN: ${{ secrets.NPM }}
              other:
                env: # for the build
                  COMMENTED_PARENT: ${{ secrets.CP }}
            """
        let found = WorkflowReferences.scan(yaml, file: "ci.yml").map { "\($0.name)->\($0.assignedTo ?? "-")" }
        #expect(found == ["STRIPE_PK->NEXT_PUBLIC_STRIPE_KEY", "Q->QUOTED_KEY", "P->-", "A->-", "B->-", "C->-", "S->-", "M->-", "AL->ALIGNED",
                          "QN->QUOTED_NAME", "GH_PAT->-", "API_KEY->VITE_API_KEY", "SENTRY->SENTRY_AUTH_TOKEN", "PATH_PART->-", "D->-",
                          "E->-", "V->-", "INPUT->-", "URL->-", "STEP->STEP_KEY", "NPM->-", "CP->COMMENTED_PARENT"])
    }

    /// The programs a workflow runs, by interpreter and file (or `python -m`), with a folder in the path; what a
    /// deployment file mentions keeps a file the service's.
    @Test func workflowPrograms() {
        let workflow = """
            jobs:
              a:
                steps:
                  - run: python3 tools/send_failure_email.py --to ops
                  - run: cd web && node --max-old-space-size=4096 ./scripts/build/check.mjs
                  - run: bun run tools/release.ts && uv run ops/rotate.py
                  - run: poetry run python -m ops.jobs.cleanup
                  - run: python main.py
                  - run: go run ./cmd/migrate/main.go
                  - run: echo tools/not_run.py; cat docs/x.py
                  - run: npx tsx ../outside/x.ts
            """
        #expect(WorkflowPrograms.programs(inWorkflow: workflow).sorted()
                == ["ops/jobs/cleanup", "ops/rotate", "scripts/build/check", "tools/release", "tools/send_failure_email"])
        let dockerfile = #"CMD ["uvicorn", "ops.rotate:app"]"# + "\nRUN node ./scripts/build/check.mjs\n"
        let mentioned = WorkflowPrograms.mentions(inDeploymentFile: dockerfile)
        #expect(mentioned.isSuperset(of: ["ops/rotate", "scripts/build/check"]))
        let programs = WorkflowPrograms.programs(inWorkflow: workflow)
        let judged = ["tools/send_failure_email.py", "backend/tools/release.ts", "ops/rotate.py", "web/scripts/build/check.mjs",
                      "ops/jobs/cleanup.py", "main.py", "mytools/release.ts", "tools/release.test.ts", "tools/send_failure_email"]
            .filter { WorkflowPrograms.isCIProgram($0, programs: programs, mentioned: mentioned) }
        #expect(judged == ["tools/send_failure_email.py", "backend/tools/release.ts", "ops/jobs/cleanup.py", "tools/send_failure_email"])
        #expect(WorkflowPrograms.isWorkflow(".github/workflows/ci.yaml") && !WorkflowPrograms.isWorkflow(".github/dependabot.yml"))
        #expect(WorkflowPrograms.isDeploymentFile("deploy/Dockerfile.worker") && WorkflowPrograms.isDeploymentFile("api.dockerfile")
                && WorkflowPrograms.isDeploymentFile("Dockerfile-prod") && WorkflowPrograms.isDeploymentFile("Containerfile")
                && WorkflowPrograms.isDeploymentFile("package.json") && WorkflowPrograms.isDeploymentFile("Procfile")
                && !WorkflowPrograms.isDeploymentFile(".github/workflows/ci.yml") && !WorkflowPrograms.isDeploymentFile("README.md"))
    }

    @Test func formatIsChosenByFileName() {
        #expect(EnvCollector.format(of: "docker-compose.yml") == .compose)
        #expect(EnvCollector.format(of: "deploy/compose.prod.yaml") == .compose)
        #expect(EnvCollector.format(of: "fly.toml") == .fly)
        #expect(EnvCollector.format(of: "fly.staging.toml") == .fly)
        #expect(EnvCollector.format(of: "render.yaml") == .render)
        #expect(EnvCollector.format(of: ".env.production") == .dotenv)
        #expect(EnvCollector.format(of: "prod.env") == .dotenv)
    }
}
