import JieluContract
import JieluRPC

/// Message values for the conversion tests.
///
/// `complete` contains one value of every message type in which every field,
/// nested ones included, is set, and same-typed fields of one message differ
/// (MessageAudit checks both). The values mix Chinese text, emoji, negative
/// and extreme numbers.
enum Fixtures {
    // MARK: Registry

    static let subDistrict = Registry.SubDistrict(id: "sd-01", name: "东城街道")
    static let otherSubDistrict = Registry.SubDistrict(id: "sd-02", name: "西长安街街道 🏯")
    static let community = Registry.Community(
        id: "cm-07", name: "和平里社区", subDistrictID: "sd-01", leaderID: "st-leader-3")
    static let grid = Registry.Grid(id: "gr-12", name: "第十二网格 🧭", communityID: "cm-07", staffID: "st-grid-9")
    static let unit = Registry.Unit(
        id: "un-squad", name: "城管执法中队", kind: "enforcement_squad", subDistrictIDs: ["sd-01", "sd-02", "sd-03"])
    static let staff = Registry.Staff(
        id: "st-cadre-1", name: "王芳", role: "street_cadre", unitID: "un-office", phone: "13800138000")
    static let otherStaff = Registry.Staff(
        id: "st-grid-9", name: "李明 👷", role: "grid_staff", unitID: "un-sd-01", phone: "13912345678")
    static let street = Registry.Street(
        id: "str-001", name: "鼓楼东大街", grade: "A", subDistrictID: "sd-01", communityID: "cm-07", gridID: "gr-12",
        boardCode: "Kx9-Qm2", cadreIDs: ["st-cadre-1", "st-cadre-2"], lat: 39.940_123_456, lon: 116.403_987_654,
        subDistrictName: "东城街道", communityName: "和平里社区")
    static let otherStreet = Registry.Street(
        id: "str-002", name: "南锣鼓巷 🏮", grade: "C", subDistrictID: "sd-02", communityID: "cm-08", gridID: "gr-13",
        boardCode: "Zp4-Tt8", cadreIDs: ["st-cadre-2"], lat: -0.000_001, lon: -179.999_999,
        subDistrictName: "西长安街街道", communityName: "福绥境社区")
    static let categoryItem = Registry.CategoryItem(
        code: "0401", name: "占道经营", timeLimitHours: 48, area: "public", classCode: "04", className: "市容环境")
    static let otherCategoryItem = Registry.CategoryItem(
        code: "0402", name: "乱堆物料 📦", timeLimitHours: .max, area: "residential", classCode: "04", className: "市容秩序")
    static let categoryClass = Registry.CategoryClass(
        code: "04", name: "市容环境", items: [categoryItem, otherCategoryItem])
    static let otherCategoryClass = Registry.CategoryClass(
        code: "07", name: "小区管理", items: [
            Registry.CategoryItem(
                code: "0701", name: "楼道堆物", timeLimitHours: 24, area: "residential", classCode: "07",
                className: "小区管理"),
        ])
    static let rule = Registry.ResponsibilityRule(
        scope: "street", scopeID: "str-001", categoryCode: "0401", unitID: "un-squad", staffID: "st-squad-4")
    static let district = Registry.District(
        id: "d-xicheng", name: "西城区", centerLat: 39.912_345, centerLon: 116.366_789,
        subDistricts: [subDistrict, otherSubDistrict], communities: [community], grids: [grid], units: [unit],
        staff: [staff, otherStaff], streets: [street, otherStreet], categories: [categoryClass, otherCategoryClass],
        rules: [rule])
    static let person = Registry.ResponsiblePerson(
        staffID: "st-cadre-1", name: "王芳", role: "street_cadre", phoneMasked: "138****8000", unitName: "街道办事处")
    static let otherPerson = Registry.ResponsiblePerson(
        staffID: "st-squad-4", name: "赵强", role: "squad_member", phoneMasked: "139****5678", unitName: "城管执法中队")
    static let board = Registry.Board(
        street: street, subDistrictName: "东城街道", communityName: "和平里社区", gridName: "第十二网格 🧭",
        people: [person, otherPerson])
    static let responsibility = Registry.Responsibility(
        street: street, category: categoryItem, unit: unit, assignee: otherStaff,
        decidedBy: "override:street:str-001:0401")
    static let principal = Registry.Principal(
        tokenID: "tok-42", role: "handler", staffID: "st-grid-9", staffName: "李明")

    // MARK: Intake

    static let submitReportRequest = Intake.SubmitReportRequest(
        boardCode: "Kx9-Qm2", categoryCode: "0401",
        description: "人行道上有流动摊贩占道经营，晚高峰通行困难 🚶‍♀️🚧", contactPhone: "13912345678",
        hasLocation: true, lat: -33.856_78, lon: 151.215_3, idempotencyKey: "idem-7f3a", channel: "qr_board",
        externalRef: "station:RS01")
    static let submitReportResponse = Intake.SubmitReportResponse(
        caseID: "C20260101-0001", trackingCode: "TRK-8H2K", status: "received", receivedAtMs: 1_767_225_600_123,
        dueAtMs: .max, replayed: true)
    static let caseFailure = Dispatch.CaseFailure(
        caseID: "C20260101-0002", code: 9, reason: "unroutable_case", message: "无法为案件确定承办单位：街路不存在",
        field: "report.street_id")

