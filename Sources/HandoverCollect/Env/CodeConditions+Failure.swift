import HandoverModel
/// Whether the branch a negated presence test guards fails — stops the program or refuses the request — so the code
/// needs the variable (`enforced`), or goes on without it (`presence-check`).
///
/// A branch fails when it throws, raises or exits (``CodeConditions/failureWords``), when it answers an HTTP error
/// status (`return new Response(…, { status: 401 })`, `res.status(500)`, `NextResponse.json(…, { status: 503 })`,
/// Hono's `c.json(…, 401)`, Flask's `return body, 401`, `abort(401)`), or when a request handler returns
/// without answering (`if (!webhookSecret) return;` in a `(req, res)` handler leaves the request unanswered).
///
/// Not failures: 404 (a route that answers "not found" without the variable hides a feature that is off:
/// `if (!isConfigured() || !secret) return new Response('Not found', { status: 404 })`), any other status, and a
/// bare `return` outside a request handler — the usual way to skip an optional integration
/// (`if (!key) return;` in an analytics helper).
extension CodeConditions {
    /// Calls whose first argument is the status: `res.status(401)`, `res.sendStatus(500)`, `res.writeHead(403)`,
    /// fastify's `reply.code(401)`, Flask's `abort(401)`, `new HTTPException(401)`, `createError(401)`.
    static let statusCalls: Set<String> = ["status", "sendStatus", "writeHead", "code", "abort", "HTTPException",
                                           "HttpException", "HTTPError", "HttpError", "createError"]
    /// Keys and keyword arguments that carry the status: `{ status: 401 }`, `status=401`, `statusCode: 500`.
    static let statusKeys: Set<String> = ["status", "statusCode", "status_code"]
    /// Django's error responses, named by their status.
    static let errorResponses: Set<String> = ["HttpResponseForbidden", "HttpResponseBadRequest", "HttpResponseServerError",
                                              "HttpResponseNotAllowed"]
    /// Parameters that make a function a request handler that must answer (Next.js pages API, Express, fastify).
    static let responseParameters: Set<String> = ["res", "reply", "NextApiResponse", "ServerResponse"]
    /// How many blocks up the function around a branch is looked for, and brackets up its `(…)`.
    static let handlerReach = 64, parenthesisReach = 16
    /// Words before a `(…) {` that make it a statement's condition, not a function's parameters.
    static let statementWords: Set<String> = ["if", "for", "while", "switch", "catch", "with"]

    /// 400–599 except 404 (a hidden feature, not a failure).
    static func isErrorStatus(_ text: String) -> Bool {
        guard text.count == 3, let n = Int(text) else { return false }
        return (400...599).contains(n) && n != 404
    }

    /// Whether code in `[from, to)` fails: a failure word, or an answer with an HTTP error status.
    func fails(from: Int, to: Int) -> Bool {
        blocks.containsWord(Self.failureWords, from: from, to: to) || answersErrorStatus(from: from, to: to)
    }

    /// Whether code in `[from, to)` (at most ``reach`` units of it) answers with an HTTP error status.
    func answersErrorStatus(from: Int, to: Int) -> Bool {
        var p = max(0, from)
        let limit = min(to, units.count, from + Self.reach)
        var returns: Bool?
        while p < limit {
            guard blocks.isCode(p), CodeReadTail.isIdentifier(units[p]), p == 0 || !CodeReadTail.isIdentifier(units[p - 1]),
                  let (word, end) = blocks.word(startingAt: p) else { p += 1; continue }
            defer { p = end }
            if Self.errorResponses.contains(word) { return true }
            if word.hasPrefix("HTTP_"), Self.isErrorStatus(String(word.dropFirst(5).prefix(3))) { return true }  // DRF
            guard Self.isErrorStatus(word), unit(p - 1) != 0x2E else { continue }  // not `1.500`
            let before = blocks.previousCode(before: p)
            switch unit(before) {
            case 0x3A, 0x3D:  // `status: 401`, `status=401` (not `== 401`)
                guard ![0x3D, 0x21, 0x3C, 0x3E].contains(unit(before - 1) ?? 0) else { continue }
                if let (key, _) = blocks.word(endingAt: blocks.previousCode(before: before)), Self.statusKeys.contains(key) { return true }
            case 0x28:  // `res.status(401)`
                if let (call, _) = blocks.word(endingAt: blocks.previousCode(before: before)), Self.statusCalls.contains(call) { return true }
            case 0x2C:  // the last argument or tuple element of a returned answer: `c.json({…}, 401)`, `return body, 401`
                let next = blocks.nextCode(from: end, newlines: false)
                guard next >= units.count || [0x29, 0x3B, 0x0A, 0x0D, 0x7D].contains(units[next]) else { continue }
                if returns == nil { returns = blocks.containsWord(["return"], from: from, to: to) }
                if returns == true { return true }
            default:
                continue
            }
        }
        return false
    }

    /// A branch that is only `return` (`return;`, `{ return; }`) inside a request handler: the request is never
    /// answered.
    func leavesRequestUnanswered(body: (start: Int, end: Int), at p: Int) -> Bool {
        var first = body.start
        if unit(first) == 0x7B { first = blocks.nextCode(from: first + 1) }
        guard blocks.isWord("return", at: first) else { return false }
        let next = blocks.nextCode(from: first + 6, newlines: false)
        guard next >= units.count || [0x3B, 0x0A, 0x0D, 0x7D].contains(units[next]) else { return false }
        return inRequestHandler(p)
    }

    /// Whether the innermost function around `p` takes a response object (`(req, res)`, `reply`,
    /// `res: NextApiResponse`): returning from it without using it leaves the request unanswered.
    func inRequestHandler(_ p: Int) -> Bool {
        var b = blocks.innermost(containing: p), steps = 0
        while let i = b, steps < Self.handlerReach {
            let bracket = blocks.brackets[i]
            if bracket.kind == 0x7B {
                var head = blocks.previousCode(before: bracket.open)
                let arrow = unit(head) == 0x3E && unit(head - 1) == 0x3D  // =>
                if arrow { head = blocks.previousCode(before: head - 1) }
                if unit(head) == 0x29, let parameters = parenthesis(closingAt: head),
                   arrow || !Self.statementWords.contains(blocks.word(endingAt: blocks.previousCode(before: parameters.open))?.0 ?? "") {
                    return blocks.containsWord(Self.responseParameters, from: parameters.open, to: parameters.close)
                }
            }
            b = bracket.parent >= 0 ? bracket.parent : nil
            steps += 1
        }
        return false
    }

    /// The `(…)` whose `)` is at `close`.
    func parenthesis(closingAt close: Int) -> CodeBlocks.Bracket? {
        if unit(close - 1) == 0x28 { return blocks.bracket(at: close - 1) }
        var b = blocks.innermost(containing: close - 1), steps = 0
        while let i = b, steps < Self.parenthesisReach {
            if blocks.brackets[i].close == close { return blocks.brackets[i].kind == 0x28 ? blocks.brackets[i] : nil }
            b = blocks.brackets[i].parent >= 0 ? blocks.brackets[i].parent : nil
            steps += 1
        }
        return nil
    }
}
