import JieluContract
import JieluCore

extension JSONBody {
    /// Returns the boolean member `field`, or nil when it is absent or null.
    ///
    /// Throws `invalid_field` when it is anything but `true` or `false`.
    func optionalBool(_ field: String) throws(ServiceError) -> Bool? {
        do {
            return try bool(field)
        } catch {
            if error.reason == "missing_field" {
                return nil
            }
            throw error
        }
    }

    /// Returns the time in the string member `field`, or nil when it is
    /// absent or null. Accepted: "YYYY-MM-DD" (00:00 UTC+8 of that day) or an
    /// ISO 8601 date-time such as "2026-12-04T18:00:00+08:00".
    ///
    /// Throws INVALID_ARGUMENT `invalid_time` when it is a string in neither
    /// form, and `invalid_field` when it is not a string.
    func optionalTime(_ field: String) throws(ServiceError) -> Int64? {
        guard let text = try optionalString(field) else {
            return nil
        }
        guard let milliseconds = DistrictTime.instant(text) else {
            throw ServiceError.invalid(
                field, reason: "invalid_time",
                message: "字段 \(field) 的时间「\(text)」无效；应为 2026-12-04 或 2026-12-04T18:00:00+08:00 格式。")
        }
        return milliseconds
    }

    /// Returns the time in the string member `field`.
    ///
    /// Throws `missing_field` when absent, else as `optionalTime`.
    func time(_ field: String) throws(ServiceError) -> Int64 {
        guard let milliseconds = try optionalTime(field) else {
            throw ServiceError.invalid(field, reason: "missing_field", message: "缺少字段 \(field)，请补充后重试。")
        }
        return milliseconds
    }
}
