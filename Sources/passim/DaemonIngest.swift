import Foundation
import PassimArticles
import PassimClient
import PassimCore
import PassimProtocol

/// `passim ingest` through a daemon: the same request an editor sends, printed the way an
/// in-process ingest prints (summary line, per-file failures with the paths as typed, progress
/// on a terminal), with the same exit statuses.
struct DaemonIngest {
    let paths: IngestPaths
    let prune: Bool
    let maxFileBytes: Int
    let wait: Bool
    let verbose: Bool
    let layout: IndexLayout

    /// How often `--wait` asks again while another ingest holds the writer.
    static let retryInterval = Duration.milliseconds(250)

    /// Exit status after Ctrl-C or SIGTERM, as a shell reports a process ended by SIGINT.
    static let interruptedStatus: Int32 = 130

    /// Runs the ingest; returns the exit status (0 done, 1 some files failed, 2 not written,
    /// 130 interrupted). Ctrl-C or SIGTERM cancels the request in the daemon, which stops after
    /// the article it is writing, instead of leaving it to ingest everything with nobody waiting.
    func run(on daemon: DaemonClient, showProgress: Bool) async -> Int32 {
        let attempt = Task { await attempts(on: daemon, showProgress: showProgress) }
        let interrupts = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { attempt.cancel() }
            source.resume()
            return source
        }
        defer {
            for source in interrupts { source.cancel() }
            for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        }
        return await attempt.value
    }

    private func attempts(on daemon: DaemonClient, showProgress: Bool) async -> Int32 {
        let request = IngestRequest(
            paths: paths.absolute, prune: prune ? true : nil,
            maxFileBytes: maxFileBytes == ArticleReader.defaultMaxFileBytes ? nil : maxFileBytes)
        let paths = self.paths
        let progress = showProgress ? Self.progressLine(paths) : nil
        var waiting = false
        while true {
            do {
                let result = try await daemon.ingest(request, progress: progress)
                if showProgress { Terminal.error("\r\u{1B}[K") }
                return report(result)
            } catch .cancelled {
                if showProgress { Terminal.error("\r\u{1B}[K") }
                Terminal.error(
                    "passim: interrupted; the daemon stops the ingest after the article it is writing "
                        + "(every article is old or new, never half); run the same ingest again to finish it\n")
                return Self.interruptedStatus
            } catch .server(let error) where error.code == .writerBusy {
                guard wait else {
                    Terminal.error(
                        "passim: the index at \(layout.directory) is being written by another ingest; "
                            + "wait for it to finish or pass --wait\n")
                    return 2
                }
                if !waiting {
                    waiting = true
                    Terminal.error(
                        "passim: the index at \(layout.directory) is being written by another ingest; "
                            + "waiting for it to finish\n")
                }
                do {
                    try await Task.sleep(for: Self.retryInterval)
                } catch {
                    Terminal.error("passim: interrupted while waiting for the writer; nothing was ingested\n")
                    return Self.interruptedStatus
                }
            } catch {
                if showProgress { Terminal.error("\r\u{1B}[K") }
                Terminal.error("passim: \(error)\n")
                return 2
            }
        }
    }

    /// Prints each `$/progress` report over the previous one, as an in-process ingest does.
    private static func progressLine(_ paths: IngestPaths) -> @Sendable (ProgressValue) -> Void {
        { value in
            guard value.kind == .report, let done = value.done, let total = value.total else { return }
            let path = paths.display(value.message ?? "")
            Terminal.error("\r\u{1B}[K[\(done)/\(total)] \(path)")
        }
    }

    private func report(_ result: IngestResult) -> Int32 {
        for failure in result.failures {
            Terminal.error("passim: \(paths.display(failure.path)): \(failure.message)\n")
        }
        // Core's report words the summary, so it reads the same as an in-process ingest's.
        var summary = IngestReport()
        summary.added = result.added
        summary.updated = result.updated
        summary.unchanged = result.unchanged
        summary.removed = result.removed
        summary.failures = result.failures.map { IngestReport.Failure(path: $0.path, message: $0.message) }
        summary.skipped = (result.skipped ?? []).map { skipped in
            let reason: SkippedFile.Reason
            switch skipped.reason {
            case .unsupportedType: reason = .unsupportedType
            case .readme: reason = .readme
            case .ignored: reason = .ignored
            }
            return SkippedFile(path: paths.display(skipped.path), reason: reason)
        }
        if verbose { IngestCommand.listSkipped(summary.skipped) }
        Terminal.write("\(summary.summary)\n")
        return result.failed > 0 ? 1 : 0
    }
}
