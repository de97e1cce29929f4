import NIOConcurrencyHelpers
import PassimProtocol

/// What `initialize` settled for one connection; UTF-8 and no notifications until then.
final class ConnectionState: Sendable {
    private struct Settings {
        var positionEncoding = PositionEncoding.utf8
        var wantsIndexDidChange = false
        var clientName: String?
        var framing = Framing.lines
        var initialized = false
    }

    let id: Int
    private let settings = NIOLockedValueBox(Settings())

    init(id: Int) {
        self.id = id
    }

    var positionEncoding: PositionEncoding { settings.withLockedValue { $0.positionEncoding } }
    var wantsIndexDidChange: Bool { settings.withLockedValue { $0.wantsIndexDidChange } }
    /// The framing the client's first bytes chose; replies and notifications use it.
    var framing: Framing {
        get { settings.withLockedValue { $0.framing } }
        set { settings.withLockedValue { $0.framing = newValue } }
    }

    /// Applies an `initialize` request; nil when the connection was already initialized
    /// (the encoding of positions already sent must not change under the client).
    func apply(_ request: InitializeRequest) -> PositionEncoding? {
        settings.withLockedValue { settings in
            guard !settings.initialized else { return nil }
            settings.initialized = true
            settings.positionEncoding = request.negotiatedPositionEncoding
            settings.wantsIndexDidChange = request.wantsIndexDidChange
            settings.clientName = request.clientInfo?.name
            return settings.positionEncoding
        }
    }
}
