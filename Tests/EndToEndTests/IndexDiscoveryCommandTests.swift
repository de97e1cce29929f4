import Foundation
import PassimTestSupport
import Testing

/// Commands find their index from a project's subfolders, and from elsewhere through the daemon
/// (README, "Finding the index"), with the real binary.
@Suite struct IndexDiscoveryCommandTests {
    @Test func aProjectIsFoundFromItsSubfoldersAndTheDaemonsIndexFromAnywhere() throws {
        let dir = try TemporaryDirectory()
        let elsewhere = try TemporaryDirectory()
        try Repository.copyCorpus(into: dir)
        // Nothing of the user running the tests may be found: their own index, daemon or setting.
        let isolated = [
            "HOME": elsewhere.path("home"), "XDG_DATA_HOME": "", "PASSIM_INDEX": "",
            "PASSIM_SOCKET": elsewhere.path("none.sock"),
        ]
        let ingest = try PassimProcess.run(["ingest", "corpus"], in: dir.url, environment: isolated)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("index/db/iamglass")), "a new project's index/")

        let fromSubfolder = try PassimProcess.run(
            ["search", "--json", "collagen"], in: dir.file("corpus"), environment: isolated)
        #expect(fromSubfolder.status == 0, "\(fromSubfolder.stderr)")
        #expect(try SearchJSON.decode(fromSubfolder.stdout).hits.count > 0)

        let nowhere = try PassimProcess.run(["search", "collagen"], in: elsewhere.url, environment: isolated)
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("no index found"), "\(nowhere.stderr)")
        #expect(nowhere.stderr.contains(elsewhere.path("home") + "/.local/share/passim/index"))

        let daemon = try DaemonProcess(index: "index", in: dir)
        defer { daemon.stop() }
        var throughDaemon = isolated
        throughDaemon["PASSIM_SOCKET"] = daemon.socket
        let served = try PassimProcess.run(
            ["search", "--json", "collagen"], in: elsewhere.url, environment: throughDaemon)
        #expect(served.status == 0, "\(served.stderr)")
        #expect(served.stdout == fromSubfolder.stdout)
    }
}
