#if os(Linux)
    import Foundation
    import Glibc
    import Logging
    import PassimArticles
    import PassimCore
    import PassimProtocol

    /// The corpus watcher's state on its thread: the folders watched, the roots, and the changes
    /// noted since the last write.
    struct WatchState {
        let inotify: Inotify
        let logger: Logger
        private(set) var roots: [CorpusRoot] = []
        private var folders = WatchedFolders()
        var pending = CorpusChanges()

        /// The roots and the folders under them being watched, for `stats`.
        var watch: CorpusWatch { CorpusWatch(roots: roots.count, folders: folders.count) }

        init(inotify: Inotify, logger: Logger) {
            self.inotify = inotify
            self.logger = logger
        }

        /// Watches every folder of `roots` not watched yet (a file root through its folder).
        mutating func load(_ roots: [CorpusRoot]) {
            let added = roots.filter { !self.roots.contains($0) }
            self.roots = roots
            for root in added {
                let folder = root.isFile ? URL(fileURLWithPath: root.path).deletingLastPathComponent().path : root.path
                watchTree(folder, under: root)
            }
            if !added.isEmpty {
                logger.info(
                    "watching the corpus", metadata: ["roots": "\(roots.count)", "folders": "\(folders.count)"])
            }
        }

        mutating func handle(_ event: Inotify.Event) {
            if event.has(IN_Q_OVERFLOW) {
                logger.notice("the kernel dropped corpus events; comparing every root with the index")
                pending.rescan = true
                return
            }
            if event.has(IN_IGNORED) {
                folders.drop(event.watch)
                return
            }
            guard let folder = folders.path(of: event.watch) else { return }
            if event.name.isEmpty {
                if event.has(IN_DELETE_SELF) || event.has(IN_MOVE_SELF) { forget(folder) }
                return
            }
            let path = folder + "/" + event.name
            if event.name == IgnoreRules.fileName {
                // What the folder excludes changed: read it again (what is now excluded goes).
                pending.change(folder)
                return
            }
            // Hidden entries (editors' swap and temporary files, .git) are never articles.
            guard !event.name.hasPrefix(".") else { return }
            if event.has(IN_ISDIR) {
                if event.has(IN_CREATE) || event.has(IN_MOVED_TO) {
                    guard let root = root(holding: path), !CorpusScanner.isExcluded(path, root: root.path) else {
                        return
                    }
                    watchTree(path, under: root)
                    pending.change(path)
                } else if event.has(IN_MOVED_FROM) || event.has(IN_DELETE) {
                    forget(path)
                }
                return
            }
            if event.has(IN_CLOSE_WRITE) || event.has(IN_MOVED_TO) {
                if isArticle(path) { pending.change(path) }
            } else if event.has(IN_DELETE) || event.has(IN_MOVED_FROM) {
                if root(holding: path) != nil { pending.remove(path) }
            }
        }

        /// The deepest root holding `path`.
        private func root(holding path: String) -> CorpusRoot? {
            CorpusRoots(roots).root(holding: path)
        }

        /// Whether a file at `path` is an article of a root: the file root itself, or an article
        /// file's name in a folder root that no `.passimignore` excludes.
        private func isArticle(_ path: String) -> Bool {
            guard let root = root(holding: path) else { return false }
            if root.isFile { return true }
            let name = URL(fileURLWithPath: path).lastPathComponent
            return CorpusScanner.isArticleName(name) && !CorpusScanner.isExcluded(path, root: root.path)
        }

        /// Stops watching `path` and below, and notes it gone.
        private mutating func forget(_ path: String) {
            for watch in folders.removeTree(path) { inotify.unwatch(watch) }
            pending.remove(path)
        }

        /// Watches `folder` and every folder below it that the walk of `root` would read.
        private mutating func watchTree(_ folder: String, under root: CorpusRoot) {
            guard !folders.isWatched(folder) else { return }
            switch inotify.watch(folder) {
            case .failure(let error):
                logger.warning("not watching a folder", metadata: ["error": "\(error.message)"])
                return
            case .success(let watch):
                folders.add(watch, path: folder)
            }
            guard !root.isFile, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = folder + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue,
                    (try? FileManager.default.destinationOfSymbolicLink(atPath: child)) == nil,
                    !CorpusScanner.isExcluded(child, root: root.path)
                else { continue }
                watchTree(child, under: root)
            }
        }
    }
#endif
