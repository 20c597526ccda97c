import JieluContract
import JieluCore

/// The printed form of a failed operation: the Simplified Chinese message
/// followed by the stable English reason in brackets.
enum FailureReport {
    /// `失败：<message>（<reason>）`, the line a failed command prints.
    static func line(for error: any Error) -> String {
        "失败：" + detail(for: error)
    }

    /// `<message>（<reason>）`.
    static func detail(for error: any Error) -> String {
        switch error {
        case let error as ServiceError:
            "\(error.message)（\(error.reason)）"
        case let error as CommandFailure:
            "\(error.message)（\(error.reason)）"
        case let error as DistrictDatasetError:
            "\(error.description)（invalid_dataset_file）"
        case let error as MarketsDatasetError:
            "\(error.description)（invalid_dataset_file）"
        default:
            "\(error)（unexpected_error）"
        }
    }
}
