import JieluContract
import JieluCore
import JieluRPC

/// Asks the registry who handles a case, and turns its failures into what
/// intake's relay should do: retry later (UNAVAILABLE) or stop and have an
/// operator look (FAILED_PRECONDITION).
///
/// Results are cached per street and category item for `maxAgeSeconds`: a
/// storm of reports on a few streets then costs a few registry calls instead
/// of one per case. A reassignment loaded into the registry reaches new
/// cases within that time. Rejections and failures are not cached.
struct ResponsibilityLookup: Sendable {
    static let defaultMaxAgeSeconds = 10.0
    /// 84 streets × 20 items in the reference district is 1,680 pairs.
    static let capacity = 100_000

    let registry: RegistryClient
    private let cache: ExpiringCache<RoutingKey, Registry.Responsibility>

    /// Street id and item code as UTF-8 bytes, because the registry compares
    /// ids byte for byte while Swift's `String` equality merges look-alikes.
    private struct RoutingKey: Hashable, Sendable {
        var streetID: [UInt8]
        var categoryCode: [UInt8]
    }

    init(registry: RegistryClient, maxAgeSeconds: Double = ResponsibilityLookup.defaultMaxAgeSeconds) {
        self.registry = registry
        cache = ExpiringCache(maxAgeSeconds: maxAgeSeconds, capacity: ResponsibilityLookup.capacity)
    }

    /// - Throws: UNAVAILABLE when the registry cannot be reached or fails, so
    ///   the caller retries; FAILED_PRECONDITION `unroutable_case` when the
    ///   registry has no street or category item for the report, or returns
    ///   no unit or no assignee; DEADLINE_EXCEEDED when the caller's
    ///   deadline passed.
    func responsibility(for report: Intake.Report, context: RPCContext) throws -> Registry.Responsibility {
        let key = RoutingKey(streetID: Array(report.streetID.utf8), categoryCode: Array(report.categoryCode.utf8))
        if let cached = cache.value(for: key) {
            return cached
        }

        let request = Registry.ResolveResponsibilityRequest(streetID: report.streetID, categoryCode: report.categoryCode)
        let responsibility: Registry.Responsibility
        do {
            responsibility = try registry.resolveResponsibility(request, options: context.callOptions)
        } catch let error as ServiceError {
            switch error.code {
            case .notFound, .invalidArgument:
                context.logger.warning(
                    "registry cannot route case",
                    ["case_id": report.caseID, "street_id": report.streetID, "category_code": report.categoryCode,
                     "reason": error.reason])
                throw unroutable(report)
            case .deadlineExceeded where context.deadline.hasPassed:
                throw error
            default:
                context.logger.warning(
                    "registry call failed", ["case_id": report.caseID, "code": error.code.name, "reason": error.reason])
                throw ServiceError.unavailable("jielu-registry")
            }
        }

        guard responsibility.unit != nil, let assignee = responsibility.assignee, !assignee.id.isEmpty else {
            context.logger.warning(
                "registry returned no unit or assignee", ["case_id": report.caseID, "street_id": report.streetID])
            throw unroutable(report)
        }
        cache.store(responsibility, for: key)
        return responsibility
    }

    private func unroutable(_ report: Intake.Report) -> ServiceError {
        ServiceError(
            .failedPrecondition, reason: "unroutable_case",
            message: "无法为案件 \(report.caseID) 确定承办单位：街路 \(report.streetID) 或类别 \(report.categoryCode) "
                + "在网格名录中不存在或缺少负责人；请管理员核对名录后重试。")
    }
}