    static let report = Intake.Report(
        caseID: "C20260101-0001", trackingCode: "TRK-8H2K", boardCode: "Kx9-Qm2", streetID: "str-001",
        streetName: "鼓楼东大街", subDistrictID: "sd-01", subDistrictName: "东城街道", categoryCode: "0401",
        categoryName: "占道经营", description: "井盖缺失，夜间有安全隐患 ⚠️", contactPhone: "13700001111",
        hasLocation: true, lat: 90, lon: -180, channel: "qr_board", receivedAtMs: 1_767_225_600_123,
        dueAtMs: -86_400_000, delivered: true, externalRef: "manifest:HM20261204-0001")

    // MARK: Dispatch

    static let assignee = Dispatch.Assignee(staffID: "st-grid-9", name: "李明", phone: "13912345678")
    static let statusChange = Dispatch.StatusChange(
        atMs: .min, fromStatus: "dispatched", toStatus: "resolved", actor: "staff:st-grid-9", note: "已清理完毕 ✅")
    static let otherStatusChange = Dispatch.StatusChange(
        atMs: 1_767_229_200_000, fromStatus: "resolved", toStatus: "closed", actor: "resident", note: "满意")
    static let dispatchCase = Dispatch.Case(
        caseID: "C20260101-0001", trackingCode: "TRK-8H2K", status: "closed", streetID: "str-001",
        streetName: "鼓楼东大街", subDistrictID: "sd-01", subDistrictName: "东城街道", categoryCode: "0401",
        categoryName: "占道经营", description: "人行道上有流动摊贩占道经营 🚧", contactPhone: "13912345678",
        receivedAtMs: 1_767_225_600_123, dueAtMs: 1_767_398_400_123, dispatchedAtMs: 1_767_225_600_456,
        closedAtMs: -1, assignee: assignee, unitID: "un-squad", unitName: "城管执法中队",
        timeline: [statusChange, otherStatusChange], hasLocation: true, lat: 39.940_1, lon: 116.403_9,
        externalRef: "manifest:HM20261204-0002")
    static let otherDispatchCase = Dispatch.Case(
        caseID: "C20260101-0002", trackingCode: "TRK-9Q3M", status: "reopened", streetID: "str-002",
        streetName: "南锣鼓巷", subDistrictID: "sd-02", subDistrictName: "西长安街街道", categoryCode: "0701",
        categoryName: "楼道堆物", description: "楼道里堆满纸箱 📦", contactPhone: "13600002222",
        receivedAtMs: 1, dueAtMs: 2, dispatchedAtMs: 3, closedAtMs: 4, assignee: assignee,
        unitID: "un-sd-02", unitName: "街道办事处", timeline: [otherStatusChange], hasLocation: true,
        lat: .greatestFiniteMagnitude, lon: .leastNonzeroMagnitude, externalRef: "station:RS02")

    // MARK: Metrics

    static let caseEvent = Metrics.CaseEvent(
        eventID: "C20260101-0001:3", caseID: "C20260101-0001", kind: "closed", atMs: 1_767_229_200_000,
        streetID: "str-001", streetName: "鼓楼东大街", subDistrictID: "sd-01", subDistrictName: "东城街道",
        dueAtMs: -5)
    static let otherCaseEvent = Metrics.CaseEvent(
        eventID: "C20260101-0002:1", caseID: "C20260101-0002", kind: "received", atMs: 1,
        streetID: "str-002", streetName: "南锣鼓巷", subDistrictID: "sd-02", subDistrictName: "西长安街街道",
        dueAtMs: .max)
    static let stats = Metrics.Stats(
        scope: "district", id: "d-xicheng", name: "西城区", received: .max, dispatched: 9_007_199_254_740_993,
        resolved: 1000, closed: 998, reopened: 17, due: 999, closedOnTime: 900, completionRate: 0.998,
        closureRate: 1, onTimeRate: 0.900_900_900_900_900_9, meanHandlingHours: 36.5)
    static let subDistrictStats = Metrics.Stats(
        scope: "sub_district", id: "sd-01", name: "东城街道", received: 4, dispatched: 3, resolved: 2, closed: 1,
        reopened: 5, due: 6, closedOnTime: 7, completionRate: 0.25, closureRate: 1.0 / 6, onTimeRate: 1e-300,
        meanHandlingHours: 0.5)
    static let streetStats = Metrics.Stats(
        scope: "street", id: "str-001", name: "鼓楼东大街 🛣️", received: 10, dispatched: 20, resolved: 30,
        closed: 40, reopened: 50, due: 60, closedOnTime: 70, completionRate: 0.1, closureRate: 0.2,
        onTimeRate: 0.3, meanHandlingHours: 12_345.678)

    // MARK: Every message

