/// Splits a sequence of weighted units (sentences, list items) into contiguous groups.
enum BalancedPartition {
    /// Contiguous groups of `weights` (as index ranges), each at most `limit` unless a single
    /// unit is heavier, using as few groups as possible and, among those, the most even sizes.
    ///
    /// Greedy packing finds the fewest groups; a dynamic program then places the cuts to
    /// minimize the sum of squared group weights, so a 250-word paragraph becomes 125 + 125
    /// rather than 120 + 120 + 10.
    static func groups(_ weights: [Int], limit: Int) -> [Range<Int>] {
        let count = weights.count
        guard count > 0 else { return [] }
        let groupCount = fewestGroups(weights, limit: limit)
        guard groupCount > 1 else { return [0..<count] }

        var prefix = [0]
        for weight in weights { prefix.append(prefix[prefix.count - 1] + weight) }
        func fits(_ start: Int, _ end: Int) -> Bool {
            end - start == 1 || prefix[end] - prefix[start] <= limit
        }

        let infinity = Int.max
        // cost[g][i]: best cost of splitting the first i units into g groups; cut[g][i]: where
        // the last of those groups starts.
        let row = Array(repeating: infinity, count: count + 1)
        var cost = Array(repeating: row, count: groupCount + 1)
        var cut = Array(repeating: Array(repeating: 0, count: count + 1), count: groupCount + 1)
        cost[0][0] = 0
        for group in 1...groupCount {
            for end in group...count {
                for start in (group - 1)..<end
                where cost[group - 1][start] != infinity && fits(start, end) {
                    let weight = prefix[end] - prefix[start]
                    let total = cost[group - 1][start] + weight * weight
                    if total < cost[group][end] {
                        cost[group][end] = total
                        cut[group][end] = start
                    }
                }
            }
        }
        var ranges: [Range<Int>] = []
        var end = count
        for group in stride(from: groupCount, to: 0, by: -1) {
            let start = cut[group][end]
            ranges.append(start..<end)
            end = start
        }
        return ranges.reversed()
    }

    /// The fewest contiguous groups within `limit` (greedy packing is optimal for this).
    static func fewestGroups(_ weights: [Int], limit: Int) -> Int {
        var groups = 0
        var current = 0
        var open = false
        for weight in weights {
            if open, current + weight <= limit {
                current += weight
            } else {
                groups += 1
                current = weight
                open = true
            }
        }
        return groups
    }
}
