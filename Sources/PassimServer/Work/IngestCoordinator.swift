import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import PassimArticles
import PassimCore
import PassimProtocol

/// Runs `ingest` requests inside the daemon, one at a time, on a writer thread of their own so
/// searches go on meanwhile.
///
/// A second request while one runs, or an external `passim ingest` holding the index lock,
/// is answered `writerBusy` at once rather than queued: the client decides whether to retry.
/// After a commit the watcher is asked to look at once, so subscribers get `index/didChange`
/// and later searches see the new revision before the request's response is sent.
final class IngestCoordinator: Sendable {
    private let layout: IndexLayout
    private let thread = NIOThreadPool(numberOfThreads: 1)
    private let busy = NIOLockedValueBox(false)
    private let watcher: IndexWatcher
    private let sources: SourceLoader
    private let logger: Logger

    init(layout: IndexLayout, watcher: IndexWatcher, sources: SourceLoader, logger: Logger) {
        self.layout = layout
        self.watcher = watcher
        self.sources = sources
        self.logger = logger
    }

    func start() {
        thread.start()
    }

    /// Waits for a running ingest to commit, then stops the writer thread.
    func shutdown() async {
        try? await thread.shutdownGracefully()
    }

    /// Ingests what `request` names; `progress` receives `$/progress` values as files are done.
    /// A stop through `token` ends the run after the file being written (what was written
    /// stays committed) and answers with the stop's error.
    func ingest(
        _ request: IngestRequest, token: CancelToken, progress: @escaping @Sendable (ProgressValue) -> Void
    ) async -> Result<IngestResult, ResponseError> {
        let acquired = takeWriter()
        guard acquired else { return .failure(.writerBusy()) }
        defer { busy.withLockedValue { $0 = false } }

        let layout = self.layout
        let logger = self.logger
        let written = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<PassimCore.IngestReport, ResponseError>, Never>) in
            thread.submit { state in
                guard case .active = state else {
                    continuation.resume(returning: .failure(.serverShuttingDown()))
                    return
                }
                continuation.resume(
                    returning: Self.write(
                        request, layout: layout, logger: logger, shouldStop: { token.reason != nil }, progress: progress
                    ))
            }
        }
        switch written {
        case .failure(let error):
            return .failure(error)
        case .success(let report):
            if let text = request.text, let name = request.name, report.failures.isEmpty {
                sources.rememberInline(name: name, text: text)
            }
            let revision = await watcher.checkNow() ?? 0
            if let reason = token.reason { return .failure(reason.responseError) }
            return .success(
                IngestResult(
                    added: report.added, updated: report.updated, unchanged: report.unchanged,
                    removed: report.removed, failed: report.failed,
                    failures: report.failures.map { IngestFailure(path: $0.path, message: $0.message) },
                    revision: revision, skipped: report.skipped.isEmpty ? nil : report.skipped.map(IngestSkipped.init)))
        }
    }

    /// Takes the writer for one run, unless another run has it; the caller gives it back.
    private func takeWriter() -> Bool {
        busy.withLockedValue { busy in
            guard !busy else { return false }
            busy = true
            return true
        }
    }

    /// Writes what the corpus watcher saw change, through the same writer as `ingest` requests:
    /// changed files and folders are ingested (folders pruned), gone paths forgotten, and with
    /// `rescan` every root compared with the index. False when the writer is busy (a client's
    /// ingest, or another process's): the watcher keeps the changes for its next turn.
    func applyWatched(_ changes: CorpusChanges, roots: [CorpusRoot]) async -> Bool {
        let acquired = takeWriter()
        guard acquired else { return false }
        defer { busy.withLockedValue { $0 = false } }
        let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
        var changed = changes.changed.filter(exists).sorted()
        var gone = changes.gone.sorted()
        if changes.rescan {
            changed = roots.map(\.path).filter(exists) + changed.filter { path in !roots.contains { $0.holds(path) } }
            gone += roots.map(\.path).filter { !exists($0) }
        }
        let layout = self.layout
        let logger = self.logger
        let (paths, forgotten) = (changed, gone)
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            thread.submit { state in
                guard case .active = state else { return continuation.resume(returning: true) }
                do throws(IndexError) {
                    let writer = try IndexWriter(layout: layout)
                    let report = try Ingestor(writer: writer, logger: logger).ingest(
                        paths: paths, forgetting: forgotten, options: .init(prune: true))
                    try writer.close()
                    if report.added + report.updated + report.removed + report.failed > 0 {
                        logger.info(
                            "the corpus watcher ingested changes",
                            metadata: ["summary": "\(report.summary)", "rescan": "\(changes.rescan)"])
                    }
                    for failure in report.failures {
                        logger.warning(
                            "the corpus watcher could not ingest a file",
                            metadata: ["path": "\(failure.path)", "error": "\(failure.message)"])
                    }
                    continuation.resume(returning: true)
                } catch {
                    if error.code == .locked { return continuation.resume(returning: false) }
                    logger.error("the corpus watcher could not write", metadata: ["error": "\(error.message)"])
                    continuation.resume(returning: true)
                }
            }
        }
        if outcome { _ = await watcher.checkNow() }
        return outcome
    }

    /// Runs on the writer thread: the same pipeline as `passim ingest`.
    private static func write(
        _ request: IngestRequest, layout: IndexLayout, logger: Logger, shouldStop: @escaping @Sendable () -> Bool,
        progress: @escaping @Sendable (ProgressValue) -> Void
    ) -> Result<PassimCore.IngestReport, ResponseError> {
        var began = false
        func begin(total: Int) {
            guard !began else { return }
            began = true
            progress(ProgressValue(kind: .begin, title: "Ingesting", total: total))
        }
        do throws(IndexError) {
            let writer = try IndexWriter(layout: layout, wait: false)
            let ingestor = try Ingestor(writer: writer, logger: logger)
            let report: PassimCore.IngestReport
            var total = 1
            if let paths = request.paths {
                report = try ingestor.ingest(
                    paths: paths,
                    options: .init(
                        prune: request.prune ?? false,
                        maxFileBytes: request.maxFileBytes ?? ArticleReader.defaultMaxFileBytes, shouldStop: shouldStop)
                ) { step in
                    total = step.total
                    begin(total: step.total)
                    progress(ProgressValue(kind: .report, message: step.path, done: step.done, total: step.total))
                }
            } else if let text = request.text, let name = request.name {
                begin(total: 1)
                report = try ingestor.ingest(text: text, name: name)
            } else {
                return .failure(.internalError("an ingest request without paths or text passed validation"))
            }
            try writer.close()
            begin(total: total)
            progress(ProgressValue(kind: .end, message: report.summary, done: total, total: total))
            return .success(report)
        } catch {
            if began { progress(ProgressValue(kind: .end, message: "failed: \(error.message)")) }
            if error.code == .locked { return .failure(.writerBusy()) }
            logger.error("ingest failed", metadata: ["error": "\(error.message)"])
            return .failure(ErrorMapping.indexUnavailable(error))
        }
    }
}
