import ArgumentParser
import Foundation
import PassimCore

/// The `--index` option every command shares.
struct IndexOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Index directory (default: $PASSIM_INDEX, else ./index).", valueName: "dir"))
    var index: String?

    var layout: IndexLayout {
        IndexLayout(directory: index ?? ProcessInfo.processInfo.environment["PASSIM_INDEX"] ?? "index")
    }
}
