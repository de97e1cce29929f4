/// Splits a sequence of weighted units (sentences, list items) into contiguous groups.
enum BalancedPartition {
    /// Contiguous groups of `weights` (as index ranges), each at most `limit` unless a single
    /// unit is heavier, using as few groups as possible and, among those, the most even sizes.
    ///
    /// The objective is the pair (number of groups, sum of squared group weights), compared
    /// in that order, so a 250-word paragraph becomes 125 + 125 rather than 120 + 120 + 10.
    /// Adding a group adds the same pair whatever came before, so the best split of each
    /// prefix extends to the best split of the whole: one pass over the units, each looking
    /// back only as far as a group can reach, so the work grows linearly with the units
    /// (a 50 MB paragraph has hundreds of thousands of sentences).
    static func groups(_ weights: [Int], limit: Int) -> [Range<Int>] {
        let count = weights.count
        guard count > 0 else { return [] }
        var prefix = [0]
        prefix.reserveCapacity(count + 1)
        for weight in weights { prefix.append(prefix[prefix.count - 1] + weight) }
        guard prefix[count] > limit, count > 1 else { return [0..<count] }

        // best[i]: the best split of the first i units; start[i]: where its last group starts.
        var best = [Cost](repeating: Cost(groups: Int.max, squares: Int.max), count: count + 1)
        var start = [Int](repeating: 0, count: count + 1)
        best[0] = Cost(groups: 0, squares: 0)
        for end in 1...count {
            var first = end - 1
            while true {
                let weight = prefix[end] - prefix[first]
                // A single unit heavier than the limit is a group of its own.
                guard first == end - 1 || weight <= limit else { break }
                let candidate = Cost(
                    groups: best[first].groups + 1, squares: best[first].squares + weight * weight)
                // Ties go to the earliest start, as they always have (passages stay put).
                if candidate <= best[end] {
                    best[end] = candidate
                    start[end] = first
                }
                guard first > 0 else { break }
                first -= 1
            }
        }
        var ranges: [Range<Int>] = []
        var end = count
        while end > 0 {
            ranges.append(start[end]..<end)
            end = start[end]
        }
        return ranges.reversed()
    }

    /// A split's cost: fewer groups first, then more even ones.
    private struct Cost: Comparable {
        var groups: Int
        var squares: Int

        static func < (lhs: Cost, rhs: Cost) -> Bool {
            (lhs.groups, lhs.squares) < (rhs.groups, rhs.squares)
        }
    }
}
