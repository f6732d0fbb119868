import Foundation
import HandoverModel

/// A package that is an MCP server speaking only stdio (`packages/mcp`, `apps/mcp-server`, a top-level `acme-mcp/`):
/// an AI client launches it on its user's machine, with the user's own key for the hosted API, like a command-line
/// program or an SDK — not the hosted service (kan's `KAN_API_TOKEN`, tianji's `TIANJI_API_KEY`; held-out batches 21 and
/// 31; rules 2026.12.61). A package that also serves MCP over HTTP (streamable HTTP or SSE) may be hosted, and stays
/// the service's; so does a stdio server inside a package not named for MCP (a worker the server spawns).
package enum LocalMCPServers {
    /// The package a file belongs to: `packages/x` or `apps/x` of a workspace, otherwise its top-level folder; nil for a
    /// file at the root.
    package static func packageRoot(of path: String) -> String? {
        let components = path.split(separator: "/")
        guard components.count >= 2 else { return nil }
        if CodePlace.workspacePackage(components.map { $0.lowercased() }) != nil { return components[0] + "/" + components[1] }
        return String(components[0])
    }

    /// Whether a package root's own name has the word `mcp` (split at `-`, `_` and `.`).
    package static func isNamedForMCP(_ root: String) -> Bool {
        let name = root.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return name.split(whereSeparator: { "-_.".contains($0) }).contains("mcp")
    }

    /// What one file says about the transports of an MCP server it starts: stdio, HTTP (streamable HTTP or SSE), both,
    /// or neither.
    package static func transports(in text: String) -> (stdio: Bool, http: Bool) {
        let stdio = ["@modelcontextprotocol/sdk/server/stdio", "StdioServerTransport", "mcp.server.stdio", "stdio_server(",
                     "transport=\"stdio\"", "transport='stdio'"].contains { text.contains($0) }
        let http = ["StreamableHTTPServerTransport", "SSEServerTransport", "@modelcontextprotocol/sdk/server/sse",
                    "@modelcontextprotocol/sdk/server/streamableHttp", "streamable_http_app", "sse_app(", "transport=\"sse\"",
                    "transport='sse'", "transport=\"streamable-http\"", "transport='streamable-http'", "transport=\"http\""]
            .contains { text.contains($0) }
        return (stdio, http)
    }
}