    /// One value of each message type with every field set.
    static let complete: [any ProtoMessage & Equatable] = [
        subDistrict,
        community,
        grid,
        unit,
        staff,
        street,
        categoryClass,
        categoryItem,
        rule,
        district,
        Registry.LoadDistrictRequest(district: district),
        Registry.LoadDistrictResponse(
            subDistricts: 2, communities: 300, grids: 70_000, units: 5, staff: .max, streets: 128,
            categoryItems: 2_147_483_648, rules: 16_384),
        Registry.ListStreetsRequest(subDistrictID: "sd-01"),
        Registry.ListStreetsResponse(streets: [street, otherStreet]),
        Registry.GetBoardRequest(boardCode: "Kx9-Qm2"),
        board,
        person,
        Registry.ListCategoriesRequest(),
        Registry.ListCategoriesResponse(classes: [categoryClass, otherCategoryClass]),
        Registry.ResolveResponsibilityRequest(streetID: "str-001", categoryCode: "0401"),
        responsibility,
        Registry.GetStaffRequest(staffID: "st-cadre-1"),
        Registry.CreateTokenRequest(role: "handler", staffID: "st-grid-9"),
        Registry.CreateTokenResponse(token: "jlt_3q9ZxVb7Lk2Wm8Rt", tokenID: "tok-42"),
        Registry.AuthenticateRequest(token: "jlt_3q9ZxVb7Lk2Wm8Rt"),
        principal,

        submitReportRequest,
        submitReportResponse,
        Intake.GetReportRequest(trackingCode: "TRK-8H2K", caseID: "C20260101-0001"),
        report,

        Dispatch.AcceptCaseRequest(report: report),
        Dispatch.AcceptCaseResponse(caseID: "C20260101-0001", status: "dispatched", duplicate: true),
        Dispatch.AcceptCasesRequest(cases: [Dispatch.AcceptCaseRequest(report: report)]),
        Dispatch.AcceptCasesResponse(
            results: [Dispatch.AcceptCaseResponse(caseID: "C20260101-0001", status: "resolved", duplicate: true)],
            failure: caseFailure),
        caseFailure,
        Dispatch.GetCaseRequest(caseID: "C20260101-0001", trackingCode: "TRK-8H2K"),
        assignee,
        statusChange,
        dispatchCase,
        Dispatch.ListCasesRequest(
            status: "reopened", assigneeStaffID: "st-grid-9", limit: 200, pageToken: "cursor:C20260101-0001"),
        Dispatch.ListCasesResponse(cases: [dispatchCase, otherDispatchCase], nextPageToken: "cursor:C20260101-0002"),
        Dispatch.ResolveCaseRequest(
            caseID: "C20260101-0001", actorStaffID: "st-grid-9", note: "已清理 🧹", requireAssignee: true),
        Dispatch.ConfirmCaseRequest(trackingCode: "TRK-8H2K", satisfied: true, comment: "处理及时，谢谢！👍"),

        caseEvent,
        Metrics.RecordEventsRequest(events: [caseEvent, otherCaseEvent]),
        Metrics.RecordEventsResponse(recorded: 4_000_000_000, duplicates: 7),
        Metrics.GetSummaryRequest(nowMs: -1, includeStreets: true),
        stats,
        Metrics.Summary(
            asOfMs: 1_767_229_200_000, district: stats, subDistricts: [subDistrictStats, stats],
            streets: [streetStats]),
    ]

    /// Values with empty strings, empty arrays, absent and empty nested
    /// messages, empty strings inside repeated fields, and extreme numbers.
    static let edgeCases: [any ProtoMessage & Equatable] = [
        Registry.District(),
        Registry.District(id: "", subDistricts: [Registry.SubDistrict()], streets: []),
        Registry.Board(street: Registry.Street(), people: []),
        Registry.Board(street: nil, people: [Registry.ResponsiblePerson(), person]),
        Registry.Unit(subDistrictIDs: ["", "sd-01", ""]),
        Registry.Street(cadreIDs: [""]),
        Registry.Responsibility(street: nil, category: Registry.CategoryItem(), unit: nil, assignee: nil),
        Registry.LoadDistrictResponse(subDistricts: 1),
        Intake.SubmitReportRequest(description: String(repeating: "长文本🚧", count: 20_000)),
        Intake.Report(hasLocation: false, lat: .infinity, lon: -.infinity),
        Dispatch.AcceptCaseRequest(report: nil),
        Dispatch.AcceptCaseRequest(report: Intake.Report()),
        Dispatch.AcceptCasesRequest(),
        Dispatch.AcceptCasesResponse(results: [], failure: Dispatch.CaseFailure()),
        Dispatch.Case(closedAtMs: .min, timeline: [Dispatch.StatusChange(), statusChange]),
        Dispatch.ListCasesResponse(cases: [Dispatch.Case()], nextPageToken: ""),
        Metrics.Summary(district: nil, subDistricts: [], streets: [Metrics.Stats()]),
        Metrics.Stats(received: 1, completionRate: -.leastNormalMagnitude),
        Metrics.GetSummaryRequest(nowMs: .min),
        Metrics.RecordEventsRequest(events: []),
    ]
}
