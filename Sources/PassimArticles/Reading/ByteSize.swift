/// Byte counts as people write them: `64M`, `1.5G`, `200000`, and back as `64 MiB`.
public enum ByteSize {
    /// Parses a size: a whole number of bytes, or a number with a binary suffix `K`, `M`, `G`
    /// or `T` (case-insensitive, an optional trailing `B` or `iB`). Nil when it is not one.
    public static func parse(_ text: String) -> Int? {
        var digits = Substring(text.filter { !$0.isWhitespace }.uppercased())
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits = digits.dropLast(suffix.count)
            break
        }
        var multiplier = 1.0
        if let last = digits.last, let power = "KMGT".firstIndex(of: last) {
            multiplier = Double(1 << (10 * ("KMGT".distance(from: "KMGT".startIndex, to: power) + 1)))
            digits = digits.dropLast()
        }
        guard let number = Double(digits), number.isFinite, number >= 0 else { return nil }
        let bytes = (number * multiplier).rounded(.down)
        return bytes < Double(Int.max) ? Int(bytes) : nil
    }

    /// `1.0 TiB`, `64 MiB`, `512 bytes`.
    public static func text(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB"]
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        var value = Double(bytes)
        var unit = -1
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let number = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(number) \(units[unit])"
    }

    /// A round `--max-file-size` value that admits `bytes`: `3M` for 2.2 MB.
    static func suggestion(above bytes: Int) -> String {
        for (suffix, unit) in [("M", 1 << 20), ("G", 1 << 30), ("T", 1 << 40)] {
            let count = bytes / unit + 1
            if count < 1024 { return "\(count)\(suffix)" }
        }
        return "\(bytes / (1 << 40) + 1)T"
    }
}
