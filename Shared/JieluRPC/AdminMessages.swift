import CJieluProto
import CProtobufC

/// Full method names of the admin service (admin.proto), which the service
/// host serves for every service.
public enum AdminMethods {
    public static let createBackup = "/jielu.admin.v1.Admin/CreateBackup"
    public static let readBackupFile = "/jielu.admin.v1.Admin/ReadBackupFile"
    public static let deleteBackup = "/jielu.admin.v1.Admin/DeleteBackup"
}

/// The messages of `jielu.admin.v1`, named as in admin.proto.
public enum Admin {
    public struct CreateBackupRequest: Sendable, Equatable {
        public init() {}
    }

    /// One snapshot file of a backup.
    public struct BackupFile: Sendable, Equatable {
        /// File name in the service's data directory, e.g. "registry.sqlite".
        public var name: String
        public var sizeBytes: UInt64
        /// Lower-case hex SHA-256 of the whole file.
        public var sha256: String
        /// `PRAGMA user_version` of the database when it was copied.
        public var schemaVersion: Int64

        public init(name: String = "", sizeBytes: UInt64 = 0, sha256: String = "", schemaVersion: Int64 = 0) {
            self.name = name
            self.sizeBytes = sizeBytes
            self.sha256 = sha256
            self.schemaVersion = schemaVersion
        }
    }

    public struct CreateBackupResponse: Sendable, Equatable {
        /// 32 lower-case hex digits.
        public var backupID: String
        public var service: String
        public var takenAtMilliseconds: Int64
        public var files: [BackupFile]

        public init(backupID: String = "", service: String = "", takenAtMilliseconds: Int64 = 0, files: [BackupFile] = []) {
            self.backupID = backupID
            self.service = service
            self.takenAtMilliseconds = takenAtMilliseconds
            self.files = files
        }
    }

    public struct ReadBackupFileRequest: Sendable, Equatable {
        public var backupID: String
        public var name: String
        public var offset: UInt64
        /// 0, or more than `AdminBackup.maxChunkBytes`, reads that maximum.
        public var maxBytes: UInt32

        public init(backupID: String = "", name: String = "", offset: UInt64 = 0, maxBytes: UInt32 = 0) {
            self.backupID = backupID
            self.name = name
            self.offset = offset
            self.maxBytes = maxBytes
        }
    }

    public struct ReadBackupFileResponse: Sendable, Equatable {
        public var data: [UInt8]
        public var endOfFile: Bool

        public init(data: [UInt8] = [], endOfFile: Bool = false) {
            self.data = data
            self.endOfFile = endOfFile
        }
    }

    public struct DeleteBackupRequest: Sendable, Equatable {
        public var backupID: String

        public init(backupID: String = "") {
            self.backupID = backupID
        }
    }

    public struct DeleteBackupResponse: Sendable, Equatable {
        public init() {}
    }
}

extension Admin.CreateBackupRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Admin__V1__CreateBackupRequest>) {
        jielu__admin__v1__create_backup_request__init(message)
    }

    public func store(in message: inout Jielu__Admin__V1__CreateBackupRequest) {}

    public init(cMessage message: Jielu__Admin__V1__CreateBackupRequest) throws {
        self.init()
    }
}

extension Admin.BackupFile: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Admin__V1__BackupFile>) {
        jielu__admin__v1__backup_file__init(message)
    }

    public func store(in message: inout Jielu__Admin__V1__BackupFile) {
        message.name = ProtobufC.cString(name)
        message.size_bytes = sizeBytes
        message.sha256 = ProtobufC.cString(sha256)
        message.schema_version = schemaVersion
    }

    public init(cMessage message: Jielu__Admin__V1__BackupFile) throws {
        self.init(
            name: try ProtobufC.string(message.name, field: "name"),
            sizeBytes: message.size_bytes,
            sha256: try ProtobufC.string(message.sha256, field: "sha256"),
            schemaVersion: message.schema_version)
    }
}

extension Admin.CreateBackupResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Admin__V1__CreateBackupResponse>) {
        jielu__admin__v1__create_backup_response__init(message)
    }

    public func store(in message: inout Jielu__Admin__V1__CreateBackupResponse) {
        message.backup_id = ProtobufC.cString(backupID)
        message.service = ProtobufC.cString(service)
        message.taken_at_ms = takenAtMilliseconds
        (message.n_files, message.files) = ProtobufC.cMessageArray(files)
    }

    public init(cMessage message: Jielu__Admin__V1__CreateBackupResponse) throws {
        self.init(
            backupID: try ProtobufC.string(message.backup_id, field: "backup_id"),
            service: try ProtobufC.string(message.service, field: "service"),
            takenAtMilliseconds: message.taken_at_ms,
            files: try ProtobufC.messages(message.n_files, message.files, field: "files"))
    }
}

extension Admin.ReadBackupFileRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Admin__V1__ReadBackupFileRequest>) {
        jielu__admin__v1__read_backup_file_request__init(message)
    }

    public func store(in message: inout Jielu__Admin__V1__ReadBackupFileRequest) {
        message.backup_id = ProtobufC.cString(backupID)
        message.name = ProtobufC.cString(name)
        message.offset = offset
        message.max_bytes = maxBytes
    }

    public init(cMessage message: Jielu__Admin__V1__ReadBackupFileRequest) throws {
        self.init(
            backupID: try ProtobufC.string(message.backup_id, field: "backup_id"),
            name: try ProtobufC.string(message.name, field: "name"),
            offset: message.offset,
            maxBytes: message.max_bytes)
    }
}

extension Admin.ReadBackupFileResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Admin__V1__ReadBackupFileResponse>) {
        jielu__admin__v1__read_backup_file_response__init(message)
    }

    public func store(in message: inout Jielu__Admin__V1__ReadBackupFileResponse) {
        message.data = ProtobufC.cBinaryData(data)
        message.end_of_file = ProtobufC.cBool(endOfFile)
    }

    public init(cMessage message: Jielu__Admin__V1__ReadBackupFileResponse) throws {
        self.init(data: ProtobufC.bytes(message.data), endOfFile: message.end_of_file != 0)
    }
}

extension Admin.DeleteBackupRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Admin__V1__DeleteBackupRequest>) {
        jielu__admin__v1__delete_backup_request__init(message)
    }

    public func store(in message: inout Jielu__Admin__V1__DeleteBackupRequest) {
        message.backup_id = ProtobufC.cString(backupID)
    }

    public init(cMessage message: Jielu__Admin__V1__DeleteBackupRequest) throws {
        self.init(backupID: try ProtobufC.string(message.backup_id, field: "backup_id"))
    }
}

extension Admin.DeleteBackupResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Admin__V1__DeleteBackupResponse>) {
        jielu__admin__v1__delete_backup_response__init(message)
    }

    public func store(in message: inout Jielu__Admin__V1__DeleteBackupResponse) {}

    public init(cMessage message: Jielu__Admin__V1__DeleteBackupResponse) throws {
        self.init()
    }
}
