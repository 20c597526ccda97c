/// Simplified Chinese labels for the codes the backing services use, as
/// residents and staff see them in JSON and on pages.
///
/// An unknown code gets a neutral label rather than the raw code, so a
/// backend that adds a value does not show English to residents.
enum Labels {
    /// Labels a case status: received, dispatched, resolved, reopened, closed.
    static func status(_ status: String) -> String {
        switch status {
        case "received": "已受理"
        case "dispatched": "已派遣"
        case "resolved": "已处置"
        case "reopened": "已重新交办"
        case "closed": "已结案"
        default: "处理中"
        }
    }

    /// Labels who changed a case's status: "resident", "system" or "staff:<id>".
    static func actor(_ actor: String) -> String {
        if actor == "resident" {
            return "市民"
        }
        if actor == "system" {
            return "系统"
        }
        return "处置人员"
    }

    /// Labels a staff role on a street's board.
    static func boardRole(_ role: String) -> String {
        switch role {
        case "street_cadre": "街路长"
        case "sub_district_leader": "包保领导"
        case "grid_staff": "网格员"
        case "squad_member": "城管中队"
        default: "工作人员"
        }
    }

    /// Labels a category item's area: "public" or "residential".
    static func area(_ area: String) -> String {
        switch area {
        case "public": "公共区域"
        case "residential": "居民小区"
        default: "其他"
        }
    }

    /// Labels a street's grade: "A", "B" or "C".
    static func grade(_ grade: String) -> String {
        grade.isEmpty ? "未分级" : "\(grade) 级街路"
    }
}
