import Foundation

/// A JSON-RPC request id: a number or a string.
public enum RequestID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A numeric id.
    case number(Int)
    /// A string id.
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }

    /// The id as a JSON value.
    public var json: JSONValue {
        switch self {
        case .number(let number): .integer(number)
        case .string(let string): .string(string)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .string(let string): "\"\(string)\""
        }
    }
}

/// The error codes of JSON-RPC 2.0 and of the Language Server Protocol.
public enum ErrorCode: Int, Sendable, Codable {
    /// The body is not JSON.
    case parseError = -32700
    /// The JSON is not a JSON-RPC request or notification.
    case invalidRequest = -32600
    /// No such method.
    case methodNotFound = -32601
    /// The parameters do not fit the method.
    case invalidParams = -32602
    /// The server failed.
    case internalError = -32603
    /// A request came before `initialize`.
    case serverNotInitialized = -32002
    /// A request the client cancelled.
    case requestCancelled = -32800
    /// A request after `shutdown`, or otherwise refused.
    case invalidRequestState = -32803
}

/// The `error` member of a response.
public struct ResponseError: Error, Sendable, Hashable, Codable {
    /// What kind of error.
    public var code: Int
    /// One line saying what went wrong.
    public var message: String

    /// An error of `code`, saying `message`.
    public init(_ code: ErrorCode, _ message: String) {
        self.code = code.rawValue
        self.message = message
    }
}

/// One JSON-RPC 2.0 message, classified.
public enum Message: Sendable, Hashable {
    /// A request: it wants a response with the same id.
    case request(id: RequestID, method: String, params: JSONValue?)
    /// A notification: no response.
    case notification(method: String, params: JSONValue?)
    /// A response to a request this side sent.
    case response(id: RequestID?, result: JSONValue?, error: ResponseError?)

    /// Classifies a decoded body; the error is the response to send (with the id, when the body had one).
    public static func classify(_ value: JSONValue) -> Result<Message, InvalidMessage> {
        guard case .object(let members) = value else {
            return .failure(InvalidMessage(id: nil, error: ResponseError(.invalidRequest, "a message must be a JSON object")))
        }
        var id: RequestID?
        switch members["id"] {
        case nil, .null?: id = nil
        case .integer(let number)?: id = .number(number)
        case .string(let string)?: id = .string(string)
        default:
            return .failure(InvalidMessage(id: nil, error: ResponseError(.invalidRequest, "`id` must be a number or a string")))
        }
        guard members["jsonrpc"] == .string("2.0") else {
            return .failure(InvalidMessage(id: id, error: ResponseError(.invalidRequest, "`jsonrpc` must be \"2.0\"")))
        }
        // `"params": null` is taken as no parameters: some clients send it for `shutdown`.
        let params = members["params"] == .null ? nil : members["params"]
        if let params, !(params.isStructured) {
            return .failure(InvalidMessage(id: id, error: ResponseError(.invalidRequest, "`params` must be an object or an array")))
        }
        switch members["method"] {
        case .string(let method)?:
            return .success(id.map { .request(id: $0, method: method, params: params) } ?? .notification(method: method, params: params))
        case nil:
            guard members["result"] != nil || members["error"] != nil else {
                return .failure(
                    InvalidMessage(id: id, error: ResponseError(.invalidRequest, "a message needs `method`, `result` or `error`")))
            }
            let error = try? members["error"]?.decode(ResponseError.self)
            return .success(.response(id: id, result: members["result"], error: error))
        default:
            return .failure(InvalidMessage(id: id, error: ResponseError(.invalidRequest, "`method` must be a string")))
        }
    }

    /// Decodes and classifies one message body.
    public static func parse(_ body: [UInt8]) -> Result<Message, InvalidMessage> {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            return .failure(InvalidMessage(id: nil, error: ResponseError(.parseError, "the message is not valid JSON")))
        }
        return classify(value)
    }
}

/// A message that could not be taken, and the error response it gets.
public struct InvalidMessage: Error, Sendable, Hashable {
    /// The id the message had, when it could be read.
    public var id: RequestID?
    /// The error to answer with.
    public var error: ResponseError

    /// A message of id `id` (nil when unknown), answered with `error`.
    public init(id: RequestID?, error: ResponseError) {
        self.id = id
        self.error = error
    }
}

extension JSONValue {
    /// Whether this is an object or an array (what `params` may be).
    var isStructured: Bool {
        switch self {
        case .object, .array: true
        default: false
        }
    }
}

/// Outgoing messages, as JSON bodies.
public enum OutgoingMessage {
    /// A successful response.
    public static func response(id: RequestID, result: JSONValue) -> JSONValue {
        .object(["jsonrpc": .string("2.0"), "id": id.json, "result": result])
    }

    /// An error response; `id` is nil (JSON null) when the request's id could not be read.
    public static func error(id: RequestID?, _ error: ResponseError) -> JSONValue {
        .object([
            "jsonrpc": .string("2.0"), "id": id?.json ?? .null,
            "error": .object(["code": .integer(error.code), "message": .string(error.message)]),
        ])
    }

    /// A notification.
    public static func notification(method: String, params: JSONValue) -> JSONValue {
        .object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params])
    }
}
