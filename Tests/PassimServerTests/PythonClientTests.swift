import Foundation
import Testing

/// A client in another language, with nothing but Python's standard library, speaks the
/// protocol with LSP framing: the protocol does not depend on Swift.
@Suite struct PythonClientTests {
    static let client = #"""
        import json, socket, sys

        def send(sock, message):
            body = json.dumps(message).encode("utf-8")
            sock.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)

        def receive(sock, buffered):
            while b"\r\n\r\n" not in buffered:
                chunk = sock.recv(65536)
                if not chunk:
                    raise SystemExit("connection closed while reading headers")
                buffered += chunk
            head, _, rest = buffered.partition(b"\r\n\r\n")
            headers = dict(line.split(": ", 1) for line in head.decode("ascii").split("\r\n"))
            length = int(headers["Content-Length"])
            while len(rest) < length:
                chunk = sock.recv(65536)
                if not chunk:
                    raise SystemExit("connection closed while reading a body")
                rest += chunk
            return json.loads(rest[:length].decode("utf-8")), rest[length:]

        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(60)
        sock.connect(sys.argv[1])
        buffered = b""
        send(sock, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                    "params": {"clientInfo": {"name": "python"},
                               "capabilities": {"general": {"positionEncodings": ["utf-32"]}}}})
        init, buffered = receive(sock, buffered)
        assert init["id"] == 1 and init["result"]["protocolVersion"].startswith("1."), init
        assert init["result"]["positionEncoding"] == "utf-32", init

        send(sock, {"jsonrpc": "2.0", "id": "q", "method": "search", "params": {"query": "body’s natural ability", "limit": 3}})
        found, buffered = receive(sock, buffered)
        assert found["id"] == "q", found
        hits = found["result"]["hits"]
        assert hits, found
        # UTF-32 offsets index Python strings directly: the passage is the file's text there.
        with open(hits[0]["article"]["path"], encoding="utf-8") as f:
            text = f.read()
        location = hits[0]["location"]
        assert text[location["start"]:location["end"]] == hits[0]["passage"]["text"], location
        for mark in hits[0]["highlights"]:
            word = hits[0]["passage"]["text"][mark["start"]:mark["end"]]
            assert word.strip() and " " not in word, word

        send(sock, {"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
        done, buffered = receive(sock, buffered)
        assert done == {"jsonrpc": "2.0", "id": 3, "result": None}, done
        print(json.dumps({"articles": init["result"]["index"]["articles"], "hits": len(hits),
                          "top": hits[0]["passage"]["id"]}))
        """#

    @Test func aPythonClientSearchesAndShutsTheDaemonDown() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let script = Self.client
        let socket = server.socket
        let result = try await offload { try Python.run(script, arguments: [socket]) }
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(summary?["articles"] as? Int == 5)
        #expect((summary?["hits"] as? Int ?? 0) > 0)
        // The Python client's shutdown stopped the real daemon, which cleaned up after itself.
        await server.stopped()
        #expect(!FileManager.default.fileExists(atPath: server.socket))
    }
}
