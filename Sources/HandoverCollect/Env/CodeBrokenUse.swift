/// A read whose variable, unset, becomes a broken value rather than none (a review of rules .91; rules 2026.12.92):
///
/// - built into a string: `redis://h:6379/${process.env.REDIS_DB}`, Python's `f"…/{os.getenv('REDIS_CELERY_DB')}"`,
///   Ruby's `"#{ENV['X']}"`, `"…" + read` — the string then holds `undefined`, `None` or nothing where a value belongs;
/// - converted: Python's `int(…)`/`float(…)`/`str(…)` (`int(None)` raises), Ruby's `.to_i`/`.to_f`/`.to_s` (`nil.to_i` is
///   0), Go's `strconv.Atoi`/`ParseInt`/`ParseUint`/`ParseFloat` (0 and an error);
/// - the port a server listens on: `listen(process.env.SMTP_PORT)` binds a random port.
///
/// What a library reads as unset is not broken: a bare value (`port: process.env.SMTP_PORT`, `EMAIL_PORT =
/// os.getenv("EMAIL_PORT")`), JavaScript's `Number(…)`/`parseInt(…)` (NaN, which nodemailer and node-postgres take
/// for unset). The audit asks it only of the settings every client library has a standard value for
/// (``EnvNameTokens/standardValue(_:)``): such a read keeps the name high.
enum CodeBrokenUse {
    static let conversions: Set<String> = ["int", "float", "str", "Atoi", "ParseInt", "ParseUint", "ParseFloat", "listen"]

    static func breaks(_ blocks: CodeBlocks, read: Range<Int>) -> Bool {
        guard blocks.syntax != .none else { return false }
        let before = blocks.previousCode(before: read.lowerBound, reach: 16)
        let after = blocks.nextCode(from: read.upperBound, newlines: false, reach: 16)
        // `${read}`, `#{read}`, an f-string's `{read}`
        if blocks.unit(before) == 0x7B,
           blocks.unit(before - 1) == 0x24 || blocks.unit(before - 1) == 0x23 || !blocks.isCode(before) { return true }
        // `"…" + read`, `read + "…"` (not `++`, `+=`)
        if blocks.unit(before) == 0x2B, blocks.unit(before - 1) != 0x2B { return true }
        if blocks.unit(after) == 0x2B, blocks.unit(after + 1) != 0x2B, blocks.unit(after + 1) != 0x3D { return true }
        // Ruby's `.to_i`
        if blocks.unit(after) == 0x2E, let (word, _) = blocks.word(startingAt: after + 1), ["to_i", "to_f", "to_s"].contains(word) {
            return true
        }
        // the first argument of a conversion or of `listen`
        guard let index = blocks.innermost(containing: read.lowerBound) else { return false }
        let call = blocks.brackets[index]
        guard call.kind == 0x28, blocks.nextCode(from: call.open + 1, reach: 16) == read.lowerBound,
              let (callee, _) = blocks.word(endingAt: blocks.previousCode(before: call.open, reach: 8)) else { return false }
        return conversions.contains(callee)
    }
}
