import HandoverModel
/// A read that is the whole value of one key of an options object passed to a call, beside a key that names the
/// value to use when it is unset: arbitrum's bridge, `loadEnvironmentVariableWithFallback({ env:
/// process.env.NEXT_PUBLIC_ALCHEMY_KEY_BASE, fallback: defaultAlchemyKey })` (23 names; held-out batch 84); oneuptime's
/// `NumberUtil.parseNumberWithDefault({ value: process.env["PROBE_MONITORING_WORKERS"], defaultValue: 1, min: 1 })`
/// (batch 78). The callee's contract, spelled in the object, says what unset gives: that key's value, a literal or
/// computed. Only when the read is the value the object hands over (``valueKeys``); not a key of a nested object
/// (`{ value: read, limits: { default: 5 } }`), nor an object that is no call's argument (a config object's `default:` is a
/// value of its own).
enum CodeOptionsDefault {
    static let keys: Set<String> = ["fallback", "fallbackValue", "default", "defaultValue", "defaultVal", "defaultsTo"]
    /// The keys that hand such a loader the value itself. Not any key (a review of .96): React Native's
    /// `Platform.select({ ios: process.env.X, default: '' })` gives `default` to other platforms, `byEnv({ production:
    /// process.env.X, default: 'http://localhost:3000' })` to other environments, i18next's `t('k', { appName:
    /// process.env.X, defaultValue: '…' })` to a missing translation.
    static let valueKeys: Set<String> = ["env", "value", "envValue", "envVar", "raw", "input"]
    /// Keys looked through per object.
    static let maxKeys = 32

    static func fallback(_ blocks: CodeBlocks, _ tester: CodeConditions, read: Range<Int>) -> CodeFallback? {
        guard blocks.syntax == .cLike, tester.endsPropertyValue(after: read.upperBound),
              let ownKey = CodeConfigObjects.key(blocks, before: read.lowerBound), valueKeys.contains(ownKey),
              let index = blocks.innermost(containing: read.lowerBound) else { return nil }
        let object = blocks.brackets[index]
        guard object.kind == 0x7B, object.parent >= 0, blocks.brackets[object.parent].kind == 0x28 else { return nil }
        let before = blocks.unit(blocks.previousCode(before: object.open))
        guard before == 0x28 || before == 0x2C else { return nil }  // the object is an argument: `f({` or `f(a, {`
        let tail = CodeReadTail(units: blocks.units)
        // each top-level `key:` of the object: after its `{` or a `,` at its own level
        var p = blocks.nextCode(from: object.open + 1)
        for _ in 0..<maxKeys {
            guard p < object.close else { return nil }
            if let (word, end) = blocks.word(startingAt: p), blocks.unit(blocks.nextCode(from: end, reach: 16)) == 0x3A, keys.contains(word) {
                let value = blocks.nextCode(from: blocks.nextCode(from: end, reach: 16) + 1)
                guard value < object.close else { return nil }
                return tail.literal(at: value)?.fallback ?? CodeFallback(kind: .computed)
            }
            // on to the next `,` at the object's own level
            var q = p
            while q < object.close, !(blocks.unit(q) == 0x2C && blocks.isCode(q)) {
                if let inner = blocks.bracket(at: q), inner.open == q { q = inner.close + 1 } else { q += 1 }
            }
            p = blocks.nextCode(from: q + 1)
        }
        return nil
    }
}
