import Foundation

/// One request as a collector asks for it: what to GET, through which route, and how much of the body to read.
package struct FetchRequest: Sendable {
    package var url: URL
    package var route: Route
    package var headers: [(String, String)]
    /// Bytes of the body read at most.
    package var bodyCap: Int
    /// Keep those bytes in the response (else only their count).
    package var keepBody: Bool

    package init(url: URL, route: Route, headers: [(String, String)] = [], bodyCap: Int = 64 * 1024, keepBody: Bool = false) {
        self.url = url
        self.route = route
        self.headers = headers
        self.bodyCap = bodyCap
        self.keepBody = keepBody
    }
}

/// What the HTTP and registration collectors need of a client: one GET, redirects never followed, bounded in time,
/// every failure an outcome of the response. `HTTPFetcher` is the real one; tests drive the collectors with fakes.
package protocol HTTPFetching: Sendable {
    /// The answer to `request`, or why there was none.
    func fetch(_ request: FetchRequest) async -> HTTPFetcher.Response
}

extension HTTPFetching {
    /// GETs `url` through `route`. `bodyCap` bounds what is read; `keepBody` keeps those bytes in the response.
    package func fetch(_ url: URL, route: Route, headers: [(String, String)] = [], bodyCap: Int = 64 * 1024,
                      keepBody: Bool = false) async -> HTTPFetcher.Response {
        await fetch(FetchRequest(url: url, route: route, headers: headers, bodyCap: bodyCap, keepBody: keepBody))
    }
}

extension HTTPFetcher: HTTPFetching {
    /// The request made with AsyncHTTPClient.
    package func fetch(_ request: FetchRequest) async -> Response {
        await fetch(request.url, route: request.route, headers: request.headers, method: .GET, bodyCap: request.bodyCap,
                    keepBody: request.keepBody)
    }
}
