/// Checks that bytes are one JSON text exactly as RFC 8259 defines it, before Foundation
/// decodes them.
///
/// Foundation's decoder is lenient where JSON-RPC peers expect strictness: it accepts trailing
/// commas, and it checks a string's characters only when the string is decoded, so a raw
/// control character or a lone surrogate escape in a param surfaced as a type error about that
/// param with Foundation's internals in it. One pass here makes all of those parse errors with
/// a plain message and the byte offset. Nesting is tracked on a stack, not by recursion, so a
/// deep message cannot exhaust the thread's stack.
public enum StrictJSON {
    /// Why `bytes` are not one strict JSON text, or nil when they are.
    public static func problem(in bytes: some Collection<UInt8>) -> String? {
        var scanner = Scanner(bytes: Array(bytes))
        do {
            try scanner.document()
            return nil
        } catch {
            return error.description
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private enum Container {
        case object, array
    }

    /// An open object or array, and whether its first item is still to be read.
    private struct Open {
        var container: Container
        var awaitingFirst = true
    }

    private struct Scanner {
        let bytes: [UInt8]
        var offset = 0
        var stack: [Open] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func document() throws(Failure) {
            skipSpace()
            try value()
            while let top = stack.last {
                if top.awaitingFirst {
                    stack[stack.count - 1].awaitingFirst = false
                    if top.container == .object { try member() } else { try value() }
                } else {
                    try afterValue()
                }
            }
            skipSpace()
            guard offset == bytes.count else {
                throw fail("unexpected \(describe(offset)) after the end of the JSON value")
            }
        }

        /// Reads one value; an object or array is only opened: `document` reads its items.
        private mutating func value() throws(Failure) {
            guard offset < bytes.count else { throw fail("the message ends where a value was expected") }
            switch bytes[offset] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let container: Container = bytes[offset] == UInt8(ascii: "{") ? .object : .array
                offset += 1
                skipSpace()
                if peek(closing(container)) {
                    offset += 1
                    return
                }
                stack.append(Open(container: container))
            case UInt8(ascii: "\""):
                try string()
            case UInt8(ascii: "t"):
                try literal("true")
            case UInt8(ascii: "f"):
                try literal("false")
            case UInt8(ascii: "n"):
                try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
            default:
                throw fail("unexpected \(describe(offset)) where a value was expected")
            }
        }

        /// After a value inside the innermost container: a comma and the next item, or the close.
        private mutating func afterValue() throws(Failure) {
            guard let container = stack.last?.container else { return }
            skipSpace()
            let close = closing(container)
            guard offset < bytes.count else { throw fail("the message ends inside an \(name(of: container))") }
            if bytes[offset] == close {
                offset += 1
                stack.removeLast()
                return
            }
            guard bytes[offset] == UInt8(ascii: ",") else {
                throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))' but found \(describe(offset))")
            }
            let comma = offset
            offset += 1
            skipSpace()
            if offset < bytes.count, bytes[offset] == close {
                throw Failure(
                    description: "trailing comma at byte \(comma) before the end of an \(name(of: container)); "
                        + "remove it")
            }
            if container == .object { try member() } else { try value() }
        }

        /// `"name": value` inside an object.
        private mutating func member() throws(Failure) {
            guard peek(UInt8(ascii: "\"")) else {
                throw fail("expected a member name in double quotes but found \(describe(offset))")
            }
            try string()
            skipSpace()
            guard peek(UInt8(ascii: ":")) else {
                throw fail("expected ':' after a member name but found \(describe(offset))")
            }
            offset += 1
            skipSpace()
            try value()
        }

        private mutating func string() throws(Failure) {
            offset += 1  // the opening quote
            while offset < bytes.count {
                let byte = bytes[offset]
                switch byte {
                case UInt8(ascii: "\""):
                    offset += 1
                    return
                case UInt8(ascii: "\\"):
                    try escape()
                case 0x00..<0x20:
                    throw Failure(
                        description: "raw control character U+\(hex(UInt16(byte))) in a string at byte \(offset); "
                            + "escape it (\\u\(hex(UInt16(byte))))")
                default:
                    offset += 1
                }
            }
            throw fail("the message ends inside a string")
        }

