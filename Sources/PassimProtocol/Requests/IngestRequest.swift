/// `ingest`: index files, or one text sent inline, inside the daemon (one writer at a time)
/// while searches go on. The same pipeline as `passim ingest`.
///
/// Exactly one source: `paths` (absolute: the daemon's working directory is not the client's),
/// or `text` with the `name` it is indexed under. With `workDoneToken`, the server reports
/// progress with `$/progress` notifications carrying that token.
public struct IngestRequest: RequestType {
    public static let method = "ingest"
    public typealias Response = IngestResult

    /// Absolute paths of files or directories (directories are walked for `.txt`, `.md`, `.markdown`, `.html` and `.htm`).
    public var paths: [String]?
    /// The article's text, for editors that index a buffer without saving it.
    public var text: String?
    /// The relative path `text` is indexed under, e.g. `notes/idea.md`; it decides the article id
    /// (`notes/idea`) and the format (`.txt`, `.md` or `.html`).
    public var name: String?
    /// With `paths`: also remove articles whose files are gone.
    public var prune: Bool?
    /// The token for `$/progress` notifications; none are sent without it.
    public var workDoneToken: ProgressToken?
    /// With `paths`: the largest file to read, in bytes (64 MiB when absent, as for `passim
    /// ingest`); a larger one is a per-file failure and the others go on.
    public var maxFileBytes: Int?

    /// Ingest files or directories.
    public init(
        paths: [String], prune: Bool? = nil, maxFileBytes: Int? = nil, workDoneToken: ProgressToken? = nil
    ) {
        self.paths = paths
        self.prune = prune
        self.maxFileBytes = maxFileBytes
        self.workDoneToken = workDoneToken
    }

    /// Ingest one text under a name.
    public init(text: String, name: String, workDoneToken: ProgressToken? = nil) {
        self.text = text
        self.name = name
        self.workDoneToken = workDoneToken
    }

    private enum CodingKeys: String, CodingKey {
        case paths, text, name, prune, workDoneToken, maxFileBytes
    }

    /// Decodes and checks that exactly one source is given and that paths and name are usable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paths = try container.decodeIfPresent([String].self, forKey: .paths)
        text = try container.decodeIfPresent(String.self, forKey: .text)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        prune = try container.decodeIfPresent(Bool.self, forKey: .prune)
        workDoneToken = try container.decodeIfPresent(ProgressToken.self, forKey: .workDoneToken)
        maxFileBytes = try container.decodeIfPresent(Int.self, forKey: .maxFileBytes)
        if let problem = IngestRequest.problem(paths: paths, text: text, name: name, prune: prune)
            ?? IngestRequest.limitProblem(maxFileBytes, hasPaths: paths != nil)
        {
            throw DecodingError.dataCorrupted(
                .init(codingPath: container.codingPath, debugDescription: problem))
        }
    }

    /// What is wrong with this combination of params, or `nil` when it is valid.
    static func problem(paths: [String]?, text: String?, name: String?, prune: Bool?) -> String? {
        switch (paths, text) {
        case (nil, nil):
            return "give `paths` (absolute paths), or `text` with a `name`"
        case (.some, .some):
            return "give either `paths` or `text`, not both"
        case (.some(let paths), nil):
            if name != nil { return "`name` goes with `text`, not with `paths`" }
            if paths.isEmpty { return "`paths` must not be empty" }
            if let relative = paths.first(where: { !$0.hasPrefix("/") }) {
                return
                    "`paths` must be absolute (the server does not share your working directory), found \"\(relative)\""
            }
            return nil
        case (nil, .some):
            if prune != nil { return "`prune` goes with `paths`, not with `text`" }
            guard let name else { return "`text` needs a `name`, e.g. \"notes/idea.md\"" }
            return nameProblem(name)
        }
    }

    /// What is wrong with `maxFileBytes`, or `nil`.
    static func limitProblem(_ maxFileBytes: Int?, hasPaths: Bool) -> String? {
        guard let maxFileBytes else { return nil }
        if !hasPaths { return "`maxFileBytes` goes with `paths`, not with `text`" }
        if maxFileBytes < 1 { return "`maxFileBytes` must be at least 1, found \(maxFileBytes)" }
        return nil
    }

    /// Why `name` cannot name an article, or `nil`.
    private static func nameProblem(_ name: String) -> String? {
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasPrefix("/") || components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return "`name` must be a relative path without empty, `.` or `..` parts, found \"\(name)\""
        }
        if !(name.hasSuffix(".md") || name.hasSuffix(".txt")) {
            return "`name` must end in `.md` or `.txt`, found \"\(name)\""
        }
        return nil
    }
}
