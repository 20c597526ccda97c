import JieluContract
import JieluCore
import JieluRPC

/// Reads the district's streets from the registry, so the markets dataset can
/// be checked against them and the streets' board codes kept for the cases
/// markets files with intake.
struct StreetDirectory: Sendable {
    let registry: RegistryClient

    /// Returns every street of the registry's district.
    ///
    /// - Throws: FAILED_PRECONDITION `district_not_loaded` when the registry
    ///   has no streets; UNAVAILABLE when it cannot be reached or fails;
    ///   DEADLINE_EXCEEDED when the caller's deadline passed.
    func streets(context: RPCContext) throws -> [Registry.Street] {
        let response: Registry.ListStreetsResponse
        do {
            response = try registry.listStreets(Registry.ListStreetsRequest(), options: context.callOptions)
        } catch let error as ServiceError where error.code == .deadlineExceeded && context.deadline.hasPassed {
            throw error
        } catch {
            let code = (error as? ServiceError)?.code.name ?? "INTERNAL"
            context.logger.warning("registry call failed", ["call": "ListStreets", "code": code])
            throw ServiceError.unavailable("jielu-registry")
        }
        guard !response.streets.isEmpty else {
            throw ServiceError(
                .failedPrecondition, reason: "district_not_loaded",
                message: "登记服务中还没有辖区街路数据；请先运行 jielu load-district 导入辖区数据，再导入市场数据。")
        }
        return response.streets
    }
}