        private mutating func escape() throws(Failure) {
            let start = offset
            offset += 1
            guard offset < bytes.count else { throw fail("the message ends inside a string") }
            switch bytes[offset] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                offset += 1
            case UInt8(ascii: "u"):
                offset += 1
                let unit = try hexUnit(escapeAt: start)
                if (0xD800...0xDBFF).contains(unit) {
                    let low = offset
                    guard bytes.count >= offset + 2, bytes[offset] == UInt8(ascii: "\\"),
                        bytes[offset + 1] == UInt8(ascii: "u")
                    else { throw loneSurrogate(unit, at: start) }
                    offset += 2
                    guard (0xDC00...0xDFFF).contains(try hexUnit(escapeAt: low)) else {
                        throw loneSurrogate(unit, at: start)
                    }
                } else if (0xDC00...0xDFFF).contains(unit) {
                    throw loneSurrogate(unit, at: start)
                }
            default:
                throw Failure(
                    description: "invalid escape \\\(describe(offset, quoted: false)) in a string at byte \(start)")
            }
        }

        /// The four hex digits of a `\u` escape.
        private mutating func hexUnit(escapeAt start: Int) throws(Failure) -> UInt16 {
            var unit: UInt16 = 0
            for _ in 0..<4 {
                guard offset < bytes.count, let digit = hexDigit(bytes[offset]) else {
                    throw Failure(description: "a \\u escape at byte \(start) needs four hex digits")
                }
                unit = unit << 4 | UInt16(digit)
                offset += 1
            }
            return unit
        }

        private mutating func number() throws(Failure) {
            let start = offset
            if peek(UInt8(ascii: "-")) { offset += 1 }
            if peek(UInt8(ascii: "0")) {
                offset += 1
            } else if try digits() == 0 {
                throw Failure(description: "invalid number at byte \(start)")
            }
            if peek(UInt8(ascii: ".")) {
                offset += 1
                guard try digits() > 0 else { throw Failure(description: "invalid number at byte \(start)") }
            }
            if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
                offset += 1
                if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { offset += 1 }
                guard try digits() > 0 else { throw Failure(description: "invalid number at byte \(start)") }
            }
        }

        private mutating func digits() throws(Failure) -> Int {
            let start = offset
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
                offset += 1
            }
            return offset - start
        }

        private mutating func literal(_ word: String) throws(Failure) {
            let start = offset
            let expected = word.utf8
            guard bytes.count - offset >= expected.count,
                bytes[offset..<(offset + expected.count)].elementsEqual(expected)
            else { throw Failure(description: "invalid literal at byte \(start); expected \(word)") }
            offset += expected.count
        }

        private mutating func skipSpace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case 0x20, 0x09, 0x0A, 0x0D: offset += 1
                default: return
                }
            }
        }

        private func peek(_ byte: UInt8) -> Bool {
            offset < bytes.count && bytes[offset] == byte
        }

        private func fail(_ message: String) -> Failure {
            Failure(description: message)
        }

        private func loneSurrogate(_ unit: UInt16, at start: Int) -> Failure {
            Failure(
                description: "lone surrogate \\u\(hex(unit)) in a string at byte \(start); a \\uD800-\\uDBFF "
                    + "escape must be followed by a \\uDC00-\\uDFFF escape")
        }

        private func closing(_ container: Container) -> UInt8 {
            container == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        }

        private func name(of container: Container) -> String {
            container == .object ? "object" : "array"
        }

        /// The byte at `index` for a message: the character when printable ASCII, else its value.
        private func describe(_ index: Int, quoted: Bool = true) -> String {
            guard index < bytes.count else { return "the end of the message" }
            let byte = bytes[index]
            if (0x21...0x7E).contains(byte) {
                let character = String(Character(Unicode.Scalar(byte)))
                return quoted ? "'\(character)' at byte \(index)" : character
            }
            return "byte 0x\(hex(UInt16(byte)).suffix(2)) at byte \(index)"
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
