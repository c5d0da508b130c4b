import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element tree, enough to check the shape of SVG and JUnit output.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLElementNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func all(_ name: String) -> [XMLElementNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }
}

/// Parses XML with Foundation's `XMLParser`; returns nil and the error when it is not well-formed.
final class XMLShapeParser: NSObject, XMLParserDelegate {
    private var stack: [XMLElementNode] = []
    private(set) var root: XMLElementNode?

    static func parse(_ text: String) -> (XMLElementNode?, Error?) {
        let parser = XMLParser(data: Data(text.utf8))
        let delegate = XMLShapeParser()
        parser.delegate = delegate
        let ok = parser.parse()
        return ok ? (delegate.root, nil) : (nil, parser.parserError)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let node = XMLElementNode(name: elementName, attributes: attributes)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
