import Foundation
import PassimCore
import Testing

@testable import passim

/// The order in which commands find their index (README, "Finding the index").
@Suite struct IndexDiscoveryTests {
    /// A folder tree with a project (`proj/index` holding an index, `proj/corpus/deep`) and a
    /// user data folder.
    final class Tree {
        let root: String

        init() throws {
            root =
                FileManager.default.temporaryDirectory.appendingPathComponent(
                    "passim-find-\(UUID().uuidString.prefix(8))"
                ).path
            for folder in ["proj/corpus/deep", "proj/index/db", "elsewhere", "data", "home", "fresh/corpus"] {
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
            // What makes an index an index for Passim: Xapian's version file.
            _ = FileManager.default.createFile(atPath: root + "/proj/index/db/iamglass", contents: Data())
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func discovery(from folder: String, _ environment: [String: String] = [:]) -> IndexDiscovery {
            IndexDiscovery(
                environment: ["HOME": root + "/home"].merging(environment) { $1 }, currentDirectory: root + "/" + folder
            )
        }

        func makeUserIndex(under data: String) {
            try? FileManager.default.createDirectory(
                atPath: root + "/\(data)/passim/index/db", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: root + "/\(data)/passim/index/db/iamglass", contents: Data())
        }
    }

    @Test func theOptionThenTheEnvironmentWin() throws {
        let tree = try Tree()
        let found = tree.discovery(from: "proj/corpus/deep", ["PASSIM_INDEX": "/x/idx"])
        #expect(found.locate(option: "/y/idx").layout.directory == "/y/idx")
        #expect(found.locate(option: "/y/idx").reason == .option)
        #expect(found.locate(option: nil) == (IndexLayout(directory: "/x/idx"), .environment))
    }

    @Test func aSubfolderOfAProjectFindsItsIndex() throws {
        let tree = try Tree()
        for folder in ["proj", "proj/corpus", "proj/corpus/deep"] {
            let found = tree.discovery(from: folder).locate(option: nil)
            #expect(found.layout.directory == tree.root + "/proj/index", "\(folder)")
            #expect(found.reason == .project)
        }
    }

    @Test func elsewhereTheUsersIndexIsUsedWhenItExists() throws {
        let tree = try Tree()
        #expect(tree.discovery(from: "elsewhere").locate(option: nil).reason == .newUser)
        tree.makeUserIndex(under: "home/.local/share")
        #expect(
            tree.discovery(from: "elsewhere").locate(option: nil)
                == (IndexLayout(directory: tree.root + "/home/.local/share/passim/index"), .user))
        tree.makeUserIndex(under: "data")
        let xdg = tree.discovery(from: "elsewhere", ["XDG_DATA_HOME": tree.root + "/data"]).locate(option: nil)
        #expect(xdg == (IndexLayout(directory: tree.root + "/data/passim/index"), .user))
    }

    @Test func aNewProjectGetsItsIndexBesideItsCorpus() throws {
        let tree = try Tree()
        #expect(
            tree.discovery(from: "fresh").locate(option: nil)
                == (IndexLayout(directory: tree.root + "/fresh/index"), .newProject))
        #expect(tree.discovery(from: "elsewhere").searched.contains(tree.root + "/home/.local/share/passim/index"))
    }
}
