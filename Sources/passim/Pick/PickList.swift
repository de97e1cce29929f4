import Foundation
import PassimProtocol

/// `passim pick --lines`: the list fzf shows for a query (a header line, then one line per hit,
/// as `PickLines` writes them). With `--watch` it then waits for the daemon's `index/didChange`
/// and ends, so fzf (bound on `load`) lists again.
struct PickList {
    /// How long a keystroke waits before searching: fzf kills this process when the next key
    /// comes, so a query typed through within it never reaches the daemon.
    static let debounce = Duration.milliseconds(40)

    var query: String
    var limit: Int
    var watch: Bool

    func run(indexOptions: IndexOptions, daemonOptions: DaemonOptions) async throws {
        try? await Task.sleep(for: Self.debounce)
        let (changes, changed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let listener: @Sendable (IndexDidChangeNotification) -> Void = { _ in changed.yield() }
        // The search goes out with the handshake: a stale one is then already on the daemon
        // when fzf kills this process for the next key, and the daemon counts it cancelled.
        let (backend, listed) = await PickBackend.open(
            indexOptions: indexOptions, daemonOptions: daemonOptions, indexChanges: watch ? listener : nil
        ) { [self] in await listing($0) }
        let lines: [String]
        if let listed { lines = listed } else { lines = await listing(backend) }
        Terminal.write(lines.joined(separator: "\n") + "\n")
        if watch {
            // A helper that ended at once would be loaded again at once: this one waits for a
            // change, or for fzf to be gone.
            await withTaskGroup(of: Void.self) { group in
                if backend.daemon != nil {
                    group.addTask {
                        for await _ in changes { return }
                    }
                }
                group.addTask {
                    while !Self.readerIsGone, !Task.isCancelled { try? await Task.sleep(for: .milliseconds(500)) }
                }
                await group.next()
                group.cancelAll()
                changed.finish()
            }
        }
        await backend.close()
    }

    /// Whether nobody reads standard output any more (fzf ended): a pipe's write end then
    /// reports an error to `poll`. (fzf's shell may outlive fzf, so the parent process says
    /// nothing.)
    static var readerIsGone: Bool {
        var descriptor = pollfd(fd: STDOUT_FILENO, events: 0, revents: 0)
        return poll(&descriptor, 1, 0) == 1 && descriptor.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0
    }

    /// The header and the hits' lines.
    private func listing(_ backend: PickBackend) async -> [String] {
        let style = OutputStyle(color: true)
        guard !query.allSatisfy(\.isWhitespace) else {
            return [PickLines.header(style.dim("type to search · Tab completes a word · Enter opens the passage"))]
        }
        async let found = backend.search(query, limit: limit)
        async let words = completions(backend)
        switch await found {
        case .success(let result):
            let header = PickLines.summary(result, query: query, completions: await words, style: style)
            return [PickLines.header(header)] + result.hits.map { PickLines.line(for: $0, style: style) }
        case .failure(let failure):
            let hint = PickLines.completionHint(await words, style: style)
            return [PickLines.header(style.dim(TerminalSafe.text(failure.message)) + hint)]
        }
    }

    private func completions(_ backend: PickBackend) async -> [String] {
        guard let target = QueryCompletion(query: query) else { return [] }
        return await backend.completions(of: target.word, limit: 5)
    }
}
