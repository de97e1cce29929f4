import Foundation

/// Finds a request's top-level `"id"` in the first bytes of a message too large to read whole,
/// so the `requestTooLarge` answer can carry the id the client waits for.
///
/// It walks the top-level object's members, skipping values without decoding them, and gives
/// up (returns `nil`) on anything unexpected or when the bytes run out before `"id"`.
enum LeadingIDScanner {
    /// How many leading bytes of an oversize message are kept to look for the id.
    static let peekLimit = 4_096

    /// The id, if the bytes show one before they end.
    static func scan(_ bytes: ArraySlice<UInt8>) -> RequestID? {
        var cursor = Cursor(bytes: bytes)
        cursor.skipWhitespace()
        guard cursor.take(0x7B) else { return nil }  // {
        while true {
            cursor.skipWhitespace()
            guard let keyRange = cursor.skipString() else { return nil }
            cursor.skipWhitespace()
            guard cursor.take(ASCII.colon) else { return nil }
            cursor.skipWhitespace()
            let valueStart = cursor.index
            guard cursor.skipValue() else { return nil }
            if bytes[keyRange].elementsEqual(#""id""#.utf8) {
                return try? JSONDecoder().decode(RequestID.self, from: Data(bytes[valueStart..<cursor.index]))
            }
            cursor.skipWhitespace()
            guard cursor.take(0x2C) else { return nil }  // ,
        }
    }

    private struct Cursor {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, ASCII.isWhitespace(byte) { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        /// Skips a string literal; returns its range including the quotes.
        mutating func skipString() -> Range<Int>? {
            let start = index
            guard take(0x22) else { return nil }
            while let byte = current {
                index += 1
                if byte == 0x5C {  // backslash: skip the escaped byte
                    index += 1
                } else if byte == 0x22 {
                    return start..<index
                }
            }
            return nil
        }

        /// Skips one value of any kind; false when the bytes end first or are not JSON.
        mutating func skipValue() -> Bool {
            guard let first = current else { return false }
            if first == 0x22 { return skipString() != nil }
            if first == 0x7B || first == 0x5B { return skipContainer() }
            // A number or literal runs until a delimiter; it must not end with the bytes.
            while let byte = current, !ASCII.isWhitespace(byte), byte != 0x2C, byte != 0x7D, byte != 0x5D {
                index += 1
            }
            return current != nil
        }

        /// Skips a balanced object or array, minding strings.
        private mutating func skipContainer() -> Bool {
            var depth = 0
            while let byte = current {
                switch byte {
                case 0x22:
                    guard skipString() != nil else { return false }
                    continue
                case 0x7B, 0x5B:
                    depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return true
                    }
                default:
                    break
                }
                index += 1
            }
            return false
        }
    }
}
