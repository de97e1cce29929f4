import CXML

/// A saved web page as libxml2's HTML parser reads it: elements and text in document order,
/// each piece of text with the range of the (UTF-8) page bytes it came from.
final class HTMLElement {
    let name: String
    let attributes: [String: String]
    private(set) var children: [HTMLNode] = []
    /// The page offset just past the element's start tag.
    let offset: Int

    init(name: String, attributes: [String: String], offset: Int) {
        self.name = name
        self.attributes = attributes
        self.offset = offset
    }

    func append(_ node: HTMLNode) { children.append(node) }

    /// The element's class and id words, lower-cased (`share-box` gives `share` and `box`).
    var classWords: [Substring] {
        [attributes["class"], attributes["id"]].compactMap { $0 }.joined(separator: " ").lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// Every element below this one, depth first, in document order.
    func descendants() -> [HTMLElement] {
        var result: [HTMLElement] = []
        for case .element(let child) in children {
            result.append(child)
            result += child.descendants()
        }
        return result
    }

    /// The element's text, as the page shows it (white space collapsed).
    var plainText: String {
        var parts: [String] = []
        for child in children {
            switch child {
            case .text(let text): parts.append(String(decoding: text.bytes, as: UTF8.self))
            case .element(let element): parts.append(element.plainText)
            }
        }
        return parts.joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// A child of an element: another element or a run of text.
enum HTMLNode {
    case element(HTMLElement)
    case text(HTMLText)
}

/// Decoded text (entities resolved) and the page bytes it was read from: the text is a suffix
/// of what the range holds when it is the page's bytes as they are.
struct HTMLText {
    var bytes: [UInt8]
    var range: Range<Int>
}

enum HTMLPage {
    /// Parses UTF-8 page bytes into a tree under a synthetic root element.
    static func parse(_ utf8: [UInt8]) -> HTMLElement {
        let builder = TreeBuilder()
        var handlers = cxml_html_handlers(
            start_element: { context, name, attributes, offset in
                guard let context, let name else { return }
                Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue()
                    .start(String(cString: name), TreeBuilder.attributes(attributes), Int(offset))
            },
            end_element: { context, name, offset in
                guard let context, let name else { return }
                Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue().end(String(cString: name), Int(offset))
            },
            text: { context, bytes, length, offset in
                guard let context, let bytes else { return }
                Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue()
                    .text(Array(UnsafeBufferPointer(start: bytes, count: Int(length))), Int(offset))
            })
        var error = cxml_error()
        let context = Unmanaged.passUnretained(builder).toOpaque()
        _ = utf8.withUnsafeBufferPointer { buffer in
            cxml_parse_html(buffer.baseAddress, Int64(buffer.count), &handlers, context, &error)
        }
        return builder.root
    }

    /// Collects SAX events into elements. Only used during one parse.
    private final class TreeBuilder {
        let root = HTMLElement(name: "#document", attributes: [:], offset: 0)
        private var stack: [HTMLElement] = []
        /// Where the last event ended: text that follows starts no earlier.
        private var last = 0

        init() { stack = [root] }

        func start(_ name: String, _ attributes: [String: String], _ offset: Int) {
            let element = HTMLElement(name: name, attributes: attributes, offset: offset)
            stack[stack.count - 1].append(.element(element))
            stack.append(element)
            last = max(last, offset)
        }

        func end(_ name: String, _ offset: Int) {
            if let index = stack.lastIndex(where: { $0.name == name }), index > 0 {
                stack.removeSubrange(index...)
            }
            last = max(last, offset)
        }

        func text(_ bytes: [UInt8], _ offset: Int) {
            let end = max(offset, last)
            stack[stack.count - 1].append(.text(HTMLText(bytes: bytes, range: last..<end)))
            last = end
        }

        static func attributes(_ list: UnsafePointer<UnsafePointer<CChar>?>?) -> [String: String] {
            guard let list else { return [:] }
            var result: [String: String] = [:]
            var index = 0
            while let name = list[index] {
                let value = list[index + 1].map { String(cString: $0) } ?? ""
                result[String(cString: name).lowercased()] = value
                index += 2
            }
            return result
        }
    }
}
