/// SPF macros (RFC 7208 §7): syntax checks and expansion.
package enum SPFMacro {
    /// What a macro expands from.
    package struct Context: Sendable {
        package var sender: String
        package var domain: String
        package var ip: IPAddress
        package var helo: String
        /// The validated domain name of the client (`p`), looked up only when a macro needs it.
        package var validatedName: String?
        package var receiver: String
        package var timestamp: Int

        package init(sender: String, domain: String, ip: IPAddress, helo: String, validatedName: String? = nil,
                    receiver: String = "unknown", timestamp: Int = 0) {
            self.sender = sender
            self.domain = domain
            self.ip = ip
            self.helo = helo
            self.validatedName = validatedName
            self.receiver = receiver
            self.timestamp = timestamp
        }

        /// `postmaster` when the sender has no local part (§4.3).
        var localPart: String {
            guard let at = sender.lastIndex(of: "@") else { return "postmaster" }
            let local = sender[..<at]
            return local.isEmpty ? "postmaster" : String(local)
        }

        var senderDomain: String {
            guard let at = sender.lastIndex(of: "@") else { return sender }
            return String(sender[sender.index(after: at)...])
        }
    }

    static let letters: Set<Character> = ["s", "l", "o", "d", "i", "p", "h", "v"]
    static let explanationLetters: Set<Character> = ["c", "r", "t"]
    static let delimiters: Set<Character> = [".", "-", "+", ",", "/", "_", "="]

    /// Why `text` is not a valid macro-string, or nil. Explanation strings (`allowExplanationLetters`) may also
    /// use `c`, `r` and `t`; a domain-spec, including `exp=`'s, may not (RFC 7208 §7.1).
    package static func syntaxError(_ text: String, allowExplanationLetters: Bool) -> String? {
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if c == "%" {
                guard let next = chars.popFirst() else { return "a lone `%` (write `%%` for a percent sign)" }
                switch next {
                case "%", "_", "-": continue
                case "{":
                    guard let close = chars.firstIndex(of: "}") else { return "an unclosed `%{`" }
                    let body = Array(chars[chars.startIndex..<close])
                    chars = chars[(close + 1)...]
                    guard let letter = body.first?.lowercased().first,
                        letters.contains(letter) || (allowExplanationLetters && explanationLetters.contains(letter))
                    else { return "unknown macro letter in `%{\(String(body))}`" }
                    var rest = body.dropFirst()
                    var digits = ""
                    while let d = rest.first, d.isASCII, d.isNumber { digits.append(d); rest = rest.dropFirst() }
                    if digits.first == "0" { return "a zero or zero-padded part count in `%{\(String(body))}`" }
                    if rest.first == "r" || rest.first == "R" { rest = rest.dropFirst() }
                    guard rest.allSatisfy({ delimiters.contains($0) }) else {
                        return "bad transformer or delimiter in `%{\(String(body))}`"
                    }
                default:
                    return "`%\(next)` is not a macro (write `%%` for a percent sign)"
                }
            } else if !(c == " " || c.asciiValue.map({ (0x21...0x7E).contains($0) }) == true) {
                return "a character outside visible ASCII"
            }
        }
        return nil
    }

    /// A domain-spec must end in a top-label or a macro-expand (RFC 7208 §7.1). A top-label is alphanumeric
    /// with inner dashes and not all digits, unless it holds a dash (`xn--zckzah`, `123-4`).
    package static func domainSpecError(_ text: String) -> String? {
        if text.hasSuffix("}") || ["%%", "%_", "%-"].contains(where: { text.hasSuffix($0) }) { return nil }
        let trimmed = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard let last = trimmed.split(separator: ".", omittingEmptySubsequences: false).last, trimmed.contains(".") else {
            return "`\(text)` is not a domain name"
        }
        let ok = !last.isEmpty && last.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            && last.contains(where: { $0.isLetter || $0 == "-" }) && last.first != "-" && last.last != "-"
        return ok ? nil : "`\(text)` does not end in a valid top-level label"
    }

    /// Expands a macro-string. `%{p}` uses `context.validatedName` (or `unknown`). In explanation text an IPv6
    /// `%{i}` is written in uppercase nibbles, as the RFC 7208 test suite and pyspf show it (DNS names from it
    /// are case-insensitive either way).
    package static func expand(_ text: String, _ context: Context, isExplanation: Bool = false) -> String {
        var out = ""
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            guard c == "%", let next = chars.popFirst() else { out.append(c); continue }
            switch next {
            case "%": out += "%"
            case "_": out += " "
            case "-": out += "%20"
            case "{":
                guard let close = chars.firstIndex(of: "}") else { return out }
                let body = Array(chars[chars.startIndex..<close])
                chars = chars[(close + 1)...]
                out += expandOne(body, context, isExplanation: isExplanation)
            default: out.append(next)
            }
        }
        return out
    }

    /// Expands a domain-spec into the name to query (RFC 7208 §7.3): without a trailing dot, lowercased, and
    /// when longer than 253 octets cut from the left, whole labels at a time, until it fits.
    package static func expandDomain(_ spec: String, _ context: Context) -> String {
        var name = DNSName.normalized(expand(spec, context))
        while name.utf8.count > 253, let dot = name.firstIndex(of: ".") {
            name = String(name[name.index(after: dot)...])
        }
        return name
    }

    static func expandOne(_ body: [Character], _ c: Context, isExplanation: Bool) -> String {
        guard let letter = body.first else { return "" }
        let upper = letter.isUppercase
        var value: String
        switch Character(letter.lowercased()) {
        case "s": value = c.sender
        case "l": value = c.localPart
        case "o": value = c.senderDomain
        case "d": value = c.domain
        case "i": value = isExplanation && !c.ip.isIPv4 ? c.ip.macroForm.uppercased() : c.ip.macroForm
        case "p": value = c.validatedName ?? "unknown"
        case "v": value = c.ip.isIPv4 ? "in-addr" : "ip6"
        case "h": value = c.helo
        case "c": value = c.ip.description
        case "r": value = c.receiver
        case "t": value = String(c.timestamp)
        default: value = ""
        }
        var rest = body.dropFirst()
        var digits = ""
        while let d = rest.first, d.isASCII, d.isNumber { digits.append(d); rest = rest.dropFirst() }
        var reverse = false
        if rest.first == "r" || rest.first == "R" { reverse = true; rest = rest.dropFirst() }
        let splitters = rest.isEmpty ? Set<Character>(["."]) : Set(rest)
        var parts = value.split(omittingEmptySubsequences: false, whereSeparator: { splitters.contains($0) }).map(String.init)
        if reverse { parts.reverse() }
        if let keep = Int(digits), keep > 0, keep < parts.count { parts = Array(parts.suffix(keep)) }
        value = parts.joined(separator: ".")
        if upper {
            // Uppercase macros are URL-escaped (RFC 7208 §7.3).
            value = value.addingPercentEncoding(withAllowedCharacters: .urlUnreserved) ?? value
        }
        return value
    }
}

import Foundation

extension CharacterSet {
    /// RFC 3986 unreserved characters.
    static let urlUnreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
