import JieluContract
import JieluCore

/// The small district every gateway test runs against.
enum Fixtures {
    static let boardCode = "JV8U7FN7Z52VE9UJ"
    /// The board of the street whose name carries an HTML injection attempt.
    static let hostileBoardCode = "252539QG4364XFT7"
    /// Well-formed, but no street has it.
    static let unknownBoardCode = "2222222222222222"
    static let hostileStreetName = "<script>alert(\"x\")</script>同乐街"

    static let residentPhone = "13912345678"
    static let handlerA = Registry.Staff(id: "S0001", name: "张伟", role: "squad_member", unitID: "U-SQ1", phone: "13800000001")
    static let handlerB = Registry.Staff(id: "S0002", name: "李娜", role: "grid_staff", unitID: "U-SO1", phone: "13800000002")

    /// Bearer tokens the fake registry accepts.
    enum Token {
        static let admin = "admin-token-0001"
        static let adminWithoutStaff = "admin-token-0002"
        static let dispatcher = "dispatcher-token-0001"
        static let handlerA = "handler-token-A"
        static let handlerB = "handler-token-B"
    }

    static let streets = [
        Registry.Street(
            id: "ST001", name: "勤俭大路", grade: "A", subDistrictID: "SD01", communityID: "C0102", gridID: "G010201",
            boardCode: boardCode, cadreIDs: ["S0165"], subDistrictName: "柏溪街道", communityName: "鸿福社区"),
        Registry.Street(
            id: "ST002", name: hostileStreetName, grade: "C", subDistrictID: "SD02", communityID: "C0201", gridID: "G020101",
            boardCode: hostileBoardCode, cadreIDs: ["S0124"], subDistrictName: "明德街道", communityName: "<b>和平</b>社区"),
    ]

    static let categories = [
        Registry.CategoryClass(code: "01", name: "市容环境", items: [
            Registry.CategoryItem(code: "0101", name: "暴露垃圾", timeLimitHours: 24, area: "public"),
            Registry.CategoryItem(code: "0102", name: "道路不洁", timeLimitHours: 12, area: "public"),
        ]),
        Registry.CategoryClass(code: "04", name: "设施管理", items: [
            Registry.CategoryItem(code: "0401", name: "路面积水", timeLimitHours: 48, area: "residential"),
        ]),
    ]

    static func board(for street: Registry.Street) -> Registry.Board {
        Registry.Board(
            street: street, subDistrictName: street.subDistrictName, communityName: street.communityName,
            gridName: "第1网格",
            people: [
                Registry.ResponsiblePerson(staffID: "S0165", name: "肖明轩", role: "street_cadre", phoneMasked: "152****3698", unitName: "区直机关"),
                Registry.ResponsiblePerson(staffID: "S0253", name: "王<i>强</i>", role: "sub_district_leader", phoneMasked: "139****0001", unitName: "柏溪街道办事处"),
                Registry.ResponsiblePerson(staffID: "S0298", name: "刘洋", role: "grid_staff", phoneMasked: "137****1234", unitName: "柏溪街道办事处"),
                Registry.ResponsiblePerson(staffID: "S0434", name: "第一城管中队", role: "squad_member", phoneMasked: "136****7777", unitName: "第一城管中队"),
            ])
    }

    static func item(_ code: String) -> Registry.CategoryItem? {
        for categoryClass in categories {
            if let item = categoryClass.items.first(where: { $0.code == code }) {
                return item
            }
        }
        return nil
    }

    /// Builds a dispatched case assigned to `assignee`, received an hour ago.
    static func dispatchedCase(
        caseID: String, trackingCode: String = RandomCode.make(length: 10), assignee: Registry.Staff = handlerA,
        status: String = "dispatched", dueInHours: Int64 = 24
    ) -> Dispatch.Case {
        let now = WallClock.nowMilliseconds()
        let received = now - 3_600_000
        return Dispatch.Case(
            caseID: caseID, trackingCode: trackingCode, status: status, streetID: "ST001", streetName: "勤俭大路",
            subDistrictID: "SD01", subDistrictName: "柏溪街道", categoryCode: "0101", categoryName: "暴露垃圾",
            description: "超市后门有垃圾堆放", contactPhone: residentPhone, receivedAtMs: received,
            dueAtMs: received + dueInHours * 3_600_000, dispatchedAtMs: received + 1_000,
            assignee: Dispatch.Assignee(staffID: assignee.id, name: assignee.name, phone: assignee.phone),
            unitID: assignee.unitID, unitName: "第一城管中队",
            timeline: [
                Dispatch.StatusChange(atMs: received + 1_000, fromStatus: "", toStatus: "dispatched", actor: "system", note: "按类别派遣"),
            ])
    }
}
