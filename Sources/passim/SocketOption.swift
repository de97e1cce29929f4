import ArgumentParser
import PassimClient

/// `--socket`: where to find the daemon, for every command that talks to one.
struct SocketOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The daemon's socket (default: $PASSIM_SOCKET, else $XDG_RUNTIME_DIR/passim/passim.sock, "
                + "else /tmp/passim-$UID/passim.sock).", valueName: "path"))
    var socket: String?

    /// The daemon at `--socket`, else at the default place for this environment.
    var locator: DaemonLocator { DaemonLocator(socket: socket) }
}
