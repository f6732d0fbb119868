/// A JSON document parsed once into a flat list of nodes over its bytes (RFC 8259, UTF-8), for `TapeDecoder`.
///
/// Foundation's `JSONDecoder` builds a dictionary with `String` keys for every object it decodes; a 5 MB snapshot
/// holds tens of thousands of objects. Here an object is its node followed by key and value nodes in file order, each
/// node knows where its subtree ends, and a key is found by comparing bytes. Strings and numbers stay bytes until a
/// decoder asks for them. The whole text is validated up front (grammar, UTF-8, escapes, nesting depth), so a file is
/// either read whole or refused, as before.
package final class JSONTape: Sendable {
    package enum Kind: UInt8, Sendable {
        case null, `true`, `false`, number, string, array, object
    }

    package struct Node: Sendable {
        package var kind: Kind
        /// A string with `\` escapes, or a number with a fraction or an exponent.
        package var flagged: Bool
        /// Strings: the bytes between the quotes; numbers: the number. Containers: `start` is the element count.
        package var start: Int32
        package var end: Int32
        /// The index of the first node after this node's subtree.
        package var next: Int32
    }

    /// Why a text is not JSON, with the byte offset where the parser stopped.
    package struct SyntaxError: Error, Sendable, Equatable {
        package var offset: Int
        package var reason: String
    }

    /// Deeper nesting is refused (JSONDecoder's limit too): a snapshot nests about ten levels.
    package static let maxDepth = 512

    package let bytes: [UInt8]
    package let nodes: [Node]

    package init(_ bytes: [UInt8]) throws(SyntaxError) {
        var parser = Parser(bytes: bytes)
        try parser.parse()
        self.bytes = bytes
        nodes = parser.nodes
    }

    /// The value nodes of an object's members, each with its key node: `(key, value)` in file order.
    package func members(of object: Int) -> MemberSequence { MemberSequence(nodes: nodes, object: object) }

    package struct MemberSequence: Sequence {
        let nodes: [Node]
        let object: Int

        package func makeIterator() -> Iterator { Iterator(nodes: nodes, index: object + 1, end: Int(nodes[object].next)) }

        package struct Iterator: IteratorProtocol {
            let nodes: [Node]
            var index: Int
            let end: Int

            package mutating func next() -> (key: Int, value: Int)? {
                guard index < end else { return nil }
                let key = index
                index = Int(nodes[key + 1].next)
                return (key, key + 1)
            }
        }
    }

    /// The value of `name` in `object` (the first when a key repeats), comparing raw bytes: keys with escapes are
    /// decoded first.
    package func value(of object: Int, named name: String) -> Int? {
        var name = name
        return name.withUTF8 { wanted in
            for (key, value) in members(of: object) where keyMatches(key, wanted) { return value }
            return nil
        }
    }

    func keyMatches(_ key: Int, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        let node = nodes[key]
        if node.flagged { return Array(string(at: key).utf8).elementsEqual(wanted) }
        let (start, end) = (Int(node.start), Int(node.end))
        guard end - start == wanted.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            wanted.count == 0 || memcmp(all.baseAddress! + start, wanted.baseAddress!, wanted.count) == 0
        }
    }

    /// The text of a string node, escapes decoded (the parser has checked them).
    package func string(at index: Int) -> String {
        let node = nodes[index]
        let (start, end) = (Int(node.start), Int(node.end))
        guard node.flagged else {
            return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = bytes[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = Self.hex4(bytes, i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // The parser checked that a low surrogate follows.
                    let low = Self.hex4(bytes, i + 2)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                Self.appendUTF8(UInt32(scalar), to: &out)
            default: out.append(e)  // " \ /
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a number node as text.
    package func numberText(at index: Int) -> String {
        let node = nodes[index]
        return String(decoding: bytes[Int(node.start)..<Int(node.end)], as: UTF8.self)
    }

    /// A number without fraction or exponent that fits an Int64; nil otherwise.
    package func integer(at index: Int) -> Int64? {
        let node = nodes[index]
        guard node.kind == .number, !node.flagged else { return nil }
        var i = Int(node.start)
        let end = Int(node.end)
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value: Int64 = 0
        while i < end {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let digit = Int64(bytes[i] - 48)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = sum
            i += 1
        }
        return value
    }

    static func hex4(_ bytes: [UInt8], _ i: Int) -> Int {
        var value = 0
        for b in bytes[i..<(i + 4)] { value = value << 4 + hexValue(b)! }
        return value
    }

    static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 48...57: return Int(b - 48)
        case 65...70: return Int(b - 55)
        case 97...102: return Int(b - 87)
        default: return nil
        }
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80: out.append(UInt8(scalar))
        case ..<0x800: out += [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
        case ..<0x10000: out += [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        default:
            out += [UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
