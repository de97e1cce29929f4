import PassimCore

extension IndexError {
    /// The exit status of a command that could not use the index: 3 when another version of
    /// passim wrote it (`scripts/run` then builds `index/` again), 2 otherwise.
    var exitStatus: Int32 { code == .incompatibleSchema ? 3 : 2 }
}
