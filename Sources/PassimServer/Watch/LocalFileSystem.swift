#if os(Linux)
    import CLinux
    import Glibc

    /// Whether a path lies on a file system whose changes inotify reports whoever makes them.
    ///
    /// On a network or FUSE file system inotify sees only this machine's own writes, so an index
    /// there must be polled. The list names local file systems by their magic numbers
    /// (linux/magic.h); anything else counts as remote, which costs polling, never a missed change.
    enum LocalFileSystem {
        static let magics: Set<Int> = [
            0xEF53,  // ext2, ext3, ext4
            0x5846_5342,  // xfs
            0x9123_683E,  // btrfs
            0x0102_1994,  // tmpfs
            0x8584_58F6,  // ramfs
            0x794C_7630,  // overlayfs
            0xF2F5_2010,  // f2fs
            0x2FC1_2FC1,  // zfs
            0xCA45_1A4E,  // bcachefs
            0x3153_464A,  // jfs
            0x5265_4973,  // reiserfs
        ]

        /// True when `path`, or the nearest folder above it that exists, is on a local file system.
        static func contains(_ path: String) -> Bool {
            var candidate = path
            while true {
                let type = clinux_filesystem_type(candidate)
                if type != -1 { return magics.contains(type) }
                guard errno == ENOENT, let slash = candidate.lastIndex(of: "/"), candidate != "/" else {
                    return false
                }
                candidate = slash == candidate.startIndex ? "/" : String(candidate[..<slash])
            }
        }
    }
#endif
